import type { PortalErrorCode } from '../adapter/portal-error.js';

export interface PortalPaymentFailedDetail {
  /** Why: `PAYMENT_DECLINED`, `INSUFFICIENT_FUNDS`, `PAYMENT_FAILED`, `NETWORK`, `CONFLICT`, `VALIDATION`… */
  code: PortalErrorCode;
  /** What the attempt asked for, in minor units of `currency`. */
  amount: number;
  currency: string;
  /** The invoices the attempt listed; empty for "Pay all" (`allOpen`). */
  invoiceIds: string[];
  /** "Pay all": every open invoice, oldest due first, for the balance's total due. */
  allOpen: boolean;
  /**
   * `true` when the outcome is unknown: the connection dropped, a gateway failed, or the first attempt
   * is still being processed (then `code` is `CONFLICT`: not a changed balance). Pressing Pay again
   * re-sends the same Idempotency-Key, so the card is never charged twice. Read it before `code`.
   */
  outcomeUnknown: boolean;
}

/** A payment attempt did not go through. No card data is included. */
export class PortalPaymentFailedEvent extends Event {
  static readonly eventName = 'portal-payment-failed';
  readonly detail: PortalPaymentFailedDetail;
  constructor(detail: PortalPaymentFailedDetail) {
    super(PortalPaymentFailedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-payment-failed': PortalPaymentFailedEvent;
  }
}
