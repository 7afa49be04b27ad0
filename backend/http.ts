import type { PortalErrorCode, PortalErrorDetails } from '../src/adapter/portal-error.js';
import type { BackendState } from './state.js';

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
}

/** What a route handler gets: the state to read and change, the clock, the request. */
export interface RouteContext {
  state: BackendState;
  now: Date;
  config: BackendConfig;
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** Call after changing `state`, so it is saved. */
  markChanged(): void;
  /** Set by the office's "reset demo data": the backend reseeds after the handler. */
  resetRequested?: boolean;
}

export type RouteHandler = (context: RouteContext) => Promise<Response> | Response;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/customers/:customerId/invoices` */
  path: string;
  handler: RouteHandler;
}

/** The JSON body as an object, or a VALIDATION refusal. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, 'VALIDATION', 'The request body must be JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'VALIDATION', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export function requireString(body: Record<string, unknown>, field: string, maxLength = 1024): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new ApiError(400, 'VALIDATION', `"${field}" is required.`, { field });
  }
  return value;
}
