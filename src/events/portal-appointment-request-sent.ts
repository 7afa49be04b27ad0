import type { PreferredDay } from '../model/booking-request.js';

export interface PortalAppointmentRequestSentDetail {
  /** The reference the customer was given, e.g. "AR-100023". */
  reference: string;
  /** The service asked for. */
  service: { id: string; name: string };
  /** The preferred days, each a `YYYY-MM-DD` date in the contractor's time zone with an arrival-window id. */
  preferredDays: PreferredDay[];
  /** Whether a signed-in customer sent it (`false` on the public site). No contact details are included. */
  signedIn: boolean;
}

/**
 * `<portal-scheduler>` sent an appointment request and the office's queue has it. It is not booked:
 * the office reviews it and answers.
 */
export class PortalAppointmentRequestSentEvent extends Event {
  static readonly eventName = 'portal-appointment-request-sent';
  readonly detail: PortalAppointmentRequestSentDetail;
  constructor(detail: PortalAppointmentRequestSentDetail) {
    super(PortalAppointmentRequestSentEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-appointment-request-sent': PortalAppointmentRequestSentEvent;
  }
}
