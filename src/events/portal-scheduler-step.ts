/** The steps of `<portal-scheduler>`. `contact` is asked only on the public site (not signed in). */
export type SchedulerStep = 'where' | 'what' | 'when' | 'photos' | 'contact' | 'review';

export interface PortalSchedulerStepDetail {
  step: SchedulerStep;
  /** 1-based position of the step. */
  number: number;
  /** How many steps this customer has (5 signed in, 6 on the public site). */
  count: number;
  /** How the customer got here: `next`, `back`, `change` (from the review), `start` (opened or restored). */
  via: 'next' | 'back' | 'change' | 'start';
  signedIn: boolean;
}

/** The customer moved to another step of `<portal-scheduler>`: for analytics. No form content is included. */
export class PortalSchedulerStepEvent extends Event {
  static readonly eventName = 'portal-scheduler-step';
  readonly detail: PortalSchedulerStepDetail;
  constructor(detail: PortalSchedulerStepDetail) {
    super(PortalSchedulerStepEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-scheduler-step': PortalSchedulerStepEvent;
  }
}
