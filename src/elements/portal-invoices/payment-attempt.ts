/**
 * One Idempotency-Key per payment attempt. The key is kept while the outcome of an attempt is unknown
 * (in flight, or the connection dropped) and the customer re-sends the same payment, so the backend
 * answers with the payment already made instead of charging again. A changed payment, a success or a
 * definite refusal starts a new attempt with a new key.
 */
import type { PaymentBody } from '../../adapter/portal-adapter.js';
import type { PortalError } from '../../adapter/portal-error.js';
import { msg } from '../../i18n/msg.js';

/**
 * Whether a failed payment may have been charged all the same: no answer, a gateway error, or an answer
 * that could not be read. Only the processor's own "not charged" (PAYMENT_FAILED) and clear refusals
 * are known outcomes. While unknown, the attempt keeps its key, so pressing Pay again cannot charge twice.
 */
export function paymentOutcomeUnknown(error: PortalError): boolean {
  return (
    paymentStillProcessing(error) ||
    error.code === 'NETWORK' ||
    error.code === 'ABORTED' ||
    error.code === 'BAD_RESPONSE' ||
    (error.status !== undefined && error.status >= 500 && error.code !== 'PAYMENT_FAILED')
  );
}

/**
 * The same payment sent again while the first is still with the processor: the backend has no answer
 * for its key yet (a CONFLICT that says when to ask again). Not a refusal: the first may yet be charged.
 */
export function paymentStillProcessing(error: PortalError): boolean {
  return error.code === 'CONFLICT' && error.details.retryAfterSeconds !== undefined;
}

/** What a payment form says while the outcome is unknown: why, and that Pay again cannot charge twice. */
export function unknownOutcomeText(error: PortalError): string {
  return paymentStillProcessing(error)
    ? msg('Your payment is still being processed. Wait a moment, then press Pay again to see whether it went through: you will not be charged twice.')
    : msg(
        'The connection dropped before we heard back, so we can’t tell whether the payment went through. Press Pay again to find out: if it did, you will see its receipt and will not be charged twice. Until then, the amount and card stay as they are.',
      );
}

function newKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class PaymentAttempts {
  #key: string | null = null;
  #fingerprint = '';

  /** The key for this request: the open attempt's when it is the same payment, else a new one. */
  keyFor(request: PaymentBody): string {
    // Held in memory only, for the life of the form; never stored or sent anywhere but the backend.
    const fingerprint = JSON.stringify(request);
    if (!this.#key || fingerprint !== this.#fingerprint) {
      this.#key = newKey();
      this.#fingerprint = fingerprint;
    }
    return this.#key;
  }

  /** The attempt ended with a known outcome (paid, declined, refused): the next one gets a new key. */
  settle() {
    this.#key = null;
    this.#fingerprint = '';
  }
}
