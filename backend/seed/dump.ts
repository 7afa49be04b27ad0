/**
 * The business as one document: how the demo seed is written (a document of sample data, written as
 * rows), and how tests and the office page's developer tools read everything back at once. The routes
 * never use it: they query only the rows they need.
 */
import type { Insertable } from 'kysely';
import type {
  BookingRequest,
  BusinessUnit,
  Customer,
  InstalledEquipment,
  Invoice,
  Membership,
  Payment,
  PortalSettings,
} from '../../src/model/index.js';
import type { Queryable } from '../dialects/portal-database.js';
import { estimateRow, recordOf, type EstimateRecord } from '../rules/estimates.js';
import { DATA_TABLES, type Database } from '../schema/database.js';
import {
  customerOf,
  customerRows,
  equipmentOf,
  equipmentRow,
  invoiceOf,
  invoiceRows,
  jobOf,
  jobRows,
  membershipOf,
  membershipRow,
  normaliseEmail,
  paymentOf,
  paymentRow,
  type StoredJob,
} from '../queries/rows.js';

import type { PasswordHash } from '../rules/crypto.js';

export type { PasswordHash };

export interface LoginRecord {
  id: string;
  email: string;
  password: PasswordHash;
  createdAt: string;
  /** `null` until the email is confirmed (when the contractor requires it). */
  verifiedAt?: string | null;
}

export interface SessionRecord {
  tokenHash: string;
  loginId: string;
  createdAt: string;
  expiresAt: string;
}

export interface OneTimeTokenRecord {
  purpose: 'reset' | 'verify';
  tokenHash: string;
  loginId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  /** The link the message carries, for the office page to open. */
  link: string | null;
  kind: 'password-reset' | 'invitation' | 'receipt' | 'verify-email';
  sentAt: string;
}

export interface BackendDump {
  settings: PortalSettings;
  businessUnits: BusinessUnit[];
  customers: Customer[];
  invoices: Invoice[];
  payments: Payment[];
  jobs: StoredJob[];
  memberships: Membership[];
  equipment: InstalledEquipment[];
  bookingRequests: BookingRequest[];
  estimates: EstimateRecord[];
  logins: LoginRecord[];
  sessions: SessionRecord[];
  resetTokens: OneTimeTokenRecord[];
  outbox: OutboxMessage[];
}

/** Rows per INSERT: well under every engine's limit on bound parameters (SQLite 32,766; PostgreSQL 65,535). */
export function inBatches<R extends object>(rows: R[]): R[][] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!).length;
  const batch = Math.max(1, Math.floor(20_000 / columns));
  const batches: R[][] = [];
  for (let i = 0; i < rows.length; i += batch) batches.push(rows.slice(i, i + batch));
  return batches;
}

export async function insertAll<T extends keyof Database>(db: Queryable, table: T, rows: Insertable<Database[T]>[]) {
  for (const batch of inBatches(rows)) await db.insertInto(table).values(batch as never).execute();
}

export async function clearAll(db: Queryable) {
  for (const table of DATA_TABLES) await db.deleteFrom(table).execute();
}

export async function writeCustomers(db: Queryable, customers: Customer[]) {
  const rows = customers.map(customerRows);
  await insertAll(db, 'customers', rows.map((r) => r.customer));
  await insertAll(db, 'locations', rows.flatMap((r) => r.locations));
  await insertAll(db, 'contacts', rows.flatMap((r) => r.contacts));
}

export async function writeInvoices(db: Queryable, invoices: Invoice[]) {
  const rows = invoices.map(invoiceRows);
  await insertAll(db, 'invoices', rows.map((r) => r.invoice));
  await insertAll(db, 'invoice_items', rows.flatMap((r) => r.items));
  await insertAll(db, 'payment_applications', rows.flatMap((r) => r.applications));
}

export async function writeJobs(db: Queryable, jobs: StoredJob[]) {
  const rows = jobs.map(jobRows);
  await insertAll(db, 'jobs', rows.map((r) => r.job));
  await insertAll(db, 'appointments', rows.flatMap((r) => r.appointments));
  await insertAll(db, 'job_equipment', rows.flatMap((r) => r.equipment));
}

export async function writeLogins(db: Queryable, logins: LoginRecord[]) {
  await insertAll(
    db,
    'logins',
    logins.map((l) => ({
      id: l.id,
      // Logins keep their email normalised: the session's reach is joined on it.
      email: normaliseEmail(l.email),
      password: JSON.stringify(l.password),
      created_at: l.createdAt,
      verified_at: l.verifiedAt === undefined ? l.createdAt : l.verifiedAt,
    })),
  );
}

/** Replaces everything with the document: the seed, and tests that set up an unusual business. */
export async function writeDump(db: Queryable, dump: BackendDump) {
  await clearAll(db);
  await db.insertInto('settings').values({ key: 'portal', value: JSON.stringify(dump.settings) }).execute();
  await insertAll(db, 'business_units', dump.businessUnits.map((b) => ({ id: b.id, name: b.name, trade: b.trade })));
  await writeCustomers(db, dump.customers);
  await writeInvoices(db, dump.invoices);
  await insertAll(db, 'payments', dump.payments.map(paymentRow));
  await insertAll(db, 'memberships', dump.memberships.map(membershipRow));
  await insertAll(db, 'equipment', dump.equipment.map(equipmentRow));
  await writeJobs(db, dump.jobs);
  await insertAll(db, 'estimates', dump.estimates.map(estimateRow));
  await writeLogins(db, dump.logins);
  await insertAll(
    db,
    'sessions',
    dump.sessions.map((s) => ({ token_hash: s.tokenHash, login_id: s.loginId, created_at: s.createdAt, expires_at: s.expiresAt })),
  );
  await insertAll(
    db,
    'one_time_tokens',
    dump.resetTokens.map((t) => ({
      token_hash: t.tokenHash,
      purpose: t.purpose,
      login_id: t.loginId,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: t.usedAt,
    })),
  );
  await insertAll(
    db,
    'outbox',
    dump.outbox.map((m) => ({ id: m.id, to_address: m.to, subject: m.subject, body: m.body, link: m.link, kind: m.kind, sent_at: m.sentAt })),
  );
  const receipts = dump.payments.length;
  await db.insertInto('counters').values({ name: 'receipt', value: 100_000 + receipts }).execute();
}

/** Items by a key, each key's items in their order. */
export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Everything, as one document. For tests and tools only: it reads every row. */
export async function readDump(db: Queryable): Promise<BackendDump> {
  const settingsRow = await db.selectFrom('settings').select('value').where('key', '=', 'portal').executeTakeFirst();
  const [customers, locations, contacts] = await Promise.all([
    db.selectFrom('customers').selectAll().orderBy('id').execute(),
    db.selectFrom('locations').selectAll().execute(),
    db.selectFrom('contacts').selectAll().execute(),
  ]);
  const locationsBy = groupBy(locations, (l) => l.customer_id);
  const contactsBy = groupBy(contacts, (c) => c.customer_id);
  const invoices = await db.selectFrom('invoices').selectAll().orderBy('id').execute();
  const items = groupBy(await db.selectFrom('invoice_items').selectAll().orderBy('position').execute(), (i) => i.invoice_id);
  const applications = await db.selectFrom('payment_applications').selectAll().orderBy('paid_on').orderBy('position').execute();
  const appsByInvoice = groupBy(applications, (a) => a.invoice_id);
  const appsByPayment = groupBy(applications, (a) => a.payment_id);
  const jobs = await db
    .selectFrom('jobs')
    .leftJoin('invoices', 'invoices.id', 'jobs.invoice_id')
    .selectAll('jobs')
    .select([
      'invoices.id as visible_invoice_id',
      'invoices.number as invoice_number',
      'invoices.total as invoice_total',
      'invoices.currency as invoice_currency',
    ])
    .orderBy('jobs.id')
    .execute();
  const appointments = groupBy(await db.selectFrom('appointments').selectAll().orderBy('start_at').execute(), (a) => a.job_id);
  const jobEquipment = groupBy(await db.selectFrom('job_equipment').selectAll().execute(), (e) => e.job_id);
  return {
    settings: JSON.parse(settingsRow?.value ?? '{}') as PortalSettings,
    businessUnits: await db.selectFrom('business_units').selectAll().orderBy('id').execute(),
    customers: customers.map((c) => customerOf(c, locationsBy.get(c.id) ?? [], contactsBy.get(c.id) ?? [])),
    invoices: invoices.map((i) => invoiceOf(i, items.get(i.id) ?? [], appsByInvoice.get(i.id) ?? [])),
    payments: (await db.selectFrom('payments').selectAll().orderBy('created_at').orderBy('id').execute()).map((p) =>
      paymentOf(p, appsByPayment.get(p.id) ?? []),
    ),
    jobs: jobs.map((j) => ({
      ...jobOf(j, appointments.get(j.id) ?? []),
      equipmentIds: (jobEquipment.get(j.id) ?? []).map((e) => e.equipment_id),
    })),
    memberships: (await db.selectFrom('memberships').selectAll().orderBy('id').execute()).map(membershipOf),
    equipment: (await db.selectFrom('equipment').selectAll().orderBy('id').execute()).map(equipmentOf),
    bookingRequests: [],
    estimates: (await db.selectFrom('estimates').selectAll().orderBy('id').execute()).map(recordOf),
    logins: (await db.selectFrom('logins').selectAll().orderBy('created_at').execute()).map((l) => ({
      id: l.id,
      email: l.email,
      password: JSON.parse(l.password) as PasswordHash,
      createdAt: l.created_at,
      verifiedAt: l.verified_at,
    })),
    sessions: (await db.selectFrom('sessions').selectAll().orderBy('created_at').execute()).map((s) => ({
      tokenHash: s.token_hash,
      loginId: s.login_id,
      createdAt: s.created_at,
      expiresAt: s.expires_at,
    })),
    resetTokens: (await db.selectFrom('one_time_tokens').selectAll().orderBy('created_at').execute()).map((t) => ({
      purpose: t.purpose as OneTimeTokenRecord['purpose'],
      tokenHash: t.token_hash,
      loginId: t.login_id,
      createdAt: t.created_at,
      expiresAt: t.expires_at,
      usedAt: t.used_at,
    })),
    outbox: (await db.selectFrom('outbox').selectAll().orderBy('id').execute()).map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      body: m.body,
      link: m.link,
      kind: m.kind as OutboxMessage['kind'],
      sentAt: m.sent_at,
    })),
  };
}
