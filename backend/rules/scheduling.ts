/**
 * Appointment requests, the customer's side (docs/contract/scheduling.md): the scheduler's public
 * configuration, which days are open, the signed-in customer's locations, and sending a request to the
 * office's review queue. A request is never a booking; the office decides (rules/review-queue.ts).
 *
 * What must not happen twice is the database's to refuse: the Idempotency-Key is a unique column, so
 * a retry (or two servers given the same key at once) finds the first request instead of making
 * another.
 */
import type { Transaction } from 'kysely';
import { formatDayLong, formatWallRange, todayIn, zonedInstant, zoneName } from '../../src/internal/format.js';
import { isCalendarDay } from '../../src/model/common.js';
import { isMailbox } from '../../src/model/mailbox.js';
import { appointmentRequestBody, type AppointmentRequestBody, type AppointmentRequestReceipt, type RequestContact } from '../../src/model/booking-request.js';
import { schedulerSettings, type Availability, type SchedulerSettings, type ServiceAddress, type ServiceLocation } from '../../src/model/scheduler.js';
import { addDays, availabilityBetween, inServiceArea, nameHasAddress, PHOTO_LIMITS, preferredDayProblem, weekdayOf } from '../../src/model/scheduling-rules.js';
import type { Queryable } from '../dialects/portal-database.js';
import { ApiError, invalid, json, type Route, type RouteContext } from '../http/http.js';
import { valueAt, whatIsWrong } from '../http/known-keys.js';
import { receiptOf, type RequestDetails } from '../queries/booking-requests.js';
import { clientSubject, takeSlot, type RateBucket } from '../queries/rate-events.js';
import { nextNumber } from '../queries/counters.js';
import type { Database } from '../schema/database.js';
import { normaliseEmail, normalisePhone } from '../queries/rows.js';
import { randomId, sha256 } from './crypto.js';
import { grantsFor, requireAccount, requireCaller } from './identity.js';
import { noticeOffice, oneLine } from './office-notices.js';
import { contactsOnFile, firstNameOf, greetingFor, putInOutbox, renderEmail, type MessageKind } from './messages.js';
import type { MergeValues } from './merge-tags.js';
import { learnLanguage, messageLocale, namedLanguage, type MessageLanguage } from './languages.js';
import { inLanguage } from '../../src/i18n/contractor-words.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,255}$/;
/** The request body, photos included (4 × 1 MB as base64, and the rest). */
export const REQUEST_BODY_LIMIT = 6 * 1024 * 1024;
/** Anonymous requests one contact (email or phone) may send in a day. */
export const REQUESTS_PER_CONTACT_PER_DAY = 3;
/** Anonymous requests one client address may send in an hour. */
export const REQUESTS_PER_CLIENT_PER_HOUR = 10;
/** Requests one signed-in account may send in a day. */
export const REQUESTS_PER_ACCOUNT_PER_DAY = 10;
const MAX_RANGE_DAYS = 366;
const MAX_ADDRESS_PART = 200;

/** Northwind's scheduling until the office saves its own: weekdays 8–12 and 12–4, Saturday mornings; its services in Spanish too. */
export const defaultSchedulerSettings: SchedulerSettings = {
  services: [
    {
      id: 'svc-heating',
      name: 'Heating repair',
      description: 'No heat, odd noises, a furnace that keeps shutting off.',
      translations: { es: { name: 'Reparación de calefacción', description: 'Sin calefacción, ruidos raros, un calentador que se apaga una y otra vez.' } },
      businessUnitId: 'bu-hvac',
    },
    {
      id: 'svc-cooling',
      name: 'Air conditioning repair',
      description: 'Warm air, ice on the lines, water around the indoor unit.',
      translations: { es: { name: 'Reparación de aire acondicionado', description: 'Sale aire tibio, hay hielo en las tuberías o agua alrededor de la unidad interior.' } },
      businessUnitId: 'bu-hvac',
    },
    {
      id: 'svc-tuneup',
      name: 'Seasonal tune-up',
      description: 'Cleaning and a safety check, spring or fall.',
      translations: { es: { name: 'Mantenimiento de temporada', description: 'Limpieza y revisión de seguridad, en primavera u otoño.' } },
      businessUnitId: 'bu-hvac',
    },
    {
      id: 'svc-plumbing',
      name: 'Plumbing',
      description: 'Leaks, water heaters, drains that back up.',
      translations: { es: { name: 'Plomería', description: 'Fugas, calentadores de agua, desagües que se tapan.' } },
      businessUnitId: 'bu-plumbing',
    },
  ],
  // Springfield (627…), Chatham and Rochester.
  serviceArea: { postalCodes: ['627', '62629', '62563'] },
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  arrivalWindows: Object.fromEntries([
    ...(['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [
      day,
      [
        { id: 'morning', start: '08:00', end: '12:00' },
        { id: 'afternoon', start: '12:00', end: '16:00' },
      ],
    ]),
    ['sat', [{ id: 'sat-morning', start: '09:00', end: '12:00' }]],
  ]),
  leadTimeDays: 1,
  horizonDays: 30,
  blackoutDates: [],
  replyWithin: { amount: 1, unit: 'businessDays' },
};

export async function readSchedulerSettings(db: Queryable): Promise<SchedulerSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'scheduling').executeTakeFirst();
  if (!row) return defaultSchedulerSettings;
  const parsed = schedulerSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaultSchedulerSettings;
}

export function schedulingToday(context: RouteContext): string {
  return todayIn(context.settings.timeZone, context.now);
}

function requireEnabled(context: RouteContext) {
  const { settings } = context;
  if (!settings.schedulerEnabled) {
    throw new ApiError(403, 'FEATURE_DISABLED', `Online appointment requests are turned off. Call ${settings.companyName} at ${settings.companyPhone}.`);
  }
}

// ---------------------------------------------------------------- reading

async function availability(context: RouteContext): Promise<Availability> {
  requireEnabled(context);
  const scheduler = await readSchedulerSettings(context.db);
  const today = schedulingToday(context);
  const date = (name: string, fallback: string) => {
    const value = context.url.searchParams.get(name);
    if (value === null) return fallback;
    // Calendar days of this era only: Date.UTC reads years 0–99 as 1900–1999.
    if (!isCalendarDay(value) || value < '1900-01-01') invalid(name, `"${name}" is a date, YYYY-MM-DD.`);
    return value;
  };
  const from = date('from', today);
  // Without "to": through the booking horizon, or a whole range from a "from" beyond it.
  const horizonEnd = addDays(today, scheduler.horizonDays);
  const widest = addDays(from, MAX_RANGE_DAYS - 1);
  const to = date('to', horizonEnd >= from && horizonEnd <= widest ? horizonEnd : widest);
  if (to < from) invalid('to', '"to" is on or after "from".');
  if (to > addDays(from, MAX_RANGE_DAYS - 1)) invalid('to', `At most ${MAX_RANGE_DAYS} days at a time.`);
  return { today, from, to, days: availabilityBetween(scheduler, today, from, to) };
}

async function serviceLocations(context: RouteContext): Promise<ServiceLocation[]> {
  const access = await requireAccount(context);
  const scheduler = await readSchedulerSettings(context.db);
  const ids = access.visibleLocationIds;
  if (ids.length === 0) return [];
  const rows = await context.db.selectFrom('locations').select(['id', 'name', 'address', 'position']).where('id', 'in', ids).orderBy('position').execute();
  return rows.map((row) => {
    const stored = JSON.parse(row.address) as ServiceAddress & { country?: string };
    const address: ServiceAddress = {
      street: stored.street,
      ...(stored.unit ? { unit: stored.unit } : {}),
      city: stored.city,
      state: stored.state,
      zip: stored.zip,
    };
    return { locationId: row.id, name: row.name, address, inServiceArea: inServiceArea(address.zip, scheduler.serviceArea.postalCodes) };
  });
}

// ---------------------------------------------------------------- sending

/**
 * The body, shaped as the model says; a wrong shape is a 400 naming the first field at fault, in the
 * contract's words: `"description" is required.`, `"photos" must be a list.`
 */
function parseBody(raw: Record<string, unknown>): AppointmentRequestBody {
  const parsed = appointmentRequestBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    const missing = issue !== undefined && valueAt(raw, issue.path) === undefined;
    throw new ApiError(400, 'VALIDATION', missing ? `"${field}" is required.` : `"${field}" ${issue ? whatIsWrong(issue) : 'is not valid'}.`, { field });
  }
  return parsed.data;
}

function unprocessable(field: string, message: string): never {
  throw new ApiError(422, 'VALIDATION', message, { field });
}

function checkAddress(address: ServiceAddress, scheduler: SchedulerSettings, outsideField: string): ServiceAddress {
  // The postal code first: outside the area, nothing else matters.
  if (!inServiceArea(address.zip, scheduler.serviceArea.postalCodes)) {
    throw new ApiError(422, 'OUTSIDE_SERVICE_AREA', `We don’t serve ${address.zip.trim()} yet.`, { field: outsideField });
  }
  const clean = (part: 'street' | 'unit' | 'city' | 'state' | 'zip', required: boolean) => {
    const value = (address[part] ?? '').trim();
    if (required && !value) unprocessable(`address.${part}`, `The ${part} is missing.`);
    if (value.length > MAX_ADDRESS_PART) unprocessable(`address.${part}`, `The ${part} is too long.`);
    return value;
  };
  const unit = clean('unit', false);
  return { street: clean('street', true), ...(unit ? { unit } : {}), city: clean('city', true), state: clean('state', true), zip: clean('zip', true) };
}

function checkContact(contact: RequestContact): RequestDetails['contact'] {
  const name = contact.name.trim();
  if (!name) unprocessable('contact.name', 'The name is missing.');
  if (nameHasAddress(name)) unprocessable('contact.name', 'A name cannot hold a web or email address.');
  const email = contact.email?.trim() || null;
  const phone = contact.phone?.trim() || null;
  if (!email && !phone) unprocessable('contact', 'Give a phone number or an email address.');
  if (email && !isMailbox(email)) unprocessable('contact.email', 'That email address is not valid.');
  const digits = phone?.replace(/\D/g, '') ?? '';
  if (phone && (digits.length < 7 || digits.length > 15)) unprocessable('contact.phone', 'That phone number is not valid.');
  if (!contact.consentToContact) unprocessable('contact.consentToContact', 'Agree to be contacted about this request.');
  if (contact.consentToTexts && !phone) unprocessable('contact.consentToTexts', 'Text messages need a phone number.');
  return { name, email, phone, consentToContact: true, consentToTexts: contact.consentToTexts === true };
}

const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/webp': (b) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
};

function checkPhotos(photos: AppointmentRequestBody['photos']) {
  return photos.map((photo, i) => {
    const field = `photos.${i}`;
    let binary: string;
    try {
      binary = atob(photo.data);
    } catch {
      unprocessable(field, 'A photo could not be read.');
    }
    if (binary.length === 0 || binary.length > PHOTO_LIMITS.maxBytes) unprocessable(field, 'A photo is empty or larger than 1 MB.');
    const head = Uint8Array.from(binary.slice(0, 12), (c) => c.charCodeAt(0));
    if (!SIGNATURES[photo.type]?.(head)) unprocessable(field, 'A photo is not the type it says it is.');
    return { name: photo.name.trim() || `photo-${i + 1}`, type: photo.type, bytes: binary.length, data: photo.data };
  });
}

/** Counts a request against a window (inside the transaction, under the subject's lock), or refuses it. */
async function withinLimit(trx: Transaction<Database>, context: RouteContext, bucket: RateBucket, subject: string, limit: number, windowMs: number) {
  const slot = await takeSlot(trx, { bucket, subject, since: new Date(context.now.getTime() - windowMs), now: context.now, limit });
  if ('full' in slot) {
    const retryAfterSeconds = Math.max(60, Math.ceil((Date.parse(slot.full[0]!) + windowMs - context.now.getTime()) / 1000));
    throw new ApiError(429, 'RATE_LIMITED', 'Too many appointment requests. Try again later, or call us.', { retryAfterSeconds });
  }
}

/** Thrown inside the transaction when another request with the same key got in first. */
class KeyTaken extends Error {}

function replay(row: Parameters<typeof receiptOf>[0], fingerprint: string): Response {
  if (row.fingerprint !== fingerprint) {
    throw new ApiError(409, 'CONFLICT', 'This Idempotency-Key was already used for a different request.', { field: IDEMPOTENCY_HEADER });
  }
  return json(receiptOf(row), 201, { 'Idempotent-Replayed': 'true' });
}

async function sendRequest(context: RouteContext): Promise<Response> {
  requireEnabled(context);
  const key = context.request.headers.get(IDEMPOTENCY_HEADER) ?? '';
  if (!KEY_PATTERN.test(key)) invalid(IDEMPOTENCY_HEADER, 'Every request needs an Idempotency-Key header of 8 to 255 letters, digits, "-" or "_".');
  const body = parseBody(await context.body());

  // Who asks. A signed-in request is the account's; any session sent with an anonymous one is ignored.
  let account: { customerId: string; name: string; email: string; locations: { locationId: string; access: string }[] } | null = null;
  if (body.customerId !== undefined) {
    const caller = await requireCaller(context);
    const grant = (await grantsFor(context.db, caller.email)).find((g) => g.customerId === body.customerId);
    if (!grant) throw new ApiError(404, 'NOT_FOUND', 'We could not find that account.', { field: 'customerId' });
    // A sign-in that sees none of the account's locations does not speak for it: its request would reach
    // the office as the account's, to be booked (and billed) there.
    if (!grant.locations.some((l) => l.access !== 'none')) {
      throw new ApiError(403, 'FORBIDDEN', 'Your sign-in has no access at any of this account’s locations.', { field: 'customerId' });
    }
    account = { customerId: grant.customerId, name: grant.name, email: caller.email, locations: grant.locations };
  }
  const storedKey = `${account?.customerId ?? 'public'}:${key}`;
  const fingerprint = await sha256(JSON.stringify(body));
  const earlier = await context.db.selectFrom('booking_requests').selectAll().where('idempotency_key', '=', storedKey).executeTakeFirst();
  if (earlier) return replay(earlier, fingerprint);

  const scheduler = await readSchedulerSettings(context.db);
  // The honeypot: an answer like any other, and nothing kept or sent.
  if (body.website) {
    const service = scheduler.services.find((s) => s.id === body.serviceId) ?? { id: body.serviceId, name: '' };
    const decoy: AppointmentRequestReceipt = {
      id: randomId('req'),
      reference: `AR-${100_000 + Math.floor(Math.random() * 900_000)}`,
      status: 'PendingReview',
      createdAt: context.now.toISOString(),
      service: { id: service.id, name: service.name },
      preferredDays: body.preferredDays,
    };
    return json(decoy, 201);
  }

  // Where, and who to answer.
  let address: ServiceAddress;
  let locationId: string | null = null;
  let contact: RequestDetails['contact'];
  let greeting: string;
  if (account) {
    if (body.locationId !== undefined) {
      const grant = account.locations.find((l) => l.locationId === body.locationId && l.access !== 'none');
      if (!grant) throw new ApiError(404, 'NOT_FOUND', 'We could not find that location.', { field: 'locationId' });
      const row = await context.db.selectFrom('locations').select('address').where('id', '=', grant.locationId).executeTakeFirstOrThrow();
      const stored = JSON.parse(row.address) as ServiceAddress;
      if (!inServiceArea(stored.zip, scheduler.serviceArea.postalCodes)) {
        throw new ApiError(422, 'OUTSIDE_SERVICE_AREA', `We don’t serve ${stored.zip} yet.`, { field: 'locationId' });
      }
      address = { street: stored.street, ...(stored.unit ? { unit: stored.unit } : {}), city: stored.city, state: stored.state, zip: stored.zip };
      locationId = grant.locationId;
    } else if (body.address) {
      address = checkAddress(body.address, scheduler, 'address.zip');
    } else {
      unprocessable('locationId', 'Choose a location or give an address.');
    }
    const onFile = await contactsOnFile(context.db, account.customerId);
    const phone = await context.db
      .selectFrom('contacts')
      .select('value')
      .where('customer_id', '=', account.customerId)
      .where('type', 'in', ['MobilePhone', 'Phone'])
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    contact = { name: account.name, email: account.email, phone: onFile.mobile ?? phone?.value.trim() ?? null, consentToContact: true, consentToTexts: false };
    // The request's messages go to the signed-in email: greeted as that contact (greetingFor).
    greeting = await greetingFor(context.db, account.customerId, account.email);
  } else {
    if (!body.address) unprocessable('address', 'The service address is missing.');
    if (!body.contact) unprocessable('contact', 'How to reach you is missing.');
    address = checkAddress(body.address, scheduler, 'address.zip');
    contact = checkContact(body.contact);
    greeting = firstNameOf(contact.name);
  }

  // What and when.
  const service = scheduler.services.find((s) => s.id === body.serviceId);
  if (!service) unprocessable('serviceId', 'Choose one of the services listed.');
  const description = body.description.trim();
  if (!description) unprocessable('description', 'Describe the problem.');
  if (new Set(body.preferredDays.map((d) => d.date)).size !== body.preferredDays.length) {
    unprocessable('preferredDays', 'Each preferred day is a different date.');
  }
  const today = schedulingToday(context);
  body.preferredDays.forEach((day, i) => {
    const problem = preferredDayProblem(scheduler, today, day);
    if (problem) {
      const field = `preferredDays.${i}.${problem === 'window' ? 'windowId' : 'date'}`;
      throw new ApiError(409, 'DAY_UNAVAILABLE', problem === 'window' ? 'That arrival window is not offered that day.' : 'That day is not open.', { field });
    }
  });
  const photos = checkPhotos(body.photos);

  const details: RequestDetails = {
    contact,
    address,
    service: { id: service.id, name: service.name },
    description,
    preferredDays: body.preferredDays.map((d) => ({ date: d.date, windowId: d.windowId })),
    signedIn: account !== null,
    greeting,
    // Kept only when the page named it: a request whose header named neither reads English and teaches nothing.
    language: namedLanguage(context.request.headers.get('accept-language')) ?? undefined,
    booked: null,
    dismissed: null,
  };
  try {
    const row = await context.transaction(async (trx) => {
      if (account) {
        await withinLimit(trx, context, 'request-account', account.customerId, REQUESTS_PER_ACCOUNT_PER_DAY, 86_400_000);
      } else {
        if (contact.email) await withinLimit(trx, context, 'request-contact', `email:${normaliseEmail(contact.email)}`, REQUESTS_PER_CONTACT_PER_DAY, 86_400_000);
        if (contact.phone) await withinLimit(trx, context, 'request-contact', `phone:${normalisePhone(contact.phone)}`, REQUESTS_PER_CONTACT_PER_DAY, 86_400_000);
        if (context.clientAddress) await withinLimit(trx, context, 'request-client', clientSubject(context.clientAddress), REQUESTS_PER_CLIENT_PER_HOUR, 3_600_000);
      }
      const reference = `AR-${await nextNumber(trx, 'booking-request', 100_022)}`;
      const id = randomId('req');
      const inserted = await trx
        .insertInto('booking_requests')
        .values({
          id,
          customer_id: account?.customerId ?? null,
          location_id: locationId,
          created_at: context.now.toISOString(),
          status: 'PendingReview',
          details: JSON.stringify(details),
          reference,
          idempotency_key: storedKey,
          fingerprint,
          job_id: null,
          decided_at: null,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new KeyTaken();
      if (photos.length) {
        await trx
          .insertInto('booking_request_photos')
          .values(photos.map((p, position) => ({ id: randomId('photo'), request_id: id, position, ...p })))
          .execute();
      }
      const saved = await trx.selectFrom('booking_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await acknowledge(context, trx, scheduler, saved.reference!, details);
      await noticeOfRequest(context, trx, scheduler, saved.reference!, details, photos.length);
      return saved;
    });
    // Signed in, the page speaks the customer's language (rules/languages.ts).
    if (account) await learnLanguage(context, account.email);
    return json(receiptOf(row), 201);
  } catch (error) {
    // Two requests with one key at the same instant (a retry sent to two servers): the first one's is
    // the answer. The second waited for the first's transaction, so it may also have counted the first
    // towards a limit and been refused: a retry gets its receipt before any rate limit.
    const raced = error instanceof KeyTaken || (error instanceof ApiError && error.status === 429);
    if (!raced) throw error;
    const first = await context.db.selectFrom('booking_requests').selectAll().where('idempotency_key', '=', storedKey).executeTakeFirst();
    if (!first) throw error;
    return replay(first, fingerprint);
  }
}

/**
 * "Request received — not yet booked", to the requester's email (or a text, when they agreed to texts),
 * in the language of the page they asked on.
 */
async function acknowledge(context: RouteContext, db: Queryable, scheduler: SchedulerSettings, reference: string, details: RequestDetails) {
  await sendToRequester(context, db, scheduler, details, 'appointment-request-received', 'requestReceived', {
    RequestReference: reference,
    PreferredDays: preferredDaysText(context, scheduler, details, messageLocale[requesterLanguage(details)]),
  });
}

/**
 * The days asked for with their windows, and the company's zone as it is on the first of them (not
 * today: a request in October for November days is in Standard Time): "Wednesday, …, 8:00 AM – 12:00 PM;
 * … (Central Standard Time)". Empty without days.
 */
function preferredDaysText(context: RouteContext, scheduler: SchedulerSettings, details: RequestDetails, locale: string): string {
  const first = details.preferredDays[0];
  if (!first) return '';
  const days = details.preferredDays.map((d) => describeDay(scheduler, d, locale)).join('; ');
  return `${days} (${zoneName(context.settings.timeZone, locale, zonedInstant(first.date, '12:00', context.settings.timeZone))})`;
}

/** The office hears of a new request to book or dismiss (office-notices.ts), with what it needs to decide. */
async function noticeOfRequest(context: RouteContext, db: Queryable, scheduler: SchedulerSettings, reference: string, details: RequestDetails, photos: number) {
  const { contact, address, service } = details;
  const where = [address.street, address.unit, address.city, [address.state, address.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const days = preferredDaysText(context, scheduler, details, 'en-US');
  const reach = [contact.email, contact.phone && `${contact.phone}${contact.consentToTexts ? ' (texts welcome)' : ''}`].filter(Boolean).join(' · ');
  await noticeOffice(context, db, {
    kind: 'request',
    subject: `New appointment request ${reference}: ${service.name}`,
    lines: [
      `${oneLine(contact.name) || 'Someone'} asked for ${service.name} at ${oneLine(where, 300)}${details.signedIn ? ' (signed in to the portal)' : ''}.`,
      days ? `Preferred: ${days}.` : '',
      reach ? `Contact: ${reach}.` : '',
      `In their words: ${details.description}`,
      photos ? `${photos} photo${photos === 1 ? '' : 's'} attached.` : '',
      `Book it or dismiss it in the review queue (request ${reference}); the customer is told either way.`,
    ],
  });
}

/** "Wednesday, November 18, 2026, 8:00 AM – 12:00 PM": a day and its window, in the contractor's zone, formatted for `locale`. */
export function describeDay(scheduler: SchedulerSettings, day: { date: string; windowId: string }, locale: string): string {
  const window = (scheduler.arrivalWindows[weekdayOf(day.date)] ?? []).find((w) => w.id === day.windowId);
  const date = formatDayLong(day.date, locale);
  return window ? `${date}, ${formatWallRange(window.start, window.end, locale)}` : date;
}

/** The language of a request's messages: the page's it was sent from (a request from before languages were kept: English). */
export const requesterLanguage = (details: RequestDetails): MessageLanguage => details.language ?? 'en';

/** How a request's messages greet the requester (a request made before greetings were kept: its contact's first name). */
function greetingOf(details: RequestDetails): string {
  return details.greeting ?? firstNameOf(details.contact.name);
}

/**
 * A message to whoever asked, from the office's template (`template`, rules/messages.ts): their email,
 * and a text when they agreed to texts. `kind` is the outbox's name for it; `scheduler` the settings the
 * caller read (the service's name in the requester's language comes from them).
 */
export async function sendToRequester(
  context: RouteContext,
  db: Queryable,
  scheduler: SchedulerSettings,
  details: RequestDetails,
  kind: string,
  template: MessageKind,
  values: MergeValues,
) {
  // The service as the office names it in the requester's language (its translation, else as written).
  const language = requesterLanguage(details);
  const service = scheduler.services.find((s) => s.id === details.service.id);
  const serviceName = inLanguage(language, details.service.name, service?.translations, 'name');
  const message = await renderEmail(context, db, template, language, { CustomerFirstName: greetingOf(details), ServiceName: serviceName, ...values });
  // A text only with the requester's consent to texts.
  const phone = details.contact.consentToTexts ? details.contact.phone : null;
  await putInOutbox(context, db, { email: details.contact.email, phone }, message, kind, null);
}

export const schedulingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/scheduling/config',
    async handler(context) {
      requireEnabled(context);
      return json({ ...(await readSchedulerSettings(context.db)), timeZone: context.settings.timeZone });
    },
  },
  { method: 'GET', path: '/scheduling/availability', query: ['from', 'to'], handler: async (context) => json(await availability(context)) },
  { method: 'GET', path: '/customers/:customerId/service-locations', handler: async (context) => json(await serviceLocations(context)) },
  { method: 'POST', path: '/scheduling/requests', body: appointmentRequestBody, maxBodyBytes: REQUEST_BODY_LIMIT, handler: sendRequest },
];
