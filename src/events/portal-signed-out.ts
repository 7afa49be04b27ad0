export interface PortalSignedOutDetail {
  /** `user`: the customer signed out; `expired`: the session ended on its own. */
  reason: 'user' | 'expired';
}

/** The session ended. Fired by `<portal-provider>` so the host page hears it once, whatever caused it. */
export class PortalSignedOutEvent extends Event {
  static readonly eventName = 'portal-signed-out';
  readonly detail: PortalSignedOutDetail;
  constructor(detail: PortalSignedOutDetail) {
    super(PortalSignedOutEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-signed-out': PortalSignedOutEvent;
  }
}
