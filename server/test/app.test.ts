/** The HTTP app around the backend, driven with `app.request()` (no port needed). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createApp, type AppOptions } from '../src/app.js';
import { redactSecrets, routeOf } from '../src/log.js';
import { FakeBackend, delay, memoryLog, never } from './helpers/fake-backend.js';

const SITE = 'https://www.northwind.example';

function setup(options: Partial<AppOptions> = {}) {
  const backend = new FakeBackend();
  const { lines, log } = memoryLog();
  const app = createApp({ backend, log, ...options });
  return { backend, app, lines };
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string; details: object } };
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 10, 'a clear message');
  assert.deepEqual(body.error.details, {});
  assert.ok(!/at .*\.(ts|js):\d+/.test(body.error.message), 'no stack trace');
  return body.error;
}

describe('server app', () => {
  describe('health and readiness', () => {
    it('GET /healthz answers 200 while the process is up, without asking the database', async () => {
      const { app, backend } = setup();
      let pinged = false;
      backend.ping = async () => {
        pinged = true;
      };
      const response = await app.request('/healthz');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
      assert.equal(pinged, false);
    });

    it('GET /readyz answers 200 when the database answers', async () => {
      const { app } = setup();
      const response = await app.request('/readyz');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ready' });
    });

    it('GET /readyz answers 503 with a clear error when the database is unreachable', async () => {
      const { app, backend, lines } = setup();
      backend.ping = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      const response = await app.request('/readyz');
      assert.equal(response.status, 503);
      assert.equal((await errorOf(response)).code, 'BAD_RESPONSE');
      assert.equal(response.headers.get('retry-after'), '5');
      assert.ok(lines.some((line) => line.msg === 'not ready' && String(line.reason).includes('ECONNREFUSED')));
    });

    it('GET /readyz answers 503 in time when the database hangs', async () => {
      const { app, backend } = setup({ readyTimeoutMs: 100 });
      backend.ping = never;
      const started = Date.now();
      const response = await app.request('/readyz');
      assert.equal(response.status, 503);
      assert.ok(Date.now() - started < 1000);
    });

    it('GET /readyz answers 503 once shutdown began, so a load balancer stops sending traffic', async () => {
      let shuttingDown = false;
      const { app } = setup({ isShuttingDown: () => shuttingDown });
      assert.equal((await app.request('/readyz')).status, 200);
      shuttingDown = true;
      const response = await app.request('/readyz');
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('connection'), 'close');
    });
  });

  describe('the REST contract, passed through', () => {
    it('hands the request to the backend as it came: method, path, query, headers and body', async () => {
      const { app, backend } = setup();
      const response = await app.request('/api/customers/c1/payments?x=1', {
        method: 'POST',
        headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
        body: JSON.stringify({ amount: 100 }),
      });
      assert.equal(response.status, 200);
      const [received] = backend.received;
      assert.ok(received);
      assert.equal(received.method, 'POST');
      assert.equal(new URL(received.url).pathname + new URL(received.url).search, '/api/customers/c1/payments?x=1');
      assert.equal(received.headers.get('authorization'), 'Bearer abc');
      assert.equal(received.headers.get('idempotency-key'), 'k-1');
      assert.equal(received.body, '{"amount":100}');
    });

    it('answers HEAD as GET without the content (the backend is asked GET)', async () => {
      const { app, backend } = setup();
      backend.reply = () => Response.json({ companyName: 'Northwind' }, { headers: { 'Cache-Control': 'no-store' } });
      const response = await app.request('/api/settings', { method: 'HEAD', headers: { Authorization: 'Bearer abc' } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(await response.text(), '');
      assert.deepEqual(
        backend.received.map((r) => [r.method, new URL(r.url).pathname, r.headers.get('authorization')]),
        [['GET', '/api/settings', 'Bearer abc']],
      );
    });

    it("passes the backend's answer back: status, body and its own headers", async () => {
      const { app, backend } = setup();
      backend.reply = () =>
        new Response(JSON.stringify({ error: { code: 'LOCKED_OUT', message: 'Too many.', details: { retryAfterSeconds: 900 } } }), {
          status: 423,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '900' },
        });
      const response = await app.request('/api/auth/sign-in', { method: 'POST' });
      assert.equal(response.status, 423);
      assert.equal(response.headers.get('retry-after'), '900');
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'LOCKED_OUT');
    });

    it('passes a PDF through byte for byte', async () => {
      const { app, backend } = setup();
      const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
      backend.reply = () =>
        new Response(bytes, { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="INV-1.pdf"' } });
      const response = await app.request('/api/customers/c1/invoices/i1/pdf');
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(new Uint8Array(await response.arrayBuffer()), bytes);
    });

    it('answers a path outside the contract with the contract’s 404, without the backend', async () => {
      const { app, backend } = setup();
      const response = await app.request('/wp-login.php');
      assert.equal(response.status, 404);
      assert.equal((await errorOf(response)).code, 'NOT_FOUND');
      assert.equal(backend.received.length, 0);
    });
  });

  describe('security headers', () => {
    for (const path of ['/api/settings', '/healthz', '/nowhere']) {
      it(`every answer (${path}) says no-referrer, nosniff and no-store`, async () => {
        const { app, backend } = setup();
        // Even when the backend forgot its own Cache-Control.
        backend.reply = () => new Response('{}', { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=3600' } });
        const response = await app.request(path);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      });
    }
  });

  describe('CORS', () => {
    it("allows the contractor's site: the origin is echoed, with Vary: Origin", async () => {
      const { app } = setup();
      const response = await app.request('/api/settings', { headers: { Origin: SITE } });
      assert.equal(response.headers.get('access-control-allow-origin'), SITE);
      assert.match(response.headers.get('vary') ?? '', /origin/i);
      assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    });

    it('gives any other site no CORS header (the browser refuses it the answer)', async () => {
      const { app } = setup();
      const response = await app.request('/api/settings', { headers: { Origin: 'https://evil.example' } });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    it("answers a preflight from the contractor's site with the contract's methods and headers", async () => {
      const { app, backend } = setup();
      const response = await app.request('/api/customers/c1/payments', {
        method: 'OPTIONS',
        headers: {
          Origin: SITE,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key,x-porchlight-link',
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), SITE);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
      // X-Porchlight-Link: a link's page on the contractor's site (<portal-estimate>, <portal-pay>, <portal-visit-status>).
      for (const header of ['authorization', 'content-type', 'idempotency-key', 'x-porchlight-link']) assert.ok(allowed.includes(header), header);
      assert.ok(!allowed.includes('x-porchlight-office-key'), 'office calls are not for browsers on other sites');
      assert.equal(backend.received.length, 0);
    });

    it('refuses a preflight from another site', async () => {
      const { app } = setup();
      const response = await app.request('/api/auth/sign-in', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    it('follows the settings: a new hostname is allowed once the cache expires', async () => {
      const { app, backend } = setup({ originsCacheMs: 0 });
      const other = 'https://portal.northwind.example';
      assert.equal((await app.request('/api/settings', { headers: { Origin: other } })).headers.get('access-control-allow-origin'), null);
      backend.origins = [...backend.origins, other];
      assert.equal((await app.request('/api/settings', { headers: { Origin: other } })).headers.get('access-control-allow-origin'), other);
    });

    it('does not ask the database when the request has no Origin', async () => {
      const { app, backend } = setup();
      await app.request('/api/settings');
      assert.equal(backend.originsAsked, 0);
    });
  });

  describe('body size limit', () => {
    it('refuses a body over the limit with 413 in the contract’s error shape, before the backend', async () => {
      const { app, backend } = setup({ maxBodyBytes: 1024 });
      const response = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2000) }),
      });
      assert.equal(response.status, 413);
      const error = await errorOf(response);
      assert.equal(error.code, 'VALIDATION');
      assert.match(error.message, /1 KB/);
      assert.equal(backend.received.length, 0);
    });

    it('counts a body sent without Content-Length (chunked) too', async () => {
      const { app, backend } = setup({ maxBodyBytes: 1024 });
      const chunk = new TextEncoder().encode('x'.repeat(600));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunk);
          controller.enqueue(chunk);
          controller.close();
        },
      });
      const response = await app.request('/api/auth/sign-in', { method: 'POST', body, duplex: 'half' } as RequestInit);
      assert.equal(response.status, 413);
      assert.equal(backend.received.length, 0);
    });

    it('holds a chunked body only up to its route’s limit, not the server’s cap: the backend gets it cut short, for its own 413', async () => {
      const { app, backend } = setup({ maxBodyBytes: 1024 * 1024 });
      backend.bodyLimitFor = (method, pathname) => (pathname === '/api/auth/sign-in' ? 1000 : 1024 * 1024);
      let pulled = 0;
      const piece = new TextEncoder().encode('x'.repeat(400));
      // 100 pieces offered (40,000 bytes), far under the server's cap: only what the route takes is read.
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled++ === 100) controller.close();
          else controller.enqueue(piece);
        },
      });
      const response = await app.request('/api/auth/sign-in', { method: 'POST', body, duplex: 'half' } as RequestInit);
      assert.equal(response.status, 200, 'the fake backend answers; a real one refuses by the size it gets');
      const received = backend.received[0]?.body ?? '';
      assert.ok(received.length > 1000 && received.length <= 1400, `the backend got ${received.length} bytes: just past the route's 1,000`);
      assert.ok(pulled < 10, `${pulled} pieces were read from the client`);
    });

    it('lets a body within the limit through whole', async () => {
      const { app, backend } = setup({ maxBodyBytes: 1024 });
      const body = JSON.stringify({ text: 'x'.repeat(1000) });
      assert.ok(body.length <= 1024);
      const response = await app.request('/api/office/settings', { method: 'PUT', body });
      assert.equal(response.status, 200);
      assert.equal(backend.received[0]?.body, body);
    });
  });

  describe('when the database fails', () => {
    it('answers 503 in time when the backend does not answer (never hangs)', async () => {
      const { app, backend } = setup({ requestTimeoutMs: 100, readyTimeoutMs: 100 });
      backend.reply = never;
      const started = Date.now();
      const response = await app.request('/api/customers/c1/invoices');
      assert.equal(response.status, 503);
      assert.equal((await errorOf(response)).code, 'BAD_RESPONSE');
      assert.equal(response.headers.get('retry-after'), '5');
      assert.ok(Date.now() - started < 1000);
    });

    it('says a write past its time may still be done (not that the database is away), and logs a timeout', async () => {
      const { app, backend, lines } = setup({ requestTimeoutMs: 100, readyTimeoutMs: 100 });
      backend.reply = never;
      const payment = await app.request('/api/customers/c1/payments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
        body: '{"invoiceId":"i1","amount":1000}',
      });
      assert.equal(payment.status, 503);
      const said = (await errorOf(payment)).message;
      assert.match(said, /took too long.*may still be done: check before you try again/);
      assert.doesNotMatch(said, /cannot reach its database/);
      const read = await app.request('/api/customers/c1/invoices');
      assert.equal((await errorOf(read)).message, 'The portal took too long to answer. Try again in a moment.');
      const logged = lines.filter((line) => line.level === 'error').map((line) => line.msg);
      assert.deepEqual(logged, ['request timed out', 'request timed out']);
    });

    it('lets a route that says it takes longer (the records import) run past the request timeout, and no other', async () => {
      const { app, backend } = setup({ requestTimeoutMs: 100, readyTimeoutMs: 100 });
      backend.reply = async () => {
        await delay(300);
        return Response.json({ imported: {} });
      };
      backend.timeoutFor = (method, pathname) => (method === 'POST' && pathname === '/api/office/import' ? 5_000 : undefined);
      assert.equal((await app.request('/api/office/import', { method: 'POST' })).status, 200);
      assert.equal((await app.request('/api/customers/c1/invoices')).status, 503);
    });

    it('answers 503 when the backend throws and the database does not answer', async () => {
      const { app, backend, lines } = setup();
      backend.reply = () => Promise.reject(new Error('Connection terminated unexpectedly'));
      backend.ping = () => Promise.reject(new Error('connect ECONNREFUSED'));
      const response = await app.request('/api/customers/c1/balance');
      assert.equal(response.status, 503);
      assert.equal((await errorOf(response)).code, 'BAD_RESPONSE');
      assert.equal(response.headers.get('retry-after'), '5');
      assert.ok(lines.some((line) => line.level === 'error' && line.msg === 'database unavailable'));
    });

    it("turns the backend's 500 into 503 when the database is the cause", async () => {
      const { app, backend } = setup();
      backend.reply = () => Response.json({ error: { code: 'BAD_RESPONSE', message: 'Something went wrong on our side.' } }, { status: 500 });
      backend.ping = () => Promise.reject(new Error('connect ECONNREFUSED'));
      assert.equal((await app.request('/api/customers/c1/balance')).status, 503);
    });

    it("keeps the backend's 500 when the database is fine (a bug, not an outage)", async () => {
      const { app, backend } = setup();
      backend.reply = () => Response.json({ error: { code: 'BAD_RESPONSE', message: 'Something went wrong on our side.' } }, { status: 500 });
      assert.equal((await app.request('/api/customers/c1/balance')).status, 500);
    });

    it('answers a thrown error with 500 and no stack trace when the database is fine', async () => {
      const { app, backend } = setup();
      backend.reply = () => Promise.reject(new TypeError('Cannot read properties of undefined'));
      const response = await app.request('/api/customers/c1/balance');
      assert.equal(response.status, 500);
      const error = await errorOf(response);
      assert.equal(error.code, 'BAD_RESPONSE');
      assert.ok(!error.message.includes('undefined'));
    });
  });

  describe('logs', () => {
    it('writes one line per request: request id (also in X-Request-Id), method, route, status, time', async () => {
      const { app, lines } = setup();
      const response = await app.request('/api/customers/c_81/invoices?status=open');
      const requestLines = lines.filter((line) => line.msg === 'request');
      assert.equal(requestLines.length, 1);
      const line = requestLines[0]!;
      assert.equal(line.requestId, response.headers.get('x-request-id'));
      assert.match(String(line.requestId), /^[0-9a-f-]{36}$/);
      assert.equal(line.method, 'GET');
      assert.equal(line.route, '/api/customers/:id/invoices');
      assert.equal(line.status, 200);
      assert.equal(typeof line.ms, 'number');
    });

    it('never writes a password, a token, a card number, a link, an id or a query string', async () => {
      const { app, lines, backend } = setup();
      backend.reply = () => Response.json({ token: 'session-token-abcdef' });
      const secrets = {
        password: 'maple street furnace 1987',
        bearer: 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MA',
        card: '4242424242424242',
        resetToken: 'rst_Q2hhcmxpZQ8b1f',
        customer: 'cus_dana_whitfield',
        email: 'dana.whitfield@example.com',
      };
      await app.request('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ email: secrets.email, password: secrets.password }) });
      await app.request(`/api/customers/${secrets.customer}/payments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secrets.bearer}` },
        body: JSON.stringify({ card: { number: secrets.card } }),
      });
      await app.request(`/api/auth/password-reset/confirm?token=${secrets.resetToken}`, { method: 'POST' });
      await app.request(`/api/links/${secrets.resetToken}`);
      const written = JSON.stringify(lines);
      for (const [name, secret] of Object.entries(secrets)) assert.ok(!written.includes(secret), `${name} leaked into the log`);
      assert.ok(!written.includes('session-token-abcdef'));
      assert.ok(!written.includes('?'));
      assert.deepEqual(
        lines.filter((line) => line.msg === 'request').map((line) => line.route),
        ['/api/auth/sign-in', '/api/customers/:id/payments', '/api/auth/password-reset/confirm', '/api/links/:id'],
      );
    });

    it('keeps secrets a failing backend or database quotes in its error out of the log', async () => {
      const { app, backend, lines } = setup();
      const quoted = {
        card: '4242 4242 4242 4242',
        cardPlain: '4000000000000002',
        token: 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MA',
        email: 'dana.whitfield@example.com',
      };
      backend.reply = () =>
        Promise.reject(new Error(`invalid input syntax: "${quoted.card}", "${quoted.cardPlain}", token ${quoted.token} for ${quoted.email}`));
      assert.equal((await app.request('/api/customers/c1/balance')).status, 500);
      const failure = lines.find((line) => line.msg === 'backend failed');
      assert.ok(failure, 'the failure is logged');
      assert.match(String(failure.reason), /invalid input syntax/, 'with what went wrong');
      const written = JSON.stringify(lines);
      for (const [name, secret] of Object.entries(quoted)) assert.ok(!written.includes(secret), `${name} leaked into the log`);
    });

    it('redacts card numbers, tokens and emails but keeps ordinary words and short numbers', () => {
      assert.equal(
        redactSecrets('card 4242-4242-4242-4242 and 4242424242424242, key Zm9vYmFyYmF6cXV4cXV1eHh5, mail a.b@c.example'),
        'card [number] and [number], key [token], mail [email]',
      );
      assert.equal(redactSecrets(`hash ${'0123456789abcdef'.repeat(4)}.`), 'hash [token].');
      // An office key from `openssl rand -hex 12`, a prefixed key, a lower-case password with digits.
      for (const secret of ['34b11d731f81ed632808f387', `sk_live_${'0123456789abcdef'.repeat(2)}`, 'correcthorse2battery9staple']) {
        assert.equal(redactSecrets(`given ${secret} here`), 'given [token] here', secret);
      }
    });

    it('keeps what an operator needs to read in a failure: hostnames, paths and migration names', () => {
      for (const text of [
        'getaddrinfo ENOTFOUND pg-primary-2026-east1.invalid',
        "EEXIST: file already exists, mkdir '/tmp/op/backups2026-11-28-restore'",
        'previously executed migration 0013-search-without-invoice-number is missing',
      ]) {
        assert.equal(redactSecrets(text), text);
      }
      assert.equal(redactSecrets('timeout exceeded after 15000 ms on SQLITE_BUSY'), 'timeout exceeded after 15000 ms on SQLITE_BUSY');
      assert.equal(redactSecrets('Connection terminated unexpectedly'), 'Connection terminated unexpectedly');
    });

    it('names every path of the contract by its words, and only ids and tokens as :id', () => {
      assert.equal(routeOf('/api/customers/cust-1001/estimates/est-2001/approve'), '/api/customers/:id/estimates/:id/approve');
      assert.equal(routeOf('/api/links/Zm9vYmFyYmF6cXV4cXV1eHh5/open'), '/api/links/:id/open');
      assert.equal(routeOf('/api/customers/4242424242424242/invoices'), '/api/customers/:id/invoices');
      assert.equal(routeOf('/api/auth/dana.whitfield@example.com'), '/api/auth/:id');
    });

    it('knows every word of every path the backend serves, so a new route is never logged as :id', () => {
      // The backend keeps its route table private (backend.ts gathers each rules file's routes): read
      // every route's path where it is declared, as the literal `path: '/…'`, in any file of backend/.
      const backendDir = new URL('../../backend/', import.meta.url);
      const files = readdirSync(backendDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
      const paths = files.flatMap((file) => [...readFileSync(new URL(file, backendDir), 'utf8').matchAll(/\bpath: '(\/[^']*)'/g)].map((match) => match[1]!));
      assert.ok(paths.length > 50, `only ${paths.length} routes found: has the way routes are declared changed?`);
      assert.ok(paths.includes('/office/outbox/:messageId/delivered'));
      for (const path of new Set(paths)) {
        const expected = `/api${path}`.replace(/\/:[^/]+/g, '/:id');
        assert.equal(routeOf(`/api${path}`), expected, `a word of ${path} is missing from PATH_WORDS (server/src/log.ts)`);
      }
      for (const path of ['/healthz', '/readyz']) assert.equal(routeOf(path), path);
    });

    it('names a route by its pattern, whatever a client puts in the path', () => {
      assert.equal(routeOf('/api/customers/c1/invoices/inv%2F9/pdf'), '/api/customers/:id/invoices/:id/pdf');
      assert.equal(routeOf('/api/customers/c1/statement/pdf'), '/api/customers/:id/statement/pdf');
      assert.equal(routeOf('/api/office/business-units'), '/api/office/business-units');
      assert.equal(routeOf('/api/Settings'), '/api/settings');
      assert.equal(routeOf('/api/auth/../../etc/passwd'), '/api/auth/:id/:id/:id/:id');
      assert.ok(routeOf(`/api/${'a/'.repeat(500)}`).length <= 201);
    });

    it('takes a proxy’s request id only when the proxy is trusted, and only a sane one', async () => {
      const plain = setup();
      const ignored = await plain.app.request('/healthz', { headers: { 'X-Request-Id': 'lb-123' } });
      assert.notEqual(ignored.headers.get('x-request-id'), 'lb-123');

      const proxied = setup({ trustProxyHops: 1 });
      assert.equal((await proxied.app.request('/healthz', { headers: { 'X-Request-Id': 'lb-123' } })).headers.get('x-request-id'), 'lb-123');
      const forged = await proxied.app.request('/healthz', { headers: { 'X-Request-Id': 'a"} {"level":"error' } });
      assert.match(forged.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe("the client's address", () => {
    it('ignores X-Forwarded-For unless told a proxy is in front', async () => {
      const { app, backend } = setup();
      await app.request('/api/auth/sign-in', { method: 'POST', headers: { 'X-Forwarded-For': '203.0.113.9' } });
      assert.equal(backend.received[0]?.context?.clientAddress, undefined);
    });

    it('takes the address the trusted proxy appended (the last entry), not what the client wrote', async () => {
      const { app, backend } = setup({ trustProxyHops: 1 });
      await app.request('/api/auth/sign-in', { method: 'POST', headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' } });
      assert.equal(backend.received[0]?.context?.clientAddress, '203.0.113.9');
    });

    it('counts hops from the end with two proxies', async () => {
      const { app, backend } = setup({ trustProxyHops: 2 });
      await app.request('/api/auth/sign-in', { method: 'POST', headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9, 10.0.0.2' } });
      assert.equal(backend.received[0]?.context?.clientAddress, '203.0.113.9');
    });

    it('ignores an entry that is not an address', async () => {
      const { app, backend } = setup({ trustProxyHops: 1 });
      await app.request('/api/auth/sign-in', { method: 'POST', headers: { 'X-Forwarded-For': 'unknown' } });
      assert.equal(backend.received[0]?.context?.clientAddress, undefined);
    });
  });
});
