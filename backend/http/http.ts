/**
 * The REST contract's plumbing: refusals, JSON answers, reading a request body safely, and what a
 * route handler is given. No rule lives here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PortalErrorCode, PortalErrorDetails } from '../../src/adapter/portal-error.js';
import type { PortalSettings } from '../../src/model/index.js';
import type { DialectName } from '../dialects/portal-database.js';
import type { Database } from '../schema/database.js';
import type { BodyShape } from './known-keys.js';

/** A refusal: becomes the contract's error body `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: PortalErrorCode,
    message: string,
    readonly details: PortalErrorDetails = {},
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = {};
  if (error.details.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.details.retryAfterSeconds);
  return json({ error: { code: error.code, message: error.message, details: error.details } }, error.status, headers);
}

export interface BackendConfig {
  /** PBKDF2 iterations for new password hashes. */
  passwordIterations: number;
  /** How long a session lives, in milliseconds. */
  sessionTtlMs: number;
  /** How long a password-reset link works, in milliseconds. */
  resetTtlMs: number;
  /** The office's API key (the office endpoints are not for customers). */
  officeKey: string;
  /**
   * Origins (besides `https://<settings.hostname>`) that emailed links may point at, e.g. the pages
   * that embed the portal. Never taken from the request: a Host header can be forged.
   */
  linkOrigins: string[];
  /** Sign-in, sign-up and reset requests one client address may make in a minute. */
  authRequestsPerMinute: number;
  /**
   * Whether `POST /office/reset` exists: it replaces every row with the demo's customers. On for the
   * in-browser demo, Storybook and tests; porchlight-server turns it on only for a demo server
   * (`--seed-demo`), so an office key that leaks from a real server cannot wipe its data.
   */
  demoReset: boolean;
}

/** The largest JSON body a route reads unless it says otherwise. */
export const DEFAULT_BODY_LIMIT = 16 * 1024;

/** What a route handler gets: the database, the contractor's settings, the clock, the request. */
export interface RouteContext {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Runs `work` in one transaction: all of it happens, or none. */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  settings: PortalSettings;
  now: Date;
  config: BackendConfig;
  request: Request;
  url: URL;
  params: Readonly<Record<string, string>>;
  /** The caller's network address, when the server knows it (never in the browser). */
  clientAddress: string | null;
  /** The JSON body as an object (415 unless JSON, 413 past the route's limit, 400 unless an object). */
  body(): Promise<Record<string, unknown>>;
  /** Set by the office's "reset demo data": the backend reseeds after the handler. */
  resetRequested?: boolean;
  /**
   * Tells the server's log of a failure the route goes on past (work done on the side of an answer
   * that stands), as an unexpected failure of a whole request is told. Absent: nothing is told.
   */
  reportUnexpected?: (error: unknown) => void;
}

export type RouteHandler = (context: RouteContext) => Promise<Response> | Response;

interface RouteBase {
  /** `/customers/:customerId/invoices` */
  path: string;
  handler: RouteHandler;
  /**
   * The query parameters it reads (`?status=…&cursor=…`). Any other is refused (400 VALIDATION, naming
   * it), as an unknown body field is: a misspelt `?serach=` would otherwise answer the unfiltered list.
   */
  query?: readonly string[];
  /** Body size limit in bytes (default 16 KB). */
  maxBodyBytes?: number;
  /**
   * How long a server may let it run, when longer than its request timeout: a route whose work grows
   * with what it is sent (the records import), answered 503 meanwhile while it still commits, would be
   * sent again.
   */
  timeoutMs?: number;
  /**
   * A GET that only reads the database and does nothing slow besides (no PDF, no rate-limit event):
   * where the engine offers it (SQLite in a file), it runs in one read snapshot, which holds the
   * database for this process until the answer is ready. Set on the signed-in customer's data routes.
   */
  snapshot?: true;
}

/**
 * A route. One that changes something names the fields its body takes, and a body with any other is
 * refused with a 400 naming it before the route reads it: a misspelt field is never dropped without a
 * word (docs/rest-contract.md, Conventions). `'none'`: it reads no body. `'checked'`: it refuses a
 * field it does not take itself, in words of its own (the settings name the GET to copy from; the
 * templates take two shapes of body; the import lists every problem in the file).
 */
export type Route = RouteBase & ({ method: 'GET' } | { method: 'POST' | 'PUT' | 'DELETE'; body: BodyShape | 'none' | 'checked' });

/** A limit as people read it: `16 KB`, `6 MB` (not `6144 KB`), `1500 bytes`. The server's own limit says it so too. */
export function sizeInWords(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/** A request's body as text, refused with 413 past `limit` bytes (declared or read). */
export async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? NaN);
  const tooLarge = () => new ApiError(413, 'VALIDATION', `The request is too large (at most ${sizeInWords(limit)}).`);
  if (declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * The body of a JSON route. Anything but `application/json` is refused: a cross-site HTML form can
 * only send form encodings or text/plain, so it can never post a sign-in, a sign-up or a reset.
 */
export async function readJsonObject(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<Record<string, unknown>> {
  requireJson(request);
  return parseJsonObject(await readLimited(request, limit));
}

/** 415 unless the request says its body is JSON. */
export function requireJson(request: Request): void {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'VALIDATION', 'Send the request body as JSON (Content-Type: application/json).');
  }
}

/** A body's text as a JSON object: 400 for anything else, or a NUL character in it. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'VALIDATION', 'The request body must be JSON.');
  }
  // JSON can only carry a NUL as the escape \u0000 (an odd run of backslashes before "u0000"): found in
  // the text, without walking a value that may be nested thousands deep.
  if (NUL_ESCAPE.test(text)) throw nulRefused();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'VALIDATION', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/**
 * A NUL character (U+0000) is in no name, address or id, and PostgreSQL cannot store one in text (it
 * fails the whole query): a request carrying one, in its body, path or query, is refused as malformed
 * before anything reads it.
 */
export const hasNul = (text: string) => text.includes('\u0000');
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;
export const nulRefused = () => new ApiError(400, 'VALIDATION', 'The request contains a character that is not allowed (U+0000).');

/**
 * A field that must be a string of at most `maxLength` characters. Missing (or null) is "required";
 * there but of another type (a number, a list) says so, so whoever wrote the request sees what to fix.
 * An empty string passes: the route decides what an empty value means and says it in its own words.
 */
export function requireString(body: Record<string, unknown>, field: string, maxLength = 1024): string {
  const value = Object.hasOwn(body, field) ? body[field] : undefined;
  if (value === undefined || value === null) {
    throw new ApiError(400, 'VALIDATION', `"${field}" is required.`, { field });
  }
  if (typeof value !== 'string') {
    throw new ApiError(400, 'VALIDATION', `"${field}" must be text, not ${kindOf(value)}.`, { field });
  }
  if (value.length > maxLength) {
    throw new ApiError(400, 'VALIDATION', `"${field}" is too long (at most ${maxLength} characters).`, { field });
  }
  return value;
}

/** What a JSON value is, in words, for a refusal: "a number", "a list". */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'true or false';
  return `a ${typeof value}`;
}

export function invalid(field: string, message: string): never {
  throw new ApiError(400, 'VALIDATION', message, { field });
}

/**
 * An error message for the operator's log with what looks like a secret taken out: a database error
 * may quote a value it was given (a card number, a token, an email). porchlight-server's log
 * (server/src/log.ts) uses it too.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/\d(?:[ -]?\d){11,}/g, '[number]')
    .replace(/[A-Za-z0-9_-]{20,}/g, (run) => (looksLikeSecret(run) ? '[token]' : run));
}

/**
 * A run of 20 or more characters (shorter ones are never taken for secrets) that may be one: with both
 * cases (base64url, as the server's tokens and keys are: 22 random characters lack one case about once
 * in 50,000), or with a stretch of 16 or more between `-` and `_` that mixes letters and digits (hex keys
 * and hashes, `sk_live_…` keys, a password such as `correcthorse2battery9staple`). Left as written:
 * lower-case hostnames, paths and migration names, whose parts are short (`pg-primary-2026-east1`,
 * `0013-search-without-invoice-number`), which an operator needs to read in a failure, and a lower-case
 * password of letters only. A long mixed-case file or host name is taken for a secret: a mangled name
 * costs less than a leaked key.
 */
function looksLikeSecret(run: string): boolean {
  if (/[A-Z]/.test(run) && /[a-z]/.test(run)) return true;
  return run.split(/[-_]/).some((part) => part.length >= 16 && /\d/.test(part) && /[A-Za-z]/.test(part));
}
