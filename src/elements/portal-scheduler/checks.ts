/**
 * The checks each step makes before Next, as messages on the fields at fault. The backend repeats
 * them (and decides); these spare the customer a round trip and say precisely what to fix.
 */
import { msg, str } from '../../i18n/msg.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import type { Availability, AvailabilityDay, SchedulerConfig, ServiceLocation } from '../../model/scheduler.js';
import { DESCRIPTION_MAX_LENGTH, inServiceArea, nameHasAddress } from '../../model/scheduling-rules.js';
import { isMailbox } from '../../model/mailbox.js';
import type { PublicSettings } from '../../model/settings.js';
import type { SchedulerDraft } from './draft.js';
import { reasonText } from './scheduler-text.js';

/** Field name → what is wrong with it. Day fields are `day-<date>`. */
export type Problems = Record<string, string>;

export interface CheckContext {
  signedIn: boolean;
  config: SchedulerConfig;
  settings: PublicSettings;
  /** The signed-in account's locations (empty on the public site). */
  locations: readonly ServiceLocation[];
  availability: Availability | null;
  locale: string;
}

export function outsideAreaText(zip: string, settings: PublicSettings): string {
  return msg(
    str`We don’t serve ${zip.trim()} yet. Call ${settings.companyName} at ${settings.companyPhone}: we may still be able to help, or suggest someone who can.`,
  );
}

export function phoneDigits(phone: string): number {
  return phone.replace(/\D/g, '').length;
}

function checkZip(zip: string, ctx: CheckContext, problems: Problems) {
  if (!zip.trim()) problems.zip = msg('Enter the postal code of the address.');
  else if (!inServiceArea(zip, ctx.config.serviceArea.postalCodes)) problems.zip = outsideAreaText(zip, ctx.settings);
}

function checkStreet(draft: SchedulerDraft, problems: Problems) {
  if (!draft.address.street.trim()) problems.street = msg('Enter the street address.');
  if (!draft.address.city.trim()) problems.city = msg('Enter the town or city.');
  if (!draft.address.state.trim()) problems.state = msg('Enter the state.');
}

function checkWhere(draft: SchedulerDraft, ctx: CheckContext): Problems {
  const problems: Problems = {};
  if (!ctx.signedIn) {
    checkZip(draft.address.zip, ctx, problems);
    return problems;
  }
  if (draft.otherAddress) {
    // The postal code first: outside the area, nothing else matters.
    checkZip(draft.address.zip, ctx, problems);
    if (!problems.zip) checkStreet(draft, problems);
    return problems;
  }
  const location = ctx.locations.find((l) => l.locationId === draft.locationId);
  if (!location) problems.location = msg('Choose where you need the visit.');
  else if (!location.inServiceArea) problems.location = outsideAreaText(location.address.zip, ctx.settings);
  return problems;
}

function checkWhat(draft: SchedulerDraft, ctx: CheckContext): Problems {
  const problems: Problems = {};
  if (!ctx.config.services.some((s) => s.id === draft.serviceId)) problems.service = msg('Choose the service you need.');
  const length = draft.description.trim().length;
  if (length === 0) problems.description = msg('Describe the problem in a few words: what happens, and since when.');
  else if (length > DESCRIPTION_MAX_LENGTH) {
    problems.description = msg(str`Use at most ${DESCRIPTION_MAX_LENGTH} characters; this has ${length}.`);
  }
  return problems;
}

export function dayIn(availability: Availability, date: string): AvailabilityDay {
  const found = availability.days.find((d) => d.date === date);
  if (found) return found;
  return { date, available: false, reason: date < availability.from ? 'past' : 'beyondHorizon' };
}

function checkWhen(draft: SchedulerDraft, ctx: CheckContext): Problems {
  const problems: Problems = {};
  const availability = ctx.availability;
  if (!availability) {
    problems.days = msg('The open days are still loading. Wait a moment and try again.');
    return problems;
  }
  if (draft.days.length === 0) problems.days = msg('Choose at least one day that would suit you.');
  for (const choice of draft.days) {
    const key = `day-${choice.date}`;
    const day = dayIn(availability, choice.date);
    if (!day.available) {
      problems[key] =
        day.reason === 'past'
          ? msg('This day has passed. Remove it and choose another.')
          : msg(str`This day is not open: ${reasonText(day.reason, day.date, ctx.config, ctx.locale)}. Remove it and choose another.`);
    } else if (!choice.windowId) problems[key] = msg('Choose an arrival window for this day.');
    else if (!day.windows.some((w) => w.id === choice.windowId)) {
      problems[key] = msg('That arrival window isn’t offered on this day. Choose one of these.');
    }
  }
  return problems;
}

function checkContact(draft: SchedulerDraft): Problems {
  const problems: Problems = {};
  const contact = draft.contact;
  if (!contact.name.trim()) problems.name = msg('Enter your name.');
  else if (nameHasAddress(contact.name)) problems.name = msg('Enter your name only, without a web or email address.');
  const email = contact.email.trim();
  const phone = contact.phone.trim();
  if (!email && !phone) problems.reach = msg('Give a phone number or an email address, so the office can answer you.');
  // In the order of the form (phone, then email): the first problem is the one the alert names.
  if (phone && (phoneDigits(phone) < 7 || phoneDigits(phone) > 15)) problems.phone = msg('Enter a phone number with its area code.');
  if (contact.consentToTexts && !phone) problems.phone = msg('Add a mobile number for text messages, or untick that box.');
  if (email && !isMailbox(email)) problems.email = msg('Enter an email address like name@example.com.');
  // The postal code was checked on the first step; street, town and state are asked here.
  checkStreet(draft, problems);
  if (!contact.consentToContact) problems.consentToContact = msg('Tick this box so the office may contact you about this request.');
  return problems;
}

export function checkStep(step: SchedulerStep, draft: SchedulerDraft, ctx: CheckContext): Problems {
  switch (step) {
    case 'where':
      return checkWhere(draft, ctx);
    case 'what':
      return checkWhat(draft, ctx);
    case 'when':
      return checkWhen(draft, ctx);
    case 'contact':
      return checkContact(draft);
    case 'photos':
    case 'review':
      return {};
  }
}

/** The first step, in order, that has something to fix. */
export function firstFailing(steps: readonly SchedulerStep[], draft: SchedulerDraft, ctx: CheckContext) {
  for (const step of steps) {
    const problems = checkStep(step, draft, ctx);
    if (Object.keys(problems).length > 0) return { step, problems };
  }
  return null;
}

/**
 * Where a field the backend refused lives: the step and the field name the form uses. A backend
 * field (`contact.email`, `preferredDays.1.windowId`) is mapped to the element's own names.
 */
export function fieldOf(field: string | undefined, draft: SchedulerDraft, signedIn: boolean): { step: SchedulerStep; name: string } | null {
  if (!field) return null;
  const day = /^preferredDays\.(\d+)/.exec(field);
  if (day) {
    const choice = draft.days[Number(day[1])];
    return { step: 'when', name: choice ? `day-${choice.date}` : 'days' };
  }
  if (field === 'preferredDays') return { step: 'when', name: 'days' };
  if (field === 'locationId') return { step: 'where', name: 'location' };
  if (field === 'serviceId') return { step: 'what', name: 'service' };
  if (field === 'description') return { step: 'what', name: 'description' };
  if (field.startsWith('photos')) return { step: 'photos', name: 'photos' };
  const address = /^address\.(street|unit|city|state|zip)$/.exec(field);
  if (address) {
    const name = address[1]!;
    return { step: signedIn || name === 'zip' ? 'where' : 'contact', name };
  }
  const contact = /^contact\.(name|email|phone|consentToContact|consentToTexts)$/.exec(field);
  if (contact) return { step: 'contact', name: contact[1] === 'consentToTexts' ? 'phone' : contact[1]! };
  if (field === 'contact') return { step: 'contact', name: 'reach' };
  return null;
}
