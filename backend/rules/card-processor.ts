/**
 * A simulated card processor, the reference backend's stand-in for Stripe, Adyen, Worldpay…
 * Documented test numbers (docs/contract/billing.md) give each outcome a payment page must handle.
 * The processor sees the full card; what it hands back, and all the backend ever keeps, is the
 * brand and the last four digits.
 */
import { brandOf, cardDigits as digitsOnly, passesLuhn, type CardBrand } from '../../src/model/card-number.js';
import type { Queryable } from '../dialects/portal-database.js';
import { randomId } from './crypto.js';

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode: string;
}

export type ChargeOutcome =
  | { outcome: 'approved'; brand: CardBrand; last4: string; chargeId: string }
  /** The processor charged the card, then the answer never reached the customer (connection lost). */
  | { outcome: 'approved-answer-lost'; brand: CardBrand; last4: string; chargeId: string }
  | { outcome: 'declined'; reason: 'card_declined' | 'insufficient_funds' }
  /** The processor could not be reached or failed: nothing was charged. */
  | { outcome: 'processor-error' };

/** Documented test numbers. Any other number that passes the checks is approved. */
export const TEST_CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  discover: '6011111111111117',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processorError: '4000000000000119',
  networkFailure: '4000000000007700',
  /** Charged at once, answered after SLOW_CARD_DELAY_MS: for killing a server in the middle of a payment. */
  slow: '4000000000003204',
} as const;

/** Why a card cannot be charged before asking the processor, as `{field, message}`; null when it can. */
export function cardProblem(card: CardInput, now: Date): { field: string; message: string } | null {
  const digits = digitsOnly(card.number);
  if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) {
    return { field: 'card.number', message: 'The card number is not valid.' };
  }
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    return { field: 'card.expMonth', message: 'The expiry month is not valid.' };
  }
  if (!Number.isInteger(card.expYear) || card.expYear < 2000 || card.expYear > 2100) {
    return { field: 'card.expYear', message: 'The expiry year is not valid.' };
  }
  // A card works through the last day of its expiry month.
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (card.expYear * 12 + (card.expMonth - 1) < thisMonth) {
    return { field: 'card.expYear', message: 'The card has expired.' };
  }
  const cvcLength = brandOf(digits) === 'Amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc)) {
    return { field: 'card.cvc', message: `The security code is ${cvcLength} digits.` };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(card.postalCode.trim())) {
    return { field: 'card.postalCode', message: 'The postal code is not valid.' };
  }
  return null;
}

/**
 * The processor seam. A real one (Stripe, Adyen, Worldpay …) is called with the backend's idempotency
 * key, so a retry after a crash or a lost answer returns the first charge instead of charging again;
 * the backend keeps only the brand and the last four digits it hands back. See docs/contract/billing.md.
 */
export interface CardProcessor {
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Gives the money back (a charge the backend could not apply, e.g. the invoice was paid meanwhile). */
  refund(idempotencyKey: string): Promise<void>;
}

export interface ChargeRequest {
  /**
   * One claim of the customer's Idempotency-Key (a new one each time the key is claimed anew, so never
   * reused for another payment): the processor answers a repeated key with its first answer, and
   * refuses one repeated with another amount or currency.
   */
  idempotencyKey: string;
  amount: number;
  currency: string;
  card: CardInput;
}

/** How long the "slow processor" test card keeps the backend waiting after charging. */
export const SLOW_CARD_DELAY_MS = 3_000;

/**
 * The reference backend's simulated processor. Its ledger is a table of its own (`processor_charges`),
 * written in its own transaction, as a real processor's books are: a server killed after the charge
 * and before it recorded the payment finds the charge again when the customer retries with the key.
 */
export class SimulatedProcessor implements CardProcessor {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
  ) {}

  async charge({ idempotencyKey, amount, currency, card }: ChargeRequest): Promise<ChargeOutcome> {
    const digits = digitsOnly(card.number);
    const brand = brandOf(digits);
    const last4 = digits.slice(-4);
    if (digits === TEST_CARDS.processorError) return { outcome: 'processor-error' };
    const outcome =
      digits === TEST_CARDS.declined ? 'card_declined' : digits === TEST_CARDS.insufficientFunds ? 'insufficient_funds' : 'approved';
    await this.db
      .insertInto('processor_charges')
      .values({
        idempotency_key: idempotencyKey,
        charge_id: randomId('ch'),
        amount,
        currency,
        outcome,
        brand: outcome === 'approved' ? brand : null,
        last4: outcome === 'approved' ? last4 : null,
        created_at: this.now().toISOString(),
        refunded_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    // The first answer for this key, whoever wrote it: a repeated key never charges twice.
    const row = await this.db.selectFrom('processor_charges').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow();
    // As a real processor does: a key used again for another amount or currency is an error, never the
    // earlier approval; nor is a charge given back.
    if (row.amount !== amount || row.currency !== currency || row.refunded_at !== null) return { outcome: 'processor-error' };
    if (digits === TEST_CARDS.slow) await new Promise((resolve) => setTimeout(resolve, SLOW_CARD_DELAY_MS));
    if (row.outcome !== 'approved') return { outcome: 'declined', reason: row.outcome as 'card_declined' | 'insufficient_funds' };
    const approved = { brand: row.brand as CardBrand, last4: row.last4 ?? last4, chargeId: row.charge_id };
    return digits === TEST_CARDS.networkFailure ? { outcome: 'approved-answer-lost', ...approved } : { outcome: 'approved', ...approved };
  }

  async refund(idempotencyKey: string): Promise<void> {
    await this.db
      .updateTable('processor_charges')
      .set({ refunded_at: this.now().toISOString() })
      .where('idempotency_key', '=', idempotencyKey)
      .where('refunded_at', 'is', null)
      .execute();
  }
}
