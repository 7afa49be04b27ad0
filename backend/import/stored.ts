/**
 * What an import needs from the database before it decides anything: the rows of the records the file
 * names (to compare, and to keep what the portal owns), the rows those records refer to, and who else
 * refers to a location the file leaves out. Read inside the import's transaction; nothing is written here.
 */
import type { Kysely, Selectable } from 'kysely';
import { forUpdate, type DialectName, type Queryable } from '../dialects/portal-database.js';
import type { Database } from '../schema/database.js';
import { groupBy } from '../seed/dump.js';
import type { Records } from './records.js';

type Row<T extends keyof Database> = Selectable<Database[T]>;

/** Ids per `IN (…)`: far below every engine's limit on bound parameters. */
const IN_LIST = 5_000;

/** Every row of `table` whose `column` is one of `values`, a few thousand values per query. */
export async function rowsWhereIn<T extends keyof Database>(
  db: Queryable,
  table: T,
  column: keyof Database[T] & string,
  values: Iterable<string>,
  lockFor?: DialectName,
): Promise<Row<T>[]> {
  const list = [...new Set(values)];
  const rows: Row<T>[] = [];
  // One helper for every table: Kysely's types cannot follow a table chosen by a parameter.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (let i = 0; i < list.length; i += IN_LIST) {
    const query = loose.selectFrom(table).selectAll().where(column, 'in', list.slice(i, i + IN_LIST) as never);
    rows.push(...((await (lockFor ? forUpdate(lockFor, query) : query).execute()) as Row<T>[]));
  }
  return rows;
}

export function byKey<R, K>(rows: R[], key: (row: R) => K): Map<K, R> {
  return new Map(rows.map((row) => [key(row), row]));
}


/** Who refers to a location on file, by kind: what keeps it from being left out of its customer's list. */
export interface LocationReferences {
  invoices: string[];
  jobs: string[];
  memberships: string[];
  equipment: string[];
  bookingRequests: number;
  estimates: number;
}

export interface Stored {
  businessUnits: Map<string, Row<'business_units'>>;
  customers: Map<string, Row<'customers'>>;
  /** Every location of the customers above, and any other the file names by id. */
  locations: Map<string, Row<'locations'>>;
  locationsByCustomer: Map<string, Row<'locations'>[]>;
  contactsByCustomer: Map<string, Row<'contacts'>[]>;
  contacts: Map<string, Row<'contacts'>>;
  invoices: Map<string, Row<'invoices'>>;
  itemsByInvoice: Map<string, Row<'invoice_items'>[]>;
  items: Map<string, Row<'invoice_items'>>;
  applicationsByInvoice: Map<string, Row<'payment_applications'>[]>;
  /** The portal's own payments among those applied to the file's invoices or named by it. */
  portalPayments: Map<string, Row<'payments'>>;
  jobs: Map<string, Row<'jobs'>>;
  appointmentsByJob: Map<string, Row<'appointments'>[]>;
  appointments: Map<string, Row<'appointments'>>;
  jobEquipmentByJob: Map<string, Row<'job_equipment'>[]>;
  memberships: Map<string, Row<'memberships'>>;
  equipment: Map<string, Row<'equipment'>>;
  /** For each stored location of the file's customers that the file leaves out: what refers to it. */
  leftOutLocations: Map<string, LocationReferences>;
}

export async function readStored(db: Queryable, dialect: DialectName, records: Records): Promise<Stored> {
  const ids = <T extends { id: string }>(list: { record: T }[]) => list.map((p) => p.record.id);
  const fileCustomers = ids(records.customers);
  const customerIds = [
    ...fileCustomers,
    ...[...records.invoices, ...records.jobs, ...records.memberships, ...records.equipment].map((p) => p.record.customerId),
  ];
  const fileLocationIds = records.customers.flatMap((p) => p.record.locations.map((l) => l.id));
  const fileContactIds = records.customers.flatMap((p) => [...p.record.contacts, ...p.record.locations.flatMap((l) => l.contacts)].map((c) => c.id));
  const fileInvoices = ids(records.invoices);
  const fileJobs = ids(records.jobs);

  const businessUnits = await db.selectFrom('business_units').selectAll().execute();
  const customers = await rowsWhereIn(db, 'customers', 'id', customerIds);
  const locationsOfCustomers = await rowsWhereIn(db, 'locations', 'customer_id', customers.map((c) => c.id));
  const locations = byKey([...locationsOfCustomers, ...(await rowsWhereIn(db, 'locations', 'id', fileLocationIds))], (l) => l.id);
  const contactsOfCustomers = await rowsWhereIn(db, 'contacts', 'customer_id', fileCustomers);
  const contacts = byKey([...contactsOfCustomers, ...(await rowsWhereIn(db, 'contacts', 'id', fileContactIds))], (c) => c.id);

  // The file's invoices first, each locked in PostgreSQL until the import commits: a portal payment
  // being made meanwhile lowers the balance before the import reads it, or after it is written, never
  // in between (the money rule reads the balance and the payments applied to it).
  const invoices = byKey(await rowsWhereIn(db, 'invoices', 'id', fileInvoices, dialect), (i) => i.id);
  for (const row of await rowsWhereIn(db, 'invoices', 'id', records.jobs.flatMap((p) => (p.record.invoice ? [p.record.invoice.id] : [])))) {
    if (!invoices.has(row.id)) invoices.set(row.id, row);
  }
  const itemsOfInvoices = await rowsWhereIn(db, 'invoice_items', 'invoice_id', fileInvoices);
  const fileItemIds = records.invoices.flatMap((p) => p.record.items.map((item) => item.id));
  const applications = await rowsWhereIn(db, 'payment_applications', 'invoice_id', fileInvoices);
  const namedPayments = records.invoices.flatMap((p) => p.record.payments.map((payment) => payment.paymentId));
  const portalPayments = await rowsWhereIn(db, 'payments', 'id', [...applications.map((a) => a.payment_id), ...namedPayments]);

  const jobIds = [...fileJobs, ...records.invoices.flatMap((p) => (p.record.job ? [p.record.job.id] : []))];
  const jobs = await rowsWhereIn(db, 'jobs', 'id', jobIds);
  const appointmentsOfJobs = await rowsWhereIn(db, 'appointments', 'job_id', fileJobs);
  const fileAppointmentIds = records.jobs.flatMap((p) => p.record.appointments.map((a) => a.id));
  const equipmentIds = [...ids(records.equipment), ...records.jobs.flatMap((p) => p.record.equipmentIds ?? [])];

  const inFile = new Set(fileCustomers);
  const fileLocations = new Set(fileLocationIds);
  const leftOut = locationsOfCustomers.filter((l) => inFile.has(l.customer_id) && !fileLocations.has(l.id)).map((l) => l.id);
  return {
    businessUnits: byKey(businessUnits, (b) => b.id),
    customers: byKey(customers, (c) => c.id),
    locations,
    locationsByCustomer: groupBy(locationsOfCustomers, (l) => l.customer_id),
    contactsByCustomer: groupBy(contactsOfCustomers, (c) => c.customer_id),
    contacts,
    invoices,
    itemsByInvoice: groupBy(itemsOfInvoices, (i) => i.invoice_id),
    items: byKey([...itemsOfInvoices, ...(await rowsWhereIn(db, 'invoice_items', 'id', fileItemIds))], (i) => i.id),
    applicationsByInvoice: groupBy(applications, (a) => a.invoice_id),
    portalPayments: byKey(portalPayments, (p) => p.id),
    jobs: byKey(jobs, (j) => j.id),
    appointmentsByJob: groupBy(appointmentsOfJobs, (a) => a.job_id),
    appointments: byKey([...appointmentsOfJobs, ...(await rowsWhereIn(db, 'appointments', 'id', fileAppointmentIds))], (a) => a.id),
    jobEquipmentByJob: groupBy(await rowsWhereIn(db, 'job_equipment', 'job_id', fileJobs), (e) => e.job_id),
    memberships: byKey(await rowsWhereIn(db, 'memberships', 'id', ids(records.memberships)), (m) => m.id),
    equipment: byKey(await rowsWhereIn(db, 'equipment', 'id', equipmentIds), (e) => e.id),
    leftOutLocations: await referencesTo(db, leftOut),
  };
}

/**
 * What refers to each location: the contractor's records (which the file may move elsewhere: the
 * caller leaves out those it holds), and the portal's own (booking requests and estimates, which no
 * file can move). There are no ON DELETE rules to lean on: these columns have no foreign keys at all.
 */
async function referencesTo(db: Queryable, locationIds: string[]): Promise<Map<string, LocationReferences>> {
  const references = new Map<string, LocationReferences>(
    locationIds.map((id) => [id, { invoices: [], jobs: [], memberships: [], equipment: [], bookingRequests: 0, estimates: 0 }]),
  );
  if (locationIds.length === 0) return references;
  for (const kind of ['invoices', 'jobs', 'memberships', 'equipment'] as const) {
    for (const row of await rowsWhereIn(db, kind, 'location_id', locationIds)) references.get(row.location_id)![kind].push(row.id);
  }
  for (const row of await rowsWhereIn(db, 'booking_requests', 'location_id', locationIds)) references.get(row.location_id!)!.bookingRequests++;
  for (const row of await rowsWhereIn(db, 'estimates', 'location_id', locationIds)) references.get(row.location_id)!.estimates++;
  return references;
}
