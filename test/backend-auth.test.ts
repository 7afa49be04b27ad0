/** The reference backend's sign-up, sign-in, session and reset rules, called as a stranger would: over HTTP. */
import { expect } from 'chai';
import { DEFAULT_PBKDF2_ITERATIONS } from '../backend/rules/crypto.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../backend/index.js';
import { migrateUpTo } from '../backend/schema/migrate.js';
import { ReferenceBackend } from '../backend/backend.js';
import { api, backend, clock, lastMailTo, signInAs, signUpConfirmed, startTestBackend, ORIGIN, testDatabase } from './helpers/backend.js';

const DANA = 'dana.whitfield@example.com';
const DANA_PASSWORD = SEEDED_PASSWORDS[DANA]!;
const GOOD_PASSWORD = 'a quiet house on birch court';

describe('reference backend: sign-up', () => {
  beforeEach(() => startTestBackend());

  it('accepts the email on file typed in another case with surrounding spaces', async () => {
    const { status, body } = await api('POST', '/auth/sign-up', {
      body: { email: '  MARCUS.reyes@EXAMPLE.com ', password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/` },
    });
    expect(status).to.equal(202);
    expect(body).to.deep.equal({ verificationSent: true, email: 'marcus.reyes@example.com' });
    const token = new URL((await lastMailTo('marcus.reyes@example.com'))!.link!).hash.split(/[=&]/)[1]!;
    const session = (await api('POST', '/auth/verify-email', { body: { token, password: GOOD_PASSWORD } })).body;
    expect(session.email).to.equal('marcus.reyes@example.com');
    expect(session.accounts.map((a: { customerId: string }) => a.customerId)).to.deep.equal(['cust-1002']);
    expect(session.token).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses an email that is not on file, names the company phone, and creates nothing', async () => {
    const { status, body } = await api('POST', '/auth/sign-up', {
      body: { email: 'stranger@example.com', password: GOOD_PASSWORD },
    });
    expect(status).to.equal(422);
    expect(body.error.code).to.equal('EMAIL_NOT_ON_FILE');
    expect(body.error.message).to.contain('(555) 010-4477');
    const state = await backend.inspect();
    expect(state.logins.some((l) => l.email === 'stranger@example.com')).to.equal(false);
  });

  it('allows one account per email', async () => {
    const { status, body } = await api('POST', '/auth/sign-up', { body: { email: ` ${DANA.toUpperCase()}`, password: GOOD_PASSWORD } });
    expect(status).to.equal(409);
    expect(body.error.code).to.equal('ACCOUNT_EXISTS');
  });

  it('checks the email alone before a password is chosen', async () => {
    const onFile = await api('POST', '/auth/sign-up/check', { body: { email: 'marcus.REYES@example.com ' } });
    expect(onFile.status).to.equal(200);
    // As the office keeps it, not as typed: the next screen shows the address the customer will see on file.
    expect(onFile.body.email).to.equal('Marcus.Reyes@Example.com');
    expect((await api('POST', '/auth/sign-up/check', { body: { email: 'marcus' } })).body.error.message).to.contain('not a complete email address');
    expect((await api('POST', '/auth/sign-up/check', { body: { email: 'nobody@example.com' } })).body.error.code).to.equal(
      'EMAIL_NOT_ON_FILE',
    );
    expect((await api('POST', '/auth/sign-up/check', { body: { email: DANA } })).body.error.code).to.equal('ACCOUNT_EXISTS');
  });

  const refusals: [string, string, string][] = [
    ['too short', 'short one', 'TOO_SHORT'],
    ['a common password', 'password1234', 'COMMON'],
    ['containing the email', 'marcus.reyes@example.com!!', 'CONTAINS_EMAIL'],
    ['containing the email’s name', 'my name is marcus.reyes ok', 'CONTAINS_EMAIL'],
    ['longer than 128 characters', 'x'.repeat(129), 'TOO_LONG'],
  ];
  for (const [label, password, problem] of refusals) {
    it(`refuses a password ${label}, saying why`, async () => {
      const { status, body } = await api('POST', '/auth/sign-up', { body: { email: 'marcus.reyes@example.com', password } });
      expect(status).to.equal(422);
      expect(body.error.code).to.equal('WEAK_PASSWORD');
      expect(body.error.details.passwordProblems).to.include(problem);
      expect((await backend.inspect()).logins.some((l) => l.email === 'marcus.reyes@example.com')).to.equal(false);
    });
  }

  it('takes long passwords, spaces and non-Latin letters, with no composition rules', async () => {
    const password = 'сосна у озера 🌲 '.repeat(4).slice(0, 64);
    await signUpConfirmed('elena.kowalski@example.com', password);
    expect(await signInAs('elena.kowalski@example.com', password)).to.be.a('string');
  });

  it('stores only a salted PBKDF2 hash, never the password', async () => {
    await api('POST', '/auth/sign-up', { body: { email: 'marcus.reyes@example.com', password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/` } });
    const state = await backend.inspect();
    const login = state.logins.find((l) => l.email === 'marcus.reyes@example.com')!;
    expect(JSON.stringify(state)).not.to.contain(GOOD_PASSWORD);
    expect(login.password.algorithm).to.equal('PBKDF2-SHA256');
    expect(login.password.salt).to.have.length.greaterThan(20);
    const other = state.logins.find((l) => l.email === DANA)!;
    expect(login.password.salt).not.to.equal(other.password.salt);
  });

  it('uses at least 600,000 PBKDF2 iterations unless told otherwise', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).to.be.at.least(600_000);
    expect(new ReferenceBackend({ database: await testDatabase() }).config.passwordIterations).to.equal(DEFAULT_PBKDF2_ITERATIONS);
  });
});

describe('reference backend: sign-in and sessions', () => {
  beforeEach(() => startTestBackend());

  it('signs in with the seeded password, any case of email', async () => {
    const { status, body } = await api('POST', '/auth/sign-in', { body: { email: ' Dana.Whitfield@Example.COM', password: DANA_PASSWORD } });
    expect(status).to.equal(200);
    expect(body.accounts[0].customerId).to.equal('cust-1001');
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await api('POST', '/auth/sign-in', { body: { email: DANA, password: 'not the password at all' } });
    const unknown = await api('POST', '/auth/sign-in', { body: { email: 'ghost@example.com', password: 'not the password at all' } });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.body.error.code).to.equal('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failures in 15 minutes, even for the right password, and says when to retry', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await api('POST', '/auth/sign-in', { body: { email: DANA, password: `wrong password ${i}` } })).status).to.equal(401);
    }
    const fifth = await api('POST', '/auth/sign-in', { body: { email: DANA, password: 'wrong password 5' } });
    expect(fifth.status).to.equal(423);
    expect(fifth.body.error.code).to.equal('LOCKED_OUT');
    expect(fifth.body.error.details.retryAfterSeconds).to.be.within(14 * 60, 15 * 60);
    expect(fifth.headers.get('Retry-After')).to.equal(String(fifth.body.error.details.retryAfterSeconds));
    const right = await api('POST', '/auth/sign-in', { body: { email: DANA, password: DANA_PASSWORD } });
    expect(right.body.error.code).to.equal('LOCKED_OUT');
    clock.advance(15 * 60_000 + 1000);
    expect((await api('POST', '/auth/sign-in', { body: { email: DANA, password: DANA_PASSWORD } })).status).to.equal(200);
  });

  it('forgets failures older than 15 minutes', async () => {
    for (let i = 0; i < 4; i++) await api('POST', '/auth/sign-in', { body: { email: DANA, password: `wrong password ${i}` } });
    clock.advance(16 * 60_000);
    const next = await api('POST', '/auth/sign-in', { body: { email: DANA, password: 'wrong again, later' } });
    expect(next.body.error.code).to.equal('INVALID_CREDENTIALS');
  });

  it('keeps sessions server-side as hashes, expires them and revokes them on sign-out', async () => {
    const token = await signInAs(DANA, DANA_PASSWORD);
    expect(JSON.stringify(await backend.inspect())).not.to.contain(token);
    expect((await api('GET', '/auth/session', { token })).status).to.equal(200);
    expect((await api('POST', '/auth/sign-out', { token })).status).to.equal(204);
    const after = await api('GET', '/auth/session', { token });
    expect(after.status).to.equal(401);
    expect(after.body.error.code).to.equal('SESSION_EXPIRED');

    const second = await signInAs(DANA, DANA_PASSWORD);
    clock.advance(backend.config.sessionTtlMs + 1000);
    expect((await api('GET', '/auth/session', { token: second })).status).to.equal(401);
  });

  it('refuses a made-up token', async () => {
    expect((await api('GET', '/auth/session', { token: 'x'.repeat(43) })).status).to.equal(401);
    expect((await api('GET', '/auth/session')).status).to.equal(401);
  });
});

describe('reference backend: password reset', () => {
  beforeEach(() => startTestBackend());
  const resetUrl = () => `${ORIGIN}/demo/`;

  it('answers the same whether or not the email has an account, and mails only a real one', async () => {
    const known = await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: resetUrl() } });
    const unknown = await api('POST', '/auth/password-reset', { body: { email: 'ghost@example.com', resetUrl: resetUrl() } });
    expect(known.status).to.equal(202);
    expect(unknown.status).to.equal(202);
    expect(known.body).to.deep.equal(unknown.body);
    const outbox = (await backend.inspect()).outbox;
    expect(outbox).to.have.length(1);
    expect(outbox[0]!.to).to.equal(DANA);
    // Both took the same counted transaction: the time of the answer says less about which has an account.
    const counted = await backend.database.db.selectFrom('rate_events').select('subject').where('bucket', '=', 'reset-email').execute();
    expect(counted.map((e) => e.subject).sort()).to.deep.equal([DANA, 'ghost@example.com']);
  });

  it('sets a new password from the link once, ends old sessions, and the link then fails', async () => {
    const oldSession = await signInAs(DANA, DANA_PASSWORD);
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: resetUrl() } });
    const link = (await lastMailTo(DANA))!.link!;
    expect(link.startsWith(`${ORIGIN}/demo/#porchlight-reset=`)).to.equal(true);
    const token = new URL(link).hash.split(/[=&]/)[1]!;
    // The check says whose link it is (the card names the account); the link itself does not.
    expect(new URL(link).hash).not.to.contain('@');
    expect(await api('POST', '/auth/password-reset/check', { body: { token } })).to.deep.include({ status: 200, body: { email: DANA } });
    const newPassword = 'the new blue thermostat';
    expect((await api('POST', '/auth/password-reset/confirm', { body: { token, password: newPassword } })).status).to.equal(204);
    expect((await api('GET', '/auth/session', { token: oldSession })).status).to.equal(401);
    expect(await signInAs(DANA, newPassword)).to.be.a('string');
    expect((await api('POST', '/auth/sign-in', { body: { email: DANA, password: DANA_PASSWORD } })).status).to.equal(401);
    const again = await api('POST', '/auth/password-reset/confirm', { body: { token, password: 'yet another good password' } });
    expect(again.body.error.code).to.equal('INVALID_RESET_LINK');
  });

  it('refuses an expired link and a weak new password', async () => {
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: resetUrl() } });
    const token = new URL((await lastMailTo(DANA))!.link!).hash.split(/[=&]/)[1]!;
    const weak = await api('POST', '/auth/password-reset/confirm', { body: { token, password: 'password1234' } });
    expect(weak.body.error.code).to.equal('WEAK_PASSWORD');
    clock.advance(31 * 60_000);
    const late = await api('POST', '/auth/password-reset/confirm', { body: { token, password: 'a perfectly fine password' } });
    expect(late.body.error.code).to.equal('INVALID_RESET_LINK');
  });

  it('never points a reset link at a foreign site, nor at another port or scheme of the contractor’s host', async () => {
    const host = (await backend.inspect()).settings.hostname;
    for (const resetUrl of ['https://evil.example/steal', `https://${host}:8443/`, `http://${host}/`]) {
      const { status, body } = await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl } });
      expect([status, body.error?.code], resetUrl).to.deep.equal([400, 'VALIDATION']);
    }
    expect((await backend.inspect()).outbox).to.have.length(0);
    // The site itself, its default port written out or not, is the contractor's.
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `https://${host}:443/account` } })).status).to.equal(202);
  });

  it('opens reset and confirmation links on the portal’s page when the settings name one, whichever page of the site asked', async () => {
    const officeHeaders = { 'X-Porchlight-Office-Key': backend.config.officeKey };
    const settings = (await backend.inspect()).settings;
    const named = { ...settings, portalUrl: `${ORIGIN}/portal`, translations: { ...settings.translations, es: { ...settings.translations?.es, portalUrl: `${ORIGIN}/es/portal` } } };
    expect((await api('PUT', '/office/settings', { headers: officeHeaders, body: named })).status).to.equal(200);
    const linkOf = async (email: string) => {
      const link = new URL((await lastMailTo(email))!.link!);
      return `${link.origin}${link.pathname}${link.search}`;
    };
    // A page of the site that forwards anywhere (?to=…) would carry the fragment, token and all, along.
    const forwarding = `${ORIGIN}/out?to=https://evil.example/`;
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: forwarding } })).status).to.equal(202);
    expect(await linkOf(DANA)).to.equal(`${ORIGIN}/portal`);
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: forwarding }, headers: { 'Accept-Language': 'es-US' } })).status).to.equal(202);
    expect(await linkOf(DANA)).to.equal(`${ORIGIN}/es/portal`);
    const signUp = await api('POST', '/auth/sign-up', { body: { email: 'marcus.reyes@example.com', password: GOOD_PASSWORD, verifyUrl: forwarding } });
    expect(signUp.status, JSON.stringify(signUp.body)).to.equal(202);
    expect(await linkOf('marcus.reyes@example.com')).to.equal(`${ORIGIN}/portal`);
    // A Spanish request with no Spanish portal page named: the main one, never the page the request named.
    expect((await api('PUT', '/office/settings', { headers: officeHeaders, body: { ...named, translations: settings.translations } })).status).to.equal(200);
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: forwarding }, headers: { 'Accept-Language': 'es-US' } })).status).to.equal(202);
    expect(await linkOf(DANA)).to.equal(`${ORIGIN}/portal`);
    // A page off the site is refused all the same (the request was wrong, whatever the settings).
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: 'https://evil.example/steal' } })).status).to.equal(400);
    // Without a portal page named, the page that asked (as before).
    expect((await api('PUT', '/office/settings', { headers: officeHeaders, body: { ...named, portalUrl: '', translations: settings.translations } })).status).to.equal(200);
    expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `${ORIGIN}/account` } })).status).to.equal(202);
    expect(await linkOf(DANA)).to.equal(`${ORIGIN}/account`);
  });
});

describe('reference backend: settings and office', () => {
  beforeEach(() => startTestBackend());

  it('turns every customer endpoint off when the portal is disabled, but still says so', async () => {
    const token = await signInAs(DANA, DANA_PASSWORD);
    const settings = (await backend.inspect()).settings;
    const officeHeaders = { 'X-Porchlight-Office-Key': backend.config.officeKey };
    expect((await api('PUT', '/office/settings', { headers: officeHeaders, body: { ...settings, portalEnabled: false } })).status).to.equal(200);
    for (const [method, path] of [['GET', '/auth/session'], ['POST', '/auth/sign-in'], ['GET', '/customers/cust-1001/invoices?status=open']] as const) {
      const answer = await api(method, path, { token, body: method === 'POST' ? { email: DANA, password: DANA_PASSWORD } : undefined });
      expect(answer.status, path).to.equal(503);
      expect(answer.body.error.code, path).to.equal('PORTAL_DISABLED');
    }
    const publicSettings = await api('GET', '/settings');
    expect(publicSettings.body.portalEnabled).to.equal(false);
  });

  it('keeps the office endpoints from customers and strangers', async () => {
    const token = await signInAs(DANA, DANA_PASSWORD);
    for (const path of ['/office/settings', '/office/outbox', '/office/customers']) {
      expect((await api('GET', path, { token })).status, path).to.equal(403);
    }
  });

  it('gives a sending job the messages it has not delivered, oldest first, and takes its word for each once', async () => {
    const officeKey = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
    expect((await api('POST', '/office/outbox/x/delivered', { token: await signInAs(DANA, DANA_PASSWORD) })).status).to.equal(403);
    for (const email of [DANA, 'priya.nair@harborpoint.example']) {
      await api('POST', '/auth/password-reset', { body: { email, resetUrl: `${ORIGIN}/` } });
      clock.advance(1000);
    }
    const pending = (await api('GET', '/office/outbox?pending', { headers: officeKey })).body as { id: string; to: string; sentAt: string; deliveredAt: null }[];
    const before = pending.length;
    expect(before).to.be.at.least(2);
    expect(pending.map((m) => m.sentAt)).to.deep.equal([...pending.map((m) => m.sentAt)].sort());
    expect(pending.every((m) => m.deliveredAt === null)).to.equal(true);
    const first = pending[0]!;
    clock.advance(1000);
    const marked = await api('POST', `/office/outbox/${first.id}/delivered`, { headers: officeKey });
    expect(marked.status).to.equal(200);
    const at = marked.body.deliveredAt as string;
    expect(at).to.match(/^\d{4}-\d\d-\d\dT/);
    // A job that retries: the same answer, the first time kept.
    clock.advance(1000);
    expect((await api('POST', `/office/outbox/${first.id}/delivered`, { headers: officeKey })).body).to.deep.equal({ id: first.id, deliveredAt: at });
    const after = (await api('GET', '/office/outbox?pending', { headers: officeKey })).body as { id: string }[];
    expect(after.map((m) => m.id)).to.deep.equal(pending.slice(1).map((m) => m.id));
    // The whole outbox, newest first, says which were delivered.
    const all = (await api('GET', '/office/outbox', { headers: officeKey })).body as { id: string; deliveredAt: string | null }[];
    expect(all.find((m) => m.id === first.id)?.deliveredAt).to.equal(at);
    expect((await api('POST', '/office/outbox/mail_nope/delivered', { headers: officeKey })).status).to.equal(404);
  });

  it('counts the messages of a server from before the delivered marker as delivered: a new sending job does not send them again', async () => {
    // The test database, taken back to before the marker (0009's down), then up again.
    const database = await testDatabase();
    try {
      await migrateUpTo(database, '0008-link-pages');
      await database.db
        .insertInto('outbox')
        .values({ id: 'mail_old', to_address: DANA, subject: 'Reset your password', body: 'An old reset link', link: null, kind: 'password-reset', sent_at: '2026-01-05T10:00:00.000Z' })
        .execute();
      await migrateUpTo(database);
      const old = await database.db.selectFrom('outbox').selectAll().where('id', '=', 'mail_old').executeTakeFirstOrThrow();
      expect(old.delivered_at).to.equal('2026-01-05T10:00:00.000Z');
    } finally {
      await migrateUpTo(database);
    }
  });

  it('publishes only the public part of the settings', async () => {
    const { body } = await api('GET', '/settings');
    expect(body).not.to.have.property('invoiceFilter');
    expect(body).not.to.have.property('excludedBusinessUnitIds');
    expect(body.companyName).to.equal('Northwind Heating & Air');
  });

  it('validates settings the office saves', async () => {
    const officeHeaders = { 'X-Porchlight-Office-Key': backend.config.officeKey };
    const { status, body } = await api('PUT', '/office/settings', { headers: officeHeaders, body: { portalEnabled: 'yes' } });
    expect(status).to.equal(400);
    expect(body.error.code).to.equal('VALIDATION');
    // A part of the settings (the whole is saved): says what is missing, not that the zone is unknown.
    expect(body.error.message).to.contain('"timeZone" is missing');
    const settings = (await api('GET', '/office/settings', { headers: officeHeaders })).body;
    const typo = await api('PUT', '/office/settings', { headers: officeHeaders, body: { ...settings, timeZone: 'America/Chicgo' } });
    expect(typo.body.error.message).to.contain('not a time zone we know');
  });
});

describe('reference backend: password details', () => {
  beforeEach(() => startTestBackend());

  it('treats a password typed with composed or decomposed accents as the same password', async () => {
    const composed = 'café au lait près du lac';
    await signUpConfirmed('elena.kowalski@example.com', composed);
    expect(await signInAs('elena.kowalski@example.com', composed.normalize('NFD'))).to.be.a('string');
  });

  it('kills every older reset link once one is used', async () => {
    const resetUrl = `${ORIGIN}/demo/`;
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl } });
    const older = new URL((await lastMailTo(DANA))!.link!).hash.split(/[=&]/)[1]!;
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl } });
    const newer = new URL((await lastMailTo(DANA))!.link!).hash.split(/[=&]/)[1]!;
    expect(newer).not.to.equal(older);
    expect((await api('POST', '/auth/password-reset/confirm', { body: { token: newer, password: 'the newest good password' } })).status).to.equal(204);
    const stale = await api('POST', '/auth/password-reset/confirm', { body: { token: older, password: 'an attacker’s password here' } });
    expect(stale.body.error.code).to.equal('INVALID_RESET_LINK');
  });

  it('answers a malformed path with 404, not a crash', async () => {
    const token = await signInAs(DANA, DANA_PASSWORD);
    // Straight to the backend: MSW's own path matching throws on such a URL before we see it.
    const response = await backend.handle(
      new Request(`${ORIGIN}/api/customers/%E0%A4%A/invoices`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(response.status).to.equal(404);
  });

  it('does not trust the request’s own host for reset links unless configured', async () => {
    const strict = new ReferenceBackend({ database: await testDatabase(), config: { passwordIterations: 1000 } });
    await strict.reset();
    const response = await strict.handle(
      new Request(`${ORIGIN}/api/auth/password-reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: DANA, resetUrl: `${ORIGIN}/demo/` }),
      }),
    );
    expect(response.status).to.equal(400);
    expect(new ReferenceBackend({ database: await testDatabase() }).config.officeKey).to.match(/^[A-Za-z0-9_-]{43}$/);
  });
});
