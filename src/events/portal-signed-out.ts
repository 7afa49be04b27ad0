export interface PortalSignedOutDetail {
  /**
   * `user`: the customer signed out here; `expired`: the session ended on its own; `elsewhere`: the
   * customer signed out in another tab of this browser (told by `<portal-login>`).
   */
  reason: 'user' | 'expired' | 'elsewhere';
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
