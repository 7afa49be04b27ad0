import type { Session } from '../model/session.js';

export interface PortalSignedInDetail {
  email: string;
  /** Customer accounts this sign-in reaches. */
  accounts: Session['accounts'];
  /** `true` when the account was just created. */
  newAccount: boolean;
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
