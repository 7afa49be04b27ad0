/**
 * The HTTP app: what a server owes the Internet around the backend's `Request → Response` function.
 * CORS for the contractor's own sites, security headers, a body size limit, a request id and one log
 * line per request, health and readiness, a timeout so nothing hangs, and the client's address. Every
 * rule of the portal stays in the backend: this file only wires.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { sizeInWords } from '../../backend/http/http.js';
import type { BackendPort } from './backend-port.js';
import { redactSecrets, routeOf, silentLogger, type Logger } from './log.js';

export interface AppOptions {
  backend: BackendPort;
  /** Where the REST contract is mounted: `/api`. */
  basePath?: string;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /**
   * A data request the backend has not answered this long after it arrived in full answers 503 (the
   * backend keeps working on it). The upload itself is not counted: the socket's own limits bound it.
   */
  requestTimeoutMs?: number;
  /** `/readyz` gives the database this long to answer. */
  readyTimeoutMs?: number;
  /**
   * How many reverse proxies in front of this server append to `X-Forwarded-For`. 0 (the default):
   * the header is ignored and the socket's address is the client's.
   */
  trustProxyHops?: number;
  log?: Logger;
  /** True once shutdown began: `/readyz` answers 503 so a load balancer stops sending traffic. */
  isShuttingDown?: () => boolean;
  /** How long the contractor's origins are remembered before the backend is asked again. */
  originsCacheMs?: number;
}

/**
 * The outer guard only: the backend limits each route's body itself (16 KB for most, 6 MB for an
 * appointment request carrying its photos). So the default lets the largest route's body through
 * (with room for its JSON), and refuses only what no route takes.
 */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_READY_TIMEOUT_MS = 2_000;

/** The contract's error body (docs/rest-contract.md, "Errors"). */
function errorBody(code: string, message: string) {
  return { error: { code, message, details: {} } };
}

/**
 * The database is down or too slow: a clear answer, never a hang or a stack trace. The contract has
 * no code of its own for it; BAD_RESPONSE with 503 and Retry-After is what the backend answers too.
 */
const UNAVAILABLE = errorBody('BAD_RESPONSE', 'The portal cannot reach its database right now. Try again in a minute.');
/**
 * No answer within the request's time: the database is slow (a lock, a long import), not known to be
 * away, and a write may still commit after this answer. So a write says so, rather than "try again".
 */
const TOO_SLOW_READ = errorBody('BAD_RESPONSE', 'The portal took too long to answer. Try again in a moment.');
const TOO_SLOW_WRITE = errorBody('BAD_RESPONSE', 'The portal took too long to answer, and what you asked may still be done: check before you try again.');
const RETRY_AFTER = { 'Retry-After': '5' };

class Timeout extends Error {}

/**
 * The client stopped sending before its body was complete: it went away, or its connection broke.
 * Nothing to do with the database, and nobody is usually left to read the answer.
 */
const INCOMPLETE_BODY = errorBody('VALIDATION', 'The request body did not arrive in full. Send the request again.');

/**
 * Deadlines for answers, all watched by one timer. A timer per request, set and then cleared when the
 * answer comes (in a few milliseconds, nearly always), cost about 8 µs of a data route's request:
 * measured with a stubbed backend. A deadline fires up to SWEEP_MS late, which a 2 s or 15 s limit
 * does not notice.
 */
const SWEEP_MS = 100;
const deadlines = new Set<{ at: number; ms: number; fail: (error: Error) => void }>();
let sweeper: NodeJS.Timeout | undefined;

function sweep() {
  const now = performance.now();
  for (const deadline of deadlines) {
    if (deadline.at > now) continue;
    deadlines.delete(deadline);
    deadline.fail(new Timeout(`no answer within ${deadline.ms} ms`));
  }
  if (deadlines.size === 0) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = { at: performance.now() + ms, ms, fail: reject };
    deadlines.add(deadline);
    // The server keeps the process alive, not a pending answer.
    sweeper ??= setInterval(sweep, Math.min(SWEEP_MS, ms)).unref();
    work.then(
      (value) => {
        deadlines.delete(deadline);
        resolve(value);
      },
      (error: unknown) => {
        deadlines.delete(deadline);
        reject(error as Error);
      },
    );
  });
}

type Env = {
  Bindings: Partial<HttpBindings>;
  Variables: { requestId: string; dropped: boolean };
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's address: the socket's, or the entry a trusted proxy appended to X-Forwarded-For. */
export function clientAddressOf(c: Context<Env>, trustProxyHops: number): string | undefined {
  const socketAddress = c.env?.incoming?.socket?.remoteAddress;
  if (trustProxyHops <= 0) return socketAddress;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Each trusted proxy appends the address it saw: the client is `hops` entries from the end. What
  // lies further left was written by the client and proves nothing.
  const candidate = forwarded[forwarded.length - trustProxyHops];
  return candidate && isIP(candidate) ? candidate : socketAddress;
}

export function createApp(options: AppOptions) {
  const {
    backend,
    basePath = '/api',
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS,
    trustProxyHops = 0,
    log = silentLogger,
    isShuttingDown = () => false,
    originsCacheMs = 5_000,
  } = options;
  const app = new Hono<Env>();

  // Request id, security headers and the log line, around everything else.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const offered = c.req.header('x-request-id');
    const requestId = trustProxyHops > 0 && offered && REQUEST_ID.test(offered) ? offered : randomUUID();
    c.set('requestId', requestId);
    c.set('dropped', false);
    await next();
    const dropped = c.get('dropped');
    if (!dropped) {
      const headers = c.res.headers;
      headers.set('X-Request-Id', requestId);
      headers.set('Referrer-Policy', 'no-referrer');
      headers.set('X-Content-Type-Options', 'nosniff');
      // Answers are data, never a page: nothing may frame, run or embed them.
      headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      // Customer data is never kept by a browser or a shared cache.
      headers.set('Cache-Control', 'no-store');
      if (isShuttingDown()) headers.set('Connection', 'close');
    }
    log({
      level: 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      route: routeOf(c.req.path),
      status: dropped ? 0 : c.res.status,
      ...(dropped ? { dropped: true } : {}),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    if (isShuttingDown()) return c.json(errorBody('BAD_RESPONSE', 'The server is shutting down.'), 503, RETRY_AFTER);
    try {
      await withTimeout(backend.ping(), readyTimeoutMs);
      return c.json({ status: 'ready' });
    } catch (error) {
      log({ level: 'warn', msg: 'not ready', requestId: c.get('requestId'), reason: describe(error) });
      return c.json(UNAVAILABLE, 503, RETRY_AFTER);
    }
  });

  // CORS: only the contractor's own sites, read from the backend (hostname setting + link origins).
  let origins: { list: string[]; at: number } | undefined;
  const allowedOrigins = async () => {
    if (origins && performance.now() - origins.at < originsCacheMs) return origins.list;
    try {
      origins = { list: await withTimeout(backend.allowedOrigins(), readyTimeoutMs), at: performance.now() };
    } catch (error) {
      // The database is away: keep the last list rather than fail every cross-origin request twice.
      if (!origins) throw error;
    }
    return origins.list;
  };
  const corsMiddleware = cors({
    origin: async (origin) => {
      // Origins unknown (the database was never reached): no CORS header, the browser refuses.
      const list = await allowedOrigins().catch((): string[] => []);
      return list.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    // The contract's request headers (docs/rest-contract.md, "Conventions"). Not the office key:
    // office calls come from the contractor's own tools, never from a browser on another site.
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Porchlight-Link'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'Content-Disposition'],
    maxAge: 600,
  });
  // A request without Origin is not a browser's cross-origin call: nothing for CORS to say.
  app.use(`${basePath}/*`, (c, next) => (c.req.header('origin') ? corsMiddleware(c, next) : next()));

  app.all(`${basePath}/*`, async (c) => {
    const clientAddress = clientAddressOf(c, trustProxyHops);
    // HEAD is GET without the content (RFC 9110): the backend's routes answer GET (Hono sends the
    // answer's status and headers alone). An uptime check that sends HEAD gets what GET would say.
    const head = c.req.method === 'HEAD';
    let request = head ? new Request(c.req.raw.url, { method: 'GET', headers: c.req.raw.headers }) : c.req.raw;
    if (!hasNoBody(c.req.method)) {
      // An office call without the office key is refused before its body is read (an import may be 8 MB).
      const refused = backend.officeRefusal?.(request.method, new URL(request.url).pathname, request.headers);
      if (refused) return c.json(errorBody('FORBIDDEN', refused), 403);
      // The whole body first, then the clock: a phone on a weak connection may take a minute to send an
      // appointment request's photos, and that minute is not the database's. The server's socket
      // limits (listen.ts) bound the upload instead.
      // At most the route's own limit is held (16 KB for a sign-in), whether the body says its length
      // or comes chunked: a body past it goes to the backend cut short, for its 413 naming that limit.
      // Only a body past the server's own cap, which no route takes, is refused here.
      const routeLimit = backend.bodyLimitFor?.(request.method, new URL(request.url).pathname) ?? maxBodyBytes;
      let received: Received;
      try {
        received = await receivedInFull(request, Math.min(routeLimit, maxBodyBytes));
      } catch {
        return c.json(INCOMPLETE_BODY, 400);
      }
      if (received.tooLarge && routeLimit >= maxBodyBytes) {
        return c.json(errorBody('VALIDATION', `The request body is larger than the ${sizeInWords(maxBodyBytes)} this server accepts.`), 413);
      }
      request = received.request;
    }
    let response: Response;
    try {
      const requestId = c.get('requestId');
      const onUnexpected = (reason: string) => log({ level: 'error', msg: 'backend failed', requestId, reason });
      // A route that may take longer (the office's records import) says so; no route gets less.
      const routeTimeout = backend.timeoutFor?.(request.method, new URL(request.url).pathname);
      response = await withTimeout(backend.handle(request, { clientAddress, onUnexpected }), Math.max(requestTimeoutMs, routeTimeout ?? 0));
    } catch (error) {
      return unavailableOr500(c, error);
    }
    // `Response.error()` is the only response with status 0 (a constructed one cannot have it). Read
    // the status, never `type`: on @hono/node-server's lightweight Response, any getter but status and
    // headers builds the full web Response, and the answer then goes out through a ReadableStream
    // reader (a timer and several promises per request: most of an invoice list's cost, measured).
    if (response.status === 0) {
      // The backend says the connection dropped (the simulated processor's "answer lost" card): drop
      // it for real, so the client sees what a real network failure looks like, and answer nothing.
      c.set('dropped', true);
      c.env?.incoming?.socket?.destroy();
      return new Response(null, { headers: { 'x-hono-already-sent': '1' } });
    }
    if (response.status === 500 && !(await reachable())) return c.json(UNAVAILABLE, 503, RETRY_AFTER);
    return response;
  });

  /** Did the database fail, or something else? Only the first is a 503. */
  async function reachable() {
    try {
      await withTimeout(backend.ping(), readyTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  async function unavailableOr500(c: Context<Env>, error: unknown) {
    const requestId = c.get('requestId');
    if (error instanceof Timeout) {
      log({ level: 'error', msg: 'request timed out', requestId, reason: describe(error) });
      return c.json(hasNoBody(c.req.method) ? TOO_SLOW_READ : TOO_SLOW_WRITE, 503, RETRY_AFTER);
    }
    if (!(await reachable())) {
      log({ level: 'error', msg: 'database unavailable', requestId, reason: describe(error) });
      return c.json(UNAVAILABLE, 503, RETRY_AFTER);
    }
    log({ level: 'error', msg: 'backend failed', requestId, reason: describe(error) });
    return c.json(errorBody('BAD_RESPONSE', 'Something went wrong on our side.'), 500);
  }

  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'No such endpoint.'), 404));
  app.onError((error, c) => {
    log({ level: 'error', msg: 'server error', requestId: c.get('requestId'), reason: describe(error) });
    return c.json(errorBody('BAD_RESPONSE', 'Something went wrong on our side.'), 500);
  });

  return app;
}

function hasNoBody(method: string) {
  return method === 'GET' || method === 'HEAD';
}

interface Received {
  request: Request;
  /** The body is longer than the limit: `request` carries it unread (declared longer) or cut just past the limit. */
  tooLarge: boolean;
}

/**
 * The request with its body read to the end, held in memory, up to `limit` bytes: a body declared
 * larger is handed on unread, one that grows past it (chunked, or longer than declared) is cut just
 * past the limit, so this server never holds more. Rejects when the body stops short: the client
 * aborted, or its connection was reset.
 */
async function receivedInFull(request: Request, limit: number): Promise<Received> {
  if (!request.body) return { request, tooLarge: false };
  const declared = request.headers.has('Transfer-Encoding') ? NaN : Number(request.headers.get('Content-Length') ?? NaN);
  if (declared > limit) return { request, tooLarge: true };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  const tooLarge = size > limit;
  if (tooLarge) void reader.cancel().catch(() => undefined);
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { request: new Request(request, { body }), tooLarge };
}

/** An error's kind and message for a log line (no stack: it goes to operators, not to clients, but stays one line). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return redactSecrets(`${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`).slice(0, 300);
  }
  return redactSecrets(String(error)).slice(0, 300);
}

