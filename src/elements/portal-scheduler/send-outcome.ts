/**
 * What a failed send means for the customer, decided from the error alone (pure, so each case is
 * easy to test): whether the Idempotency-Key must be kept, and what to show where.
 */
import { msg } from '../../i18n/msg.js';
import type { PortalError } from '../../adapter/portal-error.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import { describeError } from '../../internal/error-messages.js';
import type { ServiceLocation } from '../../model/scheduler.js';
import type { PublicSettings } from '../../model/settings.js';
import { fieldOf, outsideAreaText, type Problems } from './checks.js';
import type { SchedulerDraft } from './draft.js';

export type SendOutcome =
  /** Keep the key; say so above the Send button. */
  | { kind: 'unknown'; alert: string }
  /** The session ended: the element signs out, and says why on the public form it falls back to. */
  | { kind: 'signed-out'; alert: string }
  /** Go to the step with the field at fault; `reloadDays` when the open days changed meanwhile. */
  | { kind: 'field'; step: SchedulerStep; problems: Problems; reloadDays: boolean; alert?: string }
  /** A refusal to say above the Send button. */
  | { kind: 'alert'; alert: string };

export interface SendFailure {
  error: PortalError;
  draft: SchedulerDraft;
  signedIn: boolean;
  settings: PublicSettings;
  locations: readonly ServiceLocation[];
}

/**
 * No answer, or one we could not read: the request may be in the queue, so the key is kept and
 * pressing Send again returns that request instead of making a second one.
 */
export function outcomeUnknown(error: PortalError): boolean {
  return error.code === 'NETWORK' || error.code === 'ABORTED' || error.code === 'BAD_RESPONSE' || (error.status ?? 0) >= 500;
}

/**
 * Whether the attempt's Idempotency-Key stays for the next Send. Only a refusal of the request
 * itself (a field, a limit) settles it. Not knowing the outcome keeps it, and so does a refusal that
 * judged nothing of the request (the session ended, online requests turned off): an earlier attempt
 * whose answer was lost may be in the queue, and the same key finds it.
 */
export function keyStays(error: PortalError): boolean {
  return outcomeUnknown(error) || error.code === 'SESSION_EXPIRED' || error.code === 'FEATURE_DISABLED';
}

export function sendOutcome({ error, draft, signedIn, settings, locations }: SendFailure): SendOutcome {
  if (outcomeUnknown(error)) {
    return {
      kind: 'unknown',
      alert: msg(
        'The connection dropped before we heard back, so we can’t tell whether your request arrived. Press Send again: if it did, you’ll see its reference and no second request is made.',
      ),
    };
  }
  if (error.code === 'SESSION_EXPIRED') {
    return { kind: 'signed-out', alert: msg('Your session ended before the request was sent. Sign in again to send it: what you entered is kept.') };
  }
  // A body over the server's limit: with photos, they are what makes it large.
  if (error.status === 413 && draft.photos.length > 0) {
    return {
      kind: 'field',
      step: 'photos',
      problems: { photos: msg('These photos are too large to send together. Remove one (or two) and send again.') },
      reloadDays: false,
    };
  }
  const field = fieldOf(error.details.field, draft, signedIn);
  if (error.code === 'OUTSIDE_SERVICE_AREA') {
    const atLocation = signedIn && !draft.otherAddress;
    const where = field ?? { step: 'where' as const, name: atLocation ? 'location' : 'zip' };
    const zip = atLocation ? (locations.find((l) => l.locationId === draft.locationId)?.address.zip ?? '') : draft.address.zip;
    return { kind: 'field', step: where.step, problems: { [where.name]: outsideAreaText(zip, settings) }, reloadDays: false };
  }
  if (error.code === 'DAY_UNAVAILABLE') {
    return {
      kind: 'field',
      step: 'when',
      problems: { [field?.name ?? 'days']: msg('This day or arrival window is no longer open. Choose another.') },
      reloadDays: true,
    };
  }
  if (error.code === 'VALIDATION' && field) {
    // The field's own words say "this": the alert says the general sentence (focus goes to the field).
    return { kind: 'field', step: field.step, problems: { [field.name]: msg('Check this: it was not accepted.') }, reloadDays: false, alert: describeError(error, settings) };
  }
  return { kind: 'alert', alert: describeError(error, settings) };
}
