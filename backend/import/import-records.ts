/**
 * `porchlight-server import FILE` (docs/import.md): the contractor's records from their field-service
 * system written into the portal's tables, all in one transaction, or nothing written and every
 * problem named by its path in the file: a record with problems of its own is still checked against
 * the others and the database here (records.ts's `CHECKED_FIELDS`), so one run finds them all.
 *
 * The rules, each kept here once:
 * - Records are upserted by the contractor's own ids; a record the file does not hold is left alone
 *   (a file may be one day's changes). A record that says what is stored already is not written again,
 *   so importing the same file twice changes nothing the second time (it counts as unchanged).
 * - A record's own lists (a customer's locations and contacts, an invoice's items, a job's appointments
 *   and equipment) are replaced by the file's. A location something else still refers to stays when it
 *   is left out (the portal's own, made at a booking, or one with history); one nothing refers to goes.
 * - Every id a record names must be in the file or on file, and agree with it (an invoice's location is
 *   its customer's; a name given beside an id is that record's name).
 * - What the portal owns is never touched: settings, logins, sessions, tokens, the portal's payments and
 *   their applications, booking requests, estimates, links, the outbox, idempotency and rate records.
 * - Money: a portal payment the file does not show cannot be undone by a stale balance (`balanceToKeep`).
 * - Names copied into other rows (an invoice's location name, a job's search words) follow a rename.
 */
import { sql, type DeleteQueryBuilder, type DeleteResult, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Invoice, PortalSettings } from '../../src/model/index.js';
import { visitLinkEnd } from '../rules/links.js';
import type { DialectName, PortalDatabase, Queryable } from '../dialects/portal-database.js';
import { customerRows, equipmentRow, invoiceRows, jobOf, jobRows, jobSearchText, membershipRow, type StoredJob } from '../queries/rows.js';
import type { Database } from '../schema/database.js';
import { groupBy, inBatches, insertAll } from '../seed/dump.js';
import { KINDS, Problems, parseRecordsText, pathText, readRecords, type ImportProblem, type Kind, type Records } from './records.js';
import { byKey, readStored, rowsWhereIn, type LocationReferences, type Stored } from './stored.js';

type Row<T extends keyof Database> = Selectable<Database[T]>;
type NewRow<T extends keyof Database> = Insertable<Database[T]>;

export interface KindCounts {
  created: number;
  updated: number;
  /** In the file, and already on file exactly as it says: not written. */
  unchanged: number;
}

/** Per kind the file held records of. */
export type ImportCounts = Partial<Record<Kind, KindCounts>>;

/**
 * Imported: the counts, and notes that refuse nothing but may need the office's eye (a payment that looks
 * like a portal payment recorded under another id). Refused: every problem.
 */
export type ImportResult = { ok: true; counts: ImportCounts; notes: string[] } | { ok: false; problems: ImportProblem[] };

/** A records file's text (JSON), imported; a file that is not JSON is refused like any other problem. */
export async function importRecordsText(database: PortalDatabase, text: string): Promise<ImportResult> {
  const parsed = parseRecordsText(text);
  return parsed.ok ? importRecords(database, parsed.value) : { ok: false, problems: parsed.problems };
}

/**
 * Where an import writes: a database's dialect and a way to run one transaction on it (the command's
 * own connection, or a route's `RouteContext`, which serves the office's `POST /office/import`).
 */
export interface ImportTarget {
  dialect: DialectName;
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/** The key of PostgreSQL's advisory lock that one import holds at a time ("porchlight import"). */
const IMPORT_LOCK = 0x706f7263_6869;

/**
 * Waits for an import under way to finish, and holds the next one off until `trx` ends (PostgreSQL; on
 * SQLite writes take turns anyway): for an office write to what an import rewrites from what it read
 * first (a customer's language set by hand), which the import would otherwise write back.
 */
export async function takeTurnWithImports(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
}

/** A records file, parsed from JSON: imported whole, or refused whole with every problem. */
export async function importRecords(database: PortalDatabase, file: unknown): Promise<ImportResult> {
  return importInto({ dialect: database.dialect, transaction: (work) => database.db.transaction().execute(work) }, file);
}

/** The same, through a route's (or any) transaction runner. */
export async function importInto(target: ImportTarget, file: unknown): Promise<ImportResult> {
  const problems = new Problems();
  const records = readRecords(file, problems);
  // One transaction from the first read to the last write: what is checked is what is written over
  // (on SQLite the writer's lock is taken at BEGIN; in PostgreSQL the file's invoices are locked).
  return target.transaction(async (trx): Promise<ImportResult> => {
    // One import at a time across PostgreSQL instances (the command and the route, or two nightly jobs):
    // the second reads what the first wrote, so its counts say what it did. SQLite's writer lock already
    // does this. Released with the transaction.
    if (target.dialect === 'postgres') {
      // The pool's 10 s statement timeout is for customers' requests: an import may wait that long for
      // another's lock, or rename a business unit on many jobs in one statement. Its own bound, for this
      // transaction only (the route's 120 s).
      await sql`set local statement_timeout = '120s'`.execute(trx);
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    }
    const stored = await readStored(trx, target.dialect, records);
    const plan = planImport(records, stored, problems);
    if (problems.size > 0) return { ok: false, problems: problems.list() };
    await write(trx, plan);
    // Reported in the file's order of kinds, whatever order they were planned in.
    const counts: ImportCounts = {};
    for (const kind of KINDS) if (plan.counts[kind]) counts[kind] = plan.counts[kind];
    return { ok: true, counts, notes: plan.notes };
  });
}

// ---------------------------------------------------------------- money

/**
 * The balance an imported invoice gets. The field-service system may not have recorded a payment the
 * customer made in the portal yet (it learns of it later, from the receipt), so a file exported before
 * then carries the balance from before the payment. `unrecorded` is what the portal took on this
 * invoice that the file's payments do not show (by the portal payment's id or receipt number): it comes
 * off the file's balance, never below 0. Worked out from the file alone, never from what is stored, so
 * the same file always gives the same balance (a stale file never makes a customer owe again what they
 * paid online, and a corrected total is followed at once). A system that records a portal payment must
 * name its receipt (docs/import.md): one recorded under another id would come off twice.
 */
export function balanceToKeep(imported: number, unrecorded: number): number {
  return Math.max(0, imported - Math.max(0, unrecorded));
}

// ---------------------------------------------------------------- planning

interface Plan {
  counts: ImportCounts;
  /** What may need a look, though nothing is refused (ImportResult). */
  notes: string[];
  businessUnits: NewRow<'business_units'>[];
  customers: NewRow<'customers'>[];
  locations: NewRow<'locations'>[];
  contacts: NewRow<'contacts'>[];
  /** Customers written: their contacts are replaced. */
  rewrittenCustomers: string[];
  /** Locations left out of their customer's list, which nothing refers to: deleted. */
  removedLocations: string[];
  invoices: NewRow<'invoices'>[];
  items: NewRow<'invoice_items'>[];
  applications: NewRow<'payment_applications'>[];
  rewrittenInvoices: string[];
  memberships: NewRow<'memberships'>[];
  equipment: NewRow<'equipment'>[];
  jobs: NewRow<'jobs'>[];
  appointments: NewRow<'appointments'>[];
  jobEquipment: NewRow<'job_equipment'>[];
  rewrittenJobs: string[];
  /** Names and numbers copied into rows the file may not hold, by the id they were copied from. */
  renamedLocations: Map<string, string>;
  renamedUnits: Map<string, string>;
  renumberedJobs: Map<string, string>;
}

const what: Record<Kind, string> = {
  businessUnits: 'business unit',
  customers: 'customer',
  invoices: 'invoice',
  jobs: 'job',
  memberships: 'membership',
  equipment: 'equipment',
};

const q = (value: unknown) => JSON.stringify(value);

/**
 * Whether a planned row says what the stored row holds, column by column: engines differ on null and
 * absent, and PostgreSQL's bigint and real come back as numbers (dialects/node.ts) that compare by value.
 */
function sameRow(planned: object, stored: object | undefined): boolean {
  if (!stored) return false;
  return Object.entries(planned).every(([column, value]) => {
    const was = (stored as Record<string, unknown>)[column];
    return (value ?? null) === (was ?? null) || (typeof value === 'number' && Number(was) === value);
  });
}

function sameRows<R extends object>(planned: R[], stored: object[], key: keyof R & string): boolean {
  if (planned.length !== stored.length) return false;
  const storedBy = byKey(stored as Record<string, unknown>[], (row) => row[key]);
  return planned.every((row) => sameRow(row, storedBy.get(row[key])));
}

/** Whether anything on file still refers to a location, but for the records `moved` says the file puts elsewhere. */
function stillReferenced(references: LocationReferences, moved: (kind: 'invoices' | 'jobs' | 'memberships' | 'equipment', id: string) => boolean): boolean {
  const kinds = ['invoices', 'jobs', 'memberships', 'equipment'] as const;
  return kinds.some((kind) => references[kind].some((id) => !moved(kind, id))) || references.bookingRequests > 0 || references.estimates > 0;
}

function planImport(records: Records, stored: Stored, problems: Problems): Plan {
  const plan: Plan = {
    counts: {},
    notes: [],
    businessUnits: [],
    customers: [],
    locations: [],
    contacts: [],
    rewrittenCustomers: [],
    removedLocations: [],
    invoices: [],
    items: [],
    applications: [],
    rewrittenInvoices: [],
    memberships: [],
    equipment: [],
    jobs: [],
    appointments: [],
    jobEquipment: [],
    rewrittenJobs: [],
    renamedLocations: new Map(),
    renamedUnits: new Map(),
    renumberedJobs: new Map(),
  };
  const refused = records.refusedIds;
  // The records others are checked against: those with problems of their own too, but for the refused
  // ones whose fields the checks read are at fault.
  const named = <T extends { id: string }>(kind: Kind, list: { record: T }[]) =>
    byKey(list.map((p) => p.record).filter((record) => !refused[kind].has(record.id)), (record) => record.id);
  const file = {
    units: named('businessUnits', records.businessUnits),
    customers: named('customers', records.customers),
    invoices: named('invoices', records.invoices),
    jobs: named('jobs', records.jobs),
    equipment: named('equipment', records.equipment),
  };
  const fileIds = Object.fromEntries(KINDS.map((kind) => [kind, new Set((records[kind] as { record: { id: string } }[]).map((p) => p.record.id))])) as Record<Kind, Set<string>>;
  const heldByFile = (kind: Kind, id: string) => fileIds[kind].has(id) || refused[kind].has(id);

  const tally = (kind: Kind, existed: boolean, same: boolean) => {
    const counts = (plan.counts[kind] ??= { created: 0, updated: 0, unchanged: 0 });
    if (!existed) counts.created++;
    else if (same) counts.unchanged++;
    else counts.updated++;
    return !same;
  };
  const reporter = (kind: Kind, index: number) => (path: PropertyKey[], message: string) => problems.add(kind, index, path, message);
  type Report = ReturnType<typeof reporter>;

  /** A copy of another record's field given beside its id (a name, a number): it must be that record's. */
  const sameCopy = (report: Report, path: PropertyKey[], given: string | number | undefined, actual: string | number, of: string) => {
    if (given !== undefined && given !== actual) report(path, `${q(given)} is not the ${String(path.at(-1))} of ${of} (${q(actual)}): give that, or leave it out`);
  };

  /** The customer's locations as this import leaves them (id → name): the file's list, else what is stored. */
  const locationsOf = (customerId: string): Map<string, string> => {
    const inThisFile = file.customers.get(customerId);
    if (inThisFile) return new Map(inThisFile.locations.map((l) => [l.id, l.name]));
    return new Map((stored.locationsByCustomer.get(customerId) ?? []).map((l) => [l.id, l.name]));
  };

  /**
   * The customer and location of an invoice, job, membership or piece of equipment, checked: the
   * location's name, or undefined when something is wrong (reported) or refused elsewhere in the file.
   */
  const placeOf = (kind: Kind, report: Report, record: { id: string; customerId: string; location: { id: string; name?: string } }, storedCustomer: string | undefined) => {
    const refusedCustomer = refused.customers.has(record.customerId);
    if (!refusedCustomer && !file.customers.has(record.customerId) && !stored.customers.has(record.customerId)) {
      report(['customerId'], `no customer ${q(record.customerId)} in this file or on file`);
      return undefined;
    }
    if (storedCustomer !== undefined && storedCustomer !== record.customerId) {
      report(['customerId'], `${what[kind]} ${q(record.id)} is customer ${q(storedCustomer)}'s on file: records do not move between customers`);
    }
    if (refusedCustomer) return undefined;
    const name = locationsOf(record.customerId).get(record.location.id);
    if (name === undefined) {
      report(['location', 'id'], `${q(record.location.id)} is not a location of customer ${q(record.customerId)}`);
      return undefined;
    }
    sameCopy(report, ['location', 'name'], record.location.name, name, `location ${q(record.location.id)}`);
    return name;
  };

  const unitOf = (report: Report, path: PropertyKey[], unit: { id: string; name?: string }) => {
    if (refused.businessUnits.has(unit.id)) return undefined;
    const name = file.units.get(unit.id)?.name ?? stored.businessUnits.get(unit.id)?.name;
    if (name === undefined) {
      report([...path, 'id'], `no business unit ${q(unit.id)} in this file or on file`);
      return undefined;
    }
    sameCopy(report, [...path, 'name'], unit.name, name, `business unit ${q(unit.id)}`);
    return { id: unit.id, name };
  };

  /** A customer this import can check against (one refused or unknown is reported where it is named). */
  const knownCustomer = (id: string) => file.customers.has(id) || (stored.customers.has(id) && !refused.customers.has(id));

  /** Another record of the same customer, by id: its row as the file or the database has it. */
  const sameCustomers = <T extends { customerId: string }>(report: Report, path: PropertyKey[], kind: Kind, id: string, found: T | undefined, customerId: string) => {
    if (refused[kind].has(id) || !knownCustomer(customerId) || (found && !knownCustomer(found.customerId))) return undefined;
    if (!found) {
      report(path, `no ${what[kind]} ${q(id)} in this file or on file`);
      return undefined;
    }
    if (found.customerId !== customerId) {
      report(path, `${what[kind]} ${q(id)} is customer ${q(found.customerId)}'s, not ${q(customerId)}'s`);
      return undefined;
    }
    return found;
  };

  // -------------------------------------------------------------- business units
  for (const { record, hasProblems } of records.businessUnits) {
    // A record with problems of its own (reported) is checked against the others, and they against it: never written.
    if (hasProblems) continue;
    const was = stored.businessUnits.get(record.id);
    const row: NewRow<'business_units'> = { id: record.id, name: record.name, trade: record.trade };
    if (tally('businessUnits', was !== undefined, sameRow(row, was))) plan.businessUnits.push(row);
    if (was && was.name !== record.name) plan.renamedUnits.set(record.id, record.name);
  }

  // -------------------------------------------------------------- customers
  for (const { record, index, hasProblems } of records.customers) {
    const report = reporter('customers', index);
    const before = problems.size;
    record.locations.forEach((location, j) => {
      const owner = stored.locations.get(location.id)?.customer_id;
      if (owner !== undefined && owner !== record.id) {
        report(['locations', j, 'id'], `is a location of customer ${q(owner)} on file: a location does not move to another customer`);
      }
    });
    const contact = (contactId: string, path: PropertyKey[]) => {
      const owner = stored.contacts.get(contactId)?.customer_id;
      // A contact of a customer this file also rewrites may move: that customer's contacts are replaced too.
      if (owner !== undefined && owner !== record.id && !heldByFile('customers', owner)) report([...path, 'id'], `is a contact of customer ${q(owner)} on file`);
    };
    record.contacts.forEach((c, i) => contact(c.id, ['contacts', i]));
    record.locations.forEach((l, j) => l.contacts.forEach((c, i) => contact(c.id, ['locations', j, 'contacts', i])));
    const leftOut = (stored.locationsByCustomer.get(record.id) ?? []).filter((l) => stored.leftOutLocations.has(l.id));
    const removable: string[] = [];
    const kept = new Set<string>();
    for (const location of leftOut) {
      // Records this file holds say where they are now: only the others still hold the location. One
      // they still hold stays (the portal's own, made when the office booked a request at a new address,
      // or one with history on file): the file cannot know of the portal's, and an import refused every
      // night for it would leave the office nothing to do.
      if (stillReferenced(stored.leftOutLocations.get(location.id)!, (kind, id) => heldByFile(kind, id))) kept.add(location.id);
      else removable.push(location.id);
    }
    if (hasProblems || problems.size > before) continue;

    const rows = customerRows(record);
    // The file's language for the customer (null: none), else the one a file gave before: an import
    // without it forgets nothing.
    rows.customer.language = record.language !== undefined ? record.language : (stored.customers.get(record.id)?.language ?? null);
    const same =
      sameRow(rows.customer, stored.customers.get(record.id)) &&
      sameRows(rows.locations, (stored.locationsByCustomer.get(record.id) ?? []).filter((l) => !kept.has(l.id)), 'id') &&
      sameRows(rows.contacts, stored.contactsByCustomer.get(record.id) ?? [], 'id');
    if (tally('customers', stored.customers.has(record.id), same)) {
      plan.customers.push(rows.customer);
      plan.locations.push(...rows.locations);
      plan.contacts.push(...rows.contacts);
      plan.rewrittenCustomers.push(record.id);
      plan.removedLocations.push(...removable);
    }
    for (const location of record.locations) {
      const was = stored.locations.get(location.id);
      if (was && was.name !== location.name) plan.renamedLocations.set(location.id, location.name);
    }
  }

  // -------------------------------------------------------------- invoices
  for (const { record, index, hasProblems } of records.invoices) {
    const report = reporter('invoices', index);
    const before = problems.size;
    const was = stored.invoices.get(record.id);
    const locationName = placeOf('invoices', report, record, was?.customer_id);
    const unit = unitOf(report, ['businessUnit'], record.businessUnit);
    let job: Invoice['job'] = null;
    if (record.job) {
      const fileJob = file.jobs.get(record.job.id);
      const storedJob = stored.jobs.get(record.job.id);
      const found = sameCustomers(
        report,
        ['job', 'id'],
        'jobs',
        record.job.id,
        fileJob ?? (storedJob && { customerId: storedJob.customer_id, number: storedJob.number }),
        record.customerId,
      );
      if (found) {
        sameCopy(report, ['job', 'number'], record.job.number, found.number, `job ${q(record.job.id)}`);
        job = { id: record.job.id, number: found.number };
      }
    }
    record.items.forEach((item, i) => {
      const owner = stored.items.get(item.id)?.invoice_id;
      if (owner !== undefined && owner !== record.id && !heldByFile('invoices', owner)) report(['items', i, 'id'], `is an item of invoice ${q(owner)} on file`);
    });
    // The portal's own payments on this invoice, which the import keeps whatever the file says.
    const portal = (stored.applicationsByInvoice.get(record.id) ?? []).filter((a) => stored.portalPayments.has(a.payment_id));
    const portalNames = new Map<string, string>();
    for (const application of portal) {
      portalNames.set(application.payment_id, application.payment_id);
      portalNames.set(stored.portalPayments.get(application.payment_id)!.receipt_number, application.payment_id);
    }
    record.payments.forEach((payment, i) => {
      const other = stored.portalPayments.get(payment.paymentId);
      if (other && !portalNames.has(payment.paymentId)) {
        report(['payments', i, 'paymentId'], `is the id of a portal payment (receipt ${other.receipt_number}) that was not applied to this invoice`);
      }
    });
    if (hasProblems || problems.size > before || locationName === undefined || unit === undefined) continue;

    const shown = new Set(record.payments.flatMap((p) => (portalNames.has(p.paymentId) ? [portalNames.get(p.paymentId)!] : [])));
    const notShown = portal.filter((a) => !shown.has(a.payment_id));
    const unrecorded = notShown.reduce((sum, a) => sum + Number(a.amount), 0);
    // A payment of the contractor's for the same amount, on or after the portal's: perhaps the portal's,
    // recorded under an id of the system's own, which then comes off twice. Said, not guessed at (a
    // customer may well pay the same amount twice).
    for (const application of notShown) {
      const i = record.payments.findIndex((p) => !portalNames.has(p.paymentId) && p.amount === Number(application.amount) && p.paidOn >= application.paid_on);
      if (i < 0) continue;
      const receipt = stored.portalPayments.get(application.payment_id)!.receipt_number;
      const payment = record.payments[i]!;
      plan.notes.push(
        `${pathText(['invoices', index, 'payments', i])}: ${q(payment.paymentId)} (${payment.amount} on ${payment.paidOn}) is the amount of the portal's payment ${receipt} (${application.paid_on}), which this file does not list: if it is that payment, give it "${receipt}" as its paymentId, or it counts twice`,
      );
    }
    const invoice: Invoice = {
      ...record,
      businessUnit: unit,
      location: { id: record.location.id, name: locationName },
      job,
      // A payment the file shows that the portal took is the portal's row, written once, already there.
      payments: record.payments.filter((p) => !portalNames.has(p.paymentId)),
      balance: balanceToKeep(record.balance, unrecorded),
    };
    const rows = invoiceRows(invoice);
    const theirs = (stored.applicationsByInvoice.get(record.id) ?? []).filter((a) => !stored.portalPayments.has(a.payment_id));
    const same =
      sameRow(rows.invoice, was) && sameRows(rows.items, stored.itemsByInvoice.get(record.id) ?? [], 'id') && sameRows(rows.applications, theirs, 'payment_id');
    if (tally('invoices', was !== undefined, same)) {
      plan.invoices.push(rows.invoice);
      plan.items.push(...rows.items);
      plan.applications.push(...rows.applications);
      plan.rewrittenInvoices.push(record.id);
    }
  }

  // -------------------------------------------------------------- memberships and equipment
  for (const { record, index, hasProblems } of records.memberships) {
    const was = stored.memberships.get(record.id);
    const locationName = placeOf('memberships', reporter('memberships', index), record, was?.customer_id);
    if (hasProblems || locationName === undefined) continue;
    const row = membershipRow({ ...record, location: { id: record.location.id, name: locationName } });
    if (tally('memberships', was !== undefined, sameRow(row, was))) plan.memberships.push(row);
  }
  for (const { record, index, hasProblems } of records.equipment) {
    const was = stored.equipment.get(record.id);
    const locationName = placeOf('equipment', reporter('equipment', index), record, was?.customer_id);
    if (hasProblems || locationName === undefined) continue;
    const row = equipmentRow({ ...record, location: { id: record.location.id, name: locationName } });
    if (tally('equipment', was !== undefined, sameRow(row, was))) plan.equipment.push(row);
  }

  // -------------------------------------------------------------- jobs
  for (const { record, index, hasProblems } of records.jobs) {
    const report = reporter('jobs', index);
    const before = problems.size;
    const was = stored.jobs.get(record.id);
    const locationName = placeOf('jobs', report, record, was?.customer_id);
    const unit = unitOf(report, ['businessUnit'], record.businessUnit);
    let invoice: StoredJob['invoice'] = null;
    if (record.invoice) {
      const given = record.invoice;
      const storedInvoice = stored.invoices.get(given.id);
      const found = sameCustomers(
        report,
        ['invoice', 'id'],
        'invoices',
        given.id,
        file.invoices.get(given.id) ??
          (storedInvoice && { customerId: storedInvoice.customer_id, number: storedInvoice.number, total: Number(storedInvoice.total), currency: storedInvoice.currency }),
        record.customerId,
      );
      if (found) {
        const of = `invoice ${q(given.id)}`;
        sameCopy(report, ['invoice', 'number'], given.number, found.number, of);
        sameCopy(report, ['invoice', 'total'], given.total, found.total, of);
        sameCopy(report, ['invoice', 'currency'], given.currency, found.currency, of);
        invoice = { id: given.id, number: found.number, total: found.total, currency: found.currency };
      }
    }
    record.appointments.forEach((appointment, i) => {
      const owner = stored.appointments.get(appointment.id)?.job_id;
      if (owner !== undefined && owner !== record.id && !heldByFile('jobs', owner)) report(['appointments', i, 'id'], `is an appointment of job ${q(owner)} on file`);
    });
    (record.equipmentIds ?? []).forEach((equipmentId, i) => {
      const storedEquipment = stored.equipment.get(equipmentId);
      sameCustomers(
        report,
        ['equipmentIds', i],
        'equipment',
        equipmentId,
        file.equipment.get(equipmentId) ?? (storedEquipment && { customerId: storedEquipment.customer_id }),
        record.customerId,
      );
    });
    if (hasProblems || problems.size > before || locationName === undefined || unit === undefined) continue;

    const full: StoredJob = {
      ...record,
      location: { id: record.location.id, name: locationName },
      businessUnit: unit,
      invoice,
      // The file's list replaces the stored one: a job without the field worked on no equipment.
      equipmentIds: record.equipmentIds ?? [],
    };
    const rows = jobRows(full);
    const same =
      sameRow(rows.job, was) &&
      sameRows(rows.appointments, stored.appointmentsByJob.get(record.id) ?? [], 'id') &&
      sameRows(rows.equipment, stored.jobEquipmentByJob.get(record.id) ?? [], 'equipment_id');
    if (tally('jobs', was !== undefined, same)) {
      plan.jobs.push(rows.job);
      plan.appointments.push(...rows.appointments);
      plan.jobEquipment.push(...rows.equipment);
      plan.rewrittenJobs.push(record.id);
    }
    if (was && was.number !== record.number) plan.renumberedJobs.set(record.id, record.number);
  }
  return plan;
}

// ---------------------------------------------------------------- writing

/** A loose view of the database for statements on a table chosen by a parameter (Kysely cannot type those). */
const loose = (db: Queryable) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/** Inserts each row, or updates the row with its id, in batches (dump.ts's): `INSERT … ON CONFLICT (id) DO UPDATE`. */
async function upsertAll<T extends keyof Database>(db: Queryable, table: T, rows: NewRow<T>[]) {
  for (const batch of inBatches(rows)) {
    const columns = Object.keys(batch[0]!).filter((column) => column !== 'id');
    await loose(db)
      .insertInto(table)
      .values(batch as Record<string, unknown>[])
      .onConflict((oc) => oc.column('id').doUpdateSet(Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)])) as never))
      .execute();
  }
}

/** Deletes the rows whose `column` is one of `values`, in batches; `narrow` keeps some of them. */
async function deleteWhereIn<T extends keyof Database>(
  db: Queryable,
  table: T,
  column: string,
  values: string[],
  narrow: (query: DeleteQueryBuilder<Database, T, DeleteResult>) => DeleteQueryBuilder<Database, T, DeleteResult> = (query) => query,
) {
  for (const batch of inBatches(values.map((value) => ({ value })))) {
    const query = loose(db)
      .deleteFrom(table as string)
      .where(
        column,
        'in',
        batch.map((b) => b.value),
      ) as unknown as DeleteQueryBuilder<Database, T, DeleteResult>;
    await narrow(query).execute();
  }
}

/** Parents before children, and a child's old rows out before its new ones: PostgreSQL checks every foreign key. */
async function write(db: Queryable, plan: Plan) {
  await upsertAll(db, 'business_units', plan.businessUnits);

  await upsertAll(db, 'customers', plan.customers);
  await upsertAll(db, 'locations', plan.locations);
  await deleteWhereIn(db, 'contacts', 'customer_id', plan.rewrittenCustomers);
  await insertAll(db, 'contacts', plan.contacts);
  await deleteWhereIn(db, 'locations', 'id', plan.removedLocations);

  await upsertAll(db, 'invoices', plan.invoices);
  await deleteWhereIn(db, 'invoice_items', 'invoice_id', plan.rewrittenInvoices);
  await insertAll(db, 'invoice_items', plan.items);
  // The contractor's payments are replaced; the portal's (a row in `payments`) stay as they are.
  await deleteWhereIn(db, 'payment_applications', 'invoice_id', plan.rewrittenInvoices, (query) =>
    query.where('payment_id', 'not in', db.selectFrom('payments').select('id')),
  );
  await insertAll(db, 'payment_applications', plan.applications);

  await upsertAll(db, 'equipment', plan.equipment);
  await upsertAll(db, 'memberships', plan.memberships);

  await upsertAll(db, 'jobs', plan.jobs);
  await deleteWhereIn(db, 'appointments', 'job_id', plan.rewrittenJobs);
  await insertAll(db, 'appointments', plan.appointments);
  await deleteWhereIn(db, 'job_equipment', 'job_id', plan.rewrittenJobs);
  await insertAll(db, 'job_equipment', plan.jobEquipment);
  await followMovedVisits(db, plan.appointments);

  await refreshCopies(db, plan);
}

/**
 * A visit-status link works until some hours after its visit ends (links.visitLinkHoursAfterVisit), an
 * end fixed when it was sent: a visit the file moves takes its live links' end along, or a link sent for
 * Tuesday would stop working before Thursday's rescheduled visit. Read only for the file's appointments
 * that have such a link.
 */
async function followMovedVisits(db: Queryable, appointments: NewRow<'appointments'>[]) {
  const ids = appointments.map((a) => a.id);
  const links: Row<'document_links'>[] = [];
  // By (purpose, document_id): the links' index.
  for (let i = 0; i < ids.length; i += 1_000) {
    const batch = ids.slice(i, i + 1_000);
    links.push(...(await db.selectFrom('document_links').selectAll().where('purpose', '=', 'visit').where('document_id', 'in', batch).where('revoked_at', 'is', null).execute()));
  }
  if (links.length === 0) return;
  const saved = await db.selectFrom('settings').select('value').where('key', '=', 'portal').executeTakeFirst();
  const settings = (saved ? JSON.parse(saved.value) : {}) as PortalSettings;
  const ends = new Map(appointments.map((a) => [a.id, Date.parse(a.end_at)]));
  for (const link of links) {
    const end = ends.get(link.document_id)!;
    if (Number.isNaN(end)) continue;
    const expiresAt = visitLinkEnd(settings, end);
    if (expiresAt !== link.expires_at) await db.updateTable('document_links').set({ expires_at: expiresAt }).where('token_hash', '=', link.token_hash).execute();
  }
}

/**
 * Names and numbers other rows keep a copy of (what the portal shows with them, and the history's search
 * words), for rows the file does not hold: a location renamed in the file is renamed on its old invoices.
 */
async function refreshCopies(db: Queryable, plan: Plan) {
  for (const [id, name] of plan.renamedLocations) {
    for (const table of ['invoices', 'jobs', 'memberships', 'equipment'] as const) {
      await loose(db).updateTable(table).set({ location_name: name }).where('location_id', '=', id).execute();
    }
  }
  for (const [id, name] of plan.renamedUnits) {
    for (const table of ['invoices', 'jobs'] as const) {
      await loose(db).updateTable(table).set({ business_unit_name: name }).where('business_unit_id', '=', id).execute();
    }
  }
  for (const [id, number] of plan.renumberedJobs) await db.updateTable('invoices').set({ job_number: number }).where('job_id', '=', id).execute();

  const stale = new Set<string>();
  const add = (rows: { id: string }[]) => rows.forEach((row) => stale.add(row.id));
  add(await rowsWhereIn(db, 'jobs', 'location_id', plan.renamedLocations.keys()));
  add(await rowsWhereIn(db, 'jobs', 'business_unit_id', plan.renamedUnits.keys()));
  add(await rowsWhereIn(db, 'jobs', 'id', plan.renumberedJobs.keys()));
  await rewriteSearchText(db, [...stale]);
}

/** Writes these jobs' search text again (jobSearchText), where what it is made of has changed. */
export async function rewriteSearchText(db: Queryable, ids: string[]) {
  for (const batch of inBatches(ids.map((id) => ({ id })))) {
    const chunk = batch.map((b) => b.id);
    const jobs = await db
      .selectFrom('jobs')
      .leftJoin('invoices', 'invoices.id', 'jobs.invoice_id')
      .selectAll('jobs')
      .select(['invoices.id as visible_invoice_id', 'invoices.number as invoice_number', 'invoices.total as invoice_total', 'invoices.currency as invoice_currency'])
      .where('jobs.id', 'in', chunk)
      .execute();
    const appointments = groupBy(await rowsWhereIn(db, 'appointments', 'job_id', chunk), (a: Row<'appointments'>) => a.job_id);
    for (const row of jobs) {
      const text = jobSearchText(jobOf(row, appointments.get(row.id) ?? []));
      if (text !== row.search_text) await db.updateTable('jobs').set({ search_text: text }).where('id', '=', row.id).execute();
    }
  }
}
