/**
 * The app on a real socket, and a graceful stop: stop accepting, let what is in flight finish (up to
 * a deadline), then close what is left. The caller closes the database after.
 */
import { getRequestListener, RequestError } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { InputError } from './config.js';
import { silentLogger, type Logger } from './log.js';

export interface ListenOptions {
  fetch: (request: Request, env: never) => Response | Promise<Response>;
  port: number;
  host: string;
  /** Where a request too malformed to reach the app is logged (the app logs every other one). */
  log?: Logger;
}

/**
 * The contract's error body and the app's security headers, for a request that never reaches the app:
 * the same answer a client gets for any other bad request, never Node's empty one.
 */
const MALFORMED = JSON.stringify({ error: { code: 'VALIDATION', message: 'The request is malformed: check its address and its Host header.', details: {} } });
const UNANSWERED = JSON.stringify({ error: { code: 'BAD_RESPONSE', message: 'Something went wrong on our side.', details: {} } });
const SAFE_HEADERS = {
  'Content-Type': 'application/json',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

/** What Node's HTTP parser refuses, as the contract's JSON: status, reason phrase, message. */
function parserRefusal(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large', 'The request\'s address or headers are too large.'];
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return [413, 'Payload Too Large', 'The request body\'s chunk extensions are too large.'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout', 'The request took too long to arrive. Send it again.'];
  return [400, 'Bad Request', 'The request is malformed.'];
}

/** A finished answer written straight to the socket (there is no response object), then the connection closes. */
function rawAnswer(socket: Socket, status: number, reason: string, body: string, requestId: string) {
  const headers = { ...SAFE_HEADERS, 'X-Request-Id': requestId, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
}

/**
 * Node's parser gave up on what arrived. Answered in the contract's JSON, with a request id the log
 * line repeats, unless the answer would be taken for another request's: on a connection where a whole
 * request is still being answered (pipelined before the garbage), that answer goes out and the
 * connection closes after it; a response already under way is never interrupted by one of ours.
 */
function answerParserRefusal(error: NodeJS.ErrnoException, socket: Socket, log: Logger) {
  // Node stops listening for this socket's errors before it asks us: a later one (a reset, a write past
  // our end) must close it, not end the process.
  socket.on('error', () => socket.destroy());
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // Node's own field (what its default handler reads too): the response of the request in flight here.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  const requestId = randomUUID();
  const [status, reason, message] = parserRefusal(error.code);
  if (inFlight && (inFlight.req.complete || inFlight.headersSent)) {
    if (!inFlight.headersSent) inFlight.shouldKeepAlive = false;
    inFlight.once('close', () => socket.destroy());
    log({ level: 'info', msg: 'refused', requestId, status: 0, refused: error.code ?? 'malformed', after: 'a request still being answered' });
    return;
  }
  // Nothing answered yet here, or a body cut short or garbled (its request cannot be answered as sent:
  // the app logs that request itself, so this line is the refusal's, not a second line for it).
  rawAnswer(socket, status, reason, JSON.stringify({ error: { code: 'VALIDATION', message, details: {} } }), requestId);
  log({ level: 'info', msg: inFlight ? 'refused' : 'request', requestId, status, refused: error.code ?? 'malformed' });
}

/** An `Expect` header the server does not know: refused as HTTP says (417), in the contract's JSON. */
function refuseExpectation(response: ServerResponse, log: Logger) {
  const requestId = randomUUID();
  const body = JSON.stringify({ error: { code: 'VALIDATION', message: 'The Expect header is not one this server knows: send the request without it.', details: {} } });
  response.writeHead(417, { ...SAFE_HEADERS, 'X-Request-Id': requestId, 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
  log({ level: 'info', msg: 'request', requestId, status: 417, refused: 'expect' });
}

export interface RunningServer {
  server: Server;
  /** `http://host:port`, with the port actually bound (0 asks for any free one). */
  url: string;
  port: number;
  /**
   * Stops accepting connections, waits for the requests in flight (at most `deadlineMs`), then ends
   * every connection still open. Resolves once the server is closed.
   */
  close(deadlineMs: number): Promise<{ forced: boolean }>;
}

/**
 * Why a server could not listen, in one sentence on what to do (an address in use, a port that needs
 * privileges), as an InputError; anything else as it is.
 */
function listenFailure(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new InputError(`port ${port} on ${host} is in use by another program: stop it, or choose another port with --port (or PORT).`);
  }
  if (code === 'EACCES') return new InputError(`port ${port} on ${host} needs privileges this user does not have: choose a port above 1023 with --port (or PORT).`);
  if (code === 'EADDRNOTAVAIL') return new InputError(`${host} is not an address of this machine: choose another with --host (or HOST).`);
  return error;
}

/**
 * Whether the server could listen there, tried before anything else starts (the database opened and
 * migrated, an office key made): a server that cannot listen must not half-start. Throws listen's
 * InputError when it cannot. Best effort: another program may take the port between this probe and
 * `listen`, which then fails with the same sentence; `run` closes the database and lets its lock go,
 * but by then the database is migrated (and a generated office key kept and shown).
 */
export async function checkListenable(port: number, host: string): Promise<void> {
  // Port 0 takes any free port: nothing to check.
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenFailure(error, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function listen({ fetch, port, host, log = silentLogger }: ListenOptions): Promise<RunningServer> {
  const listener = getRequestListener(fetch as never, {
    // A request with no Host header (as some load balancers' health checks send) reaches the app as if
    // sent to localhost: it reads only the path.
    hostname: 'localhost',
    // One the adapter cannot turn into a request (a backslash in the path, an impossible Host): the
    // contract's JSON, not an empty 400. The app answers its own errors; one that escaped it anyway is a
    // 500 in the same JSON, never an empty answer.
    errorHandler: (error) => {
      const requestId = randomUUID();
      const headers = { ...SAFE_HEADERS, 'X-Request-Id': requestId };
      if (error instanceof RequestError) {
        log({ level: 'info', msg: 'request', requestId, status: 400, refused: error.message.slice(0, 100) });
        return new Response(MALFORMED, { status: 400, headers });
      }
      // As the adapter would answer without this handler: a timeout is 504, anything else 500.
      const status = error instanceof Error && error.name === 'TimeoutError' ? 504 : 500;
      log({ level: 'error', msg: 'unanswered', requestId, status, error: error instanceof Error ? error.name : 'unknown' });
      return new Response(UNANSWERED, { status, headers });
    },
  });
  // A request with no Host reaches the listener, which answers it (Node would send an empty 400).
  const server = createHttpServer({ requireHostHeader: false }, listener);
  // What Node's parser refuses (headers too large, a broken request line) and an unknown Expect: JSON too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerParserRefusal(error, socket, log));
  server.on('checkExpectation', (_request, response: ServerResponse) => refuseExpectation(response, log));
  // A client that sends its headers slowly must not hold a connection for long.
  server.headersTimeout = 20_000;
  // The whole request, body included. An appointment request with its photos is up to 6 MB, and a
  // phone on a weak connection (250 KB/s, or far less) must be able to send it: Node's default of
  // 5 minutes lets 8 MB through at about 30 KB/s. The slow-headers defence above stays short.
  server.requestTimeout = 300_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => reject(listenFailure(error, port, host));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<{ forced: boolean }> | undefined;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close(deadlineMs) {
      closing ??= new Promise((resolve) => {
        let forced = false;
        const deadline = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, deadlineMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve({ forced });
        });
        // Keep-alive connections with no request in flight are closed now; busy ones close after
        // their answer (the app sends `Connection: close` while shutting down).
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
