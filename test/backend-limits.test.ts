/** Throttles that keep the reference backend from being used as a tool: card testing, mail bombing. */
import { expect } from 'chai';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { api, backend, clock, signInAs, startTestBackend, ORIGIN } from './helpers/backend.js';

const DANA = 'dana.whitfield@example.com';

describe('reference backend: throttles', () => {
  beforeEach(() => startTestBackend());

  it('pauses payments for an account after 10 declined cards in an hour (card testing)', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const attempt = (number: string, key: string) =>
      api('POST', '/customers/cust-1001/payments', {
        token,
        headers: { 'Idempotency-Key': key },
        body: {
          applications: [{ invoiceId: 'inv-10412', amount: 1000 }],
          card: { number, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123', postalCode: '62704' },
        },
      });
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
