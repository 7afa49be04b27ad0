import type { Session } from '../model/session.js';

export interface PortalSignedInDetail {
  email: string;
  /** Customer accounts this sign-in reaches. */
  accounts: Session['accounts'];
  /** `true` when the account was just created. */
  newAccount: boolean;
  /**
   * `true` when the customer did not sign in on this card just now: the session was kept from an
   * earlier visit (a reload), came from another tab, or was handed over by the page. Told once per session.
   */
  restored: boolean;
}

/** A customer signed in (or created an account and is now signed in). */
export class PortalSignedInEvent extends Event {
  static readonly eventName = 'portal-signed-in';
  readonly detail: PortalSignedInDetail;
  constructor(detail: PortalSignedInDetail) {
    super(PortalSignedInEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-signed-in': PortalSignedInEvent;
  }
}
