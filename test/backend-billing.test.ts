/** The reference backend's billing rules — invoices, balance, payments — called as a stranger would: over HTTP. */
import { expect } from 'chai';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import type { Invoice, Payment, PortalSettings } from '../src/model/index.js';
import { api, backend, clock, lastMailTo, ORIGIN, signInAs, signUpConfirmed, startTestBackend } from './helpers/backend.js';

const DANA = 'dana.whitfield@example.com';
const PRIYA = 'priya.nair@harborpoint.example';
const EXP_YEAR = new Date().getUTCFullYear() + 3;

function card(number: string = TEST_CARDS.visa, extra: Record<string, unknown> = {}) {
  return { number, expMonth: 12, expYear: EXP_YEAR, cvc: number.startsWith('3') ? '1234' : '123', postalCode: '62704', ...extra };
}

let keyCounter = 0;
function newKey() {
  return `test-key-${Date.now()}-${++keyCounter}`;
}

function payBody(applications: { invoiceId: string; amount: number }[], number?: string) {
  return { applications, card: card(number) };
}

async function pay(token: string, body: unknown, key: string | null = newKey(), customerId = 'cust-1001') {
  return api('POST', `/customers/${customerId}/payments`, { token, body, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

async function invoice(id: string): Promise<Invoice> {
  // A copy: the in-memory store hands back its live objects.
  return structuredClone((await backend.inspect()).invoices.find((i) => i.id === id)!);
}

async function changeSettings(token: string, change: Partial<PortalSettings>) {
  const current = await api('GET', '/office/settings', { headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY } });
  const { status } = await api('PUT', '/office/settings', {
    token,
    headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY },
    body: { ...current.body, ...change },
  });
  expect(status).to.equal(200);
}

const ids = (list: { id: string }[]) => list.map((i) => i.id);

interface InvoicePage {
  items: Invoice[];
  nextCursor: string | null;
  total: number;
}

/** One page of a list, as the contract answers it. */
async function listInvoices(token: string, query: string, customerId = 'cust-1001') {
  const { status, body } = await api('GET', `/customers/${customerId}/invoices?${query}`, { token });
  return { status, body, page: body as unknown as InvoicePage };
}

/** Every page through the cursor. */
async function everyInvoice(token: string, status: 'open' | 'paid', limit: number) {
  const seen: Invoice[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { page } = await listInvoices(token, `status=${status}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { seen, pages };
}

/** `count` open invoices more for Dana, one due each day. */
async function addOpenInvoices(count: number) {
  const state = await backend.inspect();
  addSyntheticJobs(state, { customerId: 'cust-1001', count, now: new Date(), invoices: 'open' });
  await backend.restore(state);
}

describe('reference backend: invoices and balance', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('lists outstanding invoices oldest due first, and paid ones apart, leaving out what the invoice filter hides', async () => {
    const open = await listInvoices(dana, 'status=open');
    expect(open.status).to.equal(200);
    // 10533 (sync Pending), 10540 (On hold) and 10544 (Pending approval) are Dana's, but filtered out.
    expect(ids(open.page.items)).to.deep.equal(['inv-10377', 'inv-10412', 'inv-10518']);
    expect(open.page).to.include({ total: 3, nextCursor: null });
    const paid = await listInvoices(dana, 'status=paid');
    expect(ids(paid.page.items)).to.deep.equal(['inv-10231']);
    expect(paid.page.total).to.equal(1);
    for (const hidden of ['inv-10533', 'inv-10540', 'inv-10544']) {
      const { status, body } = await api('GET', `/customers/cust-1001/invoices/${hidden}`, { token: dana });
      expect(status, hidden).to.equal(404);
      expect(body.error.code).to.equal('NOT_FOUND');
    }
  });

  it('shows a filtered invoice once the office lets it through', async () => {
    await changeSettings(dana, { invoiceFilter: { syncStatuses: ['Pending', 'Posted', 'Exported'], reviewStatuses: ['NeedsReview', 'Reviewed', 'Invoiced'] } });
    const open = await listInvoices(dana, 'status=open');
    expect(ids(open.page.items)).to.include('inv-10533');
  });

  it('leaves out an excluded business unit, in the list, the detail, the balance and payments', async () => {
    const priya = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
    const open = await listInvoices(priya, 'status=open', 'cust-1003');
    expect(ids(open.page.items)).to.deep.equal(['inv-10602', 'inv-10606', 'inv-10603']);
    expect((await api('GET', '/customers/cust-1003/invoices/inv-10601', { token: priya })).status).to.equal(404);
    const balance = await api('GET', '/customers/cust-1003/balance', { token: priya });
    const visibleTotal = open.page.items.reduce((sum, i) => sum + i.balance, 0);
    expect(balance.body.totalDue).to.equal(visibleTotal);
    const refused = await pay(priya, payBody([{ invoiceId: 'inv-10601', amount: 1000 }]), newKey(), 'cust-1003');
    expect(refused.status).to.equal(404);
    expect((await invoice('inv-10601')).payments).to.have.length(0);
    // The same invoice appears when the office stops excluding its business unit.
    await changeSettings(priya, { excludedBusinessUnitIds: [] });
    const after = await listInvoices(priya, 'status=open', 'cust-1003');
    expect(ids(after.page.items)).to.include('inv-10601');
  });

  it('refuses another customer’s invoice as not found, whichever account the path names', async () => {
    for (const path of ['/customers/cust-1002/invoices/inv-10801', '/customers/cust-1001/invoices/inv-10801', '/customers/cust-1002/invoices?status=open', '/customers/cust-1002/balance']) {
      const { status, body } = await api('GET', path, { token: dana });
      expect(status, path).to.equal(404);
      expect(body.error.code).to.equal('NOT_FOUND');
    }
    const refused = await pay(dana, payBody([{ invoiceId: 'inv-10801', amount: 1000 }]));
    expect(refused.status).to.equal(404);
    expect((await invoice('inv-10801')).balance).to.equal((await invoice('inv-10801')).total);
  });

  it('summarises the balance: total, past due part and count, next due date', async () => {
    const { body } = await api('GET', '/customers/cust-1001/balance', { token: dana });
    const [a, b, c] = await Promise.all(['inv-10377', 'inv-10412', 'inv-10518'].map(invoice));
    expect(body).to.deep.equal({
      currency: 'USD',
      totalDue: a!.balance + b!.balance + c!.balance,
      pastDue: a!.balance + b!.balance,
      pastDueCount: 2,
      openCount: 3,
      nextDueDate: c!.dueDate,
    });
  });

  it('refuses a caller whose sign-in has no billing access', async () => {
    const sam = (await signUpConfirmed('sam.ortiz@example.com', 'a quiet house on birch court')).token;
    expect((await api('GET', '/customers/cust-1003/invoices?status=open', { token: sam })).status).to.equal(403);
    expect((await pay(sam, payBody([{ invoiceId: 'inv-10602', amount: 1000 }]), newKey(), 'cust-1003')).status).to.equal(403);
  });

  it('asks for a session', async () => {
    expect((await api('GET', '/customers/cust-1001/invoices?status=open')).status).to.equal(401);
    expect((await api('GET', '/customers/cust-1001/invoices?status=owed', { token: dana })).status).to.equal(400);
  });
});

describe('reference backend: invoice pages', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('pages the open invoices by cursor, oldest due first, each exactly once, with the total', async () => {
    await addOpenInvoices(120);
    const first = await listInvoices(dana, 'status=open');
    expect(first.page.items).to.have.length(50);
    expect(first.page.total).to.equal(123);
    expect(first.page.nextCursor).to.be.a('string');
    const { seen, pages } = await everyInvoice(dana, 'open', 37);
    expect(pages).to.equal(4);
    expect(seen).to.have.length(123);
    expect(new Set(ids(seen)).size).to.equal(123);
    const keys = seen.map((i) => [i.dueDate, i.number, i.id].join('|'));
    expect(keys).to.deep.equal([...keys].sort());
    expect(seen.every((i) => i.balance > 0)).to.equal(true);
  });

  it('pages the paid invoices newest first', async () => {
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 30, now: new Date() });
    await backend.restore(state);
    const { seen } = await everyInvoice(dana, 'paid', 7);
    expect(seen).to.have.length(31);
    const keys = seen.map((i) => [i.invoiceDate, i.number, i.id].join('|'));
    expect(keys).to.deep.equal([...keys].sort().reverse());
    expect(seen.every((i) => i.balance <= 0)).to.equal(true);
  });

  it('does not shift later pages when an invoice on an earlier page is paid in between', async () => {
    await addOpenInvoices(20);
    const first = await listInvoices(dana, 'status=open&limit=10');
    const paidMeanwhile = first.page.items[2]!;
    expect((await pay(dana, payBody([{ invoiceId: paidMeanwhile.id, amount: paidMeanwhile.balance }]))).status).to.equal(201);
    const second = await listInvoices(dana, `status=open&limit=10&cursor=${encodeURIComponent(first.page.nextCursor!)}`);
    const all = await everyInvoice(dana, 'open', 200);
    const expected = ids(all.seen);
    // The second page starts right after the first page's last invoice, whatever happened before it.
    const afterFirst = expected.indexOf(first.page.items.at(-1)!.id) + 1;
    expect(ids(second.page.items)).to.deep.equal(expected.slice(afterFirst, afterFirst + 10));
    expect(second.page.total).to.equal(22);
  });

  it('refuses a bad limit, a cursor that is not one, and a cursor from the other list', async () => {
    for (const limit of ['0', '201', 'ten', '1.5']) {
      const { status, body } = await listInvoices(dana, `status=open&limit=${limit}`);
      expect(status, limit).to.equal(400);
      expect(body.error.details.field).to.equal('limit');
    }
    expect((await listInvoices(dana, 'status=open&limit=200')).status).to.equal(200);
    const garbage = await listInvoices(dana, 'status=open&cursor=not-a-cursor');
    expect(garbage.status).to.equal(400);
    expect(garbage.body.error.details.field).to.equal('cursor');
    const openPage = await listInvoices(dana, 'status=open&limit=1');
    const crossed = await listInvoices(dana, `status=paid&cursor=${encodeURIComponent(openPage.page.nextCursor!)}`);
    expect(crossed.status).to.equal(400);
    expect(crossed.body.error.code).to.equal('VALIDATION');
    expect(crossed.body.error.details.field).to.equal('cursor');
    const jobs = await api('GET', '/customers/cust-1001/jobs?limit=1', { token: dana });
    const jobCursor = await listInvoices(dana, `status=open&cursor=${encodeURIComponent(jobs.body.nextCursor as string)}`);
    expect(jobCursor.status).to.equal(400);
    expect(jobCursor.body.error.details.field).to.equal('cursor');
  });
});

describe('reference backend: payments', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('refuses any payment while online payments are off', async () => {
    await changeSettings(dana, { onlinePaymentsEnabled: false });
    const before = await invoice('inv-10412');
    const { status, body } = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: before.balance }]));
    expect(status).to.equal(403);
    expect(body.error.code).to.equal('FEATURE_DISABLED');
    expect((await invoice('inv-10412')).balance).to.equal(before.balance);
    expect((await backend.inspect()).payments.filter((p) => p.customerId === 'cust-1001')).to.have.length(2);
  });

  it('pays part of one invoice, to the cent, and sends a receipt', async () => {
    const before = await invoice('inv-10412');
    const balanceBefore = (await api('GET', '/customers/cust-1001/balance', { token: dana })).body.totalDue as number;
    const { status, body } = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 12345 }]));
    expect(status).to.equal(201);
    const payment = body as unknown as Payment;
    expect(payment.amount).to.equal(12345);
    expect(payment.card).to.deep.equal({ brand: 'Visa', last4: '4242' });
    expect(payment.applications).to.deep.equal([{ invoiceId: 'inv-10412', invoiceNumber: '10412', amount: 12345 }]);
    const after = await invoice('inv-10412');
    expect(after.balance).to.equal(before.balance - 12345);
    expect(after.payments.at(-1)).to.include({ paymentId: payment.id, amount: 12345, method: 'Visa •••• 4242' });
    const balanceAfter = (await api('GET', '/customers/cust-1001/balance', { token: dana })).body.totalDue as number;
    expect(balanceAfter).to.equal(balanceBefore - 12345);
    expect((await lastMailTo(DANA))?.subject).to.contain(payment.receiptNumber);
  });

  it('pays several invoices in one charge and records the split, reconciling to the cent', async () => {
    const [a, b] = await Promise.all([invoice('inv-10377'), invoice('inv-10412')]);
    const { status, body } = await pay(dana, payBody([{ invoiceId: 'inv-10377', amount: a!.balance }, { invoiceId: 'inv-10412', amount: 5001 }], TEST_CARDS.mastercard));
    expect(status).to.equal(201);
    const payment = body as unknown as Payment;
    expect(payment.amount).to.equal(a!.balance + 5001);
    expect(payment.applications.map((x) => x.amount)).to.deep.equal([a!.balance, 5001]);
    expect(payment.applications.reduce((s, x) => s + x.amount, 0)).to.equal(payment.amount);
    expect((await invoice('inv-10377')).balance).to.equal(0);
    expect((await invoice('inv-10412')).balance).to.equal(b!.balance - 5001);
    const paid = await listInvoices(dana, 'status=paid');
    expect(ids(paid.page.items)).to.include('inv-10377');
  });

  it('charges once for the same Idempotency-Key, even sent twice at once, and says it replayed', async () => {
    const key = newKey();
    const body = payBody([{ invoiceId: 'inv-10412', amount: 2000 }]);
    const [first, second] = await Promise.all([pay(dana, body, key), pay(dana, body, key)]);
    expect(first.status).to.equal(201);
    expect(second.status).to.equal(201);
    expect(second.body.id).to.equal(first.body.id);
    expect([first.headers.get('Idempotent-Replayed'), second.headers.get('Idempotent-Replayed')]).to.include('true');
    const third = await pay(dana, body, key);
    expect(third.body.id).to.equal(first.body.id);
    const state = await backend.inspect();
    expect(state.payments.filter((p) => p.applications.some((a) => a.invoiceId === 'inv-10412'))).to.have.length(1);
    expect((await invoice('inv-10412')).balance).to.equal((await invoice('inv-10412')).total - 2000);
  });

  it('charges anew for a key sent again after it was forgotten (a day later): never the earlier charge', async () => {
    const key = newKey();
    const before = (await invoice('inv-10412')).balance;
    const first = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]), key);
    expect(first.status).to.equal(201);
    clock.advance(25 * 3_600_000);
    const later = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const second = await pay(later, payBody([{ invoiceId: 'inv-10412', amount: 5000 }]), key);
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body.id).not.to.equal(first.body.id);
    expect(second.headers.get('Idempotent-Replayed')).to.equal(null);
    // What the processor charged is what the invoices were credited: two charges, 10.00 and 50.00.
    const charges = await backend.database.db.selectFrom('processor_charges').select(['amount', 'outcome', 'refunded_at']).execute();
    expect(charges.map((c) => [c.amount, c.outcome, c.refunded_at]).sort()).to.deep.equal([[1000, 'approved', null], [5000, 'approved', null]]);
    expect((await invoice('inv-10412')).balance).to.equal(before - 6000);
  });

  it('lists the office outbox newest first by time, whatever the kind of message (a receipt and the office’s notice, then a reset email)', async () => {
    expect((await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]))).status).to.equal(201);
    clock.advance(60_000);
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `${ORIGIN}/` } })).status).to.equal(202);
    const outbox = (await api('GET', '/office/outbox', { headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY } })).body as { kind: string; sentAt: string }[];
    // The payment's receipt and the office's notice of it are written at the same instant, in that order.
    expect(outbox.slice(0, 3).map((m) => m.kind)).to.deep.equal(['password-reset', 'office-payment', 'receipt']);
    const times = outbox.map((m) => m.sentAt);
    expect(times).to.deep.equal([...times].sort().reverse());
  });

  it('links the receipt to the portal on the contractor’s site: the hostname setting, else the configured origin, never a broken address', async () => {
    const portalLinkIn = async () => {
      const receipt = await backend.database.db.selectFrom('outbox').select(['body', 'html']).where('kind', '=', 'receipt').orderBy('sent_at', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(receipt.body + receipt.html).not.to.include('https:///');
      return receipt.body;
    };
    expect((await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]))).status).to.equal(201);
    const settings = (await api('GET', '/office/settings', { headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY } })).body;
    expect(await portalLinkIn()).to.include(`https://${settings.hostname}/`);
    // The hostname cleared: the site the server was configured with.
    const cleared = await api('PUT', '/office/settings', { headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY }, body: { ...settings, hostname: '' } });
    expect(cleared.status).to.equal(200);
    clock.advance(60_000);
    expect((await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]))).status).to.equal(201);
    expect(await portalLinkIn()).to.include(`${ORIGIN}/`);
  });

  it('refuses a key reused for a different payment, and a payment without a key', async () => {
    const key = newKey();
    expect((await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 2000 }]), key)).status).to.equal(201);
    const reused = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 3000 }]), key);
    expect(reused.status).to.equal(409);
    expect(reused.body.error.code).to.equal('CONFLICT');
    expect(reused.body.error.details.field).to.equal('Idempotency-Key');
    const keyless = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 3000 }]), null);
    expect(keyless.status).to.equal(400);
    expect((await invoice('inv-10412')).payments).to.have.length(1);
  });

  it('refuses an overpayment, including the same invoice paid in full from two tabs', async () => {
    const { balance } = await invoice('inv-10412');
    const over = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: balance + 1 }]));
    expect(over.status).to.equal(409);
    expect(over.body.error.code).to.equal('CONFLICT');
    const tabA = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: balance }]));
    const tabB = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: balance }]));
    expect(tabA.status).to.equal(201);
    expect(tabB.status).to.equal(409);
    expect((await invoice('inv-10412')).balance).to.equal(0);
    expect((await invoice('inv-10412')).payments).to.have.length(1);
  });

  it('names amounts in a refusal in the currency’s own digits (yen have none)', async () => {
    await backend.database.db.updateTable('invoices').set({ currency: 'JPY' }).where('id', '=', 'inv-10412').execute();
    const { balance } = await invoice('inv-10412');
    const over = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: balance + 1 }]));
    expect(over.status).to.equal(409);
    expect(over.body.error.message).to.equal(`¥${(balance + 1).toLocaleString('en-US')} is more than the ¥${balance.toLocaleString('en-US')} due on invoice 10412.`);
  });

  it('refuses less than 1.00, a duplicated invoice, and amounts that are not whole cents', async () => {
    const small = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 99 }]));
    expect(small.status).to.equal(422);
    expect(small.body.error.details.field).to.equal('applications.0.amount');
    const twice = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 500 }, { invoiceId: 'inv-10412', amount: 500 }]));
    expect(twice.status).to.equal(400);
    const fraction = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 10.5 }]));
    expect(fraction.status).to.equal(400);
    expect((await invoice('inv-10412')).payments).to.have.length(0);
  });

  it('checks the card: number, expiry, security code, postal code', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [card('4242424242424241'), 'card.number'],
      [card(TEST_CARDS.visa, { expMonth: 13 }), 'card.expMonth'],
      [card(TEST_CARDS.visa, { expMonth: 1, expYear: 2020 }), 'card.expYear'],
      [card(TEST_CARDS.visa, { cvc: '12' }), 'card.cvc'],
      [card(TEST_CARDS.amex, { cvc: '123' }), 'card.cvc'],
      [card(TEST_CARDS.visa, { postalCode: '' }), 'card.postalCode'],
    ];
    for (const [badCard, field] of cases) {
      const { status, body } = await pay(dana, { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: badCard });
      expect(status, field).to.equal(422);
      expect(body.error.details.field).to.equal(field);
    }
    expect((await invoice('inv-10412')).payments).to.have.length(0);
  });

  it('names a card field left out or of the wrong type in the contract’s words', async () => {
    const visa = card(TEST_CARDS.visa);
    const cases: [unknown, string, string][] = [
      [undefined, 'card', '"card" is required.'],
      ['4242', 'card', '"card" must be an object, not a string.'],
      [{ ...visa, number: undefined }, 'card.number', '"card.number" is required.'],
      [{ ...visa, expMonth: '12' }, 'card.expMonth', '"card.expMonth" must be a whole number, not a string.'],
      [{ ...visa, expMonth: 12.5 }, 'card.expMonth', '"card.expMonth" must be a whole number.'],
      [{ ...visa, cvc: 123 }, 'card.cvc', '"card.cvc" must be text, not a number.'],
    ];
    for (const [badCard, field, message] of cases) {
      const { status, body } = await pay(dana, { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], ...(badCard === undefined ? {} : { card: badCard }) });
      expect([status, body.error.details.field, body.error.message], field).to.deep.equal([400, field, message]);
    }
    expect((await invoice('inv-10412')).payments).to.have.length(0);
  });

  it('keeps nothing of the card but brand and last four', async () => {
    const { status } = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }], TEST_CARDS.amex));
    expect(status).to.equal(201);
    const state = await backend.inspect();
    expect(state.payments.at(-1)!.card).to.deep.equal({ brand: 'Amex', last4: '0005' });
    const stored = JSON.stringify(state);
    expect(stored).not.to.contain(TEST_CARDS.amex);
    expect(stored).not.to.contain('"1234"');
  });

  it('reports a decline and insufficient funds, and charges nothing', async () => {
    const declined = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }], TEST_CARDS.declined));
    expect(declined.status).to.equal(402);
    expect(declined.body.error.code).to.equal('PAYMENT_DECLINED');
    const poor = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }], TEST_CARDS.insufficientFunds));
    expect(poor.status).to.equal(402);
    expect(poor.body.error.code).to.equal('INSUFFICIENT_FUNDS');
    const failed = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }], TEST_CARDS.processorError));
    expect(failed.status).to.equal(502);
    expect(failed.body.error.code).to.equal('PAYMENT_FAILED');
    expect((await invoice('inv-10412')).payments).to.have.length(0);
  });

  it('after a dropped connection, a retry with the same key returns the payment already made, charging once', async () => {
    const key = newKey();
    const body = payBody([{ invoiceId: 'inv-10412', amount: 4321 }], TEST_CARDS.networkFailure);
    let networkError: unknown = null;
    try {
      await pay(dana, body, key);
    } catch (error) {
      networkError = error;
    }
    expect(networkError).to.be.instanceOf(TypeError);
    expect((await invoice('inv-10412')).payments).to.have.length(1);
    const retry = await pay(dana, body, key);
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('Idempotent-Replayed')).to.equal('true');
    expect(retry.body.amount).to.equal(4321);
    const after = await invoice('inv-10412');
    expect(after.payments).to.have.length(1);
    expect(after.balance).to.equal(after.total - 4321);
  });

  it('gives back the charge of an attempt never answered nor retried when its key is forgotten a day later', async () => {
    // A request cut off after the charge, before phase two, whose customer never pressed Pay again.
    const before = await invoice('inv-10412');
    const key = newKey();
    const made = await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 4321 }]), key);
    const { db } = backend.database;
    await db.deleteFrom('payment_applications').where('payment_id', '=', made.body.id).execute();
    await db.deleteFrom('payments').where('id', '=', made.body.id).execute();
    await db.updateTable('invoices').set({ balance: before.balance }).where('id', '=', 'inv-10412').execute();
    await db.updateTable('idempotency').set({ status: null, body: null }).where('key', '=', key).execute();
    const { attempt } = await db.selectFrom('idempotency').select('attempt').where('key', '=', key).executeTakeFirstOrThrow();
    const charge = () => db.selectFrom('processor_charges').select(['refunded_at']).where('idempotency_key', '=', attempt!).executeTakeFirstOrThrow();

    clock.advance(25 * 60 * 60_000);
    const later = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    expect((await pay(later, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]))).status).to.equal(201);
    expect((await charge()).refunded_at).to.be.a('string');
    expect(await db.selectFrom('idempotency').select('key').where('key', '=', key).executeTakeFirst()).to.equal(undefined);
  });

  it('finishes a refusal cut off by a crash: the next retry with the key gives the charge back and answers the refusal', async () => {
    // The state a crash leaves between a refusal's mark and its answer: the attempt charged the card,
    // its invoices changed so it cannot be applied, and the key says it is being refused.
    const before = await invoice('inv-10412');
    const key = newKey();
    const body = payBody([{ invoiceId: 'inv-10412', amount: 4321 }]);
    const made = await pay(dana, body, key);
    expect(made.status).to.equal(201);
    const { db } = backend.database;
    await db.deleteFrom('payment_applications').where('payment_id', '=', made.body.id).execute();
    await db.deleteFrom('payments').where('id', '=', made.body.id).execute();
    await db.updateTable('invoices').set({ balance: before.balance }).where('id', '=', 'inv-10412').execute();
    const refusal = { error: { code: 'CONFLICT', message: 'One of these invoices was paid meanwhile.', details: {} } };
    await db
      .updateTable('idempotency')
      .set({ status: -1, body: JSON.stringify({ status: 409, body: refusal }) })
      .where('customer_id', '=', 'cust-1001')
      .where('key', '=', key)
      .execute();
    const { attempt } = await db.selectFrom('idempotency').select('attempt').where('key', '=', key).executeTakeFirstOrThrow();
    const charge = () => db.selectFrom('processor_charges').select(['refunded_at']).where('idempotency_key', '=', attempt!).executeTakeFirstOrThrow();
    expect((await charge()).refunded_at).to.equal(null);

    const retry = await pay(dana, body, key);
    expect([retry.status, retry.body]).to.deep.equal([409, refusal]);
    expect((await charge()).refunded_at).to.be.a('string');
    expect((await invoice('inv-10412')).balance).to.equal(before.balance);
    const again = await pay(dana, body, key);
    expect([again.status, again.headers.get('Idempotent-Replayed')]).to.deep.equal([409, 'true']);
  });
});

describe('reference backend: paying everything due (allOpen)', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  const allOpen = (amount: number, number?: string) => ({ allOpen: true, amount, card: card(number) });
  const totalDue = async () => (await api('GET', '/customers/cust-1001/balance', { token: dana })).body.totalDue as number;

  it('pays every open invoice in full, oldest due first, in one charge, with no 50-invoice cap', async () => {
    await addOpenInvoices(57);
    const due = await totalDue();
    const { seen: open } = await everyInvoice(dana, 'open', 200);
    expect(open).to.have.length(60);
    const { status, body } = await pay(dana, allOpen(due));
    expect(status).to.equal(201);
    const payment = body as unknown as Payment;
    expect(payment.amount).to.equal(due);
    expect(payment.applications.map((a) => [a.invoiceId, a.amount])).to.deep.equal(open.map((i) => [i.id, i.balance]));
    expect(payment.applications.reduce((sum, a) => sum + a.amount, 0)).to.equal(due);
    expect(await totalDue()).to.equal(0);
    expect((await listInvoices(dana, 'status=open')).page.total).to.equal(0);
    // Hidden invoices (the filter) are neither shown nor paid.
    expect((await invoice('inv-10533')).payments).to.have.length(0);
    expect((await lastMailTo(DANA))?.body).to.contain('Invoice 10377');
  });

  it('refuses an amount that is no longer the total due, and charges nothing', async () => {
    const due = await totalDue();
    const before = await invoice('inv-10412');
    // Another tab pays part of one invoice after this one read the total.
    expect((await pay(dana, payBody([{ invoiceId: 'inv-10412', amount: 1000 }]))).status).to.equal(201);
    const stale = await pay(dana, allOpen(due));
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('CONFLICT');
    expect(stale.body.error.details.field).to.equal('amount');
    expect((await invoice('inv-10412')).balance).to.equal(before.balance - 1000);
    const fresh = await pay(dana, allOpen(due - 1000));
    expect(fresh.status).to.equal(201);
    expect(await totalDue()).to.equal(0);
    // Nothing left: the same amount again is refused too.
    expect((await pay(dana, allOpen(due - 1000))).status).to.equal(409);
  });

  it('replays the same key after a dropped connection instead of refusing or charging again', async () => {
    const due = await totalDue();
    const key = newKey();
    let dropped: unknown = null;
    try {
      await pay(dana, allOpen(due, TEST_CARDS.networkFailure), key);
    } catch (error) {
      dropped = error;
    }
    expect(dropped).to.be.instanceOf(TypeError);
    expect(await totalDue()).to.equal(0);
    const retry = await pay(dana, allOpen(due, TEST_CARDS.networkFailure), key);
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('Idempotent-Replayed')).to.equal('true');
    const state = await backend.inspect();
    expect(state.payments.filter((p) => p.customerId === 'cust-1001' && !p.id.startsWith('pay-seed'))).to.have.length(1);
  });

  it('refuses a malformed allOpen body', async () => {
    const due = await totalDue();
    const cases: [Record<string, unknown>, string][] = [
      [{ allOpen: false, amount: due, card: card() }, 'allOpen'],
      [{ allOpen: true, amount: 12.5, card: card() }, 'amount'],
      [{ allOpen: true, amount: 0, card: card() }, 'amount'],
      [{ allOpen: true, card: card() }, 'amount'],
      [{ allOpen: true, amount: due, applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: card() }, 'applications'],
    ];
    for (const [body, field] of cases) {
      const refused = await pay(dana, body);
      expect(refused.status, JSON.stringify(body)).to.equal(400);
      expect(refused.body.error.details.field).to.equal(field);
    }
    const badCard = await pay(dana, { allOpen: true, amount: due, card: card('4242424242424241') });
    expect(badCard.status).to.equal(422);
    expect(await totalDue()).to.equal(due);
  });
});
