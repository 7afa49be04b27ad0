/**
 * Between the model (src/model, what the REST contract answers) and the tables (schema/database.ts):
 * one pair of functions per entity. No rule lives here.
 */
import type { Insertable, Selectable } from 'kysely';
import type {
  AppliedPayment,
  Appointment,
  Contact,
  Customer,
  InstalledEquipment,
  Invoice,
  InvoiceItem,
  Job,
  Location,
  Membership,
  Payment,
  Reference,
} from '../../src/model/index.js';
import type { Database } from '../schema/database.js';
import { normaliseEmail } from '../../src/model/email.js';

type Row<T extends keyof Database> = Selectable<Database[T]>;
type NewRow<T extends keyof Database> = Insertable<Database[T]>;

/** A job as the backend keeps it: the model's job plus the equipment it worked on. */
export type StoredJob = Job & { equipmentIds?: string[] };

// The one rule for an email, shared with the sign-in card (src/model/email.ts).
export { normaliseEmail };

/** A phone number's digits, without the North American country code: "+1 (555) 010-4477" → "5550104477". */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

// ---------------------------------------------------------------- customers, locations, contacts

export function customerRows(customer: Customer) {
  const customerRow: NewRow<'customers'> = {
    id: customer.id,
    name: customer.name,
    type: customer.type,
    address: JSON.stringify(customer.address),
  };
  const contactRow = (contact: Contact, position: number, locationId: string | null): NewRow<'contacts'> => ({
    id: contact.id,
    customer_id: customer.id,
    location_id: locationId,
    type: contact.type,
    value: contact.value,
    email_normalized: contact.type === 'Email' ? normaliseEmail(contact.value) : null,
    phone_digits: contact.type === 'Email' ? null : normalisePhone(contact.value),
    memo: contact.memo ?? null,
    portal_access: contact.portalAccess ?? null,
    position,
  });
  const locations: NewRow<'locations'>[] = customer.locations.map((location, position) => ({
    id: location.id,
    customer_id: customer.id,
    name: location.name,
    address: JSON.stringify(location.address),
    position,
  }));
  const contacts = [
    ...customer.contacts.map((c, i) => contactRow(c, i, null)),
    ...customer.locations.flatMap((l) => l.contacts.map((c, i) => contactRow(c, i, l.id))),
  ];
  return { customer: customerRow, locations, contacts };
}

function contactOf(row: Row<'contacts'>): Contact {
  return {
    id: row.id,
    type: row.type as Contact['type'],
    value: row.value,
    ...(row.memo !== null ? { memo: row.memo } : {}),
    ...(row.portal_access !== null ? { portalAccess: row.portal_access as Contact['portalAccess'] } : {}),
  };
}

export function customerOf(row: Row<'customers'>, locations: Row<'locations'>[], contacts: Row<'contacts'>[]): Customer {
  const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
  return {
    id: row.id,
    name: row.name,
    type: row.type as Customer['type'],
    address: JSON.parse(row.address) as Customer['address'],
    contacts: contacts.filter((c) => c.location_id === null).sort(byPosition).map(contactOf),
    locations: [...locations].sort(byPosition).map(
      (l): Location => ({
        id: l.id,
        name: l.name,
        address: JSON.parse(l.address) as Location['address'],
        contacts: contacts.filter((c) => c.location_id === l.id).sort(byPosition).map(contactOf),
      }),
    ),
  };
}

// ---------------------------------------------------------------- invoices

export function invoiceRows(invoice: Invoice) {
  const row: NewRow<'invoices'> = {
    id: invoice.id,
    number: invoice.number,
    customer_id: invoice.customerId,
    location_id: invoice.location.id,
    location_name: invoice.location.name,
    business_unit_id: invoice.businessUnit.id,
    business_unit_name: invoice.businessUnit.name,
    invoice_date: invoice.invoiceDate,
    due_date: invoice.dueDate,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    balance: invoice.balance,
    job_id: invoice.job?.id ?? null,
    job_number: invoice.job?.number ?? null,
    sync_status: invoice.syncStatus,
    review_status: invoice.reviewStatus,
    summary: invoice.summary,
  };
  const items: NewRow<'invoice_items'>[] = invoice.items.map((item, position) => ({
    id: item.id,
    invoice_id: invoice.id,
    position,
    sku: item.sku ?? null,
    description: item.description,
    quantity: item.quantity,
    unit_price: item.unitPrice,
    total: item.total,
  }));
  const applications: NewRow<'payment_applications'>[] = invoice.payments.map((p, position) => ({
    payment_id: p.paymentId,
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    position,
    amount: p.amount,
    paid_on: p.paidOn,
    method: p.method,
  }));
  return { invoice: row, items, applications };
}

export function invoiceOf(row: Row<'invoices'>, items: Row<'invoice_items'>[], applications: Row<'payment_applications'>[]): Invoice {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    invoiceDate: row.invoice_date,
    dueDate: row.due_date,
    currency: row.currency,
    items: items.map(
      (i): InvoiceItem => ({
        id: i.id,
        ...(i.sku !== null ? { sku: i.sku } : {}),
        description: i.description,
        quantity: Number(i.quantity),
        unitPrice: i.unit_price,
        total: i.total,
      }),
    ),
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    balance: row.balance,
    businessUnit: { id: row.business_unit_id, name: row.business_unit_name },
    location: { id: row.location_id, name: row.location_name },
    job: row.job_id !== null ? { id: row.job_id, number: row.job_number ?? '' } : null,
    payments: applications.map(
      (a): AppliedPayment => ({ paymentId: a.payment_id, paidOn: a.paid_on, amount: a.amount, method: a.method }),
    ),
    syncStatus: row.sync_status as Invoice['syncStatus'],
    reviewStatus: row.review_status as Invoice['reviewStatus'],
    summary: row.summary,
  };
}

// ---------------------------------------------------------------- payments

export function paymentRow(payment: Payment): NewRow<'payments'> {
  return {
    id: payment.id,
    customer_id: payment.customerId,
    created_at: payment.createdAt,
    amount: payment.amount,
    currency: payment.currency,
    card_brand: payment.card.brand,
    card_last4: payment.card.last4,
    receipt_number: payment.receiptNumber,
  };
}

export function paymentOf(row: Row<'payments'>, applications: Row<'payment_applications'>[]): Payment {
  return {
    id: row.id,
    customerId: row.customer_id,
    createdAt: row.created_at,
    amount: row.amount,
    currency: row.currency,
    card: { brand: row.card_brand as Payment['card']['brand'], last4: row.card_last4 },
    applications: [...applications]
      .sort((a, b) => a.position - b.position)
      .map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.invoice_number, amount: a.amount })),
    receiptNumber: row.receipt_number,
  };
}

// ---------------------------------------------------------------- jobs and appointments

export function technicianNames(job: Pick<Job, 'appointments'>): string[] {
  return [...new Set(job.appointments.flatMap((a) => (a.technician ? [a.technician.name] : [])))];
}

/**
 * What the history search looks in, lower-cased once when the job is written. Not the invoice's number:
 * whether a caller may see it depends on who asks (billing access, the invoice filter), so the search
 * matches it apart, through the visible invoice only (rules/history.ts), or a hidden invoice's number
 * could be found digit by digit.
 */
export function jobSearchText(job: Job): string {
  return [job.number, job.jobType, job.summary, job.location.name, job.businessUnit.name, ...technicianNames(job)]
    .join(' ')
    .toLocaleLowerCase();
}

export function jobRows(job: StoredJob) {
  const row: NewRow<'jobs'> = {
    id: job.id,
    number: job.number,
    customer_id: job.customerId,
    location_id: job.location.id,
    location_name: job.location.name,
    business_unit_id: job.businessUnit.id,
    business_unit_name: job.businessUnit.name,
    job_type: job.jobType,
    summary: job.summary,
    status: job.status,
    completed_on: job.completedOn,
    invoice_id: job.invoice?.id ?? null,
    search_text: jobSearchText(job),
  };
  // In UTC, whatever offset they came with: the office's visit list pages through them in order as text.
  const utc = (instant: string) => new Date(instant).toISOString();
  const appointments: NewRow<'appointments'>[] = job.appointments.map((a) => ({
    id: a.id,
    job_id: job.id,
    start_at: utc(a.start),
    end_at: utc(a.end),
    window_start: utc(a.arrivalWindowStart),
    window_end: utc(a.arrivalWindowEnd),
    status: a.status,
    technician_id: a.technician?.id ?? null,
    technician_name: a.technician?.name ?? null,
  }));
  const equipment: NewRow<'job_equipment'>[] = (job.equipmentIds ?? []).map((equipmentId) => ({ job_id: job.id, equipment_id: equipmentId }));
  return { job: row, appointments, equipment };
}

export function appointmentOf(row: Row<'appointments'>): Appointment {
  return {
    id: row.id,
    start: row.start_at,
    end: row.end_at,
    arrivalWindowStart: row.window_start,
    arrivalWindowEnd: row.window_end,
    status: row.status as Appointment['status'],
    technician: technicianOf(row),
  };
}

/** An appointment's technician, or null when none is assigned. */
export function technicianOf(row: { technician_id: string | null; technician_name: string | null }): Reference | null {
  return row.technician_id !== null ? { id: row.technician_id, name: row.technician_name ?? '' } : null;
}

/** The job's invoice as the caller may see it: null when absent or hidden from this caller. */
export interface JobInvoiceColumns {
  invoice_number: string | null;
  invoice_total: number | null;
  invoice_currency: string | null;
  visible_invoice_id: string | null;
}

export function jobOf(row: Row<'jobs'> & JobInvoiceColumns, appointments: Row<'appointments'>[]): Job {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    location: { id: row.location_id, name: row.location_name },
    businessUnit: { id: row.business_unit_id, name: row.business_unit_name },
    jobType: row.job_type,
    summary: row.summary,
    status: row.status as Job['status'],
    completedOn: row.completed_on,
    appointments: appointments.map(appointmentOf),
    invoice:
      row.visible_invoice_id !== null
        ? { id: row.visible_invoice_id, number: row.invoice_number ?? '', total: Number(row.invoice_total ?? 0), currency: row.invoice_currency ?? 'USD' }
        : null,
  };
}

// ---------------------------------------------------------------- memberships and equipment

export function membershipRow(m: Membership): NewRow<'memberships'> {
  return {
    id: m.id,
    customer_id: m.customerId,
    location_id: m.location.id,
    location_name: m.location.name,
    plan_id: m.plan.id,
    plan_name: m.plan.name,
    plan_description: m.plan.description,
    status: m.status,
    from_date: m.from,
    to_date: m.to,
    renews_on: m.renewsOn,
    billing_frequency: m.billingFrequency,
    price: m.price,
    currency: m.currency,
    benefits: JSON.stringify(m.benefits),
    discounts: JSON.stringify(m.discounts),
    visits_included: m.recurringVisits.included,
    visits_used: m.recurringVisits.used,
    next_visit_on: m.nextVisitOn,
  };
}

export function membershipOf(row: Row<'memberships'>): Membership {
  return {
    id: row.id,
    customerId: row.customer_id,
    location: { id: row.location_id, name: row.location_name },
    plan: { id: row.plan_id, name: row.plan_name, description: row.plan_description },
    status: row.status as Membership['status'],
    from: row.from_date,
    to: row.to_date,
    renewsOn: row.renews_on,
    billingFrequency: row.billing_frequency as Membership['billingFrequency'],
    price: row.price,
    currency: row.currency,
    benefits: JSON.parse(row.benefits) as string[],
    discounts: JSON.parse(row.discounts) as Membership['discounts'],
    recurringVisits: { included: row.visits_included, used: row.visits_used },
    nextVisitOn: row.next_visit_on,
  };
}

export function equipmentRow(e: InstalledEquipment): NewRow<'equipment'> {
  return {
    id: e.id,
    customer_id: e.customerId,
    location_id: e.location.id,
    location_name: e.location.name,
    name: e.name,
    type: e.type,
    manufacturer: e.manufacturer,
    model: e.model,
    serial_number: e.serialNumber,
    installed_on: e.installedOn,
    manufacturer_warranty_end: e.manufacturerWarrantyEnd,
    service_provider_warranty_end: e.serviceProviderWarrantyEnd,
    predicted_replacement_on: e.predictedReplacementOn,
    last_serviced_on: e.lastServicedOn,
    attachments: JSON.stringify(e.attachments),
  };
}

export function equipmentOf(row: Row<'equipment'>): InstalledEquipment {
  return {
    id: row.id,
    customerId: row.customer_id,
    location: { id: row.location_id, name: row.location_name },
    name: row.name,
    type: row.type,
    manufacturer: row.manufacturer,
    model: row.model,
    serialNumber: row.serial_number,
    installedOn: row.installed_on,
    manufacturerWarrantyEnd: row.manufacturer_warranty_end,
    serviceProviderWarrantyEnd: row.service_provider_warranty_end,
    predictedReplacementOn: row.predicted_replacement_on,
    lastServicedOn: row.last_serviced_on,
    attachments: JSON.parse(row.attachments) as InstalledEquipment['attachments'],
  };
}
