/**
 * What each kind of link opens — one invoice to pay, one visit to follow — and the office's side:
 * sending a link (through the outbox, with the contractor's template), revoking it, moving a visit
 * through its statuses. Estimates have their own module (estimates.ts).
 */
import type { Transaction } from 'kysely';
import { formatDayLong, todayIn, zoneName } from '../../src/internal/format.js';
import type { Payment } from '../../src/model/index.js';
import type { VisitProgress, VisitStatusView } from '../../src/model/visit-status.js';
import { forUpdate } from '../dialects/portal-database.js';
import { ApiError, invalid, json, noContent, requireString, type Route, type RouteContext } from '../http/http.js';
import { paymentOf } from '../queries/rows.js';
import { visibleInvoices } from '../queries/scoping.js';
import { visitProgress } from '../queries/visit-progress.js';
import { takeSlot } from '../queries/rate-events.js';
import { findVisible, payAs, paymentBody, type BillingContext } from './billing.js';
import { createEstimate, estimateEditBody, estimateExpired, estimateRowById, editEstimate, estimateOf, newEstimateBody, type StoredEstimateContent } from './estimates.js';
import type { MergeValues } from './merge-tags.js';
import { contractorToday } from './history.js';
import type { AccountAccess } from './identity.js';
import { issueLink, linkAddress, optionalAddress, pagesNow, spanishPages, type LinkPageKey, type LinkPages, linkJson, linkLifetimes, linkRoutes, visitLinkEnd, ownSitePage, requireLink, revokeLinks, voidOf, type LinkPurpose, type LinkRow, type Renewable } from './links.js';
import { contactsOnFile, recipientsOf, sendTemplated, type DocumentReach } from './messages.js';
import { customerLanguage, messageLocale, type MessageLanguage } from './languages.js';
import { requireOffice } from './office.js';
import type { Database } from '../schema/database.js';

const DAY = 86_400_000;

/**
 * Whether a pay link made at `createdAt` has stopped working: an unpaid invoice's after the longest
 * lifetime, a paid one's some days after its last payment (the receipt stays that long).
 */
async function payLinkExpired(context: RouteContext, invoiceId: string, createdAt: string): Promise<boolean> {
  const invoice = await context.db.selectFrom('invoices').select(['balance']).where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) return true;
  const lifetimes = linkLifetimes(context.settings);
  if (invoice.balance > 0) return context.now.getTime() > Date.parse(createdAt) + lifetimes.payLinkMaxDays * DAY;
  const last = await context.db
    .selectFrom('payment_applications')
    .select((eb) => eb.fn.max('paid_on').as('paidOn'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  const paidUntil = Date.parse(`${last?.paidOn ?? contractorToday(context.settings.timeZone, context.now)}T23:59:59Z`) + lifetimes.payLinkDaysAfterPaid * DAY;
  return context.now.getTime() > paidUntil;
}

/**
 * Whether a link made now for this document would already have stopped working: an estimate past its
 * valid-until day, a visit long over (`expiresAt`, the link's own end, from documentFor), an invoice
 * paid long ago. Such a link is never sent.
 */
async function deadOnArrival(context: RouteContext, purpose: LinkPurpose, documentId: string, expiresAt: string | null): Promise<boolean> {
  if (purpose === 'estimate') return estimateExpired(context, documentId);
  if (purpose === 'pay') return payLinkExpired(context, documentId, context.now.toISOString());
  return expiresAt !== null && Date.parse(expiresAt) <= context.now.getTime();
}

/** What a pay link may do: act for the invoice's customer, with billing at the invoice's location only. */
function payLinkAccessTo(invoice: { customer_id: string; location_id: string; location_name: string; name: string }, caller: { email: string; tokenHash: string }): AccountAccess {
  return {
    caller: { loginId: '', email: caller.email, tokenHash: caller.tokenHash, token: '', expiresAt: '' },
    grant: { customerId: invoice.customer_id, name: invoice.name, locations: [{ locationId: invoice.location_id, name: invoice.location_name, access: 'billing' }] },
    billingLocationIds: [invoice.location_id],
    visibleLocationIds: [invoice.location_id],
  };
}

function invoiceForLink(context: RouteContext, invoiceId: string) {
  return context.db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select(['invoices.customer_id', 'invoices.location_id', 'invoices.location_name', 'invoices.number', 'customers.name'])
    .where('invoices.id', '=', invoiceId)
    .executeTakeFirst();
}

/** A pay link acts for the invoice's customer, with billing at the invoice's location only; its receipt goes to a contact with billing there. */
async function payLinkAccess(context: RouteContext, invoiceId: string) {
  const link = await requireLink(context, 'pay', invoiceId, { expired: (row) => payLinkExpired(context, invoiceId, row.createdAt), renewable });
  const row = await invoiceForLink(context, invoiceId);
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'We could not find that invoice.');
  const contacts = await contactsOnFile(context.db, row.customer_id, { locationId: row.location_id, need: 'billing' });
  return { link, access: payLinkAccessTo(row, { email: contacts.email ?? '', tokenHash: link.tokenHash }) };
}

/**
 * The payments made on this invoice, as a pay link shows them: each with this invoice's share only (its
 * application, and the amount applied here). A payment that also paid other invoices must not show
 * them: they may be at other locations, or hidden online, and the link is for this one document.
 */
async function receiptsFor(context: RouteContext, invoiceId: string): Promise<Payment[]> {
  const applications = await context.db.selectFrom('payment_applications').selectAll().where('invoice_id', '=', invoiceId).execute();
  if (applications.length === 0) return [];
  const payments = await context.db
    .selectFrom('payments')
    .selectAll()
    .where('id', 'in', applications.map((a) => a.payment_id))
    .orderBy('created_at')
    .execute();
  return payments.map((p) => {
    const here = applications.filter((a) => a.payment_id === p.id);
    return { ...paymentOf(p, here), amount: here.reduce((sum, a) => sum + a.amount, 0) };
  });
}

const statusFor: Record<VisitProgress, string> = { Scheduled: 'Scheduled', OnTheWay: 'Dispatched', Arrived: 'Working', Done: 'Done', Canceled: 'Canceled' };

/** An appointment with its job's details; `lock` (inside a change) holds it for that change on PostgreSQL. */
async function appointmentRow(context: RouteContext, appointmentId: string, lock?: Transaction<Database>) {
  const query = (lock ?? context.db)
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .select([
      'appointments.id',
      'appointments.window_start',
      'appointments.window_end',
      'appointments.end_at',
      'appointments.status',
      'appointments.technician_name',
      'jobs.number',
      'jobs.summary',
      'jobs.status as job_status',
      'jobs.customer_id',
      'jobs.location_id',
      'jobs.location_name',
    ])
    .where('appointments.id', '=', appointmentId);
  return (lock ? forUpdate(context.dialect, query) : query).executeTakeFirst();
}
type AppointmentRow = NonNullable<Awaited<ReturnType<typeof appointmentRow>>>;

/**
 * The document a link is made for: whose it is, where (who may be sent it: a contact with billing there
 * for an invoice or an estimate, with any access for a visit), and when the link should stop working,
 * decided when it is made (null: the document decides as it changes).
 */
async function documentFor(
  context: RouteContext,
  purpose: LinkPurpose,
  documentId: string,
): Promise<{ customerId: string; reach: DocumentReach; expiresAt: string | null; tags: (language: MessageLanguage) => MergeValues }> {
  if (purpose === 'estimate') {
    const row = await estimateRowById(context.db, documentId);
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such estimate.', { field: 'documentId' });
    const { number } = JSON.parse(row.content) as StoredEstimateContent;
    return { customerId: row.customer_id, reach: { locationId: row.location_id, need: 'billing' }, expiresAt: null, tags: () => ({ EstimateNumber: number }) };
  }
  if (purpose === 'pay') {
    const row = await invoiceForLink(context, documentId);
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such invoice.', { field: 'documentId' });
    return { customerId: row.customer_id, reach: { locationId: row.location_id, need: 'billing' }, expiresAt: null, tags: () => ({ InvoiceNumber: row.number }) };
  }
  const row = await appointmentRow(context, documentId);
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such appointment.', { field: 'documentId' });
  return {
    customerId: row.customer_id,
    reach: { locationId: row.location_id, need: 'visible' },
    expiresAt: visitLinkEnd(context.settings, Date.parse(row.end_at)),
    tags: (language) => visitWhen(context, row, language),
  };
}

/** A visit's day and arrival window as messages in `language` say them, in the contractor's time zone (named). */
function visitWhen(context: RouteContext, row: { window_start: string; window_end: string }, language: MessageLanguage): MergeValues {
  const { timeZone } = context.settings;
  const locale = messageLocale[language];
  const start = new Date(row.window_start);
  const hours = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).formatRange(start, new Date(row.window_end));
  return { VisitDate: formatDayLong(todayIn(timeZone, start), locale), ArrivalWindow: `${hours} (${zoneName(timeZone, locale, start)})` };
}

/**
 * Why a fresh link for this document would not serve the customer, or null when it would: the document
 * voided or withdrawn, an invoice the portal does not show (its business unit excluded, or left out by
 * the invoice filter: the link would open "not found"), a link that would open expired (a visit long over,
 * an invoice paid long ago, an estimate past its day), or the portal turned off. One rule for the office's
 * POST /office/links (refused with the reason), a customer's resend (nothing sent) and an expired link's
 * `renewable` (no "Send me a new link" that would send nothing).
 */
async function unsendable(context: RouteContext, purpose: LinkPurpose, documentId: string, expiresAt: string | null): Promise<ApiError | null> {
  const refusal = (message: string) => new ApiError(409, 'CONFLICT', message, { field: 'documentId' });
  if (purpose !== 'visit' && (await voidOf(context.db, purpose, documentId))) {
    return refusal(purpose === 'pay' ? 'This invoice was voided: there is nothing to pay.' : 'This estimate was withdrawn.');
  }
  if (purpose === 'pay' && !(await shownOnline(context, documentId))) {
    return refusal('This invoice is not shown online (its business unit is excluded, or the invoice filter leaves it out): a pay link would open nothing.');
  }
  if (!context.settings.portalEnabled) return refusal('The portal is turned off (portalEnabled is false in the settings): a link would open nothing. Turn it on first.');
  if (!(await deadOnArrival(context, purpose, documentId, expiresAt))) return null;
  const lifetimes = linkLifetimes(context.settings);
  if (purpose === 'estimate') return refusal('This estimate is past its valid-until day: a link would open it expired. Give it a later validUntil first (PUT /office/estimates/:id).');
  if (purpose === 'pay') {
    return refusal(`This invoice was paid in full more than ${lifetimes.payLinkDaysAfterPaid} days ago (links.payLinkDaysAfterPaid): a pay link would open expired.`);
  }
  return refusal(`This visit ended more than ${lifetimes.visitLinkHoursAfterVisit} hours ago (links.visitLinkHoursAfterVisit): a status link would open expired.`);
}

/** Whether the portal shows this invoice online at all (the invoice filter, the excluded business units). */
async function shownOnline(context: RouteContext, invoiceId: string): Promise<boolean> {
  const row = await invoiceForLink(context, invoiceId);
  if (!row) return false;
  const access = payLinkAccessTo(row, { email: '', tokenHash: '' });
  return (await visibleInvoices(context.db, context.settings, access).select('id').where('id', '=', invoiceId).executeTakeFirst()) !== undefined;
}

const templateFor: Record<LinkPurpose, 'estimate' | 'invoice' | 'visit'> = { estimate: 'estimate', pay: 'invoice', visit: 'visit' };
const tagFor = { estimate: 'OnlineEstimateLink', pay: 'InvoicePayLink', visit: 'VisitStatusLink' } as const;

/** The office's note on a void or withdrawal: optional, plain text, at most 500 characters. */
function optionalReason(body: Record<string, unknown>): string | null {
  const reason = Object.hasOwn(body, 'reason') ? body.reason : undefined;
  if (reason === undefined || reason === null) return null;
  if (typeof reason !== 'string') invalid('reason', '"reason" is text.');
  if (reason.length > 500) invalid('reason', '"reason" is too long (at most 500 characters).');
  return reason.trim() || null;
}

const voidAnswer = (row: Database['document_voids']) => ({ voidedAt: row.voided_at, reason: row.reason });

/**
 * Voids an invoice nothing was paid on: its balance goes to zero (so no route can take a payment for
 * it: a payment lowers a balance only `WHERE balance >= amount`) and its pay links are revoked as
 * `voided`, so an opened one says the invoice was voided and whom to call. Voiding twice changes nothing.
 */
async function voidInvoice(context: RouteContext, invoiceId: string, reason: string | null) {
  return context.transaction(async (trx) => {
    const invoice = await trx.selectFrom('invoices').select('id').where('id', '=', invoiceId).executeTakeFirst();
    if (!invoice) throw new ApiError(404, 'NOT_FOUND', 'No such invoice.');
    const earlier = await voidOf(trx, 'pay', invoiceId);
    if (earlier) return { invoiceId, ...voidAnswer(earlier) };
    // The void row first: of two office tabs pressing Void at once, the primary key lets one write it.
    await trx
      .insertInto('document_voids')
      .values({ purpose: 'pay', document_id: invoiceId, voided_at: context.now.toISOString(), reason })
      .onConflict((oc) => oc.columns(['purpose', 'document_id']).doNothing())
      .execute();
    const row = (await voidOf(trx, 'pay', invoiceId))!;
    // After a void nothing is owed, whatever the balance said (an invoice imported with a balance of its
    // own, another tab's void). Zeroing it first takes the invoice's row lock, as a payment does; then
    // only while nothing is paid: a payment made a moment ago wins, and the void is refused (rolled back).
    await trx.updateTable('invoices').set({ balance: 0 }).where('id', '=', invoiceId).execute();
    const paid = await trx.selectFrom('payment_applications').select('payment_id').where('invoice_id', '=', invoiceId).executeTakeFirst();
    if (paid) throw new ApiError(409, 'CONFLICT', 'Payments were applied to this invoice: refund them before voiding it.', { field: 'invoiceId' });
    await revokeLinks(trx, 'pay', invoiceId, context.now, 'voided');
    return { invoiceId, ...voidAnswer(row) };
  });
}

/**
 * Withdraws an estimate the customer has not approved: it leaves the customer's portal, its links are
 * revoked as `voided` (an opened one says it was withdrawn), and no answer to it is taken any more. An
 * approved estimate is a signed agreement and stays. Withdrawing twice changes nothing.
 */
async function withdrawEstimate(context: RouteContext, estimateId: string, reason: string | null) {
  return context.transaction(async (trx) => {
    // The row lock first, as the customer's answer takes it (rules/estimates.ts, decide): an approval
    // that got there first is seen here as Approved, and one that comes after finds the withdrawal.
    const estimate = await forUpdate(context.dialect, trx.selectFrom('estimates').select(['id', 'status']).where('id', '=', estimateId)).executeTakeFirst();
    if (!estimate) throw new ApiError(404, 'NOT_FOUND', 'No such estimate.');
    if (estimate.status === 'Approved') {
      throw new ApiError(409, 'CONFLICT', 'This estimate was approved and signed: it can no longer be withdrawn.', { field: 'estimateId' });
    }
    await trx
      .insertInto('document_voids')
      .values({ purpose: 'estimate', document_id: estimateId, voided_at: context.now.toISOString(), reason })
      .onConflict((oc) => oc.columns(['purpose', 'document_id']).doNothing())
      .execute();
    await revokeLinks(trx, 'estimate', estimateId, context.now, 'voided');
    return { estimateId, ...voidAnswer((await voidOf(trx, 'estimate', estimateId))!) };
  });
}

/** Makes a link and sends it to the contacts on file with the contractor's template, in the customer's language. */
async function sendLink(context: RouteContext, purpose: LinkPurpose, documentId: string, pagesIn: LinkPages, send = true) {
  const { customerId, reach, expiresAt, tags } = await documentFor(context, purpose, documentId);
  const refusal = await unsendable(context, purpose, documentId, expiresAt);
  if (refusal) throw refusal;
  return context.transaction(async (trx) => {
    const language = await customerLanguage(trx, customerId);
    // The link remembers its page: a fresh one for it (resend) opens the same, in the same language.
    const pages = language === 'es' && pagesIn.es ? pagesIn.es : pagesIn;
    const token = await issueLink(trx, { purpose, documentId, customerId, now: context.now, expiresAt, page: pages.page, pages: pagesIn });
    const url = linkAddress(pages.page, purpose, documentId, token);
    const messageId = send
      ? await sendTemplated(context, trx, {
          kind: templateFor[purpose],
          language,
          customerId,
          document: reach,
          values: { ...tags(language), [tagFor[purpose]]: url, CustomerPortalLink: pages.portal },
          link: url,
        })
      : null;
    return { url, expiresAt, messageId };
  });
}

/**
 * Whether a link has stopped working with time (its page answers 410 `expired`): past its own
 * expiry, or a pay link past its invoice's. (An estimate's link expires with the estimate, and a fresh
 * one would not work either: see deadOnArrival.)
 */
async function stoppedWorking(context: RouteContext, link: LinkRow): Promise<boolean> {
  if (link.expiresAt !== null && Date.parse(link.expiresAt) <= context.now.getTime()) return true;
  return link.purpose === 'pay' && (await payLinkExpired(context, link.documentId, link.createdAt));
}

/** Whether a fresh link would work where this one stopped: what resend (below) checks before sending one. */
export const renewable: Renewable = async (context, link) => {
  try {
    const document = await documentFor(context, link.purpose, link.documentId);
    if (await unsendable(context, link.purpose, link.documentId, document.expiresAt)) return false;
    // Someone on file who may see it, for the fresh link to go to (else it would be made, sent to nobody).
    const contacts = await recipientsOf(context, templateFor[link.purpose], document.customerId, document.reach);
    return contacts.email !== null || contacts.mobile !== null;
  } catch (error) {
    // The document is gone (404): no fresh link for it. Anything else is a real failure.
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
};

/** An expired link, asked for again: a fresh one to the contact on file, at most three an hour per document. */
async function resend(context: RouteContext, link: LinkRow) {
  // A link that still works is not replaced: anyone it was forwarded to could otherwise end the
  // customer's working link (and send them messages) with one request.
  if (!(await stoppedWorking(context, link))) return;
  const since = new Date(context.now.getTime() - 3_600_000);
  // A fresh link that would not work either (an estimate past its date, a visit long over, an invoice no
  // longer shown), or that nobody on file may be sent, is not made, and the old one is not replaced; the
  // answer stays the same.
  if (!(await renewable(context, link))) return;
  const subject = `${link.purpose}:${link.documentId}`;
  const slot = await context.transaction((trx) => takeSlot(trx, { bucket: 'link-resend', subject, since, now: context.now, limit: 3 }));
  if ('full' in slot) return;
  // The new link opens the pages the office named for the old one, while still on its site, in the
  // customer's language of the moment; the others are the portal's page as saved now (pagesNow). With no
  // site known yet there is nothing to send, and the answer stays the same. (Pages are kept by language
  // since 0012; before, the link's page alone.)
  const pages = pagesNow(context, link.pages ?? { page: link.page ?? undefined });
  if (pages) await sendLink(context, link.purpose, link.documentId, pages);
}

/**
 * A membership's next visit that was this visit is not the next visit any more: the customer was just
 * told it is canceled, and the plan's card must not still promise that day. Only a plan at the visit's
 * location whose next visit is the visit's day (in the contractor's zone), and only when no other visit
 * there that day is still on (that one may be the plan's). Your records' next import sets the plan's
 * next visit again.
 */
async function forgetCanceledVisit(context: RouteContext, trx: Transaction<Database>, row: AppointmentRow) {
  const { timeZone } = context.settings;
  const day = todayIn(timeZone, new Date(row.window_start));
  // The plans that day first, held for this change: two visits there canceled at once on PostgreSQL
  // take turns, so the second sees the first canceled (else each sees the other still on, and neither clears).
  const plans = await forUpdate(
    context.dialect,
    trx.selectFrom('memberships').select('id').where('customer_id', '=', row.customer_id).where('location_id', '=', row.location_id).where('next_visit_on', '=', day),
  ).execute();
  if (plans.length === 0) return;
  // A day in any zone lies within 14 hours of UTC's: a wide margin either side, then the zone decides.
  const at = new Date(`${day}T00:00:00Z`).getTime();
  const others = await trx
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .select(['appointments.window_start', 'appointments.status', 'jobs.status as job_status'])
    .where('jobs.location_id', '=', row.location_id)
    .where('appointments.id', '!=', row.id)
    .where('appointments.window_start', '>=', new Date(at - 86_400_000).toISOString())
    .where('appointments.window_start', '<', new Date(at + 2 * 86_400_000).toISOString())
    .execute();
  const stillOn = others.some((other) => todayIn(timeZone, new Date(other.window_start)) === day && visitProgress(other.job_status, other.status) !== 'Canceled');
  if (stillOn) return;
  await trx
    .updateTable('memberships')
    .set({ next_visit_on: null })
    .where('id', 'in', plans.map((plan) => plan.id))
    .execute();
}

/**
 * A canceled visit, told to the customer (the office's `visitCanceled` template): its day and window in
 * the contractor's zone, to the contacts who see visits there. The visit-status link says Canceled too.
 */
async function tellCanceled(context: RouteContext, trx: Transaction<Database>, row: AppointmentRow) {
  const language = await customerLanguage(trx, row.customer_id);
  await sendTemplated(context, trx, {
    kind: 'visitCanceled',
    language,
    outboxKind: 'visit-canceled',
    customerId: row.customer_id,
    document: { locationId: row.location_id, need: 'visible' },
    values: visitWhen(context, row, language),
    link: null,
  });
}

export const documentLinkRoutes: Route[] = [
  ...linkRoutes(resend, renewable),
  {
    method: 'GET',
    path: '/links/invoices/:invoiceId',
    async handler(context) {
      const invoiceId = context.params.invoiceId ?? '';
      const { access } = await payLinkAccess(context, invoiceId);
      const invoice = await findVisible(context, access, invoiceId);
      return linkJson({
        invoice,
        receipts: await receiptsFor(context, invoiceId),
        payable: invoice.balance > 0 && context.settings.onlinePaymentsEnabled,
        onlinePaymentsEnabled: context.settings.onlinePaymentsEnabled,
        company: { name: context.settings.companyName, phone: context.settings.companyPhone, timeZone: context.settings.timeZone },
      });
    },
  },
  {
    method: 'POST',
    path: '/links/invoices/:invoiceId/payments',
    // The link's one invoice, part or all of its balance: no `allOpen` (payAs refuses it for a link).
    body: { applications: paymentBody.applications, card: paymentBody.card },
    async handler(context) {
      const invoiceId = context.params.invoiceId ?? '';
      const { access } = await payLinkAccess(context, invoiceId);
      const response = await payAs(context as BillingContext, access, invoiceId);
      // A dropped connection (Response.error()) has immutable headers and goes out as it is.
      if (response.type !== 'error') response.headers.set('Referrer-Policy', 'no-referrer');
      return response;
    },
  },
  {
    method: 'GET',
    path: '/links/visits/:appointmentId',
    async handler(context) {
      const appointmentId = context.params.appointmentId ?? '';
      await requireLink(context, 'visit', appointmentId, { renewable });
      const row = await appointmentRow(context, appointmentId);
      if (!row) throw new ApiError(404, 'NOT_FOUND', 'We could not find that visit.');
      const view: VisitStatusView = {
        visit: {
          appointmentId: row.id,
          jobNumber: row.number,
          summary: row.summary,
          technicianFirstName: row.technician_name ? row.technician_name.split(/\s+/)[0]! : null,
          arrivalWindowStart: row.window_start,
          arrivalWindowEnd: row.window_end,
          status: visitProgress(row.job_status, row.status),
          location: { id: row.location_id, name: row.location_name },
        },
        company: { name: context.settings.companyName, phone: context.settings.companyPhone, timeZone: context.settings.timeZone },
      };
      return linkJson(view);
    },
  },
  {
    method: 'POST',
    path: '/office/links',
    body: { purpose: true, documentId: true, pageUrl: true, portalUrl: true, translations: true, send: true },
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const purpose = requireString(body, 'purpose', 20) as LinkPurpose;
      if (!['estimate', 'pay', 'visit'].includes(purpose)) invalid('purpose', '"purpose" is estimate, pay or visit.');
      // `"send": false`: the link is made and answered, nothing is sent: for the office's own system to put
      // into the emails and texts it sends already (its merge tag), as the portal's own templates would.
      if (body.send !== undefined && typeof body.send !== 'boolean') invalid('send', '"send" is true (the default: send it) or false (only make it).');
      const documentId = requireString(body, 'documentId', 128);
      // The pages named, each checked as a page of the site (never one a stranger typed); the Spanish ones
      // in `translations.es`. The others are filled in as for a fresh link (pagesNow): the portal's page.
      const named = (value: string | undefined, field: string) => (value === undefined ? undefined : ownSitePage(context, value, field).toString());
      const spanish = spanishPages(body, ['pageUrl', 'portalUrl']) ?? {};
      const given: Record<LinkPageKey, string | undefined> = {
        page: named(optionalAddress(body, 'pageUrl'), 'pageUrl'),
        portal: named(optionalAddress(body, 'portalUrl'), 'portalUrl'),
        'es.page': named(spanish.pageUrl, 'translations.es.pageUrl'),
        'es.portal': named(spanish.portalUrl, 'translations.es.portalUrl'),
      };
      const defaulted = (Object.keys(given) as LinkPageKey[]).filter((key) => given[key] === undefined);
      const pages = pagesNow(context, { page: given.page, portal: given.portal, es: { page: given['es.page'], portal: given['es.portal'] }, defaulted });
      if (!pages) {
        throw new ApiError(400, 'VALIDATION', 'Name the page ("pageUrl"), or set the portal page or the hostname in the settings first: a link needs a page to open.', {
          field: 'pageUrl',
        });
      }
      return json(await sendLink(context, purpose, documentId, pages, body.send !== false), 201);
    },
  },
  {
    method: 'POST',
    path: '/office/links/revoke',
    body: { purpose: true, documentId: true },
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const purpose = requireString(body, 'purpose', 20) as LinkPurpose;
      if (!['estimate', 'pay', 'visit'].includes(purpose)) invalid('purpose', '"purpose" is estimate, pay or visit.');
      const documentId = requireString(body, 'documentId', 128);
      // A misspelt id would otherwise answer 204 and leave the real document's link working.
      await documentFor(context, purpose, documentId);
      await revokeLinks(context.db, purpose, documentId, context.now, 'revoked');
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/office/invoices/:invoiceId/void',
    body: { reason: true },
    async handler(context) {
      requireOffice(context);
      return json(await voidInvoice(context, context.params.invoiceId ?? '', optionalReason(await context.body())));
    },
  },
  {
    method: 'POST',
    path: '/office/estimates/:estimateId/withdraw',
    body: { reason: true },
    async handler(context) {
      requireOffice(context);
      return json(await withdrawEstimate(context, context.params.estimateId ?? '', optionalReason(await context.body())));
    },
  },
  {
    method: 'PUT',
    path: '/office/appointments/:appointmentId/status',
    body: { status: true },
    async handler(context) {
      requireOffice(context);
      const status = requireString(await context.body(), 'status', 20) as VisitProgress;
      if (!Object.hasOwn(statusFor, status)) invalid('status', '"status" is Scheduled, OnTheWay, Arrived, Done or Canceled.');
      const appointmentId = context.params.appointmentId ?? '';
      const canceling = statusFor[status] === 'Canceled';
      await context.transaction(async (trx) => {
        // Read locked, inside the change: an import canceling or completing the job meanwhile is seen.
        const row = await appointmentRow(context, appointmentId, trx);
        if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such appointment.');
        // Your records completed the job: its visits read Done, and a cancellation would tell the customer
        // a visit that happened was called off.
        if (row.job_status === 'Completed') {
          throw new ApiError(409, 'CONFLICT', 'This job is completed in your records: its visits read Done and stay so.', { field: 'status' });
        }
        const canceled = visitProgress(row.job_status, row.status) === 'Canceled';
        // Canceling twice tells the customer once.
        if (canceling && canceled) return;
        // The customer was told it is canceled: moving it on would leave them believing so while the link
        // says otherwise. A new visit is booked instead (your system's import may still reinstate one).
        if (canceled) {
          throw new ApiError(409, 'CONFLICT', 'This visit was canceled, and the customer was told so: it stays canceled. Book a new visit for another time.', {
            field: 'status',
          });
        }
        await trx.updateTable('appointments').set({ status: statusFor[status] }).where('id', '=', appointmentId).execute();
        if (canceling) {
          await tellCanceled(context, trx, row);
          await forgetCanceledVisit(context, trx, row);
        }
      });
      return json({ appointmentId, status });
    },
  },
  {
    method: 'GET',
    path: '/office/estimates',
    async handler(context) {
      requireOffice(context);
      const rows = await context.db.selectFrom('estimates').selectAll().orderBy('created_on', 'desc').limit(500).execute();
      const withdrawn = rows.length
        ? await context.db.selectFrom('document_voids').selectAll().where('purpose', '=', 'estimate').where('document_id', 'in', rows.map((r) => r.id)).execute()
        : [];
      const signatures = rows.length
        ? await context.db.selectFrom('estimate_signatures').selectAll().where('estimate_id', 'in', rows.map((r) => r.id)).orderBy('signed_at').execute()
        : [];
      return json(
        await Promise.all(
          rows.map(async (row) => ({
            ...(await estimateOf(row)),
            withdrawn: ((w) => (w ? { at: w.voided_at, reason: w.reason } : null))(withdrawn.find((w) => w.document_id === row.id)),
            signatures: signatures
              .filter((s) => s.estimate_id === row.id)
              .map((s) => ({
                version: s.version,
                optionId: s.option_id,
                contentSha256: s.content_sha256,
                signerName: s.signer_name,
                consents: JSON.parse(s.consents) as unknown,
                signedAt: s.signed_at,
                clientAddress: s.client_address,
                userAgent: s.user_agent,
                via: s.via,
              })),
          })),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/office/estimates',
    body: newEstimateBody,
    maxBodyBytes: 64 * 1024,
    async handler(context) {
      requireOffice(context);
      return json(await createEstimate(context, await context.body()), 201);
    },
  },
  {
    method: 'PUT',
    path: '/office/estimates/:estimateId',
    body: estimateEditBody,
    maxBodyBytes: 64 * 1024,
    async handler(context) {
      requireOffice(context);
      return json(await editEstimate(context, context.params.estimateId ?? '', await context.body()));
    },
  },
];

