/** The reference backend's billing rules — invoices, balance, payments — called as a stranger would: over HTTP. */
import { expect } from '@open-wc/testing';
import { TEST_CARDS } from '../backend/card-processor.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import type { Invoice, Payment, PortalSettings } from '../src/model/index.js';
import { api, backend, lastMailTo, signInAs, startTestBackend } from './helpers/backend.js';

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

describe('reference backend: invoices and balance', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('lists outstanding invoices oldest due first, and paid ones apart, leaving out what the invoice filter hides', async () => {
    const open = await api('GET', '/customers/cust-1001/invoices?status=open', { token: dana });
    expect(open.status).to.equal(200);
    // 10533 (sync Pending), 10540 (On hold) and 10544 (Pending approval) are Dana's, but filtered out.
    expect(ids(open.body as unknown as Invoice[])).to.deep.equal(['inv-10377', 'inv-10412', 'inv-10518']);
    const paid = await api('GET', '/customers/cust-1001/invoices?status=paid', { token: dana });
    expect(ids(paid.body as unknown as Invoice[])).to.deep.equal(['inv-10231']);
    for (const hidden of ['inv-10533', 'inv-10540', 'inv-10544']) {
      const { status, body } = await api('GET', `/customers/cust-1001/invoices/${hidden}`, { token: dana });
      expect(status, hidden).to.equal(404);
      expect(body.error.code).to.equal('NOT_FOUND');
    }
  });

  it('shows a filtered invoice once the office lets it through', async () => {
    await changeSettings(dana, { invoiceFilter: { syncStatuses: ['Pending', 'Posted', 'Exported'], reviewStatuses: ['NeedsReview', 'Reviewed', 'Invoiced'] } });
    const open = await api('GET', '/customers/cust-1001/invoices?status=open', { token: dana });
    expect(ids(open.body as unknown as Invoice[])).to.include('inv-10533');
  });

  it('leaves out an excluded business unit, in the list, the detail, the balance and payments', async () => {
    const priya = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
    const open = await api('GET', '/customers/cust-1003/invoices?status=open', { token: priya });
    expect(ids(open.body as unknown as Invoice[])).to.deep.equal(['inv-10602', 'inv-10606', 'inv-10603']);
    expect((await api('GET', '/customers/cust-1003/invoices/inv-10601', { token: priya })).status).to.equal(404);
    const balance = await api('GET', '/customers/cust-1003/balance', { token: priya });
    const visibleTotal = (open.body as unknown as Invoice[]).reduce((sum, i) => sum + i.balance, 0);
    expect(balance.body.totalDue).to.equal(visibleTotal);
    const refused = await pay(priya, payBody([{ invoiceId: 'inv-10601', amount: 1000 }]), newKey(), 'cust-1003');
    expect(refused.status).to.equal(404);
    expect((await invoice('inv-10601')).payments).to.have.length(0);
    // The same invoice appears when the office stops excluding its business unit.
    await changeSettings(priya, { excludedBusinessUnitIds: [] });
    const after = await api('GET', '/customers/cust-1003/invoices?status=open', { token: priya });
    expect(ids(after.body as unknown as Invoice[])).to.include('inv-10601');
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
    const signUp = await api('POST', '/auth/sign-up', { body: { email: 'sam.ortiz@example.com', password: 'a quiet house on birch court' } });
    expect(signUp.status).to.equal(201);
    const sam = signUp.body.token as string;
    expect((await api('GET', '/customers/cust-1003/invoices?status=open', { token: sam })).status).to.equal(403);
    expect((await pay(sam, payBody([{ invoiceId: 'inv-10602', amount: 1000 }]), newKey(), 'cust-1003')).status).to.equal(403);
  });

  it('asks for a session', async () => {
    expect((await api('GET', '/customers/cust-1001/invoices?status=open')).status).to.equal(401);
    expect((await api('GET', '/customers/cust-1001/invoices?status=owed', { token: dana })).status).to.equal(400);
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
    const paid = await api('GET', '/customers/cust-1001/invoices?status=paid', { token: dana });
    expect(ids(paid.body as unknown as Invoice[])).to.include('inv-10377');
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
});
