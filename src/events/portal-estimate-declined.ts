export interface PortalEstimateDeclinedDetail {
  estimateId: string;
  version: number;
}

/**
 * The customer declined an estimate; the backend recorded it. The reason they typed is not in the
 * event (it is the customer's own words, for the office): read it from the office's records.
 */
export class PortalEstimateDeclinedEvent extends Event {
  static readonly eventName = 'portal-estimate-declined';
  readonly detail: PortalEstimateDeclinedDetail;
  constructor(detail: PortalEstimateDeclinedDetail) {
    super(PortalEstimateDeclinedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-estimate-declined': PortalEstimateDeclinedEvent;
  }
}
