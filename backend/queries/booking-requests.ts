/**
 * Appointment requests between the tables and the model (`src/model/booking-request.ts`): what a
 * row's `details` document holds, the office's view of a request (with its photos, the customers
 * on file it may be, and where a booked visit stands now), and the receipt a customer gets. No rule
 * lives here.
 */
import type { Selectable } from 'kysely';
import type { AppointmentRequestReceipt, BookingRequest, CustomerMatch, PreferredDay } from '../../src/model/booking-request.js';
import type { WordLanguage } from '../../src/model/common.js';
import type { ServiceAddress } from '../../src/model/scheduler.js';
import type { VisitProgress } from '../../src/model/visit-status.js';
import type { Queryable } from '../dialects/portal-database.js';
import type { Database } from '../schema/database.js';
import { normaliseEmail, normalisePhone } from './rows.js';
import { visitProgress } from './visit-progress.js';

type RequestRow = Selectable<Database['booking_requests']>;

/** The `details` column: everything about the request the office reads, and its outcome. */
export interface RequestDetails {
  contact: BookingRequest['contact'];
  address: ServiceAddress;
  service: { id: string; name: string };
  description: string;
  preferredDays: PreferredDay[];
  /** A signed-in customer sent it (the contact is the account's). */
  signedIn: boolean;
  /**
   * How the messages greet the requester: a person's first name, a business account's whole name (set
   * when the request is made, where the account's type is known; absent on requests made before it was).
   */
  greeting?: string;
  /** The language of the page it was sent from, for its messages (absent on requests made before it was kept: English). */
  language?: WordLanguage;
  /** The decision as it was made; where the visit stands now is read from its job (visitStatuses). */
  booked: Omit<NonNullable<BookingRequest['booked']>, 'visitStatus'> | null;
  dismissed: BookingRequest['dismissed'];
}

export function detailsOf(row: RequestRow): RequestDetails {
  return JSON.parse(row.details) as RequestDetails;
}

export function receiptOf(row: RequestRow): AppointmentRequestReceipt {
  const details = detailsOf(row);
  return {
    id: row.id,
    reference: row.reference ?? row.id,
    status: row.status as AppointmentRequestReceipt['status'],
    createdAt: row.created_at,
    service: details.service,
    preferredDays: details.preferredDays,
  };
}

/** Customers on file with the request's email or phone: suggestions for the office, never merged silently. */
export async function matchesFor(db: Queryable, contact: { email: string | null; phone: string | null }): Promise<CustomerMatch[]> {
  const email = contact.email ? normaliseEmail(contact.email) : null;
  const phone = contact.phone ? normalisePhone(contact.phone) : null;
  if (!email && !phone) return [];
  const rows = await db
    .selectFrom('contacts')
    .innerJoin('customers', 'customers.id', 'contacts.customer_id')
    .select(['contacts.customer_id', 'customers.name', 'contacts.email_normalized', 'contacts.phone_digits'])
    .where((eb) =>
      eb.or([
        ...(email ? [eb('contacts.email_normalized', '=', email)] : []),
        ...(phone && phone.length >= 7 ? [eb('contacts.phone_digits', '=', phone)] : []),
      ]),
    )
    .orderBy('customers.name')
    .limit(20)
    .execute();
  const matches = new Map<string, CustomerMatch>();
  for (const row of rows) {
    const by = email && row.email_normalized === email ? 'email' : 'phone';
    const known = matches.get(row.customer_id);
    // An email match says more than a phone match (a shared landline).
    if (!known || (known.by === 'phone' && by === 'email')) matches.set(row.customer_id, { customerId: row.customer_id, name: row.name, by });
  }
  return [...matches.values()];
}

/**
 * Where each booked job's visit stands now, by job id, in one query for all of them: `Canceled` when the
 * job is, else its latest appointment (by arrival window) not canceled, else `Canceled` when every one
 * is; absent when the job is gone or has no appointment left (an import can do either).
 */
async function visitStatuses(db: Queryable, jobIds: string[]): Promise<Map<string, VisitProgress>> {
  const statuses = new Map<string, VisitProgress>();
  if (jobIds.length === 0) return statuses;
  const rows = await db
    .selectFrom('jobs')
    .innerJoin('appointments', 'appointments.job_id', 'jobs.id')
    .select(['jobs.id as jobId', 'jobs.status as jobStatus', 'appointments.status', 'appointments.window_start'])
    .where('jobs.id', 'in', [...new Set(jobIds)])
    .orderBy('appointments.window_start')
    .orderBy('appointments.id')
    .execute();
  for (const row of rows) {
    const progress = visitProgress(row.jobStatus, row.status);
    const known = statuses.get(row.jobId);
    // Later rows win, but a canceled appointment never hides one still on.
    if (known === undefined || known === 'Canceled' || progress !== 'Canceled') statuses.set(row.jobId, progress);
  }
  return statuses;
}

/**
 * The office's view of requests: their photos (without the bytes), matches, and for a booked one where
 * its visit stands now, in the rows' order.
 */
export async function officeViews(db: Queryable, rows: RequestRow[], basePath: string): Promise<BookingRequest[]> {
  if (rows.length === 0) return [];
  const booked = rows.flatMap((row) => (row.status === 'Booked' && row.job_id ? [row.job_id] : []));
  const visits = await visitStatuses(db, booked);
  const photos = await db
    .selectFrom('booking_request_photos')
    .select(['id', 'request_id', 'name', 'type', 'bytes', 'position'])
    .where('request_id', 'in', rows.map((r) => r.id))
    .orderBy('request_id')
    .orderBy('position')
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      const details = detailsOf(row);
      return {
        id: row.id,
        reference: row.reference ?? row.id,
        createdAt: row.created_at,
        status: row.status as BookingRequest['status'],
        customerId: row.customer_id,
        locationId: row.location_id,
        contact: details.contact,
        address: details.address,
        service: details.service,
        description: details.description,
        preferredDays: details.preferredDays,
        // A request from before languages were kept had its messages in English.
        language: details.language ?? 'en',
        photos: photos
          .filter((p) => p.request_id === row.id)
          .map((p) => ({
            id: p.id,
            name: p.name,
            type: p.type,
            bytes: Number(p.bytes),
            url: `${basePath}/office/booking-requests/${encodeURIComponent(row.id)}/photos/${encodeURIComponent(p.id)}`,
          })),
        // A signed-in request is the account's already: nothing to suggest.
        matches: row.customer_id ? [] : await matchesFor(db, details.contact),
        booked: details.booked && { ...details.booked, visitStatus: (row.job_id ? visits.get(row.job_id) : undefined) ?? null },
        dismissed: details.dismissed,
      };
    }),
  );
}
