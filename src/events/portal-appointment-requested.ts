export interface PortalAppointmentRequestedDetail {
  /** The account the visit would be for. */
  customerId: string;
  /** Locations of that account the customer may book for (ids and names). */
  locations: { id: string; name: string }[];
}

/**
 * The customer pressed "Request a visit" in `<portal-visits>`. A host page or a scheduler
 * element that takes over calls `preventDefault()`; when no one does, the element shows how to
 * book by phone instead.
 */
export class PortalAppointmentRequestedEvent extends Event {
  static readonly eventName = 'portal-appointment-requested';
  readonly detail: PortalAppointmentRequestedDetail;
  constructor(detail: PortalAppointmentRequestedDetail) {
    super(PortalAppointmentRequestedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-appointment-requested': PortalAppointmentRequestedEvent;
  }
}
