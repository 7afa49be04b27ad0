export interface PortalEstimateApprovedDetail {
  estimateId: string;
  /** The version approved: an office edit afterwards makes a new one, to approve again. */
  version: number;
  /** The option chosen; the others are declined with it. */
  optionId: string;
}

/** The customer approved an estimate (signed with their typed name); the backend recorded it. */
export class PortalEstimateApprovedEvent extends Event {
  static readonly eventName = 'portal-estimate-approved';
  readonly detail: PortalEstimateApprovedDetail;
  constructor(detail: PortalEstimateApprovedDetail) {
    super(PortalEstimateApprovedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-estimate-approved': PortalEstimateApprovedEvent;
  }
}
