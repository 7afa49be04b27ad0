/** Throttles that keep the reference backend from being used as a tool: card testing, mail bombing. */
import { expect } from 'chai';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { clientSubject } from '../backend/queries/rate-events.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { api, backend, clock, signInAs, startTestBackend, ORIGIN } from './helpers/backend.js';

const DANA = 'dana.whitfield@example.com';

/** A payment of `amount` cents on Dana's invoice 10412 with the given card and Idempotency-Key. */
const payWith = (token: string, number: string, key: string, amount: number) =>
  api('POST', '/customers/cust-1001/payments', {
    token,
    headers: { 'Idempotency-Key': key },
    body: {
      applications: [{ invoiceId: 'inv-10412', amount }],
      card: { number, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123', postalCode: '62704' },
    },
  });

describe('reference backend: throttles', () => {
  beforeEach(() => startTestBackend());

  it('pauses payments for an account after 10 declined cards in an hour (card testing)', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const attempt = (number: string, key: string) => payWith(token, number, key, 1000);
    for (let i = 0; i < 10; i++) expect((await attempt(TEST_CARDS.declined, `declined-attempt-${i}`)).status).to.equal(402);
    const blocked = await attempt(TEST_CARDS.visa, 'good-card-after-testing');
    expect(blocked.status).to.equal(429);
    expect(blocked.body.error.code).to.equal('RATE_LIMITED');
    expect(blocked.body.error.details.retryAfterSeconds).to.be.greaterThan(0);
    clock.advance(61 * 60_000);
    expect((await attempt(TEST_CARDS.visa, 'good-card-an-hour-later')).status).to.equal(201);
  });

  it('sends at most 5 reset emails an hour to one address, answering the same every time', async () => {
    const resetUrl = `${ORIGIN}/demo/`;
    for (let i = 0; i < 7; i++) {
      const { status, body } = await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl } });
      expect(status).to.equal(202);
      expect(body).to.deep.equal({ accepted: true });
    }
    expect((await backend.inspect()).outbox.filter((m) => m.to === DANA)).to.have.length(5);
    clock.advance(61 * 60_000);
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl } });
    expect((await backend.inspect()).outbox.filter((m) => m.to === DANA)).to.have.length(6);
  });
});

describe('reference backend: throttles hold for requests sent at the same moment', () => {
  beforeEach(() => startTestBackend());

  const failuresOf = async (email: string) =>
    (await backend.database.db.selectFrom('rate_events').select('id').where('bucket', '=', 'sign-in-failure').where('subject', '=', email).execute()).length;

  it('counts every sign-in guess before checking any: of 12 sent at once, 5 passwords are tried, and the right one then is refused', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api('POST', '/auth/sign-in', { body: { email: DANA, password: `a wrong guess, number ${i}` } })),
    );
    // Four wrong, the fifth locks, and seven were refused before their password was looked at.
    expect(guesses.map((answer) => answer.status).sort()).to.deep.equal([...Array(4).fill(401), ...Array(8).fill(423)]);
    expect(await failuresOf(DANA)).to.equal(5);
    const right = await api('POST', '/auth/sign-in', { body: { email: DANA, password: SEEDED_PASSWORDS[DANA]! } });
    expect(right.status).to.equal(423);
    expect(right.body.error.code).to.equal('LOCKED_OUT');
  });

  it('a right password withdraws its own count: signing in leaves no failure behind', async () => {
    expect((await api('POST', '/auth/sign-in', { body: { email: DANA, password: 'a wrong guess' } })).status).to.equal(401);
    expect(await failuresOf(DANA)).to.equal(1);
    expect((await api('POST', '/auth/sign-in', { body: { email: DANA, password: SEEDED_PASSWORDS[DANA]! } })).status).to.equal(200);
    expect(await failuresOf(DANA)).to.equal(0);
  });

  it('charges no more than 10 declined cards an hour when they arrive together, and counts only declines', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const attempt = (number: string, key: string) => payWith(token, number, key, 100);
    const declines = () =>
      backend.database.db.selectFrom('rate_events').select('id').where('bucket', '=', 'card-decline').where('subject', '=', 'cust-1001').execute();
    expect((await attempt(TEST_CARDS.visa, 'approved-before-testing')).status).to.equal(201);
    expect(await declines(), 'an approved card is not counted').to.have.length(0);
    const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => attempt(TEST_CARDS.declined, `declined-at-once-${i}`)));
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([...Array(10).fill(402), ...Array(4).fill(429)]);
    expect(await declines()).to.have.length(10);
  });

  it('a right password sent beside guesses settles only what was counted before it: the guesses after it still count', async function () {
    // Needs the right one counted first. In Node, SQLite's one connection takes the five claims in the order
    // sent; PostgreSQL's pool, and a browser's requests through its service worker, promise no order (the
    // same code: SQLite and sql.js in Node cover it).
    if (backend.database.dialect === 'postgres' || typeof document !== 'undefined') this.skip();
    const right = api('POST', '/auth/sign-in', { body: { email: DANA, password: SEEDED_PASSWORDS[DANA]! } });
    const guesses = Array.from({ length: 4 }, (_, i) => api('POST', '/auth/sign-in', { body: { email: DANA, password: `a guess beside it, ${i}` } }));
    const [signedIn, ...wrong] = await Promise.all([right, ...guesses]);
    expect(signedIn!.status).to.equal(200);
    // (A guess whose claim came fifth, counting the right one still in flight, answers "locked out".)
    expect(wrong.every((answer) => answer.status === 401 || answer.status === 423), wrong.map((a) => a.status).join(' ')).to.equal(true);
    // Counted after the right one's claim: still failures. Clearing every failure at sign-in left none,
    // and let as many guesses through again.
    expect(await failuresOf(DANA)).to.equal(4);
  });

  it('lets no more than the per-address limit of sign-in requests through when they arrive together', async () => {
    const check = () =>
      backend.handle(
        new Request(`${ORIGIN}/api/auth/sign-up/check`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'someone.new@example.com' }),
        }),
        { clientAddress: '203.0.113.50' },
      );
    const statuses = (await Promise.all(Array.from({ length: 40 }, check))).map((response) => response.status);
    expect(statuses.filter((status) => status === 429), statuses.join(' ')).to.have.length(10);
  });

  it('counts an IPv6 client by its /64: a new address from the same network per request is the same client', async () => {
    const from = (clientAddress: string) =>
      backend.handle(
        new Request(`${ORIGIN}/api/auth/sign-up/check`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'someone.new@example.com' }) }),
        { clientAddress },
      );
    const statuses: number[] = [];
    for (let i = 1; i <= 32; i++) statuses.push((await from(`2001:db8:85a3:8d3:${i.toString(16)}::${i}`)).status);
    expect(statuses.filter((status) => status === 429), statuses.join(' ')).to.have.length(2);
    // Another /64 is another client.
    expect((await from('2001:db8:85a3:8d4::1')).status).not.to.equal(429);
    expect(clientSubject('::ffff:192.0.2.7'), 'an IPv4 address in IPv6 form').to.equal('192.0.2.7');
    expect(clientSubject('64:ff9b::192.0.2.8'), 'an IPv4 client through NAT64').to.equal('192.0.2.8');
    expect(clientSubject('2001:DB8:0:0::ff')).to.equal('2001:db8:0:0::/64');
    expect(clientSubject('192.0.2.1')).to.equal('192.0.2.1');
  });
});

describe('reference backend: counters forget', () => {
  beforeEach(() => startTestBackend());

  it('forgets a day-old subject with its events: made-up emails at sign-in cannot grow the tables for good', async () => {
    const { pruneEvents } = await import('../backend/queries/rate-events.js');
    for (let i = 0; i < 3; i++) {
      const answer = await api('POST', '/auth/sign-in', { body: { email: `nobody-${i}@example.com`, password: 'not the password at all' } });
      expect(answer.status).to.equal(401);
    }
    const subjects = () => backend.database.db.selectFrom('rate_subjects').select('subject').where('subject', 'like', 'nobody-%').execute();
    expect(await subjects()).to.have.length(3);
    await pruneEvents(backend.database.db, new Date(clock.now().getTime() + 23 * 3_600_000));
    expect(await subjects(), 'still within the day').to.have.length(3);
    await pruneEvents(backend.database.db, new Date(clock.now().getTime() + 25 * 3_600_000));
    expect(await subjects()).to.deep.equal([]);
  });
});
