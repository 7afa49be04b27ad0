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
import { preparedQuery } from './prepared.js';
import { afterPosition } from './keyset.js';
import { appointmentOf, invoiceOf, jobOf, type JobInvoiceColumns } from './rows.js';

const never = sql<SqlBool>`1 = 0`;
const notVoided = sql<SqlBool>`not exists (select 1 from document_voids where document_voids.purpose = 'pay' and document_voids.document_id = invoices.id)`;

type InvoiceAlias = 'invoices';

type InvoiceScope = ExpressionBuilder<Pick<Database, InvoiceAlias>, InvoiceAlias>;

/** The contractor's invoice filter and excluded units, as the lists a query compares with. */
export type InvoiceRules = {
  syncStatuses: readonly string[];
  reviewStatuses: readonly string[];
  excludedUnitIds: readonly string[];
};

/** What decides whether an invoice row is visible to a caller: the contractor's rules, the account and the locations with billing access. */
export type InvoiceVisibility = InvoiceRules & {
  customerId: string;
  billingLocationIds: readonly string[];
};

export function invoiceRules(settings: PortalSettings): InvoiceRules {
  return {
    syncStatuses: settings.invoiceFilter.syncStatuses,
    reviewStatuses: settings.invoiceFilter.reviewStatuses,
    excludedUnitIds: settings.excludedBusinessUnitIds,
  };
}

export function invoiceVisibility(settings: PortalSettings, access: AccountAccess): InvoiceVisibility {
  return { ...invoiceRules(settings), customerId: access.grant.customerId, billingLocationIds: access.billingLocationIds };
}

/**
 * The contractor's rules for which invoices are shown online at all: the filter and the excluded
 * units. It decides on the lists' lengths only, never their contents, so a prepared query (whose
 * values are placeholders while it is built) gets the same conditions.
 */
function invoiceAllowed(eb: InvoiceScope, rules: InvoiceRules): Expression<SqlBool> {
  if (rules.syncStatuses.length === 0 || rules.reviewStatuses.length === 0) return never;
  const conditions = [
    eb('invoices.sync_status', 'in', rules.syncStatuses),
    eb('invoices.review_status', 'in', rules.reviewStatuses),
    // A voided invoice is no longer shown online (its balance went to zero: it would read as paid), and
    // a job it belonged to shows no invoice. One primary-key lookup per row.
    notVoided,
  ];
  if (rules.excludedUnitIds.length > 0) {
    conditions.push(eb('invoices.business_unit_id', 'not in', rules.excludedUnitIds));
  }
  return eb.and(conditions);
}

/** The conditions under which an invoice row is visible to this caller. */
export function invoiceVisible(eb: InvoiceScope, visibility: InvoiceVisibility): Expression<SqlBool> {
  if (visibility.billingLocationIds.length === 0) return never;
  return eb.and([
    eb('invoices.customer_id', '=', visibility.customerId),
    eb('invoices.location_id', 'in', visibility.billingLocationIds),
    invoiceAllowed(eb, visibility),
  ]);
}

/** The account's invoices the caller may see, as a query to narrow, order and page. */
export function visibleInvoices(db: Queryable, settings: PortalSettings, access: AccountAccess) {
  const visibility = invoiceVisibility(settings, access);
  return db.selectFrom('invoices').where((eb) => invoiceVisible(eb, visibility));
}

const itemsOf = preparedQuery((db, { ids }: { ids: readonly string[] }) =>
  db.selectFrom('invoice_items').selectAll().where('invoice_id', 'in', ids).orderBy('invoice_id').orderBy('position'),
);

const applicationsOf = preparedQuery((db, { ids }: { ids: readonly string[] }) =>
  db.selectFrom('payment_applications').selectAll().where('invoice_id', 'in', ids).orderBy('paid_on').orderBy('payment_id'),
);

/** Whole invoices (items and payments applied) for these invoice rows, in the rows' order. */
export async function withDetails(db: Queryable, rows: Database['invoices'][]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, applications] = await Promise.all([itemsOf.all(db, { ids }), applicationsOf.all(db, { ids })]);
  return rows.map((row) =>
    invoiceOf(
      row,
      items.filter((i) => i.invoice_id === row.id),
      applications.filter((a) => a.invoice_id === row.id),
    ),
  );
}

/** Where a page of invoices starts: after this position in the list's order (both lists sort by a date, the number, the id). */
export interface InvoicePosition {
  date: string;
  number: string;
  id: string;
}

export type InvoiceListStatus = 'open' | 'paid';

/**
 * One page of outstanding (oldest due first) or paid (newest first) invoices, by keyset on the
 * customer's invoice indexes, and the count of all that match. Prepared: the signed-in hot path.
 */
const invoicePage = preparedQuery(
  (db, v: InvoiceVisibility & { date: string; number: string; id: string }, variant) => {
    const [status, from, limitText] = variant.split(':') as [InvoiceListStatus, 'first' | 'after', string];
    // The limit is written into the SQL, not bound: SQLite plans a bound LIMIT with its value and
    // prepares the statement again each time one is bound (19 µs of the 33 µs this query took).
    // It is a whole number the route checked, and part of the variant the SQL is kept under.
    const limit = sql.lit(Number(limitText));
    let page = db
      .selectFrom('invoices')
      .where((eb) => invoiceVisible(eb, v))
      .where('balance', status === 'open' ? '>' : '<=', 0)
      .selectAll();
    if (status === 'open') {
      if (from === 'after') {
        page = page.where((eb) =>
          afterPosition(eb, 'asc', [
            ['due_date', v.date],
            ['number', v.number],
            ['id', v.id],
          ]),
        );
      }
      return page.orderBy('due_date').orderBy('number').orderBy('id').limit(limit);
    }
    if (from === 'after') {
      page = page.where((eb) =>
        afterPosition(eb, 'desc', [
          ['invoice_date', v.date],
          ['number', v.number],
          ['id', v.id],
        ]),
      );
    }
    return page.orderBy('invoice_date', 'desc').orderBy('number', 'desc').orderBy('id', 'desc').limit(limit);
  },
);

const invoiceCount = preparedQuery((db, v: InvoiceVisibility, status) =>
  db
    .selectFrom('invoices')
    .where((eb) => invoiceVisible(eb, v))
    .where('balance', status === 'open' ? '>' : '<=', 0)
    .select((eb) => eb.fn.countAll<number>().as('total')),
);

/**
 * Up to `limit` invoice rows of a list after `after` (or from the start), and how many match in all.
 * The count is a second query only when this page does not already show every match: a first page
 * shorter than the limit is the whole list.
 */
export async function invoiceListPage(
  db: Queryable,
  visibility: InvoiceVisibility,
  status: InvoiceListStatus,
  after: InvoicePosition | null,
  limit: number,
): Promise<{ rows: Database['invoices'][]; hasMore: boolean; total: number }> {
  const position = after ?? { date: '', number: '', id: '' };
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`A page limit is a whole number of at least 1, not ${limit}.`);
  const rows = await invoicePage.all(db, { ...visibility, ...position }, `${status}:${after ? 'after' : 'first'}:${limit + 1}`);
  const hasMore = rows.length > limit;
  const total = !after && !hasMore ? rows.length : Number((await invoiceCount.first(db, visibility, status))?.total ?? 0);
  return { rows: rows.slice(0, limit), hasMore, total };
}

/** What the caller owes on the account's open invoices, summed in the database (one row). */
export const openBalance = preparedQuery((db, v: InvoiceVisibility & { today: string }) =>
  db
    .selectFrom('invoices')
    .where((eb) => invoiceVisible(eb, v))
    .where('balance', '>', 0)
    .select((eb) => [
      eb.fn.max('currency').as('currency'),
      eb.fn.coalesce(eb.fn.sum<number>('balance'), eb.lit(0)).as('total'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('due_date', '<', v.today).then(eb.ref('balance')).else(0).end()), eb.lit(0)).as('pastDue'),
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('due_date', '<', v.today).then(1).else(0).end()), eb.lit(0)).as('pastDueCount'),
      eb.fn.min<string | null>(eb.case().when('due_date', '>=', v.today).then(eb.ref('due_date')).else(null).end()).as('nextDue'),
    ]),
);

/**
 * The locations the caller sees, for `IN (…)`: never empty (an empty `IN ()` is not valid SQL), so a
 * caller who sees none gets an id no location has. Not a NUL-marked one: PostgreSQL cannot take U+0000 in text.
 */
export function visibleLocationsForQuery(access: AccountAccess): string[] {
  return access.visibleLocationIds.length > 0 ? access.visibleLocationIds : [''];
}

/** The locations where the caller has billing access, for `IN (…)`: never empty, as above. */
export function billingLocationsForQuery(access: AccountAccess): string[] {
  return access.billingLocationIds.length > 0 ? access.billingLocationIds : [''];
}

/**
 * The account's jobs at locations the caller may see, nothing joined: what a count or a list of years
 * reads. Joining each job's invoice for those (as visibleJobs does) cost a lookup per job: 16 ms of a
 * 10,000-job history's first page on sql.js (`node scripts/bench.mjs`).
 */
export function jobsInScope(db: Queryable, access: AccountAccess) {
  return db.selectFrom('jobs').where('jobs.customer_id', '=', access.grant.customerId).where('jobs.location_id', 'in', visibleLocationsForQuery(access));
}

/**
 * The account's jobs at locations the caller may see, with the job's invoice only when that invoice
 * is visible to this caller (so a hidden invoice's existence does not leak through the job).
 */
export function visibleJobs(db: Queryable, settings: PortalSettings, access: AccountAccess) {
  return jobsInScope(db, access)
    .leftJoin('invoices', (join) =>
      join.onRef('invoices.id', '=', 'jobs.invoice_id').on((eb) => invoiceVisible(eb as never, invoiceVisibility(settings, access))),
    )
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
          .where((eb) => invoiceAllowed(eb, invoiceRules(settings)))
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
