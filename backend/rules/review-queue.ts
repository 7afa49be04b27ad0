/**
 * The office's side of appointment requests (docs/contract/scheduling.md): its scheduling settings,
 * the review queue, and the two decisions — book (a job with an appointment, for the customer on file
 * or a new one) or dismiss. A request is decided once: the decision is the conditional update
 * `… SET status = … WHERE status = 'PendingReview'`, first in the transaction that does the rest, so
 * when two office tabs press Book at the same instant the database lets one through and the other
 * gets 409 with nothing written.
 */
import type { Customer } from '../../src/model/customer.js';
import { isCalendarDay } from '../../src/model/common.js';
import { formatDayLong, formatWallRange, zonedInstant, zoneName } from '../../src/internal/format.js';
import { bookingRequestStatuses } from '../../src/model/booking-request.js';
import { schedulerSettings, type ArrivalWindow, type SchedulerSettings } from '../../src/model/scheduler.js';
import { normalizePostalCode, weekdayOf, type Weekday } from '../../src/model/scheduling-rules.js';
import type { Queryable } from '../dialects/portal-database.js';
import { decodeCursor, encodeCursor, readLimit } from '../http/cursor.js';
import { ApiError, invalid, json, requireString, type Route, type RouteContext } from '../http/http.js';
import { refuseUnknownKeys, valueAt, whatIsWrong } from '../http/known-keys.js';
import { translationsKept } from './translations.js';
import { detailsOf, matchesFor, officeViews, type RequestDetails } from '../queries/booking-requests.js';
import { afterPosition } from '../queries/keyset.js';
import { customerRows, jobRows, type StoredJob } from '../queries/rows.js';
import { nextNumber } from '../queries/counters.js';
import { randomId } from './crypto.js';
import { requireOffice } from './office.js';
import { readSchedulerSettings, requesterLanguage, schedulingToday, sendToRequester } from './scheduling.js';
import { keepPageLanguage, messageLocale } from './languages.js';

const OFFICE_LIST_LIMIT = 500;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 500;

// ---------------------------------------------------------------- settings

const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/**
 * What the schema's refusal at `path` means, in words, where the bare field would leave the office
 * guessing: the schema says a window ends after it starts, not which window or how.
 */
function schemaProblem(body: Record<string, unknown>, path: readonly PropertyKey[], code: string | undefined): string | undefined {
  const [group, day, index, part] = path;
  if (code !== 'custom' || group !== 'arrivalWindows' || part !== 'end' || typeof day !== 'string' || typeof index !== 'number') return undefined;
  const windows = (body.arrivalWindows as Record<string, unknown> | undefined)?.[day];
  const window = (Array.isArray(windows) ? windows[index] : undefined) as { id?: unknown; start?: unknown; end?: unknown } | undefined;
  const { id, start, end } = window ?? {};
  if (typeof start !== 'string' || typeof end !== 'string') return undefined;
  const name = `The ${dayNames[day as Weekday] ?? day} window${typeof id === 'string' ? ` "${id}"` : ''}`;
  return `${name} ends at ${end}, ${end === start ? 'when' : 'before'} it starts (${start}): a window ends after it starts.`;
}

function unknownUnit(unitId: string, units: readonly { id: string; name: string }[]): string {
  if (units.length === 0) {
    return `There is no business unit "${unitId}": the database has no business units yet (they come with the contractor’s records). Leave businessUnitId out for now.`;
  }
  const known = units.map((u) => `${u.name} (${u.id})`).join(', ');
  return `There is no business unit "${unitId}". The business units are ${known}; or leave businessUnitId out to book under the first one the portal does not exclude.`;
}

interface PlacedWindow {
  day: Weekday;
  index: number;
  window: ArrivalWindow;
}

/**
 * Each working day has windows, each with its own id, and one window id names the same hours on every
 * working day. When two days disagree about an id's hours, the refusal names the window the office
 * most likely got wrong, so a form can put the cursor there: the hours fewer days give that id, and
 * between as many, the window that differs from the saved settings (the one just edited). The message
 * names both days and both hours either way.
 */
function checkWindows(settings: SchedulerSettings, saved: SchedulerSettings) {
  const byId = new Map<string, PlacedWindow[]>();
  for (const day of settings.workingDays) {
    const windows = settings.arrivalWindows[day] ?? [];
    if (windows.length === 0) invalid(`arrivalWindows.${day}`, `A working day (${day}) needs at least one arrival window.`);
    const ids = new Set<string>();
    windows.forEach((window, index) => {
      if (ids.has(window.id)) invalid(`arrivalWindows.${day}.${index}.id`, 'Each window of a day has its own id.');
      ids.add(window.id);
      byId.set(window.id, [...(byId.get(window.id) ?? []), { day, index, window }]);
    });
  }
  const span = (p: PlacedWindow) => `${p.window.start}-${p.window.end}`;
  const edited = (p: PlacedWindow) =>
    !(saved.arrivalWindows[p.day] ?? []).some((w) => w.id === p.window.id && w.start === p.window.start && w.end === p.window.end);
  for (const [id, placed] of byId) {
    const days = new Map<string, number>();
    for (const p of placed) days.set(span(p), (days.get(span(p)) ?? 0) + 1);
    if (days.size < 2) continue;
    const odd = [...placed].sort((a, b) => days.get(span(a))! - days.get(span(b))! || Number(edited(b)) - Number(edited(a)))[0]!;
    const usual = [...placed].filter((p) => span(p) !== span(odd)).sort((a, b) => days.get(span(b))! - days.get(span(a))!)[0]!;
    const sameStart = odd.window.start === usual.window.start;
    const sameEnd = odd.window.end === usual.window.end;
    const part = sameStart && !sameEnd ? 'end' : sameEnd && !sameStart ? 'start' : 'id';
    const hours = (p: PlacedWindow) => formatWallRange(p.window.start, p.window.end, 'en-US');
    invalid(
      `arrivalWindows.${odd.day}.${odd.index}.${part}`,
      `The window id "${id}" names ${hours(odd)} on ${dayNames[odd.day]} but ${hours(usual)} on ${dayNames[usual.day]}: ` +
        `an id names the same hours on every day. Give ${dayNames[odd.day]}’s window the same hours, or an id of its own.`,
    );
  }
}

/**
 * The office's scheduling settings: the model's shape, and rules a schema cannot say. `saved` is what
 * GET answered before this edit, `units` the business units on file.
 */
function parseSchedulerSettings(body: Record<string, unknown>, saved: SchedulerSettings, units: readonly { id: string; name: string }[]): SchedulerSettings {
  // Before the schema, which would drop a misspelt key (`horizonDay`) and save the settings without it.
  refuseUnknownKeys(body, schedulerSettings, 'scheduling setting', 'GET /office/scheduling');
  const parsed = schedulerSettings.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const missing = valueAt(body, issue?.path ?? []) === undefined;
    invalid(
      field,
      schemaProblem(body, issue?.path ?? [], issue?.code) ??
        (missing
          ? `"${field}" is missing: save the scheduling settings whole (read them, edit them, send them back).`
          : `"${field}" ${issue ? whatIsWrong(issue) : 'is not valid'}.`),
    );
  }
  const settings = parsed.data;
  // A service sent without translations (a tool from before them) keeps those saved for its id while
  // its name and description are unchanged; `"translations": {}` removes them.
  const sentServices = body.services as Record<string, unknown>[];
  settings.services = settings.services.map((service, i) => {
    const before = saved.services.find((s) => s.id === service.id);
    if (Object.hasOwn(sentServices[i]!, 'translations') || !before) return service;
    const kept = translationsKept(before.translations, { name: before.name, description: before.description }, { name: service.name, description: service.description });
    return kept ? { ...service, translations: kept } : service;
  });
  const serviceIds = new Set<string>();
  const tooLongName = `The name is too long (at most ${MAX_NAME} characters).`;
  const tooLongDescription = `The description is too long (at most ${MAX_DESCRIPTION} characters).`;
  settings.services.forEach((service, i) => {
    if (serviceIds.has(service.id)) invalid(`services.${i}.id`, 'Each service has its own id.');
    serviceIds.add(service.id);
    if (!service.name.trim()) invalid(`services.${i}.name`, 'Each service needs a name: it is the choice customers see.');
    if (!service.id.trim()) invalid(`services.${i}.id`, 'Each service needs an id.');
    if (service.name.length > MAX_NAME) invalid(`services.${i}.name`, tooLongName);
    if (service.description.length > MAX_DESCRIPTION) invalid(`services.${i}.description`, tooLongDescription);
    for (const [language, words] of Object.entries(service.translations ?? {})) {
      if ((words?.name?.length ?? 0) > MAX_NAME) invalid(`services.${i}.translations.${language}.name`, tooLongName);
      if ((words?.description?.length ?? 0) > MAX_DESCRIPTION) invalid(`services.${i}.translations.${language}.description`, tooLongDescription);
    }
    const unitId = service.businessUnitId;
    // A unit the service already had is kept as GET answered it: a new server's example services name
    // bu-hvac before any business unit is on file, and a unit gone from the records since must not block
    // every other edit. Booking falls back to a unit the portal shows (book, below).
    const kept = saved.services.some((s) => s.id === service.id && s.businessUnitId === unitId);
    if (unitId !== undefined && !kept && !units.some((u) => u.id === unitId)) invalid(`services.${i}.businessUnitId`, unknownUnit(unitId, units));
  });
  settings.serviceArea.postalCodes.forEach((code, i) => {
    // An entry without letters or digits matches no postal code (inServiceArea): it would serve nobody.
    if (!normalizePostalCode(code)) invalid(`serviceArea.postalCodes.${i}`, 'A postal code needs letters or digits: an empty entry serves nobody.');
    if (code.length > 20) invalid(`serviceArea.postalCodes.${i}`, 'A postal code is too long.');
  });
  checkWindows(settings, saved);
  return settings;
}

// ---------------------------------------------------------------- deciding

async function requestRow(context: RouteContext) {
  const row = await context.db.selectFrom('booking_requests').selectAll().where('id', '=', context.params.requestId ?? '').executeTakeFirst();
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such request.');
  return row;
}

async function viewOf(context: RouteContext, id: string) {
  const row = await context.db.selectFrom('booking_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await officeViews(context.db, [row], context.url.pathname.slice(0, context.url.pathname.indexOf('/office/'))))[0]!;
}

/** Claims the request for a decision, or refuses: the database decides which of two racing tabs wins. */
async function claim(db: Queryable, id: string, change: { status: string; details: RequestDetails; decidedAt: string; jobId?: string }) {
  const updated = await db
    .updateTable('booking_requests')
    .set({ status: change.status, details: JSON.stringify(change.details), decided_at: change.decidedAt, job_id: change.jobId ?? null })
    .where('id', '=', id)
    .where('status', '=', 'PendingReview')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ApiError(409, 'CONFLICT', 'This request was already booked or dismissed.');
}

const sameStreet = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/** The customer a booking is for: on the request, confirmed by the office, or new from the request. */
async function customerFor(trx: Queryable, details: RequestDetails, requestCustomer: string | null, confirmed: string | null, now: Date) {
  const customerId = requestCustomer ?? confirmed;
  if (customerId) return { customerId, created: false };
  const address = { ...details.address, country: 'US' };
  const contacts: Customer['contacts'] = [];
  if (details.contact.email) contacts.push({ id: randomId('con'), type: 'Email', value: details.contact.email });
  if (details.contact.phone) contacts.push({ id: randomId('con'), type: details.contact.consentToTexts ? 'MobilePhone' : 'Phone', value: details.contact.phone });
  const customer: Customer = {
    id: randomId('cust'),
    name: details.contact.name,
    type: 'Residential',
    address,
    contacts,
    locations: [{ id: randomId('loc'), name: details.address.street, address, contacts: [] }],
  };
  const rows = customerRows(customer);
  await trx.insertInto('customers').values(rows.customer).execute();
  await trx.insertInto('locations').values(rows.locations).execute();
  if (rows.contacts.length) await trx.insertInto('contacts').values(rows.contacts).execute();
  // A new customer reads what they asked in (when the page named it): the office's later messages use it.
  if (details.language) await keepPageLanguage(trx, [customer.id], details.language, now);
  return { customerId: customer.id, created: true };
}

/** The request's location: on the request, the customer's location at that address, or a new one. */
async function locationFor(trx: Queryable, details: RequestDetails, customerId: string, requestLocation: string | null) {
  if (requestLocation) return requestLocation;
  const locations = await trx.selectFrom('locations').select(['id', 'address', 'position']).where('customer_id', '=', customerId).orderBy('position').execute();
  const same = locations.find((l) => {
    const stored = JSON.parse(l.address) as { street: string; zip: string };
    return sameStreet(stored.street, details.address.street) && stored.zip.slice(0, 5) === details.address.zip.slice(0, 5);
  });
  if (same) return same.id;
  const id = randomId('loc');
  await trx
    .insertInto('locations')
    .values({ id, customer_id: customerId, name: details.address.street, address: JSON.stringify({ ...details.address, country: 'US' }), position: (locations.at(-1)?.position ?? -1) + 1 })
    .execute();
  return id;
}

async function book(context: RouteContext): Promise<Response> {
  requireOffice(context);
  const body = await context.body();
  const date = requireString(body, 'date', 10);
  if (!isCalendarDay(date)) invalid('date', 'The date is YYYY-MM-DD.');
  const windowId = requireString(body, 'windowId', 100);
  const technicianId = Object.hasOwn(body, 'technicianId') && body.technicianId !== null ? requireString(body, 'technicianId', 100) : null;
  const confirmedCustomer = Object.hasOwn(body, 'customerId') && body.customerId !== null ? requireString(body, 'customerId', 100) : null;
  const newCustomer = Object.hasOwn(body, 'newCustomer') && body.newCustomer !== null ? body.newCustomer : false;
  if (typeof newCustomer !== 'boolean') invalid('newCustomer', '"newCustomer" is true or false.');
  if (newCustomer && confirmedCustomer) {
    invalid('newCustomer', 'Send "customerId" (a customer on file) or "newCustomer": true (a new customer from the request), not both.');
  }

  const row = await requestRow(context);
  if (row.status !== 'PendingReview') throw new ApiError(409, 'CONFLICT', 'This request was already booked or dismissed.');
  const scheduler = await readSchedulerSettings(context.db);
  const weekday = weekdayOf(date);
  const window = scheduler.workingDays.includes(weekday) ? (scheduler.arrivalWindows[weekday] ?? []).find((w) => w.id === windowId) : undefined;
  if (date < schedulingToday(context)) throw new ApiError(409, 'DAY_UNAVAILABLE', 'That day has passed.', { field: 'date' });
  if (!window) throw new ApiError(409, 'DAY_UNAVAILABLE', 'That window is not offered on that day.', { field: 'windowId' });
  let technician: { id: string; name: string } | null = null;
  if (technicianId) {
    const known = await context.db.selectFrom('appointments').select('technician_name').where('technician_id', '=', technicianId).limit(1).executeTakeFirst();
    if (!known) throw new ApiError(422, 'VALIDATION', 'No such technician.', { field: 'technicianId' });
    technician = { id: technicianId, name: known.technician_name ?? '' };
  }
  const details = detailsOf(row);
  if (row.customer_id) {
    // Said rather than ignored: the office meant someone else, and the request is the account's.
    if ((confirmedCustomer && confirmedCustomer !== row.customer_id) || newCustomer) {
      throw new ApiError(422, 'VALIDATION', 'This request came from a signed-in account: it is booked for that account.', {
        field: newCustomer ? 'newCustomer' : 'customerId',
      });
    }
  } else if (confirmedCustomer) {
    const exists = await context.db.selectFrom('customers').select('id').where('id', '=', confirmedCustomer).executeTakeFirst();
    if (!exists) throw new ApiError(422, 'VALIDATION', 'No such customer.', { field: 'customerId' });
  } else if (!newCustomer) {
    // A new customer beside one on file with the same email is a second account at that person's next
    // sign-in (with the same phone, a second record of one household): the office says who it is.
    const matches = await matchesFor(context.db, details.contact);
    if (matches.length > 0) {
      const named = new Intl.ListFormat('en-US', { type: 'conjunction' }).format(matches.map((m) => `${m.name} (${m.customerId}, same ${m.by})`));
      throw new ApiError(
        409,
        'CONFLICT',
        `This request matches ${matches.length === 1 ? 'a customer' : 'customers'} on file: ${named}. Send "customerId" to book it for ${matches.length === 1 ? 'them' : 'one of them'} ` +
          '(or for another customer), or "newCustomer": true to create a new customer from the request.',
        { field: 'customerId' },
      );
    }
  }

  const timeZone = context.settings.timeZone;
  const jobId = randomId('job');
  const bookedAt = context.now.toISOString();
  const job = await context.transaction(async (trx) => {
    await claim(trx, row.id, { status: 'Booked', decidedAt: bookedAt, jobId, details: { ...details, booked: { jobId, date, windowId, technician, bookedAt } } });
    const { customerId } = await customerFor(trx, details, row.customer_id, confirmedCustomer, context.now);
    const locationId = await locationFor(trx, details, customerId, row.location_id);
    await trx.updateTable('booking_requests').set({ customer_id: customerId, location_id: locationId }).where('id', '=', row.id).execute();
    const location = await trx.selectFrom('locations').select('name').where('id', '=', locationId).executeTakeFirstOrThrow();
    const service = scheduler.services.find((s) => s.id === details.service.id);
    const chosen = service?.businessUnitId
      ? await trx.selectFrom('business_units').selectAll().where('id', '=', service.businessUnitId).executeTakeFirst()
      : undefined;
    // The service is gone, names no unit, or names one no longer on file: the first unit by name whose
    // invoices the portal shows, so the customer sees this visit's invoice online.
    const units = chosen ? [] : await trx.selectFrom('business_units').selectAll().orderBy('name').execute();
    const unit = chosen ?? units.find((u) => !context.settings.excludedBusinessUnitIds.includes(u.id)) ?? units[0];
    // Every job belongs to a business unit, and they come with the contractor's records: a database
    // with none cannot book yet. Said, and nothing is kept (the transaction rolls back the claim).
    if (!unit) {
      throw new ApiError(409, 'CONFLICT', 'There is no business unit to book this visit under: the database has none yet. Add the contractor’s business units first.');
    }
    const jobNumber = await nextNumber(trx, 'job-number', 70_000);
    const start = zonedInstant(date, window.start, timeZone).toISOString();
    const end = zonedInstant(date, window.end, timeZone).toISOString();
    const made: StoredJob = {
      id: jobId,
      number: String(jobNumber),
      customerId,
      location: { id: locationId, name: location.name },
      businessUnit: { id: unit.id, name: unit.name },
      jobType: details.service.name,
      summary: details.description.slice(0, MAX_DESCRIPTION),
      status: 'Scheduled',
      completedOn: null,
      appointments: [{ id: randomId('apt'), start, end, arrivalWindowStart: start, arrivalWindowEnd: end, status: 'Scheduled', technician }],
      invoice: null,
    };
    const rows = jobRows(made);
    await trx.insertInto('jobs').values(rows.job).execute();
    await trx.insertInto('appointments').values(rows.appointments).execute();
    // In the language the customer asked in.
    const locale = messageLocale[requesterLanguage(details)];
    await sendToRequester(context, trx, scheduler, details, 'appointment-booked', 'requestBooked', {
      RequestReference: row.reference ?? '',
      VisitDate: formatDayLong(date, locale),
      ArrivalWindow: `${formatWallRange(window.start, window.end, locale)} (${zoneName(timeZone, locale, new Date(start))})`,
      TechnicianName: technician?.name ?? '',
    });
    return made;
  });
  return json({ request: await viewOf(context, row.id), job });
}

async function dismiss(context: RouteContext): Promise<Response> {
  requireOffice(context);
  const body = await context.body();
  const reason = requireString(body, 'reason', MAX_DESCRIPTION).trim();
  if (!reason) invalid('reason', 'Say why, for the office’s records.');
  const row = await requestRow(context);
  if (row.status !== 'PendingReview') throw new ApiError(409, 'CONFLICT', 'This request was already booked or dismissed.');
  const details = detailsOf(row);
  const dismissedAt = context.now.toISOString();
  await context.transaction(async (trx) => {
    await claim(trx, row.id, { status: 'Dismissed', decidedAt: dismissedAt, details: { ...details, dismissed: { reason, dismissedAt } } });
    // The reason is for the office's records; the customer gets a kind word and the phone number.
    await sendToRequester(context, trx, await readSchedulerSettings(trx), details, 'appointment-request-dismissed', 'requestDismissed', {
      RequestReference: row.reference ?? '',
    });
  });
  return json(await viewOf(context, row.id));
}

export const reviewQueueRoutes: Route[] = [
  {
    method: 'GET',
    path: '/office/scheduling',
    async handler(context) {
      requireOffice(context);
      return json(await readSchedulerSettings(context.db));
    },
  },
  {
    method: 'PUT',
    path: '/office/scheduling',
    body: 'checked',
    maxBodyBytes: 64 * 1024,
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const units = await context.db.selectFrom('business_units').select(['id', 'name']).orderBy('name').execute();
      const settings = parseSchedulerSettings(body, await readSchedulerSettings(context.db), units);
      await context.db
        .insertInto('settings')
        .values({ key: 'scheduling', value: JSON.stringify(settings) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(settings) }))
        .execute();
      return json(settings);
    },
  },
  {
    method: 'GET',
    path: '/office/technicians',
    async handler(context) {
      requireOffice(context);
      const rows = await context.db
        .selectFrom('appointments')
        .select(['technician_id', 'technician_name'])
        .where('technician_id', 'is not', null)
        .groupBy(['technician_id', 'technician_name'])
        .orderBy('technician_name')
        .execute();
      return json(rows.map((r) => ({ id: r.technician_id!, name: r.technician_name ?? '' })));
    },
  },
  {
    method: 'GET',
    path: '/office/booking-requests',
    query: ['status', 'limit', 'cursor'],
    async handler(context) {
      requireOffice(context);
      const status = context.url.searchParams.get('status');
      if (status !== null && !(bookingRequestStatuses as readonly string[]).includes(status)) {
        invalid('status', `status is one of ${bookingRequestStatuses.join(', ')}.`);
      }
      // Oldest first, a page at a time: a queue longer than one page still shows its newest request.
      const limit = readLimit(context.url, OFFICE_LIST_LIMIT, OFFICE_LIST_LIMIT);
      const listed = `booking-requests:${status ?? 'all'}`;
      const rawCursor = context.url.searchParams.get('cursor');
      const after = rawCursor ? decodeCursor(rawCursor, 2, listed) : null;
      let query = context.db.selectFrom('booking_requests').selectAll().where('reference', 'is not', null);
      if (status) query = query.where('status', '=', status);
      if (after) {
        const [createdAt, id] = after as [string, string];
        query = query.where((eb) =>
          afterPosition(eb, 'asc', [
            ['created_at', createdAt],
            ['id', id],
          ]),
        );
      }
      const rows = await query.orderBy('created_at').orderBy('id').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const items = await officeViews(context.db, page, context.url.pathname.slice(0, context.url.pathname.indexOf('/office/')));
      return json({ items, nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id], listed) : null });
    },
  },
  {
    method: 'GET',
    path: '/office/booking-requests/:requestId/photos/:photoId',
    async handler(context) {
      requireOffice(context);
      const photo = await context.db
        .selectFrom('booking_request_photos')
        .selectAll()
        .where('request_id', '=', context.params.requestId ?? '')
        .where('id', '=', context.params.photoId ?? '')
        .executeTakeFirst();
      if (!photo) throw new ApiError(404, 'NOT_FOUND', 'No such photo.');
      const bytes = Uint8Array.from(atob(photo.data), (c) => c.charCodeAt(0));
      return new Response(bytes, {
        status: 200,
        headers: { 'Content-Type': photo.type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'inline' },
      });
    },
  },
  {
    method: 'POST',
    path: '/office/booking-requests/:requestId/book',
    body: { date: true, windowId: true, technicianId: true, customerId: true, newCustomer: true },
    handler: book,
  },
  { method: 'POST', path: '/office/booking-requests/:requestId/dismiss', body: { reason: true }, handler: dismiss },
];
