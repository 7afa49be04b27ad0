/**
 * What the customer owes, and paying it. Every answer starts from `visibleInvoices`, so an invoice
 * hidden by the contractor's settings, or at a location without billing access, can be neither seen
 * nor paid; another customer's invoice answers 404. See docs/contract/billing.md.
 *
 * What must not happen twice is the database's to guarantee: an Idempotency-Key is a primary key (a
 * retry finds the first answer), and a payment lowers a balance only `WHERE balance >= amount`, so two
 * servers paying one invoice at the same instant can never take it below zero.
 */
import type { Transaction } from 'kysely';
import type { Invoice, Payment } from '../../src/model/index.js';
import { formatMoney, todayIn } from '../../src/internal/format.js';
import { decodeCursor, encodeCursor, readLimit } from '../http/cursor.js';
import { ApiError, invalid, json, kindOf, type Route, type RouteContext } from '../http/http.js';
import { isPlainObject } from '../http/known-keys.js';
import { dropEvent, recordEvent, takeSlot } from '../queries/rate-events.js';
import { paymentRow } from '../queries/rows.js';
import { invoiceListPage, invoiceVisibility, openBalance, visibleInvoices, withDetails } from '../queries/scoping.js';
import type { Database } from '../schema/database.js';
import { cardProblem, type CardInput, type CardProcessor } from './card-processor.js';
import { randomId, sha256 } from './crypto.js';
import { requireBillingAccount, type AccountAccess } from './identity.js';
import { contactsOnFile, greetingFor, putInOutbox, renderEmail } from './messages.js';
import { cameBy, customerNameOf, noticeOffice } from './office-notices.js';
import { learnLanguage, messageLocale, requestLanguage, type MessageLanguage } from './languages.js';
import { linkPortal } from './links.js';

/** The smallest amount one invoice may be paid with (or its whole balance, when that is smaller). */
export const MIN_PAYMENT_MINOR = 100;
/** Most invoices one charge may pay when the customer picks them. */
export const MAX_INVOICES_PER_PAYMENT = 50;
/** How long a payment's Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Declined charges one account may have in an hour before payments pause: stops card testing. */
export const DECLINES_PER_HOUR = 10;
export const DEFAULT_INVOICE_PAGE = 50;
export const MAX_INVOICE_PAGE = 200;

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,255}$/;
/**
 * An idempotency row's status while a refusal is being settled: the charge of an attempt that can no
 * longer be applied is being given back. Its body holds the refusal ({ status, body }) so a retry after
 * a crash finishes it. (null: unanswered; 0: being applied, inside phase two's transaction only.)
 */
const REFUSING = -1;

/** The processor the billing routes charge through; the backend sets it per request. */
export interface BillingContext extends RouteContext {
  processor: CardProcessor;
}

function today(context: RouteContext): string {
  return todayIn(context.settings.timeZone, context.now);
}

/** The words of a receipt's amount lines, which the system adds after the office's receipt template. */
const receiptWords: Record<MessageLanguage, { receipt: string; invoice: string }> = {
  en: { receipt: 'Receipt', invoice: 'Invoice' },
  es: { receipt: 'Recibo', invoice: 'Factura' },
};

/** An amount in a refusal's words: minor units in the currency's own digits (¥31,424 is 31424, not 314.24). */
function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, 'en-US');
}

// ---------------------------------------------------------------- reading

/** What is owed, in one pass over the customer's open invoices (a customer pays in one currency). */
async function balanceOf(context: RouteContext, access: AccountAccess) {
  const visibility = invoiceVisibility(context.settings, access);
  const row = (await openBalance.first(context.db, { ...visibility, today: today(context) }))!;
  return {
    currency: row.currency ?? 'USD',
    totalDue: Number(row.total),
    pastDue: Number(row.pastDue),
    pastDueCount: Number(row.pastDueCount),
    openCount: Number(row.count),
    nextDueDate: row.nextDue ?? null,
  };
}

/**
 * One page of outstanding (oldest due first) or paid (newest first) invoices, by keyset on the
 * customer's invoice indexes: the cost of a page does not grow with the number of invoices.
 */
async function listInvoices(context: RouteContext) {
  const access = await requireBillingAccount(context);
  const status = context.url.searchParams.get('status') ?? 'open';
  if (status !== 'open' && status !== 'paid') invalid('status', '"status" is "open" or "paid".');
  const limit = readLimit(context.url, DEFAULT_INVOICE_PAGE, MAX_INVOICE_PAGE);
  const rawCursor = context.url.searchParams.get('cursor');
  const after = rawCursor ? decodeCursor(rawCursor, 3, status) : null;
  const page = await invoiceListPage(
    context.db,
    invoiceVisibility(context.settings, access),
    status,
    after ? { date: after[0]!, number: after[1]!, id: after[2]! } : null,
    limit,
  );
  const items = await withDetails(context.db, page.rows);
  const last = items.at(-1);
  const nextCursor =
    page.hasMore && last ? encodeCursor(status === 'open' ? [last.dueDate, last.number, last.id] : [last.invoiceDate, last.number, last.id], status) : null;
  return json({ items, nextCursor, total: page.total });
}

export async function findVisible(context: RouteContext, access: AccountAccess, invoiceId: string, field?: string): Promise<Invoice> {
  const row = await visibleInvoices(context.db, context.settings, access).selectAll().where('id', '=', invoiceId).executeTakeFirst();
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'We could not find that invoice.', field ? { field } : {});
  return (await withDetails(context.db, [row]))[0]!;
}

// ---------------------------------------------------------------- paying

interface PaymentBody {
  /** The invoices and amounts picked, or every open invoice when `allOpen`. */
  applications: { invoiceId: string; amount: number }[];
  allOpen: boolean;
  /** For `allOpen`: the total due the customer saw; refused when it changed. */
  amount: number;
  card: CardInput;
}

function parseCard(body: Record<string, unknown>): CardInput {
  if (!Object.hasOwn(body, 'card')) invalid('card', '"card" is required.');
  if (!isPlainObject(body.card)) invalid('card', `"card" must be an object, not ${kindOf(body.card)}.`);
  const card = body.card;
  // In the contract's words, so whoever wrote the request sees which field to fix.
  const field = (name: string, what: 'text' | 'a whole number') => {
    const value = Object.hasOwn(card, name) ? card[name] : undefined;
    if (value === undefined || value === null) invalid(`card.${name}`, `"card.${name}" is required.`);
    const right = what === 'text' ? typeof value === 'string' : typeof value === 'number' && Number.isInteger(value);
    // 12.5 is a number, but not a whole one: "not a number" would contradict itself.
    const notWhole = what === 'a whole number' && typeof value === 'number';
    if (!right) invalid(`card.${name}`, `"card.${name}" must be ${what}${notWhole ? '' : `, not ${kindOf(value)}`}.`);
    if (typeof value === 'string' && value.length > 64) invalid(`card.${name}`, `"card.${name}" is too long (at most 64 characters).`);
    return value;
  };
  const text = (name: string) => field(name, 'text') as string;
  const whole = (name: string) => field(name, 'a whole number') as number;
  return { number: text('number'), expMonth: whole('expMonth'), expYear: whole('expYear'), cvc: text('cvc'), postalCode: text('postalCode') };
}

/** The fields a card payment takes (the route's body: a misspelt one is refused by name). */
export const paymentBody = {
  applications: [{ invoiceId: true, amount: true }],
  allOpen: true,
  amount: true,
  card: { number: true, expMonth: true, expYear: true, cvc: true, postalCode: true },
} as const;

function parsePaymentBody(body: Record<string, unknown>): PaymentBody {
  if (Object.hasOwn(body, 'allOpen')) {
    if (body.allOpen !== true) invalid('allOpen', '"allOpen" is true, or left out.');
    if (Object.hasOwn(body, 'applications')) invalid('applications', 'Send either "applications" or "allOpen", not both.');
    const amount = body.amount;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) {
      invalid('amount', 'The amount is a whole number of cents, the total due.');
    }
    return { applications: [], allOpen: true, amount, card: parseCard(body) };
  }
  const applications = body.applications;
  if (!Array.isArray(applications) || applications.length === 0) invalid('applications', 'Choose at least one invoice to pay.');
  if (applications.length > MAX_INVOICES_PER_PAYMENT) {
    invalid('applications', `One payment can pay at most ${MAX_INVOICES_PER_PAYMENT} invoices.`);
  }
  const seen = new Set<string>();
  const parsed = applications.map((item: unknown, i) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const invoiceId = Object.hasOwn(entry, 'invoiceId') ? entry.invoiceId : undefined;
    const amount = Object.hasOwn(entry, 'amount') ? entry.amount : undefined;
    if (typeof invoiceId !== 'string' || invoiceId.length === 0 || invoiceId.length > 128) {
      invalid(`applications.${i}.invoiceId`, 'An invoice id is missing.');
    }
    if (seen.has(invoiceId)) invalid(`applications.${i}.invoiceId`, 'The same invoice is listed twice.');
    seen.add(invoiceId);
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      invalid(`applications.${i}.amount`, 'Amounts are whole numbers of cents.');
    }
    return { invoiceId, amount };
  });
  return { applications: parsed, allOpen: false, amount: parsed.reduce((sum, a) => sum + a.amount, 0), card: parseCard(body) };
}

/**
 * What makes two requests "the same payment" for an Idempotency-Key. Never the card number or
 * security code: only what the backend may keep (last four) plus the expiry and the split.
 */
async function fingerprintOf(request: PaymentBody): Promise<string> {
  const digits = request.card.number.replace(/\D/g, '');
  return sha256(
    JSON.stringify({
      applications: request.allOpen ? ['all-open', request.amount] : request.applications.map((a) => [a.invoiceId, a.amount]),
      last4: digits.slice(-4),
      exp: [request.card.expMonth, request.card.expYear],
    }),
  );
}

interface Planned {
  invoice: Invoice;
  amount: number;
}

/** Checks each invoice and amount against the current balances: nothing is charged unless all pass. */
async function plan(context: RouteContext, access: AccountAccess, request: PaymentBody): Promise<Planned[]> {
  if (request.allOpen) {
    // Every open invoice the caller may pay, oldest due first, each paid in full: the total must be
    // the one the customer saw, so a balance that changed meanwhile is never paid blind.
    const rows = await visibleInvoices(context.db, context.settings, access)
      .selectAll()
      .where('balance', '>', 0)
      .orderBy('due_date')
      .orderBy('number')
      .orderBy('id')
      .execute();
    const total = rows.reduce((sum, r) => sum + r.balance, 0);
    if (new Set(rows.map((r) => r.currency)).size > 1) invalid('allOpen', 'Invoices in different currencies cannot be paid together.');
    if (rows.length === 0) throw new ApiError(409, 'CONFLICT', 'Nothing is due any more.', { field: 'amount' });
    if (total !== request.amount) {
      const currency = rows[0]!.currency;
      throw new ApiError(409, 'CONFLICT', `The balance due is now ${money(total, currency)}, not ${money(request.amount, currency)}.`, {
        field: 'amount',
      });
    }
    const invoices = await withDetails(context.db, rows);
    return invoices.map((invoice) => ({ invoice, amount: invoice.balance }));
  }
  const planned: Planned[] = [];
  for (const [i, { invoiceId, amount }] of request.applications.entries()) {
    const invoice = await findVisible(context, access, invoiceId, `applications.${i}.invoiceId`);
    const field = `applications.${i}.amount`;
    if (invoice.balance <= 0) throw new ApiError(409, 'CONFLICT', `Invoice ${invoice.number} is already paid.`, { field });
    if (amount > invoice.balance) {
      throw new ApiError(
        409,
        'CONFLICT',
        `${money(amount, invoice.currency)} is more than the ${money(invoice.balance, invoice.currency)} due on invoice ${invoice.number}.`,
        { field },
      );
    }
    const minimum = Math.min(MIN_PAYMENT_MINOR, invoice.balance);
    if (amount < minimum) {
      throw new ApiError(422, 'VALIDATION', `Pay at least ${money(minimum, invoice.currency)} on invoice ${invoice.number}.`, { field });
    }
    planned.push({ invoice, amount });
  }
  if (new Set(planned.map((p) => p.invoice.currency)).size > 1) invalid('applications', 'Invoices in different currencies cannot be paid together.');
  return planned;
}

type Refusal = { status: number; body: unknown };

/** The processor's key for a key's claim (rows from before attempts were kept use the old one). */
function attemptOf(row: { attempt: string | null; key: string }, customerId: string): string {
  return row.attempt ?? `${customerId}:${row.key}`;
}
type Claim =
  | { kind: 'new'; attempt: string }
  | { kind: 'resume'; attempt: string }
  | { kind: 'refusing'; attempt: string; refusal: Refusal }
  | { kind: 'replay'; status: number; body: unknown };

/**
 * Phase one, in a transaction: the key is claimed (a row with no answer yet), or found. A found key
 * with an answer replays it; one without an answer (in flight, or cut off by a crash) is resumed — the
 * processor's own idempotency and phase two's guard make that safe.
 */
async function claimKey(context: RouteContext, customerId: string, key: string, fingerprint: string): Promise<Claim> {
  return context.transaction(async (trx) => {
    const cutoff = new Date(context.now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
    await trx.deleteFrom('idempotency').where('customer_id', '=', customerId).where('created_at', '<', cutoff).execute();
    const attempt = randomId('attempt');
    const inserted = await trx
      .insertInto('idempotency')
      .values({ customer_id: customerId, key, fingerprint, status: null, body: null, created_at: context.now.toISOString(), attempt })
      .onConflict((oc) => oc.columns(['customer_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { kind: 'new', attempt } as const;
    const earlier = await trx
      .selectFrom('idempotency')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (earlier.fingerprint !== fingerprint) {
      throw new ApiError(409, 'CONFLICT', 'This Idempotency-Key was already used for a different payment.', { field: IDEMPOTENCY_HEADER });
    }
    // The same attempt as the claim it resumes.
    const sameAttempt = attemptOf(earlier, customerId);
    if (earlier.status === REFUSING) return { kind: 'refusing', attempt: sameAttempt, refusal: JSON.parse(earlier.body ?? 'null') as Refusal } as const;
    if (earlier.status !== null && earlier.status !== 0) {
      return { kind: 'replay', status: earlier.status, body: JSON.parse(earlier.body ?? 'null') } as const;
    }
    return { kind: 'resume', attempt: sameAttempt } as const;
  });
}

/**
 * Keys are forgotten a day after they were claimed (claimKey). One never answered (its request cut off
 * between the charge and phase two, or between a refusal's mark and its refund, and never retried) may
 * hold a charge applied to nothing: it is given back before the key is forgotten. A refund of an
 * attempt that charged nothing, or was refunded already, changes nothing.
 */
async function settleForgottenAttempts(context: BillingContext, customerId: string) {
  const cutoff = new Date(context.now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  const unanswered = await context.db
    .selectFrom('idempotency')
    .select(['key', 'attempt'])
    .where('customer_id', '=', customerId)
    .where('created_at', '<', cutoff)
    .where((eb) => eb.or([eb('status', 'is', null), eb('status', '=', 0), eb('status', '=', REFUSING)]))
    .execute();
  for (const row of unanswered) await context.processor.refund(attemptOf(row, customerId));
}

/** Phase three: the key's answer, written once. */
async function answerKey(trx: Transaction<Database>, customerId: string, key: string, status: number, body: unknown) {
  await trx
    .updateTable('idempotency')
    .set({ status, body: JSON.stringify(body) })
    .where('customer_id', '=', customerId)
    .where('key', '=', key)
    .execute();
}

class BalanceChanged extends Error {}

/**
 * An attempt that may have charged the card but can no longer be applied (its invoices changed): the
 * charge is given back and the refusal becomes the key's answer. Unless another request with the same
 * key applied it first: then that payment stands, and is the answer.
 *
 * The key is marked before the refund, in its own transaction: from then on no request can apply the
 * charge (phase two needs an unanswered key), so nothing is recorded as paid with its money given back.
 * A crash after the mark leaves it, and the next retry with the key finishes the refusal.
 */
async function refuseAttempt(context: BillingContext, customerId: string, key: string, processorKey: string, refusal: Refusal): Promise<Response> {
  const marked = await context.transaction(async (trx) => {
    const mark = await trx
      .updateTable('idempotency')
      .set({ status: REFUSING, body: JSON.stringify(refusal) })
      .where('customer_id', '=', customerId)
      .where('key', '=', key)
      .where((eb) => eb.or([eb('status', 'is', null), eb('status', '=', REFUSING)]))
      .executeTakeFirst();
    return Number(mark.numUpdatedRows) === 1;
  });
  if (!marked) return replayAnswered(context, customerId, key);
  await context.processor.refund(processorKey);
  await context.transaction((trx) =>
    trx
      .updateTable('idempotency')
      .set({ status: refusal.status, body: JSON.stringify(refusal.body) })
      .where('customer_id', '=', customerId)
      .where('key', '=', key)
      .where('status', '=', REFUSING)
      .execute(),
  );
  return json(refusal.body, refusal.status);
}

/** The key's answer, written by another request with the same key; or "being processed" until there is one. */
async function replayAnswered(context: BillingContext, customerId: string, key: string): Promise<Response> {
  const row = await context.db.selectFrom('idempotency').select(['status', 'body']).where('customer_id', '=', customerId).where('key', '=', key).executeTakeFirst();
  if (!row || row.status === null || row.status === 0 || row.status === REFUSING) {
    // `retryAfterSeconds` tells it from a refusal: nothing is decided yet, and the same key asked again
    // soon answers the payment or its refusal. A client must keep the key (and the payment) until then.
    throw new ApiError(409, 'CONFLICT', 'This payment is being processed. Send the same request again in a moment for its answer.', {
      field: IDEMPOTENCY_HEADER,
      retryAfterSeconds: 2,
    });
  }
  return json(JSON.parse(row.body ?? 'null'), row.status, { 'Idempotent-Replayed': 'true' });
}

/**
 * A payment by `access` (a signed-in caller, or a pay link standing for the invoice's customer).
 * `onlyInvoiceId`: a pay link pays that one invoice and nothing else.
 */
export async function payAs(context: BillingContext, access: AccountAccess, onlyInvoiceId?: string): Promise<Response> {
  const attempt: DeclineCount = { slot: null, declined: false };
  try {
    const answer = await payAttempt(context, access, attempt, onlyInvoiceId);
    // A signed-in payer's page speaks their language (rules/languages.ts); paying by a link teaches nothing.
    if (answer.ok && access.caller.loginId) await learnLanguage(context, access.caller.email);
    return answer;
  } finally {
    // The attempt was counted as a decline before its charge; any other end withdraws that count.
    if (attempt.slot && !attempt.declined) await dropEvent(context.db, attempt.slot).catch(() => undefined);
  }
}

/**
 * A new attempt's place in the declined-cards count: taken before the charge, so attempts sent together
 * cannot all pass a count that only grows once their declines are in, and kept only if it is declined.
 */
interface DeclineCount {
  slot: string | null;
  declined: boolean;
}

async function payAttempt(context: BillingContext, access: AccountAccess, attempt: DeclineCount, onlyInvoiceId?: string): Promise<Response> {
  const { settings } = context;
  if (!settings.onlinePaymentsEnabled) {
    throw new ApiError(403, 'FEATURE_DISABLED', `Online payments are turned off. Call ${settings.companyName} at ${settings.companyPhone} to pay.`);
  }
  const key = context.request.headers.get(IDEMPOTENCY_HEADER) ?? '';
  if (!KEY_PATTERN.test(key)) {
    invalid(IDEMPOTENCY_HEADER, 'Every payment needs an Idempotency-Key header of 8 to 255 letters, digits, "-" or "_".');
  }
  const request = parsePaymentBody(await context.body());
  if (onlyInvoiceId !== undefined && (request.allOpen || request.applications.some((a) => a.invoiceId !== onlyInvoiceId))) {
    invalid('applications', 'This link pays its own invoice only.');
  }
  const fingerprint = await fingerprintOf(request);
  const customerId = access.grant.customerId;
  await settleForgottenAttempts(context, customerId);
  const claim = await claimKey(context, customerId, key, fingerprint);
  if (claim.kind === 'replay') return json(claim.body, claim.status, { 'Idempotent-Replayed': 'true' });
  // The processor sees this claim's own key: a retry of it (a crash, a lost answer) meets its charge
  // there; the same customer key claimed anew after a day (its row forgotten) starts a new one.
  const processorKey = claim.attempt;
  // A refusal cut off by a crash between its mark and its answer: finish it.
  if (claim.kind === 'refusing') return refuseAttempt(context, customerId, key, processorKey, claim.refusal);

  const forget = () =>
    context.db.deleteFrom('idempotency').where('customer_id', '=', customerId).where('key', '=', key).where('status', 'is', null).execute();
  let planned: Planned[];
  try {
    if (claim.kind === 'new') {
      const since = new Date(context.now.getTime() - 3_600_000);
      const slot = await context.transaction((trx) =>
        takeSlot(trx, { bucket: 'card-decline', subject: customerId, since, now: context.now, limit: DECLINES_PER_HOUR }),
      );
      if ('full' in slot) {
        const retryAfterSeconds = Math.max(60, Math.ceil((Date.parse(slot.full[0]!) + 3_600_000 - context.now.getTime()) / 1000));
        throw new ApiError(429, 'RATE_LIMITED', 'Too many declined cards. Try again later, or call us to pay.', { retryAfterSeconds });
      }
      attempt.slot = slot.taken;
    }
    planned = await plan(context, access, request);
    const problem = cardProblem(request.card, context.now);
    if (problem) throw new ApiError(422, 'VALIDATION', problem.message, { field: problem.field });
  } catch (error) {
    // Refused before charging: nothing happened, so the key is free again.
    if (claim.kind === 'new' || !(error instanceof ApiError)) {
      if (claim.kind === 'new') await forget();
      throw error;
    }
    // A resumed attempt (cut off after the processor may have charged) that can no longer be applied:
    // give any charge back and make the refusal this key's final answer (unless the first request with
    // this key applied it meanwhile: its invoice now reads as paid because it paid it).
    const body = { error: { code: error.code, message: error.message, details: error.details } };
    return refuseAttempt(context, customerId, key, processorKey, { status: error.status, body });
  }

  const amount = planned.reduce((sum, p) => sum + p.amount, 0);
  const currency = planned[0]!.invoice.currency;
  const result = await context.processor.charge({ idempotencyKey: processorKey, amount, currency, card: request.card });

  if (result.outcome === 'processor-error') {
    await forget();
    throw new ApiError(502, 'PAYMENT_FAILED', 'The card processor did not answer. You were not charged.');
  }
  if (result.outcome === 'declined') {
    const error =
      result.reason === 'insufficient_funds'
        ? { code: 'INSUFFICIENT_FUNDS', message: 'The card has insufficient funds.' }
        : { code: 'PAYMENT_DECLINED', message: 'The card was declined.' };
    const body = { error: { ...error, details: {} } };
    // A decline is final for this key, as at a real processor: the same key answers the same.
    await context.transaction(async (trx) => {
      const guard = await trx
        .updateTable('idempotency')
        .set({ status: 402, body: JSON.stringify(body) })
        .where('customer_id', '=', customerId)
        .where('key', '=', key)
        .where((eb) => eb.or([eb('status', 'is', null), eb('status', '=', 0)]))
        .executeTakeFirst();
      if (Number(guard.numUpdatedRows) !== 1) return;
      // Counted already (a new attempt's slot), or now (an attempt resumed after a crash).
      if (attempt.slot) attempt.declined = true;
      else await recordEvent(trx, 'card-decline', customerId, context.now);
    });
    return json(body, 402);
  }

  // Phase two: the charge is applied to the balances, the payment and its receipt recorded, and the
  // key answered — one transaction, so a crash leaves either all of it or none (and a retry resumes).
  const method = `${result.brand} •••• ${result.last4}`;
  let payment: Payment | null;
  try {
    payment = await context.transaction(async (trx) => {
      const guard = await trx
        .updateTable('idempotency')
        .set({ status: 0 })
        .where('customer_id', '=', customerId)
        .where('key', '=', key)
        .where('status', 'is', null)
        .executeTakeFirst();
      if (Number(guard.numUpdatedRows) !== 1) return null; // another request with this key got here first
      for (const { invoice, amount: part } of planned) {
        const updated = await trx
          .updateTable('invoices')
          .set((eb) => ({ balance: eb('balance', '-', part) }))
          .where('id', '=', invoice.id)
          .where('balance', '>=', part)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new BalanceChanged();
      }
      const counter = await trx
        .updateTable('counters')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', 'receipt')
        .returning('value')
        .executeTakeFirst();
      const paidOn = today(context);
      const made: Payment = {
        id: randomId('pay'),
        customerId,
        createdAt: context.now.toISOString(),
        amount,
        currency,
        card: { brand: result.brand, last4: result.last4 },
        applications: planned.map((p) => ({ invoiceId: p.invoice.id, invoiceNumber: p.invoice.number, amount: p.amount })),
        receiptNumber: `R-${String(counter?.value ?? Date.now())}`,
      };
      await trx.insertInto('payments').values(paymentRow(made)).execute();
      await trx
        .insertInto('payment_applications')
        .values(
          planned.map((p, position) => ({
            payment_id: made.id,
            invoice_id: p.invoice.id,
            invoice_number: p.invoice.number,
            position,
            amount: p.amount,
            paid_on: paidOn,
            method,
          })),
        )
        .execute();
      // The receipt goes to whoever paid: the signed-in email; for a pay link, the contacts on file it was
      // sent to (email, and a text to the mobile while the office's receipt has one: a customer with only
      // a phone gets their receipt too).
      // In the language of the page the customer paid on.
      const language = requestLanguage(context.request);
      const words = receiptWords[language];
      const inWords = (minor: number) => formatMoney(minor, currency, messageLocale[language]);
      const amounts = `${words.receipt} ${made.receiptNumber}: ${inWords(made.amount)} (${method}).`;
      // Paid through a link: the portal page the link was sent with, in this language (the Spanish one).
      const portal = access.caller.loginId ? null : await linkPortal(context, trx, access.caller.tokenHash, language);
      const to = access.caller.loginId
        ? { email: access.caller.email, phone: null }
        : await contactsOnFile(trx, access.grant.customerId, { locationId: planned[0]!.invoice.location.id, need: 'billing' }).then((c) => ({ email: c.email, phone: c.mobile }));
      // Greeted as whom it goes to: a location's own contact is not the account holder (greetingFor).
      const greeting = { CustomerFirstName: await greetingFor(trx, access.grant.customerId, to.email), ...(portal ? { CustomerPortalLink: portal } : {}) };
      const receipt = await renderEmail(context, trx, 'receipt', language, greeting, [
        amounts,
        ...made.applications.map((a) => `${words.invoice} ${a.invoiceNumber}: ${inWords(a.amount)}`),
      ]);
      const message = { ...receipt, subject: `${receipt.subject} (${made.receiptNumber})`, sms: receipt.sms.trim() ? `${receipt.sms} ${amounts}` : '' };
      await putInOutbox(context, trx, to, message, 'receipt', null);
      // The office records it in its own system, under this receipt number (docs/import.md, "Money").
      const customer = await customerNameOf(trx, customerId);
      const inDollars = (minor: number) => formatMoney(minor, currency, 'en-US');
      await noticeOffice(context, trx, {
        kind: 'payment',
        subject: `Payment ${made.receiptNumber}: ${inDollars(made.amount)} from ${customer}`,
        lines: [
          `${customer} paid ${inDollars(made.amount)} with ${method}, ${cameBy(access.caller.loginId ? access.caller.email : undefined)}. Receipt ${made.receiptNumber}.`,
          made.applications.map((a) => `Invoice ${a.invoiceNumber}: ${inDollars(a.amount)}`).join('\n'),
          'Record it in your system under the receipt number, so the next import does not count it twice.',
        ],
      });
      await answerKey(trx, customerId, key, 201, made);
      return made;
    });
  } catch (error) {
    if (!(error instanceof BalanceChanged)) throw error;
    // Someone paid one of these invoices between the check and the charge: give the money back and
    // answer (and remember) the conflict.
    const body = { error: { code: 'CONFLICT', message: 'One of these invoices was paid meanwhile. You were not charged; check the balance and pay again.', details: {} } };
    return refuseAttempt(context, customerId, key, processorKey, { status: 409, body });
  }
  // Another request with this key got to phase two first (or is refusing it): its answer is this one's.
  // Unless that answer is this very attempt's payment, the charge just made is applied to nothing: a
  // refusal may have been settled before this charge existed (its refund then found nothing to give
  // back). Give it back now; a refund is idempotent, so one already made changes nothing.
  if (payment === null) {
    const row = await context.db.selectFrom('idempotency').select(['status', 'attempt', 'key']).where('customer_id', '=', customerId).where('key', '=', key).executeTakeFirst();
    if (!(row?.status === 201 && attemptOf(row, customerId) === processorKey)) await context.processor.refund(processorKey);
    return replayAnswered(context, customerId, key);
  }
  // The charge is kept; only the answer is lost, as when a connection drops.
  if (result.outcome === 'approved-answer-lost') return Response.error();
  return json(payment, 201);
}

export const billingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/customers/:customerId/balance',
    snapshot: true,
    async handler(context) {
      return json(await balanceOf(context, await requireBillingAccount(context)));
    },
  },
  { method: 'GET', path: '/customers/:customerId/invoices', query: ['status', 'limit', 'cursor'], handler: listInvoices, snapshot: true },
  {
    method: 'GET',
    path: '/customers/:customerId/invoices/:invoiceId',
    snapshot: true,
    async handler(context) {
      const access = await requireBillingAccount(context);
      return json(await findVisible(context, access, context.params.invoiceId ?? ''));
    },
  },
  {
    method: 'POST',
    path: '/customers/:customerId/payments',
    body: paymentBody,
    handler: async (context) => payAs(context as BillingContext, await requireBillingAccount(context)),
  },
];

