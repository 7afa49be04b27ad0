/**
 * The reference backend's tables, as Kysely sees them: one interface per table, one `Database` of them.
 * Portable on purpose (SQLite, PostgreSQL, SQLite in the browser): text ids, ISO 8601 text for dates and
 * instants (they sort as text), integers for money (minor units) and booleans, JSON as text.
 */
import type { ColumnType } from 'kysely';

/** Money and counts: `bigint` in PostgreSQL, parsed back to a JS number (see dialects/node.ts). */
type Int = number;
/** A JSON document stored as text; the queries parse and serialise it. */
type JsonText = string;

export interface SettingsTable {
  key: string;
  value: JsonText;
}

export interface BusinessUnitsTable {
  id: string;
  name: string;
  trade: string;
}

export interface CustomersTable {
  id: string;
  name: string;
  type: string;
  address: JsonText;
  /** `en` or `es`, as the records import gives it (null: it gives none). See customer_page_languages. */
  language: string | null;
}

/** The language of the page a customer last used, signed in as one of their own contacts (migration 0011). */
export interface CustomerPageLanguagesTable {
  customer_id: string;
  language: string;
  learned_at: string;
}

export interface LocationsTable {
  id: string;
  customer_id: string;
  name: string;
  address: JsonText;
  /** Order within the customer, as the office lists them. */
  position: Int;
}

export interface ContactsTable {
  id: string;
  customer_id: string;
  /** Null for a customer-level contact (billing everywhere); set for a location's own contact. */
  location_id: string | null;
  type: string;
  value: string;
  /** `trim().toLowerCase()` of an Email contact's value: the sign-up and sign-in lookups use its index. */
  email_normalized: string | null;
  memo: string | null;
  portal_access: string | null;
  position: Int;
  /** A Phone or MobilePhone contact's digits (`normalisePhone`): requests are matched to customers by it. */
  phone_digits?: string | null;
}

export interface LoginsTable {
  id: string;
  /** Normalised email. At most one confirmed login per email (a partial unique index). */
  email: string;
  /** The salted PBKDF2 hash as JSON `{algorithm, iterations, salt, hash}`; never the password. */
  password: JsonText;
  created_at: string;
  verified_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a leaked table does not leak sessions. */
  token_hash: string;
  login_id: string;
  created_at: string;
  expires_at: string;
}

export interface OneTimeTokensTable {
  token_hash: string;
  /** `reset` (a new password) or `verify` (confirm a new account's email). */
  purpose: string;
  login_id: string;
  created_at: string;
  expires_at: string;
  /** Set once, by `UPDATE … WHERE used_at IS NULL`: a token works once even when two requests race. */
  used_at: string | null;
}

export interface InvoicesTable {
  id: string;
  number: string;
  customer_id: string;
  location_id: string;
  location_name: string;
  business_unit_id: string;
  business_unit_name: string;
  invoice_date: string;
  due_date: string;
  currency: string;
  subtotal: Int;
  tax: Int;
  total: Int;
  /** Never below zero: a CHECK constraint and the payment's conditional update both hold it. */
  balance: Int;
  job_id: string | null;
  job_number: string | null;
  sync_status: string;
  review_status: string;
  summary: string;
}

export interface InvoiceItemsTable {
  id: string;
  invoice_id: string;
  position: Int;
  sku: string | null;
  description: string;
  quantity: number;
  unit_price: Int;
  total: Int;
}

export interface PaymentsTable {
  id: string;
  customer_id: string;
  created_at: string;
  amount: Int;
  currency: string;
  card_brand: string;
  card_last4: string;
  receipt_number: string;
}

/** How a payment splits across invoices; also each invoice's list of payments applied to it. */
export interface PaymentApplicationsTable {
  payment_id: string;
  invoice_id: string;
  invoice_number: string;
  position: Int;
  amount: Int;
  paid_on: string;
  /** "Visa •••• 4242", "Check", … */
  method: string;
}

export interface JobsTable {
  id: string;
  number: string;
  customer_id: string;
  location_id: string;
  location_name: string;
  business_unit_id: string;
  business_unit_name: string;
  job_type: string;
  summary: string;
  status: string;
  completed_on: string | null;
  invoice_id: string | null;
  /** Lower-cased words the history search looks in (number, type, summary, location, technicians …). */
  search_text: string;
}

export interface AppointmentsTable {
  id: string;
  job_id: string;
  start_at: string;
  end_at: string;
  window_start: string;
  window_end: string;
  status: string;
  technician_id: string | null;
  technician_name: string | null;
}

/** Which installed equipment a job worked on: "last serviced" comes from these. */
export interface JobEquipmentTable {
  job_id: string;
  equipment_id: string;
}

export interface MembershipsTable {
  id: string;
  customer_id: string;
  location_id: string;
  location_name: string;
  plan_id: string;
  plan_name: string;
  plan_description: string;
  status: string;
  from_date: string;
  to_date: string | null;
  renews_on: string | null;
  billing_frequency: string;
  price: Int;
  currency: string;
  benefits: JsonText;
  discounts: JsonText;
  visits_included: Int;
  visits_used: Int;
  next_visit_on: string | null;
}

export interface EquipmentTable {
  id: string;
  customer_id: string;
  location_id: string;
  location_name: string;
  name: string;
  type: string;
  manufacturer: string;
  model: string;
  serial_number: string;
  installed_on: string | null;
  manufacturer_warranty_end: string | null;
  service_provider_warranty_end: string | null;
  predicted_replacement_on: string | null;
  last_serviced_on: string | null;
  attachments: JsonText;
}

export interface BookingRequestsTable {
  id: string;
  customer_id: string | null;
  location_id: string | null;
  created_at: string;
  /** `PendingReview`, `Booked` or `Dismissed`; a decision is `UPDATE … WHERE status = 'PendingReview'`. */
  status: string;
  /** The request as the office sees it (who, where, what, when, the decision), JSON. */
  details: JsonText;
  /** "AR-100023": unique. */
  reference: string | null;
  /** `<customer id or "public">:<Idempotency-Key>`: unique, so one key never makes two requests. */
  idempotency_key: string | null;
  /** SHA-256 of the body: the same key with another body is refused. */
  fingerprint: string | null;
  /** The job a booking made. */
  job_id: string | null;
  decided_at: string | null;
}

/** A request's photos, as base64 text (portable across engines); fetched one at a time by the office. */
export interface BookingRequestPhotosTable {
  id: string;
  request_id: string;
  position: Int;
  name: string;
  type: string;
  bytes: Int;
  data: string;
}

export interface EstimatesTable {
  id: string;
  customer_id: string;
  location_id: string;
  name: string;
  created_on: string;
  status: string;
  version: Int;
  /** Options, items and totals as JSON. */
  content: JsonText;
}

export interface OutboxTable {
  /** Time-ordered (see `sequentialId`): ordering by id is the order messages were sent. */
  id: string;
  to_address: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** The HTML email, when the message has one (templated emails). */
  html?: string | null;
  link: string | null;
  kind: string;
  sent_at: string;
  /** When the office's sending job said it delivered the message (null: not yet; before migration 0009). */
  delivered_at?: string | null;
}

export interface IdempotencyTable {
  customer_id: string;
  key: string;
  /** What the request asked for: the same key with another request is refused. */
  fingerprint: string;
  /** Null while the request is in flight (or was cut off by a crash): a retry resumes it. */
  status: Int | null;
  body: JsonText | null;
  created_at: string;
  /**
   * The processor's key for this claim, new for every claim: a key claimed again after its row was
   * forgotten never meets the earlier charge. Null on rows claimed before it existed.
   */
  attempt: string | null;
}

/** One row per counted event (a failed sign-in, a reset email, a declined card, a request): windows are counted. */
export interface RateEventsTable {
  id: string;
  bucket: string;
  subject: string;
  at: string;
}

/**
 * One row per (bucket, subject) that is being counted. Upserting it first takes its row lock in
 * PostgreSQL, so two servers counting the same email at once count one after the other.
 */
export interface RateSubjectsTable {
  bucket: string;
  subject: string;
  touched_at: string;
}

/** The simulated card processor's own ledger: one charge per idempotency key, as a real processor keeps. */
export interface ProcessorChargesTable {
  idempotency_key: string;
  charge_id: string;
  amount: Int;
  currency: string;
  outcome: string;
  brand: string | null;
  last4: string | null;
  created_at: string;
  refunded_at: string | null;
}

/** Named counters (receipt numbers): `UPDATE … SET value = value + 1 RETURNING value` is atomic everywhere. */
export interface CountersTable {
  name: string;
  value: Int;
}

/** A link without a sign-in: one purpose, one document, stored as the token's hash. */
export interface DocumentLinksTable {
  token_hash: string;
  purpose: string;
  document_id: string;
  customer_id: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** Why it was revoked: `replaced`, `revoked` or `voided` (null on links revoked before 0004). */
  revoked_reason: string | null;
  /** The page the link opens, without its fragment (null on links made before 0008). */
  page: string | null;
  /** The pages it was sent with, by language, as JSON (`LinkPages`; null on links made before 0012). */
  pages: string | null;
}

/** An invoice the office voided or an estimate it withdrew: its links stop working and say so. */
export interface DocumentVoidsTable {
  /** `pay` (an invoice) or `estimate`. */
  purpose: string;
  document_id: string;
  voided_at: string;
  reason: string | null;
}

/** What an estimate's approval signed: tied to the exact content shown, kept and reproducible. */
export interface EstimateSignaturesTable {
  id: string;
  estimate_id: string;
  version: Int;
  option_id: string;
  content_sha256: string;
  signer_name: string;
  consents: JsonText;
  signed_at: string;
  client_address: string | null;
  user_agent: string | null;
  via: string;
}

export interface Database {
  document_links: DocumentLinksTable;
  document_voids: DocumentVoidsTable;
  estimate_signatures: EstimateSignaturesTable;
  settings: SettingsTable;
  counters: CountersTable;
  business_units: BusinessUnitsTable;
  customers: CustomersTable;
  customer_page_languages: CustomerPageLanguagesTable;
  locations: LocationsTable;
  contacts: ContactsTable;
  logins: LoginsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  invoices: InvoicesTable;
  invoice_items: InvoiceItemsTable;
  payments: PaymentsTable;
  payment_applications: PaymentApplicationsTable;
  jobs: JobsTable;
  appointments: AppointmentsTable;
  job_equipment: JobEquipmentTable;
  memberships: MembershipsTable;
  equipment: EquipmentTable;
  booking_requests: BookingRequestsTable;
  booking_request_photos: BookingRequestPhotosTable;
  estimates: EstimatesTable;
  outbox: OutboxTable;
  idempotency: IdempotencyTable;
  rate_events: RateEventsTable;
  rate_subjects: RateSubjectsTable;
  processor_charges: ProcessorChargesTable;
}

/** Every table holding the business's data, in an order safe for deleting (children first). */
export const DATA_TABLES = [
  'document_voids',
  'document_links',
  'estimate_signatures',
  'rate_events',
  'rate_subjects',
  'idempotency',
  'processor_charges',
  'outbox',
  'estimates',
  'booking_request_photos',
  'booking_requests',
  'job_equipment',
  'appointments',
  'jobs',
  'payment_applications',
  'payments',
  'invoice_items',
  'invoices',
  'memberships',
  'equipment',
  'one_time_tokens',
  'sessions',
  'logins',
  'contacts',
  'locations',
  'customer_page_languages',
  'customers',
  'business_units',
  'counters',
  'settings',
] as const satisfies readonly (keyof Database)[];

export type { ColumnType };
