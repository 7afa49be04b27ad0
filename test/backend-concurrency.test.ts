/**
 * Two servers over one database, racing: what must not happen twice is the database's to refuse.
 * In Node each "server" has its own connection (PostgreSQL: its own pool; SQLite: its own connection
 * to the file), so the races are real; with sql.js (one connection, in the browser or in Node) the two
 * backends share it and the test checks the rules' interleaving at every await.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, ReferenceBackend, SEEDED_PASSWORDS, type PortalDatabase } from '../backend/index.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';
import { SimulatedProcessor, TEST_CARDS, type CardProcessor, type ChargeRequest } from '../backend/rules/card-processor.js';
import { backend, clock, lastMailTo, ORIGIN, startTestBackend, testDatabase } from './helpers/backend.js';
import { DANA } from './helpers/people.js';

let second: PortalDatabase | null = null;
let other: ReferenceBackend;

async function call(server: ReferenceBackend, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await server.handle(
    new Request(`${ORIGIN}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, any> };
}

const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', postalCode: '62704' };

describe('reference backend: two servers at the same instant', () => {
  before(async () => {
    if (typeof document === 'undefined') {
      const { openSecondConnection } = await import('./helpers/node-database.js');
      second = openSecondConnection();
    }
  });
  after(async () => {
    await second?.close();
  });
  beforeEach(async () => {
    await startTestBackend();
    other = new ReferenceBackend({ database: second ?? (await testDatabase()), now: clock.now, config: backend.config });
  });

  /** A server on the same database with a processor of its own (one that holds a charge, counts refunds). */
  function withProcessor(processor: CardProcessor) {
    return new ReferenceBackend({ database: backend.database, now: clock.now, config: backend.config, processor });
  }

  async function signIn() {
    const { body } = await call(backend, 'POST', '/auth/sign-in', { email: DANA, password: SEEDED_PASSWORDS[DANA] });
    return { Authorization: `Bearer ${body.token}` };
  }

  /** The office's notices of this kind (backend/rules/office-notices.ts): the demo's settings send them. */
  function officeNotices(kind: string) {
    return backend.database.db.selectFrom('outbox').select('id').where('kind', '=', kind).execute();
  }

  async function invoiceRow(id: string) {
    return backend.database.db.selectFrom('invoices').select(['balance']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('pays an invoice in full from both at once within its balance: one charge, the other refused', async () => {
    const auth = await signIn();
    const { balance } = await invoiceRow('inv-10412');
    const body = { applications: [{ invoiceId: 'inv-10412', amount: balance }], card };
    const [a, b] = await Promise.all([
      call(backend, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': 'server-a-attempt' }),
      call(other, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': 'server-b-attempt' }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([201, 409]);
    expect((await invoiceRow('inv-10412')).balance).to.equal(0);
    const payments = await backend.database.db.selectFrom('payment_applications').select('payment_id').where('invoice_id', '=', 'inv-10412').execute();
    expect(payments.filter((p) => !p.payment_id.startsWith('pay-seed'))).to.have.length(1);
    // Whatever the loser's processor did, no money stays taken for it.
    const kept = await backend.database.db.selectFrom('processor_charges').select('idempotency_key').where('refunded_at', 'is', null).where('outcome', '=', 'approved').execute();
    expect(kept).to.have.length(1);
    expect(await officeNotices('office-payment'), 'one notice to the office, for the one payment').to.have.length(1);
  });

  it('charges once for one Idempotency-Key sent to both at once, and both answer the same payment', async () => {
    const auth = await signIn();
    const body = { applications: [{ invoiceId: 'inv-10377', amount: 5_000 }], card };
    const headers = { ...auth, 'Idempotency-Key': 'one-key-two-servers' };
    const before = (await invoiceRow('inv-10377')).balance;
    const results = await Promise.all([
      call(backend, 'POST', '/customers/cust-1001/payments', body, headers),
      call(other, 'POST', '/customers/cust-1001/payments', body, headers),
    ]);
    const succeeded = results.filter((r) => r.status === 201);
    expect(succeeded.length, JSON.stringify(results)).to.be.at.least(1);
    for (const r of results) expect([201, 409]).to.include(r.status);
    // A 409 here is "still being processed": it says when to ask again, so a client keeps its key (and
    // the payment as sent) rather than take it for a refusal and pay anew (payment-attempt.ts).
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.body.error.details).to.deep.include({ field: 'Idempotency-Key' });
      expect(r.body.error.details.retryAfterSeconds).to.be.a('number');
    }
    expect(new Set(succeeded.map((r) => r.body.id)).size).to.equal(1);
    expect((await invoiceRow('inv-10377')).balance).to.equal(before - 5_000);
    const charges = await backend.database.db.selectFrom('processor_charges').selectAll().execute();
    expect(charges).to.have.length(1);
    expect(await officeNotices('office-payment'), 'one notice to the office, for the one payment').to.have.length(1);
  });

  it('takes one appointment request, with one notice to the office, for one Idempotency-Key sent to both at once', async () => {
    clock.offsetMs = Date.parse('2026-11-17T20:00:00Z') - Date.now();
    const body = {
      address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
      contact: { name: 'Jordan Avery', email: 'jordan@example.com', phone: '', consentToContact: true, consentToTexts: false },
      serviceId: 'svc-heating',
      description: 'The furnace clicks but never lights.',
      preferredDays: [{ date: '2026-11-18', windowId: 'morning' }],
      photos: [],
      website: '',
    };
    const headers = { 'Idempotency-Key': 'one-request-two-servers' };
    const [a, b] = await Promise.all([call(backend, 'POST', '/scheduling/requests', body, headers), call(other, 'POST', '/scheduling/requests', body, headers)]);
    expect([a.status, b.status], JSON.stringify([a.body, b.body])).to.deep.equal([201, 201]);
    expect(a.body.reference).to.equal(b.body.reference);
    expect(await backend.database.db.selectFrom('booking_requests').select('id').where('status', '=', 'PendingReview').execute()).to.have.length(1);
    expect(await officeNotices('office-request')).to.have.length(1);
  });

  it('records one approval of an estimate sent to both at once, with one notice to the office', async () => {
    const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
    const sent = await call(backend, 'POST', '/office/links', { purpose: 'estimate', documentId: 'est-2001', pageUrl: `${ORIGIN}/page`, send: false }, office);
    const link = { 'X-Porchlight-Link': new URL(sent.body.url as string).hash.replace('#porchlight-link=', '') };
    const shown = (await call(backend, 'GET', '/links/estimates/est-2001', undefined, link)).body.estimate;
    const option = shown.options[0];
    const consents = shown.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const approval = { optionId: option.id, signerName: 'Dana Whitfield', version: shown.version, contentSha256: option.contentSha256, consents };
    const answers = await Promise.all([
      call(backend, 'POST', '/links/estimates/est-2001/approve', approval, link),
      call(other, 'POST', '/links/estimates/est-2001/approve', approval, link),
    ]);
    // The same answer twice: the second is the first's, replayed.
    expect(answers.map((a) => a.status), JSON.stringify(answers.map((a) => a.body))).to.deep.equal([200, 200]);
    expect(await backend.database.db.selectFrom('estimate_signatures').select('id').execute()).to.have.length(1);
    expect(await officeNotices('office-estimate')).to.have.length(1);
  });

  it('a retry that claimed the key while the first request was paying replays that payment, and gives nothing back', async function () {
    // The interleaving needs B's claim to read the key before A's payment commits, and B's check of the
    // invoice after it: B is held inside its claim (after reading the key). Only PostgreSQL lets A commit
    // meanwhile (SQLite's writer holds the file), so the order is forced there.
    if (backend.database.dialect !== 'postgres' || !second) this.skip();
    const auth = await signIn();
    const key = 'claimed-while-in-flight';
    // The whole balance: once A has paid, B finds the invoice paid.
    const before = (await invoiceRow('inv-10377')).balance;
    const body = { applications: [{ invoiceId: 'inv-10377', amount: before }], card };
    const headers = { ...auth, 'Idempotency-Key': key };

    const signal = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const aCharging = signal();
    const bHeld = signal();
    const releaseB = signal();
    // A: charges, then waits until B has read the key.
    const simulated = new SimulatedProcessor(backend.database.db, clock.now);
    const refunds: string[] = [];
    const first = withProcessor({
      async charge(request: ChargeRequest) {
        const outcome = await simulated.charge(request);
        aCharging.open();
        await bHeld.opened;
        return outcome;
      },
      refund: (attempt: string) => (refunds.push(attempt), simulated.refund(attempt)),
    });
    // B: held once it has read the key's row in its claim.
    const idempotencyReads = new Set<QueryId>();
    let holdOnce = true;
    const hold: KyselyPlugin = {
      transformQuery({ node, queryId }: PluginTransformQueryArgs) {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"idempotency"')) idempotencyReads.add(queryId);
        return node;
      },
      async transformResult({ result, queryId }: PluginTransformResultArgs) {
        if (holdOnce && idempotencyReads.has(queryId)) {
          holdOnce = false;
          bHeld.open();
          await releaseB.opened;
        }
        return result;
      },
    };
    const secondServer = new ReferenceBackend({
      database: { ...second, db: second.db.withPlugin(hold) },
      now: clock.now,
      config: backend.config,
      processor: { charge: (r: ChargeRequest) => simulated.charge(r), refund: (attempt: string) => (refunds.push(attempt), simulated.refund(attempt)) },
    });

    const a = call(first, 'POST', '/customers/cust-1001/payments', body, headers);
    await aCharging.opened;
    const b = call(secondServer, 'POST', '/customers/cust-1001/payments', body, headers);
    const paid = await a;
    expect(paid.status).to.equal(201);
    releaseB.open();
    const retried = await b;
    expect([retried.status, retried.body?.id]).to.deep.equal([201, paid.body.id]);
    expect(refunds).to.deep.equal([]);
    expect((await invoiceRow('inv-10377')).balance).to.equal(0);
    const kept = await backend.database.db.selectFrom('processor_charges').select('refunded_at').execute();
    expect(kept.map((c) => c.refunded_at)).to.deep.equal([null]);
  });

  it('gives back a charge made after its key was refused meanwhile (the invoice paid by another payment): no money kept for nothing', async () => {
    const auth = await signIn();
    const key = 'slow-to-reach-the-processor';
    const before = (await invoiceRow('inv-10377')).balance;
    const body = { applications: [{ invoiceId: 'inv-10377', amount: before }], card };
    let reachedProcessor!: () => void;
    const atProcessor = new Promise<void>((resolve) => (reachedProcessor = resolve));
    let letThrough!: () => void;
    const through = new Promise<void>((resolve) => (letThrough = resolve));
    const simulated = new SimulatedProcessor(backend.database.db, clock.now);
    let slowOnce = true;
    const server = withProcessor({
      async charge(request: ChargeRequest) {
        if (slowOnce) {
          slowOnce = false;
          reachedProcessor();
          await through;
        }
        return simulated.charge(request);
      },
      refund: (attempt: string) => simulated.refund(attempt),
    });
    // A: claims the key, checks the invoice, and is slow to reach the processor.
    const a = call(server, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': key });
    await atProcessor;
    // Meanwhile another payment pays the invoice, and a retry of A's key finds it paid: refused.
    expect((await call(server, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': 'another-payment' })).status).to.equal(201);
    const retry = await call(server, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': key });
    expect(retry.status).to.equal(409);
    // A's charge then goes through, and finds its key answered: the money goes back.
    letThrough();
    expect((await a).status).to.equal(409);
    const { attempt } = await backend.database.db.selectFrom('idempotency').select('attempt').where('key', '=', key).executeTakeFirstOrThrow();
    const charge = await backend.database.db.selectFrom('processor_charges').select(['outcome', 'refunded_at']).where('idempotency_key', '=', attempt!).executeTakeFirstOrThrow();
    expect(charge.outcome).to.equal('approved');
    expect(charge.refunded_at, 'the charge made for nothing is given back').to.be.a('string');
  });

  it('lets a reset link work once when both servers get it at the same moment', async () => {
    await call(backend, 'POST', '/auth/password-reset', { email: DANA, resetUrl: `${ORIGIN}/` });
    const token = new URL((await lastMailTo(DANA))!.link!).hash.split(/[=&]/)[1]!;
    const [a, b] = await Promise.all([
      call(backend, 'POST', '/auth/password-reset/confirm', { token, password: 'first new password for dana' }),
      call(other, 'POST', '/auth/password-reset/confirm', { token, password: 'second new password for dana' }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([204, 400]);
    const winner = a.status === 204 ? 'first new password for dana' : 'second new password for dana';
    expect((await call(other, 'POST', '/auth/sign-in', { email: DANA, password: winner })).status).to.equal(200);
  });

  it('counts failed sign-ins from both servers and locks the email at the fifth', async () => {
    const wrong = { email: DANA, password: 'not the right password' };
    const results = await Promise.all([
      call(backend, 'POST', '/auth/sign-in', wrong),
      call(other, 'POST', '/auth/sign-in', wrong),
      call(backend, 'POST', '/auth/sign-in', wrong),
      call(other, 'POST', '/auth/sign-in', wrong),
      call(backend, 'POST', '/auth/sign-in', wrong),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal([401, 401, 401, 401, 423]);
    const right = await call(other, 'POST', '/auth/sign-in', { email: DANA, password: SEEDED_PASSWORDS[DANA] });
    expect(right.status).to.equal(423);
  });
});
