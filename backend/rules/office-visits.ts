/**
 * The office's list of visits (`GET /office/appointments`): the appointments the portal holds, by arrival
 * window, a page at a time, between two days of the contractor's calendar. What the office needs to send
 * a visit-status link (`POST /office/links`) or move a visit along (`PUT /office/appointments/:id/status`)
 * without looking its id up in the field-service system. Canceled and finished visits are listed too: the
 * office sees what the customer was told.
 */
import { todayIn, zonedInstant } from '../../src/internal/format.js';
import { isCalendarDay } from '../../src/model/common.js';
import { addDays } from '../../src/model/scheduling-rules.js';
import type { OfficeVisit } from '../../src/model/visit-status.js';
import { decodeCursor, encodeCursor, readLimit } from '../http/cursor.js';
import { invalid, json, type Route, type RouteContext } from '../http/http.js';
import { afterPosition } from '../queries/keyset.js';
import { technicianOf } from '../queries/rows.js';
import { visitProgress } from '../queries/visit-progress.js';

/** Days listed when `to` is not given: from `from` through the next four weeks. */
const DEFAULT_DAYS = 28;
/** The longest span one list may cover: a year, as the scheduler's horizon. */
const MAX_DAYS = 366;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

/** A `YYYY-MM-DD` parameter, or undefined when absent; anything else is refused naming it. */
function dayParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (!isCalendarDay(value)) invalid(name, `"${name}" is a day written YYYY-MM-DD, such as 2026-12-01.`);
  return value;
}

/**
 * The first instant of a day in a zone, in UTC. Where the clocks skip midnight (America/Santiago,
 * America/Havana), 00:00 does not exist and would read as 23:00 the day before: the day starts at the
 * first instant whose date is the day.
 */
function dayStart(day: string, timeZone: string): string {
  let at = zonedInstant(day, '00:00', timeZone);
  for (let step = 0; todayIn(timeZone, at) < day && step < 12; step++) at = new Date(at.getTime() + 15 * 60_000);
  return at.toISOString();
}

const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export function officeVisitRoutes(requireOffice: (context: RouteContext) => void): Route[] {
  return [
    {
      method: 'GET',
      path: '/office/appointments',
      query: ['from', 'to', 'limit', 'cursor'],
      async handler(context) {
        requireOffice(context);
        const { timeZone } = context.settings;
        const from = dayParam(context.url, 'from') ?? todayIn(timeZone, context.now);
        const to = dayParam(context.url, 'to') ?? addDays(from, DEFAULT_DAYS - 1);
        if (to < from) invalid('to', '"to" is a day on or after "from".');
        if (dayCount(from, to) > MAX_DAYS) invalid('to', `A list covers at most ${MAX_DAYS} days: ask for the rest with a later "from".`);
        const limit = readLimit(context.url, DEFAULT_LIMIT, MAX_LIMIT);
        // A page link belongs to its days: used with others it would skip or repeat visits.
        const listed = `appointments:${from}:${to}`;
        const rawCursor = context.url.searchParams.get('cursor');
        const after = rawCursor ? decodeCursor(rawCursor, 2, listed) : null;
        // The days in the contractor's zone, as the instants the rows hold (UTC, so they compare as text).
        const start = dayStart(from, timeZone);
        const end = dayStart(addDays(to, 1), timeZone);
        let query = context.db
          .selectFrom('appointments')
          .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
          .innerJoin('customers', 'customers.id', 'jobs.customer_id')
          .select([
            'appointments.id',
            'appointments.window_start',
            'appointments.window_end',
            'appointments.status',
            'appointments.technician_id',
            'appointments.technician_name',
            'jobs.id as job_id',
            'jobs.number',
            'jobs.job_type',
            'jobs.summary',
            'jobs.status as job_status',
            'jobs.location_id',
            'jobs.location_name',
            'customers.id as customer_id',
            'customers.name as customer_name',
          ])
          .where('appointments.window_start', '>=', start)
          .where('appointments.window_start', '<', end);
        if (after) {
          const [windowStart, id] = after as [string, string];
          query = query.where((eb) =>
            afterPosition(eb, 'asc', [
              ['appointments.window_start', windowStart],
              ['appointments.id', id],
            ]),
          );
        }
        const rows = await query.orderBy('appointments.window_start').orderBy('appointments.id').limit(limit + 1).execute();
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        const items: OfficeVisit[] = page.map((row) => ({
          appointmentId: row.id,
          jobId: row.job_id,
          jobNumber: row.number,
          jobType: row.job_type,
          summary: row.summary,
          customer: { id: row.customer_id, name: row.customer_name },
          location: { id: row.location_id, name: row.location_name },
          arrivalWindowStart: row.window_start,
          arrivalWindowEnd: row.window_end,
          status: visitProgress(row.job_status, row.status),
          technician: technicianOf(row),
        }));
        return json({ from, to, timeZone, items, nextCursor: rows.length > limit && last ? encodeCursor([last.window_start, last.id], listed) : null });
      },
    },
  ];
}
