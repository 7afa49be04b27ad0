/**
 * The customer's account beyond billing: memberships, installed equipment and visits. Each route
 * answers only for locations the caller may see (billing or nonBilling access); a location with
 * `none` access is absent, as if it did not exist. See docs/contract/account.md.
 */
import type { InstalledEquipment, Job, Membership } from '../src/model/index.js';
import { ApiError, json, type Route, type RouteContext } from './http.js';
import { requireAccount, type AccountAccess } from './identity.js';
import { visibleJobs } from './scoping.js';

/** How far back "recent" visits reach, and how many are returned at most. */
export const RECENT_VISIT_DAYS = 365;
export const RECENT_VISIT_LIMIT = 10;

const statusOrder: Record<Membership['status'], number> = { Active: 0, Suspended: 1, Expired: 2, Canceled: 3 };

function visibleHere(access: AccountAccess, item: { customerId: string; location: { id: string } }): boolean {
  return item.customerId === access.grant.customerId && access.visibleLocationIds.has(item.location.id);
}

async function listMemberships(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const { settings } = context.state;
  if (!settings.membershipsVisible) {
    throw new ApiError(403, 'FEATURE_DISABLED', `Memberships are not shown online. Call ${settings.companyName} at ${settings.companyPhone}.`);
  }
  const allowed = new Set(settings.membershipStatuses);
  const memberships = context.state.memberships
    .filter((m) => visibleHere(access, m) && allowed.has(m.status))
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || b.from.localeCompare(a.from));
  return json(memberships);
}

/** The newest completion date of a completed job at each location. */
function latest(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

function lastCompletedByLocation(jobs: Job[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const job of jobs) {
    if (job.status !== 'Completed' || !job.completedOn) continue;
    const seen = last.get(job.location.id);
    if (!seen || job.completedOn > seen) last.set(job.location.id, job.completedOn);
  }
  return last;
}

async function listEquipment(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const lastCompleted = lastCompletedByLocation(visibleJobs(context.state, access));
  const equipment: InstalledEquipment[] = context.state.equipment
    .filter((e) => visibleHere(access, e))
    // The newer of the date on record and the last completed job there: a visit after the record counts.
    .map((e) => ({ ...e, lastServicedOn: latest(e.lastServicedOn, lastCompleted.get(e.location.id) ?? null) }))
    .sort((a, b) => a.location.name.localeCompare(b.location.name) || a.name.localeCompare(b.name));
  return json(equipment);
}

async function listVisits(context: RouteContext): Promise<Response> {
  const access = await requireAccount(context);
  const now = context.now.getTime();
  const jobs = visibleJobs(context.state, access);
  const upcoming = jobs
    .filter((job) => job.status === 'Scheduled')
    .map((job) => ({
      ...job,
      // Only appointments still ahead: a finished or canceled one is not a visit to wait for.
      appointments: job.appointments
        .filter((a) => a.status !== 'Canceled' && a.status !== 'Done' && Date.parse(a.end) >= now)
        .sort((a, b) => a.start.localeCompare(b.start)),
    }))
    .filter((job) => job.appointments.length > 0)
    .sort((a, b) => a.appointments[0]!.start.localeCompare(b.appointments[0]!.start));
  const since = new Date(now - RECENT_VISIT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const recent = jobs
    .filter((job) => job.status === 'Completed' && job.completedOn !== null && job.completedOn >= since)
    .sort((a, b) => b.completedOn!.localeCompare(a.completedOn!))
    .slice(0, RECENT_VISIT_LIMIT);
  return json({ upcoming, recent });
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/customers/:customerId/memberships', handler: listMemberships },
  { method: 'GET', path: '/customers/:customerId/equipment', handler: listEquipment },
  { method: 'GET', path: '/customers/:customerId/visits', handler: listVisits },
];
