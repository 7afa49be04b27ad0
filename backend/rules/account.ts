/**
 * The customer's account beyond billing: memberships, installed equipment and visits. Each route
 * answers only for locations the caller may see (billing or nonBilling access); a location with
 * `none` access is absent, as if it did not exist. See docs/contract/account.md.
 */
import type { Membership } from '../../src/model/index.js';
import { ApiError, json, type Route, type RouteContext } from '../http/http.js';
import { equipmentOf, membershipOf } from '../queries/rows.js';
import { jobsWithAppointments, visibleJobs, visibleLocationsForQuery } from '../queries/scoping.js';
import { requireAccount } from './identity.js';

/** How far back "recent" visits reach, and how many are returned at most. */
export const RECENT_VISIT_DAYS = 365;
export const RECENT_VISIT_LIMIT = 10;

const statusOrder: Record<Membership['status'], number> = { Active: 0, Suspended: 1, Expired: 2, Canceled: 3 };

async function listMemberships(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const { settings } = context;
  if (!settings.membershipsVisible) {
    throw new ApiError(403, 'FEATURE_DISABLED', `Memberships are not shown online. Call ${settings.companyName} at ${settings.companyPhone}.`);
  }
  if (settings.membershipStatuses.length === 0) return json([]);
  const rows = await context.db
    .selectFrom('memberships')
    .selectAll()
    .where('customer_id', '=', access.grant.customerId)
    .where('location_id', 'in', visibleLocationsForQuery(access))
    .where('status', 'in', settings.membershipStatuses)
    .execute();
  const memberships = rows
    .map(membershipOf)
    // An expired or canceled plan has no next visit, whatever the record still says.
    .map((m) => (m.status === 'Expired' || m.status === 'Canceled' ? { ...m, nextVisitOn: null } : m))
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || b.from.localeCompare(a.from));
  return json(memberships);
}

/**
 * Equipment with "last serviced" as the newer of the date on record and the last completed job that
 * worked on that piece (jobs name the equipment they touched): a thermostat job does not service the
 * water heater.
 */
async function listEquipment(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const locations = visibleLocationsForQuery(access);
  const rows = await context.db
    .selectFrom('equipment')
    .selectAll('equipment')
    .select((eb) =>
      eb
        .selectFrom('job_equipment')
        .innerJoin('jobs', 'jobs.id', 'job_equipment.job_id')
        .select((inner) => inner.fn.max('jobs.completed_on').as('last'))
        .whereRef('job_equipment.equipment_id', '=', 'equipment.id')
        .where('jobs.status', '=', 'Completed')
        .where('jobs.location_id', 'in', locations)
        .as('last_job_on'),
    )
    .where('equipment.customer_id', '=', access.grant.customerId)
    .where('equipment.location_id', 'in', locations)
    .orderBy('equipment.location_name')
    .orderBy('equipment.name')
    .execute();
  return json(
    rows.map((row) => {
      const equipment = equipmentOf(row);
      const fromJobs = (row.last_job_on as string | null) ?? null;
      const recorded = equipment.lastServicedOn;
      const lastServicedOn = !recorded ? fromJobs : !fromJobs ? recorded : recorded > fromJobs ? recorded : fromJobs;
      return { ...equipment, lastServicedOn };
    }),
  );
}

async function listVisits(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const since = new Date(context.now.getTime() - RECENT_VISIT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [scheduled, recentRows] = await Promise.all([
    visibleJobs(context.db, context.settings, access).where('jobs.status', '=', 'Scheduled').execute(),
    visibleJobs(context.db, context.settings, access)
      .where('jobs.status', '=', 'Completed')
      .where('jobs.completed_on', '>=', since)
      .orderBy('jobs.completed_on', 'desc')
      .orderBy('jobs.id', 'desc')
      .limit(RECENT_VISIT_LIMIT)
      .execute(),
  ]);
  const upcoming = (await jobsWithAppointments(context.db, context.settings, scheduled, access))
    .map((job) => ({
      ...job,
      // Only appointments still ahead: a finished or canceled one is not a visit to wait for.
      appointments: job.appointments.filter((a) => a.status !== 'Canceled' && a.status !== 'Done' && Date.parse(a.end) >= context.now.getTime()),
    }))
    .filter((job) => job.appointments.length > 0)
    .sort((a, b) => a.appointments[0]!.start.localeCompare(b.appointments[0]!.start));
  return json({ upcoming, recent: await jobsWithAppointments(context.db, context.settings, recentRows, access) });
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/customers/:customerId/memberships', handler: listMemberships, snapshot: true },
  { method: 'GET', path: '/customers/:customerId/equipment', handler: listEquipment, snapshot: true },
  { method: 'GET', path: '/customers/:customerId/visits', handler: listVisits, snapshot: true },
];
