/** The sections of `<portal-app>`, as they appear in its address (`#portal=visits`, `/account/visits`). */
export type PortalSection = 'invoices' | 'estimates' | 'history' | 'memberships' | 'equipment' | 'visits' | 'request';

export interface PortalSectionChangedDetail {
  /** The section now shown. */
  section: PortalSection;
  /** The section shown before, or `null` for the first one shown after signing in. */
  previous: PortalSection | null;
  /**
   * How it changed: the customer chose it (`navigation`), the browser's Back or Forward or a link
   * (`address`), or the contractor's settings or the customer's access took the previous one away
   * (`settings`); `start` for the first section shown.
   */
  via: 'start' | 'navigation' | 'address' | 'settings';
}

/** `<portal-app>` shows another section (for analytics, or a host page's own breadcrumb). */
export class PortalSectionChangedEvent extends Event {
  static readonly eventName = 'portal-section-changed';
  readonly detail: PortalSectionChangedDetail;
  constructor(detail: PortalSectionChangedDetail) {
    super(PortalSectionChangedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-section-changed': PortalSectionChangedEvent;
  }
}
