/**
 * What the contractor's settings and the caller's location access let a customer see, as conditions
 * in the query: the invoice filter (sync and review status), the excluded business units, and the
 * locations with billing access. Every invoice and job query starts here, so a request made by hand
 * sees no more than the elements show.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { PortalSettings } from '../../src/model/index.js';
import type { Queryable } from '../dialects/portal-database.js';
import type { AccountAccess } from '../rules/identity.js';
import type { Database } from '../schema/database.js';
import { appointmentOf, invoiceOf, jobOf, type JobInvoiceColumns } from './rows.js';

const never = sql<SqlBool>`1 = 0`;

type InvoiceAlias = 'invoices';

type InvoiceScope = ExpressionBuilder<Pick<Database, InvoiceAlias>, InvoiceAlias>;

/** The contractor's rules for which invoices are shown online at all: the filter and the excluded units. */
function invoiceAllowed(eb: InvoiceScope, settings: PortalSettings): Expression<SqlBool> {
  const { syncStatuses, reviewStatuses } = settings.invoiceFilter;
  if (syncStatuses.length === 0 || reviewStatuses.length === 0) return never;
  const conditions = [eb('invoices.sync_status', 'in', syncStatuses), eb('invoices.review_status', 'in', reviewStatuses)];
  if (settings.excludedBusinessUnitIds.length > 0) {
    conditions.push(eb('invoices.business_unit_id', 'not in', settings.excludedBusinessUnitIds));
  }
  return eb.and(conditions);
}

/** The conditions under which an invoice row is visible to this caller. */
function invoiceVisible(eb: InvoiceScope, settings: PortalSettings, access: AccountAccess): Expression<SqlBool> {
  if (access.billingLocationIds.length === 0) return never;
  return eb.and([
    eb('invoices.customer_id', '=', access.grant.customerId),
    eb('invoices.location_id', 'in', access.billingLocationIds),
    invoiceAllowed(eb, settings),
  ]);
}

/** The account's invoices the caller may see, as a query to narrow, order and page. */
export function visibleInvoices(db: Queryable, settings: PortalSettings, access: AccountAccess) {
  return db.selectFrom('invoices').where((eb) => invoiceVisible(eb, settings, access));
}

/** Whole invoices (items and payments applied) for these invoice rows, in the rows' order. */
export async function withDetails(db: Queryable, rows: Database['invoices'][]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, applications] = await Promise.all([
    db.selectFrom('invoice_items').selectAll().where('invoice_id', 'in', ids).orderBy('invoice_id').orderBy('position').execute(),
    db.selectFrom('payment_applications').selectAll().where('invoice_id', 'in', ids).orderBy('paid_on').orderBy('payment_id').execute(),
  ]);
  return rows.map((row) =>
    invoiceOf(
      row,
      items.filter((i) => i.invoice_id === row.id),
      applications.filter((a) => a.invoice_id === row.id),
    ),
  );
}

/**
 * The account's jobs at locations the caller may see, with the job's invoice only when that invoice
 * is visible to this caller (so a hidden invoice's existence does not leak through the job).
 */
export function visibleJobs(db: Queryable, settings: PortalSettings, access: AccountAccess) {
  const visibleLocations = access.visibleLocationIds.length > 0 ? access.visibleLocationIds : ['\u0000none'];
  return db
    .selectFrom('jobs')
    .leftJoin('invoices', (join) =>
      join.onRef('invoices.id', '=', 'jobs.invoice_id').on((eb) => invoiceVisible(eb as never, settings, access)),
    )
    .where('jobs.customer_id', '=', access.grant.customerId)
    .where('jobs.location_id', 'in', visibleLocations)
    .selectAll('jobs')
    .select([
      'invoices.id as visible_invoice_id',
      'invoices.number as invoice_number',
      'invoices.total as invoice_total',
      'invoices.currency as invoice_currency',
    ]);
}

/**
 * Whole jobs (appointments in time order) for these job rows, in the rows' order. A job whose invoice
 * is one the contractor shows online, hidden only because this sign-in has no billing access where the
 * job was, says `invoiceWithAccountHolder` (not "no invoice"); an invoice hidden by the invoice filter
 * or an excluded business unit stays unmentioned.
 */
export async function jobsWithAppointments(
  db: Queryable,
  settings: PortalSettings,
  rows: (Database['jobs'] & JobInvoiceColumns)[],
  access: AccountAccess,
) {
  if (rows.length === 0) return [];
  const held = rows.filter((r) => r.invoice_id !== null && r.visible_invoice_id === null && !access.billingLocationIds.includes(r.location_id));
  const [appointments, heldInvoices] = await Promise.all([
    db.selectFrom('appointments').selectAll().where('job_id', 'in', rows.map((r) => r.id)).orderBy('start_at').execute(),
    held.length
      ? db
          .selectFrom('invoices')
          .select('id')
          .where('id', 'in', held.map((r) => r.invoice_id!))
          .where((eb) => invoiceAllowed(eb, settings))
          .execute()
      : Promise.resolve([]),
  ]);
  const withHolder = new Set(heldInvoices.map((i) => i.id));
  return rows.map((row) => {
    const job = jobOf(row, appointments.filter((a) => a.job_id === row.id));
    return row.invoice_id !== null && withHolder.has(row.invoice_id) ? { ...job, invoiceWithAccountHolder: true } : job;
  });
}

export { appointmentOf };
