export interface PortalAccountChangedDetail {
  /** The customer account ("Bill to") every element now shows. */
  customerId: string;
  name: string;
}

/** The customer chose another account in `<portal-account-switcher>`; every element follows it. */
export class PortalAccountChangedEvent extends Event {
  static readonly eventName = 'portal-account-changed';
  readonly detail: PortalAccountChangedDetail;
  constructor(detail: PortalAccountChangedDetail) {
    super(PortalAccountChangedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-account-changed': PortalAccountChangedEvent;
  }
}
