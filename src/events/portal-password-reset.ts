export interface PortalPasswordResetDetail {
  /** `requested`: a reset email was asked for; `completed`: a new password was set from a link. */
  stage: 'requested' | 'completed';
}

/** A step of the password-reset flow finished. The email address is not included on purpose. */
export class PortalPasswordResetEvent extends Event {
  static readonly eventName = 'portal-password-reset';
  readonly detail: PortalPasswordResetDetail;
  constructor(detail: PortalPasswordResetDetail) {
    super(PortalPasswordResetEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-password-reset': PortalPasswordResetEvent;
  }
}
