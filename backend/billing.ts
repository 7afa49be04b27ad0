/**
 * What the customer owes, and paying it. Every answer goes through `visibleInvoices`, so an invoice
 * hidden by the contractor's settings, or at a location without billing access, can be neither seen
 * nor paid; another customer's invoice answers 404. See docs/contract/billing.md.
 */
import type { Invoice, Payment } from '../src/model/index.js';
import { todayIn } from '../src/internal/format.js';
import { cardProblem, charge, type CardInput } from './card-processor.js';
import { randomId, sha256 } from './crypto.js';
import { ApiError, json, readJsonObject, type Route, type RouteContext } from './http.js';
import { requireBillingAccount, type AccountAccess } from './identity.js';
import { visibleInvoices } from './scoping.js';
import type { BackendState, IdempotencyRecord } from './state.js';

/** The smallest amount one invoice may be paid with (or its whole balance, when that is smaller). */
export const MIN_PAYMENT_MINOR = 100;
/** Most invoices one charge may pay. */
export const MAX_INVOICES_PER_PAYMENT = 50;
/** How long a payment's Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Declined charges one account may have in an hour before payments pause: stops card testing. */
export const DECLINES_PER_HOUR = 10;

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,255}$/;

function today(context: RouteContext): string {
  return todayIn(context.state.settings.timeZone, context.now);
}

function isOpen(invoice: Invoice): boolean {
  return invoice.balance > 0;
}

/** Outstanding: oldest due first. Paid (or never owed anything): newest first. */
function listed(invoices: Invoice[], status: 'open' | 'paid'): Invoice[] {
  if (status === 'open') {
    return invoices.filter(isOpen).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
  }
  return invoices
    .filter((invoice) => !isOpen(invoice))
    .sort((a, b) => b.invoiceDate.localeCompare(a.invoiceDate) || b.number.localeCompare(a.number));
}

function balanceOf(invoices: Invoice[], todayDate: string) {
  const open = invoices.filter(isOpen);
  const pastDue = open.filter((invoice) => invoice.dueDate < todayDate);
  const upcoming = open.map((invoice) => invoice.dueDate).filter((date) => date >= todayDate).sort();
  return {
    currency: open[0]?.currency ?? invoices[0]?.currency ?? 'USD',
    totalDue: open.reduce((sum, invoice) => sum + invoice.balance, 0),
    pastDue: pastDue.reduce((sum, invoice) => sum + invoice.balance, 0),
    pastDueCount: pastDue.length,
    openCount: open.length,
    nextDueDate: upcoming[0] ?? null,
  };
}

function findVisible(state: BackendState, access: AccountAccess, invoiceId: string, field?: string): Invoice {
  const invoice = visibleInvoices(state, access).find((i) => i.id === invoiceId);
  if (!invoice) throw new ApiError(404, 'NOT_FOUND', 'We could not find that invoice.', field ? { field } : {});
  return invoice;
}

interface PaymentBody {
  applications: { invoiceId: string; amount: number }[];
  card: CardInput;
}

function invalid(field: string, message: string): never {
  throw new ApiError(400, 'VALIDATION', message, { field });
}

function parsePaymentBody(body: Record<string, unknown>): PaymentBody {
  const applications = body.applications;
  if (!Array.isArray(applications) || applications.length === 0) invalid('applications', 'Choose at least one invoice to pay.');
  if (applications.length > MAX_INVOICES_PER_PAYMENT) {
    invalid('applications', `One payment can pay at most ${MAX_INVOICES_PER_PAYMENT} invoices.`);
  }
  const seen = new Set<string>();
  const parsed = applications.map((item: unknown, i) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { invoiceId, amount } = entry;
    if (typeof invoiceId !== 'string' || invoiceId.length === 0) invalid(`applications.${i}.invoiceId`, 'An invoice id is missing.');
    if (seen.has(invoiceId)) invalid(`applications.${i}.invoiceId`, 'The same invoice is listed twice.');
    seen.add(invoiceId);
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      invalid(`applications.${i}.amount`, 'Amounts are whole numbers of cents.');
    }
    return { invoiceId, amount };
  });
  const card = (typeof body.card === 'object' && body.card !== null ? body.card : {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = card[name];
    if (typeof value !== 'string' || value.length > 64) invalid(`card.${name}`, 'The card details are incomplete.');
    return value;
  };
  const whole = (name: string) => {
    const value = card[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) invalid(`card.${name}`, 'The card details are incomplete.');
    return value;
  };
  return {
    applications: parsed,
    card: { number: text('number'), expMonth: whole('expMonth'), expYear: whole('expYear'), cvc: text('cvc'), postalCode: text('postalCode') },
  };
}

/**
 * What makes two requests "the same payment" for an Idempotency-Key. Never the card number or
 * security code: only what the backend may keep (last four) plus the expiry and the split.
 */
async function fingerprintOf(request: PaymentBody): Promise<string> {
  const digits = request.card.number.replace(/\D/g, '');
  return sha256(
    JSON.stringify({
      applications: request.applications.map((a) => [a.invoiceId, a.amount]),
      last4: digits.slice(-4),
      exp: [request.card.expMonth, request.card.expYear],
    }),
  );
}

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

function replay(record: IdempotencyRecord): Response {
  return json(record.body, record.status, { 'Idempotent-Replayed': 'true' });
}

/** Checks each invoice and amount against the current balances: nothing is charged unless all pass. */
function checkApplications(state: BackendState, access: AccountAccess, request: PaymentBody): Invoice[] {
  const invoices = request.applications.map((a, i) => findVisible(state, access, a.invoiceId, `applications.${i}.invoiceId`));
  request.applications.forEach(({ amount }, i) => {
    const invoice = invoices[i]!;
    const field = `applications.${i}.amount`;
    if (invoice.balance <= 0) {
      throw new ApiError(409, 'CONFLICT', `Invoice ${invoice.number} is already paid.`, { field });
    }
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
  });
  if (new Set(invoices.map((i) => i.currency)).size > 1) {
    invalid('applications', 'Invoices in different currencies cannot be paid together.');
  }
  return invoices;
}

function recordPayment(
  context: RouteContext,
  access: AccountAccess,
  request: PaymentBody,
  invoices: Invoice[],
  card: Payment['card'],
): Payment {
  const { state } = context;
  const paidOn = today(context);
  const payment: Payment = {
    id: randomId('pay'),
    customerId: access.grant.customerId,
    createdAt: context.now.toISOString(),
    amount: request.applications.reduce((sum, a) => sum + a.amount, 0),
    currency: invoices[0]!.currency,
    card,
    applications: request.applications.map((a, i) => ({ invoiceId: a.invoiceId, invoiceNumber: invoices[i]!.number, amount: a.amount })),
    receiptNumber: `R-${String(100001 + state.payments.length)}`,
  };
  const method = `${card.brand} •••• ${card.last4}`;
  request.applications.forEach((a, i) => {
    const invoice = invoices[i]!;
    invoice.balance -= a.amount;
    invoice.payments.push({ paymentId: payment.id, paidOn, amount: a.amount, method });
  });
  state.payments.push(payment);
  state.outbox.push({
    id: randomId('msg'),
    to: access.caller.login.email,
    subject: `Payment receipt ${payment.receiptNumber} from ${state.settings.companyName}`,
    body: [
      `Thank you for your payment of ${money(payment.amount, payment.currency)} (${method}).`,
      ...payment.applications.map((a) => `Invoice ${a.invoiceNumber}: ${money(a.amount, payment.currency)}`),
    ].join('\n'),
    link: null,
    kind: 'receipt',
    sentAt: context.now.toISOString(),
  });
  return payment;
}

function recentDeclines(context: RouteContext, customerId: string): string[] {
  const since = context.now.getTime() - 3_600_000;
  return (context.state.declinedCharges?.[customerId] ?? []).filter((t) => Date.parse(t) > since);
}

async function pay(context: RouteContext): Promise<Response> {
  const access = await requireBillingAccount(context);
  const { state } = context;
  if (!state.settings.onlinePaymentsEnabled) {
    throw new ApiError(403, 'FEATURE_DISABLED', `Online payments are turned off. Call ${state.settings.companyName} at ${state.settings.companyPhone} to pay.`);
  }
  const key = context.request.headers.get(IDEMPOTENCY_HEADER) ?? '';
  if (!KEY_PATTERN.test(key)) {
    invalid(IDEMPOTENCY_HEADER, 'Every payment needs an Idempotency-Key header of 8 to 255 letters, digits, "-" or "_".');
  }
  const request = parsePaymentBody(await readJsonObject(context.request));
  const fingerprint = await fingerprintOf(request);

  const cutoff = context.now.getTime() - IDEMPOTENCY_TTL_MS;
  const kept = state.idempotency.filter((r) => Date.parse(r.createdAt) > cutoff);
  if (kept.length !== state.idempotency.length) {
    state.idempotency = kept;
    context.markChanged();
  }
  const customerId = access.grant.customerId;
  const earlier = state.idempotency.find((r) => r.key === key && r.customerId === customerId);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      throw new ApiError(409, 'CONFLICT', 'This Idempotency-Key was already used for a different payment.', { field: IDEMPOTENCY_HEADER });
    }
    return replay(earlier);
  }

  const declines = recentDeclines(context, customerId);
  if (declines.length >= DECLINES_PER_HOUR) {
    const retryAfterSeconds = Math.max(60, Math.ceil((Date.parse(declines[0]!) + 3_600_000 - context.now.getTime()) / 1000));
    throw new ApiError(429, 'RATE_LIMITED', 'Too many declined cards. Try again later, or call us to pay.', { retryAfterSeconds });
  }

  const invoices = checkApplications(state, access, request);
  const problem = cardProblem(request.card, context.now);
  if (problem) throw new ApiError(422, 'VALIDATION', problem.message, { field: problem.field });

  const remember = (status: number, body: unknown) => {
    state.idempotency.push({ key, customerId, fingerprint, status, body, createdAt: context.now.toISOString() });
    context.markChanged();
  };
  const result = charge(request.card);
  switch (result.outcome) {
    case 'declined': {
      const error =
        result.reason === 'insufficient_funds'
          ? { code: 'INSUFFICIENT_FUNDS', message: 'The card has insufficient funds.' }
          : { code: 'PAYMENT_DECLINED', message: 'The card was declined.' };
      // A decline is final for this key, as at a real processor: the same key answers the same.
      remember(402, { error: { ...error, details: {} } });
      state.declinedCharges = { ...state.declinedCharges, [customerId]: [...declines, context.now.toISOString()] };
      return json({ error: { ...error, details: {} } }, 402);
    }
    case 'processor-error':
      // Nothing was charged and nothing is remembered: the same key may try again.
      throw new ApiError(502, 'PAYMENT_FAILED', 'The card processor did not answer. You were not charged.');
    case 'approved':
    case 'approved-answer-lost': {
      const payment = recordPayment(context, access, request, invoices, { brand: result.brand, last4: result.last4 });
      remember(201, payment);
      // The charge is kept; only the answer is lost, as when a connection drops.
      if (result.outcome === 'approved-answer-lost') return Response.error();
      return json(payment, 201);
    }
  }
}

export const billingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/customers/:customerId/balance',
    async handler(context) {
      const access = await requireBillingAccount(context);
      return json(balanceOf(visibleInvoices(context.state, access), today(context)));
    },
  },
  {
    method: 'GET',
    path: '/customers/:customerId/invoices',
    async handler(context) {
      const access = await requireBillingAccount(context);
      const status = context.url.searchParams.get('status') ?? 'open';
      if (status !== 'open' && status !== 'paid') invalid('status', 'status is "open" or "paid".');
      return json(listed(visibleInvoices(context.state, access), status));
    },
  },
  {
    method: 'GET',
    path: '/customers/:customerId/invoices/:invoiceId',
    async handler(context) {
      const access = await requireBillingAccount(context);
      return json(findVisible(context.state, access, context.params.invoiceId ?? ''));
    },
  },
  { method: 'POST', path: '/customers/:customerId/payments', handler: pay },
];
