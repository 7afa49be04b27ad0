import type { Payment } from '../model/payment.js';

export interface PortalPaymentSucceededDetail {
  /** The recorded payment: amount, currency, receipt number, how it split across invoices, and the
   * card's brand and last four digits (nothing more of the card is ever kept). */
  payment: Payment;
}

/** A card payment went through. The balance shown by every element on the page reloads. */
export class PortalPaymentSucceededEvent extends Event {
  static readonly eventName = 'portal-payment-succeeded';
  readonly detail: PortalPaymentSucceededDetail;
  constructor(detail: PortalPaymentSucceededDetail) {
    super(PortalPaymentSucceededEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-payment-succeeded': PortalPaymentSucceededEvent;
  }
}
