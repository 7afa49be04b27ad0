/** What every step's render helper gets from `<portal-scheduler>`: the draft, the data, and the actions. */
import type { PortalError } from '../../adapter/portal-error.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import type { Availability, SchedulerConfig, ServiceLocation } from '../../model/scheduler.js';
import type { PublicSettings } from '../../model/settings.js';
import type { Problems } from './checks.js';
import type { DateGridSelectEvent } from './date-grid.js';
import type { AddressDraft, ContactDraft, SchedulerDraft } from './draft.js';

export interface SchedulerActions {
  edit(change: Partial<SchedulerDraft>): void;
  editAddress(change: Partial<AddressDraft>): void;
  editContact(change: Partial<ContactDraft>): void;
  toggleDay(date: string): void;
  removeDay(date: string): void;
  chooseWindow(date: string, windowId: string): void;
  toggleGrid(): void;
  gridSelect(event: DateGridSelectEvent): void;
  addPhotos(files: File[]): void;
  removePhoto(index: number): void;
  /** From the review: go back to a step to change it. */
  change(step: SchedulerStep): void;
  /** Load what failed again (availability, locations). */
  retry(): void;
}

export interface StepView {
  draft: SchedulerDraft;
  problems: Problems;
  config: SchedulerConfig;
  settings: PublicSettings;
  locale: string;
  signedIn: boolean;
  /** The signed-in email, to say where the answer goes. */
  email: string | null;
  /** Signed in: the account's locations; `null` while they load. */
  locations: ServiceLocation[] | null;
  locationsError: PortalError | null;
  availability: Availability | null;
  availabilityError: PortalError | null;
  /** The contractor's zone, the browser's, whether their clocks differ, and the instant they were compared at. */
  zone: { contractor: string; browser: string; differs: boolean; at: Date };
  gridOpen: boolean;
  /** The day the month grid opened on. */
  gridStart: string;
  photoBusy: boolean;
  /** The step's polite status line: photos added or removed, a preferred day added or removed. */
  notice: string;
  act: SchedulerActions;
}

/**
 * Whether the step's fields are on screen: not while the data they sit among (the open days, the
 * account's locations) loads, failed or is empty. Their problems are then shown by the form's alert,
 * which otherwise only says them (alertMessage): a refused day, its days' reload failed, stays in sight.
 */
export function fieldsDrawn(step: SchedulerStep, v: StepView): boolean {
  if (step === 'when') return !v.availabilityError && (v.availability?.days.some((day) => day.available) ?? false);
  if (step === 'where' && v.signedIn) return !v.locationsError && (v.locations?.length ?? 0) > 0;
  return true;
}
