/** The app on a real socket on 127.0.0.1: dropped connections, the client's address, graceful shutdown. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createApp, DEFAULT_MAX_BODY_BYTES, type AppOptions } from '../src/app.js';
import { listen, type RunningServer } from '../src/listen.js';
import { FakeBackend, delay, memoryLog, never } from './helpers/fake-backend.js';

describe('server on a socket', () => {
  let running: RunningServer | undefined;
  let shuttingDown = false;
  afterEach(async () => {
    await running?.close(100);
    running = undefined;
    shuttingDown = false;
  });

  async function start(backend: FakeBackend, log = memoryLog().log, options: Partial<AppOptions> = {}) {
    const app = createApp({ backend, log, isShuttingDown: () => shuttingDown, ...options });
    running = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', log });
    return running;
  }

  /**
   * Sends `raw` as it is over a socket and resolves with everything the server wrote back once it closes.
   * `keepOpen`: the client does not end its side first (a server may close a half-closed one early).
   */
  function rawExchange(port: number, raw: string, keepOpen = false): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => (keepOpen ? socket.write(raw) : socket.end(raw)));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  describe('a request too odd for the app', () => {
    it('answers an HTTP/1.0 health check with no Host header', async () => {
      const { port } = await start(new FakeBackend());
      const answer = await rawExchange(port, 'GET /readyz HTTP/1.0\r\n\r\n');
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.match(answer, /"status":"ready"/);
    });

    it('answers an HTTP/1.1 request with no Host header too', async () => {
      const { port } = await start(new FakeBackend());
      const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.match(answer, /\{"status":"ok"\}$/);
    });

    it('refuses an Expect it does not know with 417 in the contract’s JSON', async () => {
      const { lines, log } = memoryLog();
      const { port } = await start(new FakeBackend(), log);
      const answer = await rawExchange(port, 'POST /api/auth/sign-in HTTP/1.1\r\nHost: a\r\nExpect: coffee\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
      assert.match(answer, /^HTTP\/1\.1 417 /);
      assert.match(answer, /"code":"VALIDATION","message":"The Expect header/);
      assert.ok(lines.some((line) => line.status === 417 && line.refused === 'expect'));
    });

    it('answers a whole request pipelined before garbage with its own answer, never with the refusal', async () => {
      const { lines, log } = memoryLog();
      const backend = new FakeBackend();
      backend.reply = async () => {
        await delay(100);
        return Response.json({ ok: true });
      };
      const { port } = await start(backend, log);
      // The server closes the connection after the answer: the garbage gets none.
      const answer = await rawExchange(port, 'GET /api/settings HTTP/1.1\r\nHost: a\r\n\r\nBLAH\x01 / HTTP/1.1\r\n\r\n', true);
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.match(answer, /\{"ok":true\}$/);
      assert.doesNotMatch(answer, /malformed/);
      assert.ok(lines.some((line) => line.route === '/api/settings' && line.status === 200));
      assert.ok(lines.some((line) => line.refused && line.status === 0), JSON.stringify(lines));
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    });

    it('answers a path or Host it cannot read with the contract’s JSON, its headers and a log line', async () => {
      const { lines, log } = memoryLog();
      const { port } = await start(new FakeBackend(), log);
      for (const raw of ['GET /api\\settings HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 'GET /api/settings HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n']) {
        const answer = await rawExchange(port, raw);
        assert.match(answer, /^HTTP\/1\.1 400 /, raw);
        assert.match(answer, /\r\nx-request-id: [0-9a-f-]{36}\r\n/i, raw);
        assert.match(answer, /\r\ncache-control: no-store\r\n/i, raw);
        assert.match(answer, /\{"error":\{"code":"VALIDATION","message":"The request is malformed[^"]*","details":\{\}\}\}$/, raw);
      }
      assert.equal(lines.filter((line) => line.msg === 'request' && line.status === 400 && line.refused).length, 2);
    });

    it('answers headers too large for Node’s parser with a 431 in JSON, then closes', async () => {
      const { lines, log } = memoryLog();
      const { port } = await start(new FakeBackend(), log);
      const answer = await rawExchange(port, `GET /api/settings/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 431 /);
      assert.match(answer, /"code":"VALIDATION","message":"The request's address or headers are too large\."/);
      assert.ok(lines.some((line) => line.status === 431 && line.refused === 'HPE_HEADER_OVERFLOW'));
      // The server serves on.
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    });
  });

  it('drops the connection when the backend answers Response.error() (a payment whose answer is lost), then serves on', async () => {
    const backend = new FakeBackend();
    const { lines, log } = memoryLog();
    backend.reply = (request) => (new URL(request.url).pathname.endsWith('/payments') ? Response.error() : Response.json({ ok: true }));
    const { url } = await start(backend, log);
    await assert.rejects(
      fetch(`${url}/api/customers/c1/payments`, { method: 'POST', body: '{}' }),
      (error: Error) => error instanceof TypeError && /fetch failed/.test(error.message),
    );
    const line = lines.find((entry) => entry.msg === 'request' && entry.route === '/api/customers/:id/payments');
    assert.equal(line?.status, 0);
    assert.equal(line?.dropped, true);
    // Not a 500, not a crash: the next request is answered.
    assert.equal((await fetch(`${url}/api/settings`)).status, 200);
  });

  it("passes the socket's address to the backend", async () => {
    const backend = new FakeBackend();
    const { url } = await start(backend);
    await fetch(`${url}/api/auth/sign-in`, { method: 'POST', body: '{}' });
    assert.match(backend.received[0]?.context?.clientAddress ?? '', /127\.0\.0\.1$/);
  });

  it('refuses an over-long body sent over the wire with 413, not a broken connection', async () => {
    const backend = new FakeBackend();
    const { url } = await start(backend);
    const response = await fetch(`${url}/api/auth/sign-up`, { method: 'POST', body: 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 1) });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'VALIDATION');
  });

  describe('a body that arrives slowly', () => {
    const SIGN_IN = JSON.stringify({ email: 'dana.whitfield@example.com', password: 'maple street furnace 1987' });

    /**
     * POSTs `body` in `parts` pieces, one every `everyMs`, announced by Content-Length or sent chunked.
     * `stopAfter` pieces, then the client goes away: resolves with what the socket saw instead.
     */
    function sendSlowly(url: string, body: string, options: { parts: number; everyMs: number; chunked: boolean; stopAfter?: number }) {
      const { parts, everyMs, chunked, stopAfter } = options;
      const size = Math.ceil(body.length / parts);
      const pieces = Array.from({ length: parts }, (_, i) => body.slice(i * size, (i + 1) * size));
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
      if (!chunked) headers['Content-Length'] = Buffer.byteLength(body);
      return new Promise<{ status: number; body: string } | { aborted: true }>((resolve, reject) => {
        const req = httpRequest(`${url}/api/auth/sign-in`, { method: 'POST', headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', (error) => (stopAfter === undefined ? reject(error) : resolve({ aborted: true })));
        void (async () => {
          for (const [i, piece] of pieces.entries()) {
            if (i === stopAfter) {
              req.destroy();
              resolve({ aborted: true });
              return;
            }
            req.write(piece);
            await delay(everyMs);
          }
          req.end();
        })();
      });
    }

    it('refuses an office call without the office key before its body arrives: no one without the key makes it hold 8 MB', async function () {
      this.timeout(5_000);
      const backend = new FakeBackend();
      backend.officeRefusal = (method, pathname, headers) =>
        pathname.startsWith('/api/office/') && headers.get('X-Porchlight-Office-Key') !== 'the-key' ? 'That office key is not the one this server uses.' : null;
      const { url } = await start(backend);
      // 8 MB announced, 1 KB sent, and the rest never: the answer comes all the same.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${url}/api/office/import`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': 8_000_000, 'X-Porchlight-Office-Key': 'a guess' },
        }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
            req.destroy();
          });
        });
        req.on('error', reject);
        req.write('x'.repeat(1_000));
      });
      assert.equal(answer.status, 403);
      assert.equal(JSON.parse(answer.body).error.message, 'That office key is not the one this server uses.');
      assert.deepEqual(backend.received, [], 'the backend is not asked');
      // With the key, the body is read and handed on as before.
      assert.equal((await fetch(`${url}/api/office/import`, { method: 'POST', headers: { 'X-Porchlight-Office-Key': 'the-key', 'Content-Type': 'application/json' }, body: '{}' })).status, 200);
    });

    it('hands a body declared larger than its route takes to the backend at once, unread, for it to refuse (no buffering up to the server cap)', async function () {
      this.timeout(5_000);
      let handedAt = 0;
      const backend = new (class extends FakeBackend {
        override async handle() {
          handedAt = Date.now();
          return Response.json({ error: { code: 'VALIDATION', message: 'Too large.', details: {} } }, { status: 413 });
        }
      })();
      backend.bodyLimitFor = (method, pathname) => (method === 'POST' && pathname === '/api/auth/sign-in' ? 100 : 1_000_000);
      const { url } = await start(backend);
      // 5,000 bytes declared, sent over about a second: the route takes 100.
      const sentAt = Date.now();
      await sendSlowly(url, 'x'.repeat(5_000), { parts: 5, everyMs: 250, chunked: false });
      assert.ok(handedAt > 0, 'the backend was asked');
      assert.ok(handedAt - sentAt < 600, `handed on after ${handedAt - sentAt} ms: the server waited for the body`);
    });

    for (const chunked of [false, true]) {
      const how = chunked ? 'sent chunked' : 'with Content-Length';
      it(`answers a body ${how} that takes longer than --request-timeout-ms to arrive, as usual: the clock starts once it has`, async function () {
        this.timeout(5_000);
        const backend = new FakeBackend();
        const { lines, log } = memoryLog();
        const { url } = await start(backend, log, { requestTimeoutMs: 300 });
        // 8 pieces 110 ms apart: the body takes about 800 ms, the timeout is 300 ms.
        const answer = await sendSlowly(url, SIGN_IN, { parts: 8, everyMs: 110, chunked });
        assert.deepEqual(answer, { status: 200, body: '{"ok":true}' });
        assert.equal(backend.received[0]?.body, SIGN_IN, 'the backend gets the whole body');
        assert.ok(!lines.some((line) => line.level === 'error'), JSON.stringify(lines));
      });

      it(`answers 400 when the client goes away mid-body (${how}), logs no error, and serves on`, async function () {
        this.timeout(5_000);
        const backend = new FakeBackend();
        const { lines, log } = memoryLog();
        const { url } = await start(backend, log, { requestTimeoutMs: 300 });
        assert.deepEqual(await sendSlowly(url, SIGN_IN, { parts: 8, everyMs: 50, chunked, stopAfter: 3 }), { aborted: true });
        // The client is gone: the request's log line says what the server answered.
        const deadline = Date.now() + 2_000;
        while (!lines.some((line) => line.msg === 'request') && Date.now() < deadline) await delay(20);
        const line = lines.find((entry) => entry.msg === 'request');
        assert.equal(line?.route, '/api/auth/sign-in');
        assert.equal(line?.status, 400);
        assert.deepEqual(backend.received, [], 'half a body never reaches the backend');
        // Wait past the request timeout: nothing fires later either.
        await delay(400);
        assert.ok(!lines.some((entry) => entry.level === 'error'), JSON.stringify(lines));
        assert.equal((await fetch(`${url}/api/settings`)).status, 200);
        const again = await sendSlowly(url, SIGN_IN, { parts: 2, everyMs: 10, chunked });
        assert.deepEqual(again, { status: 200, body: '{"ok":true}' });
      });
    }
  });

  describe('graceful shutdown', () => {
    it('stops accepting, lets the request in flight finish, then closes', async () => {
      const backend = new FakeBackend();
      let finished = false;
      backend.reply = async () => {
        await delay(400);
        finished = true;
        return Response.json({ paid: true });
      };
      const server = await start(backend);
      const inFlight = fetch(`${server.url}/api/customers/c1/payments`, { method: 'POST', body: '{}' });
      await delay(100);
      shuttingDown = true;
      const closed = server.close(5_000);
      await delay(50);
      // A new connection is refused at once.
      await assert.rejects(fetch(`${server.url}/healthz`), TypeError);
      const response = await inFlight;
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { paid: true });
      assert.equal(response.headers.get('connection'), 'close');
      assert.deepEqual(await closed, { forced: false });
      assert.equal(finished, true);
    });

    it('closes an idle keep-alive connection at once instead of waiting for it', async () => {
      const backend = new FakeBackend();
      const server = await start(backend);
      // An idle keep-alive socket, as a browser or a load balancer keeps.
      const agentResponse = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/healthz`, { headers: { Connection: 'keep-alive' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(agentResponse, 200);
      const started = Date.now();
      assert.deepEqual(await server.close(5_000), { forced: false });
      assert.ok(Date.now() - started < 1_000);
    });

    it('ends what is still running at the deadline', async () => {
      const backend = new FakeBackend();
      backend.reply = never;
      const server = await start(backend);
      const hanging = fetch(`${server.url}/api/customers/c1/balance`).catch((error: unknown) => error);
      await delay(100);
      const started = Date.now();
      assert.deepEqual(await server.close(300), { forced: true });
      assert.ok(Date.now() - started < 2_000);
      assert.ok((await hanging) instanceof TypeError, 'the hanging request is cut');
    });
  });
});
