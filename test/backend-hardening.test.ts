/**
 * The backend's own hardening, in its Request → Response handler (so the in-browser path has it too):
 * JSON only, bounded bodies, keys that are not prototypes, office inputs checked, and nothing a client
 * sends answered with a 500.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { api, ORIGIN, signInAs, startTestBackend } from './helpers/backend.js';
import { encodeCursor } from '../backend/http/cursor.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };

const jsonRoutes: [string, string][] = [
  ['POST', '/auth/sign-in'],
  ['POST', '/auth/sign-up'],
  ['POST', '/auth/sign-up/check'],
  ['POST', '/auth/password-reset'],
  ['POST', '/auth/password-reset/confirm'],
  ['POST', '/auth/password-reset/check'],
  ['POST', '/auth/verify-email'],
  ['POST', '/links/resend'],
];

describe('reference backend: hardening', () => {
  beforeEach(() => startTestBackend());

  it('says from the headers alone whether an office call is refused (what porchlight-server asks before reading a body)', async () => {
    const backend = await startTestBackend();
    const headers = (key?: string) => new Headers(key === undefined ? {} : { [OFFICE_KEY_HEADER]: key });
    expect(backend.officeRefusal('POST', '/api/office/import', headers())).to.match(/need the office key/);
    expect(backend.officeRefusal('POST', '/api/office/import', headers('a guess'))).to.equal('That office key is not the one this server uses.');
    expect(backend.officeRefusal('POST', '/api/office/import', headers(DEMO_OFFICE_KEY))).to.equal(null);
    // Not an office route (or no route at all): the backend decides as usual.
    expect(backend.officeRefusal('POST', '/api/auth/sign-in', headers())).to.equal(null);
    expect(backend.officeRefusal('POST', '/api/office/nothing-here', headers())).to.equal(null);
    expect(backend.officeRefusal('POST', '/office/import', headers()), 'outside the base path: a 404 for the backend to say').to.equal(null);
    // What the backend answers the same request once it has its body.
    const refused = await api('POST', '/office/import', { headers: { [OFFICE_KEY_HEADER]: 'a guess' }, body: {} });
    expect([refused.status, refused.body.error.message]).to.deep.equal([403, 'That office key is not the one this server uses.']);
  });

  it('refuses a body that is not JSON with 415 on every JSON route (a cross-site form cannot post one)', async () => {
    for (const [method, path] of jsonRoutes) {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const answer = await api(method, path, { body: 'email=dana.whitfield%40example.com&password=x', headers: { 'Content-Type': type } });
        expect(answer.status, `${path} as ${type}`).to.equal(415);
        expect(answer.body.error.code).to.equal('VALIDATION');
      }
    }
  });

  it('refuses a body over its route’s limit with 413, whatever the fields', async () => {
    const big = { email: 'dana.whitfield@example.com', password: 'x', padding: 'x'.repeat(20_000) };
    for (const [method, path] of jsonRoutes) {
      const answer = await api(method, path, { body: big });
      expect(answer.status, path).to.equal(413);
      expect(answer.body.error.message).to.match(/too large/);
    }
  });

  it('answers __proto__ and constructor as emails like any unknown email, never a 500', async () => {
    for (const email of ['__proto__', 'constructor', 'hasOwnProperty', '__proto__@example.com', 'constructor@example.com']) {
      const signIn = await api('POST', '/auth/sign-in', { body: { email, password: 'a long enough password' } });
      expect(signIn.status, email).to.equal(401);
      const check = await api('POST', '/auth/sign-up/check', { body: { email } });
      expect([400, 422], email).to.include(check.status);
      const reset = await api('POST', '/auth/password-reset', { body: { email, resetUrl: `${ORIGIN}/` } });
      expect(reset.status, email).to.equal(202);
    }
    // A "__proto__" key is a field like any other the route does not take: refused by name.
    const proto = await api('POST', '/auth/sign-in', { body: JSON.parse('{"__proto__": {"admin": true}, "email": "x@example.com", "password": "y"}') });
    expect([proto.status, proto.body.error.details.field]).to.deep.equal([400, '__proto__']);
  });

  it('refuses a NUL character (U+0000) in a body, a path or a query with 400 before any query (PostgreSQL cannot store one: it was a 500)', async () => {
    const dana = 'dana.whitfield@example.com';
    const token = await signInAs(dana, SEEDED_PASSWORDS[dana]!);
    const asked: [string, string, unknown][] = [
      ['POST', '/auth/sign-in', { email: 'a\u0000@b.c', password: 'a long enough password' }],
      ['POST', '/auth/sign-up/check', { email: 'a\u0000@b.c' }],
      ['POST', '/auth/password-reset', { email: 'dana\u0000@example.com', resetUrl: `${ORIGIN}/` }],
      ['POST', '/auth/sign-in', JSON.parse('{"email\\u0000": "x@example.com", "password": "y"}')],
      ['GET', '/customers/cust%00/invoices', undefined],
      ['GET', '/customers/cust-1001/invoices/inv%00x', undefined],
      ['GET', '/customers/cust-1001/jobs?q=a%00b', undefined],
      ['GET', '/customers/cust-1001/estimates/e%00', undefined],
      // Inside a page cursor (base64url JSON): the address has no NUL, the position it names does.
      ['GET', `/customers/cust-1001/jobs?cursor=${encodeCursor(['2026-01-01\u0000', 'x'], '|')}`, undefined],
    ];
    for (const [method, path, body] of asked) {
      const answer = await api(method, path, { token, body });
      expect([answer.status, answer.body.error?.code], `${method} ${path}`).to.deep.equal([400, 'VALIDATION']);
    }
  });

  it('answers malformed bodies on every route without a 500', async () => {
    const bodies = ['null', '[]', '42', '"text"', '{"email": 1}', '{"email": null, "password": []}', '{', '{"applications": [null, 1, "x"]}'];
    const routes: [string, string, Record<string, string>][] = [
      ...jsonRoutes.map(([m, p]) => [m, p, {}] as [string, string, Record<string, string>]),
      ['PUT', '/office/settings', office],
      ['POST', '/office/invitations', office],
      ['PUT', '/office/templates', office],
      ['POST', '/office/links', office],
      ['PUT', '/office/estimates/est-2001', office],
      ['PUT', '/office/appointments/appt-job-u1/status', office],
    ];
    for (const [method, path, headers] of routes) {
      for (const body of bodies) {
        const answer = await api(method, path, { body, headers: { ...headers, 'Content-Type': 'application/json' } });
        // Not an object, or not JSON: always refused. An object with unknown fields may be a partial office save.
        if (!body.startsWith('{"')) expect(answer.status, `${method} ${path} ${body}`).to.be.within(400, 499);
        else expect(answer.status, `${method} ${path} ${body}`).to.be.below(500);
      }
    }
  });

  it('refuses a field a route does not take, naming it and the fields it takes, on every route that changes something', async () => {
    const dana = 'dana.whitfield@example.com';
    const session = { Authorization: `Bearer ${await signInAs(dana, SEEDED_PASSWORDS[dana]!)}` };
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/pay` } });
    const link = { 'X-Porchlight-Link': new URL(sent.body.url as string).hash.replace('#porchlight-link=', '') };
    const estimateLink = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001', pageUrl: `${ORIGIN}/estimate` } });
    const estimate = { 'X-Porchlight-Link': new URL(estimateLink.body.url as string).hash.replace('#porchlight-link=', '') };
    const key = { 'Idempotency-Key': 'stray-field-check' };
    // Each route with the headers it needs to read its body: a misspelt field there was dropped, and the
    // request went on as if it had not been sent (a link to the default page, a payment without the field).
    const routes: [string, string, Record<string, string>][] = [
      ['POST', '/auth/sign-in', {}],
      ['POST', '/auth/sign-up', {}],
      ['POST', '/auth/sign-up/check', {}],
      ['POST', '/auth/verify-email', {}],
      ['POST', '/auth/password-reset', {}],
      ['POST', '/auth/password-reset/check', {}],
      ['POST', '/auth/password-reset/confirm', {}],
      ['POST', '/links/resend', {}],
      ['POST', '/customers/cust-1001/payments', { ...session, ...key }],
      ['POST', '/customers/cust-1001/estimates/est-2001/approve', session],
      ['POST', '/customers/cust-1001/estimates/est-2001/decline', session],
      ['POST', '/customers/cust-1001/estimates/est-2001/request-changes', session],
      ['POST', '/links/invoices/inv-10412/payments', { ...link, ...key }],
      ['POST', '/links/estimates/est-2001/approve', estimate],
      ['POST', '/links/estimates/est-2001/decline', estimate],
      ['POST', '/links/estimates/est-2001/request-changes', estimate],
      ['POST', '/scheduling/requests', { ...session, ...key }],
      ['POST', '/office/links', office],
      ['POST', '/office/links/revoke', office],
      ['POST', '/office/invitations', office],
      ['POST', '/office/invoices/inv-10412/void', office],
      ['POST', '/office/estimates/est-2001/withdraw', office],
      ['PUT', '/office/appointments/appt-job-u1/status', office],
      ['POST', '/office/estimates', office],
      ['PUT', '/office/estimates/est-2001', office],
      ['PUT', '/office/customers/cust-1001/language', office],
      ['POST', '/office/booking-requests/AR-1/book', office],
      ['POST', '/office/booking-requests/AR-1/dismiss', office],
    ];
    for (const [method, path, headers] of routes) {
      const answer = await api(method, path, { headers, body: { pageURL: 'x' } });
      expect([answer.status, answer.body.error?.details?.field], `${method} ${path}`).to.deep.equal([400, 'pageURL']);
      expect(answer.body.error.message, path).to.match(/^There is no "pageURL" in this request: it takes \w+/);
    }
    // Inside an object whose fields are fixed too, and a prototype's name among them.
    const card = await api('POST', '/customers/cust-1001/payments', {
      headers: { ...session, ...key },
      body: { applications: [{ invoiceId: 'inv-10412', amount: 100 }], card: { number: '4242424242424242', zip: '62704' } },
    });
    expect([card.status, card.body.error.details.field, card.body.error.message]).to.deep.equal([
      400,
      'card.zip',
      'There is no "card.zip" in this request: "card" takes number, expMonth, expYear, cvc, postalCode.',
    ]);
    const proto = await api('POST', '/customers/cust-1001/payments', {
      headers: { ...session, ...key },
      body: JSON.parse('{"applications":[{"invoiceId":"inv-10412","amount":100,"__proto__":{"admin":true}}]}'),
    });
    expect([proto.status, proto.body.error.details.field]).to.deep.equal([400, 'applications.0.__proto__']);
    const option = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { options: [{ name: 'Good', recomended: true, items: [] }] } });
    expect([option.status, option.body.error.details.field]).to.deep.equal([400, 'options.0.recomended']);
    // A route that takes no body refuses one with a field in it; an empty one, or {}, is no field.
    const [message] = (await api('GET', '/office/outbox', { headers: office })).body as { id: string }[];
    const delivered = `/office/outbox/${message!.id}/delivered`;
    const dated = await api('POST', delivered, { headers: office, body: { deliveredAt: '2020-01-01T00:00:00Z' } });
    expect([dated.status, dated.body.error.details.field, dated.body.error.message]).to.deep.equal([
      400,
      'deliveredAt',
      'There is no "deliveredAt" in this request: it takes no fields.',
    ]);
    expect((await api('POST', delivered, { headers: office, body: {} })).status).to.equal(200);
    expect((await api('POST', '/auth/sign-out', { headers: session })).status).to.be.below(300);
    // Nothing changed: the link sent first still works (a misspelt resend once revoked it).
    expect((await api('GET', '/links/invoices/inv-10412', { headers: link })).status).to.equal(200);
  });

  it('refuses a query parameter a route does not read, naming it and the ones it takes (a misspelt filter answered the whole list)', async () => {
    const dana = 'dana.whitfield@example.com';
    const token = await signInAs(dana, SEEDED_PASSWORDS[dana]!);
    const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
    const asked: [string, Record<string, string>, string, string][] = [
      ['/customers/cust-1001/jobs?search=furnace', {}, 'search', 'There is no "search" in this request: its address takes year, q, limit, cursor.'],
      ['/customers/cust-1001/invoices?status=open&bogus=1', {}, 'bogus', 'There is no "bogus" in this request: its address takes status, limit, cursor.'],
      ['/customers/cust-1001/balance?status=open', {}, 'status', 'There is no "status" in this request: its address takes no query parameters.'],
      ['/office/outbox?pending&limit=5', office, 'limit', 'There is no "limit" in this request: its address takes pending.'],
      ['/scheduling/availability?from=2026-12-01&days=3', {}, 'days', 'There is no "days" in this request: its address takes from, to.'],
      [`/customers/cust-1001/jobs?${'x'.repeat(80)}=1`, {}, 'x'.repeat(80), `There is no "${'x'.repeat(60)}…" in this request: its address takes year, q, limit, cursor.`],
    ];
    for (const [path, headers, field, message] of asked) {
      const answer = await api('GET', path, { token, headers });
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field, answer.body.error?.message], path).to.deep.equal([400, 'VALIDATION', field, message]);
    }
    // The parameters a route reads still work.
    expect((await api('GET', '/customers/cust-1001/jobs?q=furnace&limit=5', { token })).status).to.equal(200);
    expect((await api('GET', '/office/outbox?pending', { headers: office })).status).to.equal(200);
  });

  it('refuses what only looks like a word or a date to the office routes: toString as a status, month 13, settings nested 8000 deep', async () => {
    for (const status of ['toString', 'constructor', '__proto__', 'valueOf']) {
      const answer = await api('PUT', '/office/appointments/appt-job-u1/status', { headers: office, body: { status } });
      expect([answer.status, answer.body.error?.details?.field], status).to.deep.equal([400, 'status']);
    }
    const deep = `{"visitsMessage":${'['.repeat(8000)}${']'.repeat(8000)}}`;
    const nested = await api('PUT', '/office/settings', { headers: office, body: deep });
    expect(nested.status, JSON.stringify(nested.body)).to.equal(400);
    expect(nested.body.error.message).to.contain('nested too deeply');
  });

  it('checks office inputs like customer inputs: a malformed URL, a bad hostname, an over-long text', async () => {
    const invitation = await api('POST', '/office/invitations', { headers: office, body: { email: 'dana.whitfield@example.com', portalUrl: 'not a url' } });
    expect(invitation.status).to.equal(400);
    expect(invitation.body.error.details.field).to.equal('portalUrl');
    const elsewhere = await api('POST', '/office/invitations', { headers: office, body: { email: 'dana.whitfield@example.com', portalUrl: 'https://evil.example/x' } });
    expect([elsewhere.status, elsewhere.body.error.details.field]).to.deep.equal([400, 'portalUrl']);
    // Marcus has no account yet (Dana has one, and an invitation to her is refused as sign-up would be).
    const own = await api('POST', '/office/invitations', { headers: office, body: { email: 'marcus.reyes@example.com', portalUrl: `${ORIGIN}/portal` } });
    expect(own.status, JSON.stringify(own.body)).to.be.below(300);
    // The message as the outbox lists it: one shape for the office to read.
    const listed = ((await api('GET', '/office/outbox', { headers: office })).body as unknown[])[0];
    expect(own.body).to.deep.equal(listed);
    expect(Object.keys(own.body)).to.have.members(['id', 'to', 'subject', 'body', 'html', 'link', 'kind', 'sentAt', 'deliveredAt']);
    const settings = (await api('GET', '/office/settings', { headers: office })).body;
    const longText = await api('PUT', '/office/settings', { headers: office, body: { ...settings, visitsMessage: 'x'.repeat(2_001) } });
    expect(longText.status).to.equal(400);
    expect(longText.body.error.details.field).to.equal('visitsMessage');
    const host = await api('PUT', '/office/settings', { headers: office, body: { ...settings, hostname: 'https://portal.example.com/path' } });
    expect(host.status).to.equal(400);
    expect(host.body.error.details.field).to.equal('hostname');
    const link = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: 'https://evil.example/' } });
    expect(link.status).to.equal(400);
  });
});
