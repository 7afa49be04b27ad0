export interface PortalEstimateChangesRequestedDetail {
  estimateId: string;
  version: number;
}

/**
 * The customer asked for changes to an estimate; the backend recorded the request. Their message
 * is not in the event (it is for the office): read it from the office's records.
 */
export class PortalEstimateChangesRequestedEvent extends Event {
  static readonly eventName = 'portal-estimate-changes-requested';
  readonly detail: PortalEstimateChangesRequestedDetail;
  constructor(detail: PortalEstimateChangesRequestedDetail) {
    super(PortalEstimateChangesRequestedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-estimate-changes-requested': PortalEstimateChangesRequestedEvent;
  }
}
