import type { Session } from '../model/session.js';
import type {
  AccountScope,
  AppointmentRequest,
  AppointmentRequestOptions,
  AvailabilityQuery,
  CallOptions,
  EstimateAnswerOptions,
  Credentials,
  DocumentAccess,
  EstimateApproval,
  InvoiceQuery,
  SignUpRequest,
  JobQuery,
  PayLinkRequest,
  PaymentRequest,
  PortalAdapter,
  PortalDocument,
  SignUpCheck,
} from './portal-adapter.js';
import { normalApiBase, REST_CLIENT } from './adapter-kinds.js';
import { loadOnce } from './load-once.js';
import { isLinkAccess } from './portal-adapter.js';
import {
  linkProblems,
  PortalError,
  portalErrorCodes,
  revokedReasons,
  type LinkProblem,
  type PortalErrorCode,
  type PortalErrorDetails,
  type RevokedReason,
} from './portal-error.js';
import type { WireSchemaName, WireType } from './wire-schemas.js';

/** Starts loading the schemas once; every later call shares the same promise (a failed load is tried again). */
const loadWireSchemas = loadOnce(() => import('./wire-schemas.js'));

/** When a status comes without a usable body, the code it stands for. */
function codeForStatus(status: number): PortalErrorCode {
  if (status === 401) return 'SESSION_EXPIRED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 423) return 'LOCKED_OUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 413 || status === 422) return 'VALIDATION';
  return 'BAD_RESPONSE';
}

function isKnownCode(code: string): code is PortalErrorCode {
  return (portalErrorCodes as readonly string[]).includes(code);
}

/** A reason a newer server may add is not one this version can explain: treated as none. */
function isLinkProblem(problem: string | undefined): problem is LinkProblem {
  return (linkProblems as readonly (string | undefined)[]).includes(problem);
}

/** A reason this version does not know is left out, as with linkProblem. */
function isRevokedReason(reason: string | undefined): reason is RevokedReason {
  return (revokedReasons as readonly (string | undefined)[]).includes(reason);
}

export interface HttpAdapterOptions {
  /** Where the REST contract is served, e.g. `/api` or `https://portal.example.com/api`. */
  apiBase: string;
  /** For tests and server-side use; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * An answer's body, read. Called off (a newer search, another account) or cut while it arrived, it is
 * ABORTED or NETWORK, not a bad answer; what else fails to read (not JSON, a body a custom `fetch`
 * already read) is thrown as it is, for the caller to tell the developer.
 */
async function readBody<T>(response: Response, read: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  const unread = !response.bodyUsed;
  try {
    return await read();
  } catch (cause) {
    if (signal?.aborted || (cause instanceof DOMException && cause.name === 'AbortError')) {
      throw new PortalError('ABORTED', 'The request was cancelled.', {}, { cause });
    }
    if (cause instanceof TypeError && unread) throw new PortalError('NETWORK', 'The connection dropped while the answer arrived.', {}, { cause });
    throw cause;
  }
}

/**
 * Speaks Porchlight's REST contract. Every answer is checked against the domain schemas, so a
 * malformed response becomes a `BAD_RESPONSE` PortalError rather than a broken element.
 */
export class HttpAdapter implements PortalAdapter {
  /** The REST client's brand (adapter-kinds.ts), on the prototype: not copied with the adapter's own fields. */
  get [REST_CLIENT](): true {
    return true;
  }
  readonly apiBase: string;
  readonly #fetch: typeof fetch;

  constructor(options: HttpAdapterOptions) {
    this.apiBase = normalApiBase(options.apiBase);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  getSettings(options?: CallOptions) {
    return this.#request('GET', '/settings', 'publicSettings', { ...options });
  }

  /** `200 { email }` (the address as on file) or, from older servers, `204`: both mean "go ahead". */
  async checkSignUpEmail(email: string, options?: CallOptions): Promise<SignUpCheck | void> {
    const response = await this.#send('POST', '/auth/sign-up/check', { ...options, body: { email } });
    if (response.status === 204) return undefined;
    return this.#parse(response, 'signUpCheck', 'POST /auth/sign-up/check', options?.signal);
  }

  signUp(request: SignUpRequest, options?: CallOptions) {
    return this.#request('POST', '/auth/sign-up', 'signUp', { ...options, body: request });
  }

  verifyEmail(token: string, password: string, options?: CallOptions) {
    return this.#request('POST', '/auth/verify-email', 'session', { ...options, body: { token, password } });
  }

  signIn(credentials: Credentials, options?: CallOptions) {
    return this.#request('POST', '/auth/sign-in', 'session', { ...options, body: credentials });
  }

  async signOut(current: Session, options?: CallOptions) {
    // keepalive: the page may navigate away on portal-signed-out, which fires before this answers; the
    // revoke must still reach the server.
    await this.#command('POST', '/auth/sign-out', { ...options, session: current, keepalive: true });
  }

  refreshSession(current: Session, options?: CallOptions) {
    return this.#request('GET', '/auth/session', 'session', { ...options, session: current });
  }

  async requestPasswordReset(email: string, resetUrl: string, options?: CallOptions) {
    await this.#command('POST', '/auth/password-reset', { ...options, body: { email, resetUrl } });
  }

  async checkResetLink(token: string, options?: CallOptions): Promise<{ email: string } | void> {
    const response = await this.#send('POST', '/auth/password-reset/check', { ...options, body: { token } });
    // 204 (a backend that does not say whose link it is): good, and the card names no address.
    if (response.status === 204) return undefined;
    return this.#parse(response, 'signUpCheck', 'POST /auth/password-reset/check', options?.signal);
  }

  async resetPassword(token: string, password: string, options?: CallOptions) {
    await this.#command('POST', '/auth/password-reset/confirm', { ...options, body: { token, password } });
  }

  getBalance(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/balance`, 'balanceSummary', { ...options, session: scope.session });
  }

  listInvoices(scope: AccountScope, query: InvoiceQuery, options?: CallOptions) {
    const params = new URLSearchParams({ status: query.status });
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const path = `${accountPath(scope)}/invoices?${params.toString()}`;
    return this.#request('GET', path, 'invoicePage', { ...options, session: scope.session });
  }

  getInvoice(scope: AccountScope, invoiceId: string, options?: CallOptions) {
    const path = `${accountPath(scope)}/invoices/${encodeURIComponent(invoiceId)}`;
    return this.#request('GET', path, 'invoice', { ...options, session: scope.session });
  }

  pay(scope: AccountScope, request: PaymentRequest, options?: CallOptions) {
    const { idempotencyKey, ...body } = request;
    return this.#request('POST', `${accountPath(scope)}/payments`, 'payment', {
      ...options,
      session: scope.session,
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  listJobs(scope: AccountScope, query: JobQuery, options?: CallOptions) {
    const params = new URLSearchParams();
    if (query.year !== undefined) params.set('year', String(query.year));
    if (query.search) params.set('q', query.search);
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const path = `${accountPath(scope)}/jobs?${params.toString()}`;
    return this.#request('GET', path, 'jobPage', { ...options, session: scope.session });
  }

  listVisits(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/visits`, 'visits', { ...options, session: scope.session });
  }

  downloadInvoicePdf(scope: AccountScope, invoiceId: string, options?: CallOptions) {
    const path = `${accountPath(scope)}/invoices/${encodeURIComponent(invoiceId)}/pdf`;
    return this.#download(path, { ...options, session: scope.session });
  }

  downloadStatementPdf(scope: AccountScope, options?: CallOptions) {
    return this.#download(`${accountPath(scope)}/statement/pdf`, { ...options, session: scope.session });
  }

  listMemberships(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/memberships`, 'memberships', {
      ...options,
      session: scope.session,
    });
  }

  listEquipment(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/equipment`, 'equipment', {
      ...options,
      session: scope.session,
    });
  }

  getSchedulerConfig(options?: CallOptions) {
    return this.#request('GET', '/scheduling/config', 'schedulerConfig', { ...options });
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions) {
    const params = new URLSearchParams();
    if (query.from) params.set('from', query.from);
    if (query.to) params.set('to', query.to);
    const search = params.toString();
    return this.#request('GET', `/scheduling/availability${search ? `?${search}` : ''}`, 'availability', { ...options });
  }

  listServiceLocations(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/service-locations`, 'serviceLocations', {
      ...options,
      session: scope.session,
    });
  }

  requestAppointment(request: AppointmentRequest, options: AppointmentRequestOptions = {}) {
    const { idempotencyKey, ...body } = request;
    const { session, ...call } = options;
    return this.#request('POST', '/scheduling/requests', 'appointmentRequestReceipt', {
      ...call,
      ...(session ? { session } : {}),
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  openLink(linkToken: string, options?: CallOptions) {
    return this.#request('GET', '/links/open', 'linkTarget', { ...options, linkToken });
  }

  getEstimate(access: DocumentAccess, estimateId: string, options?: CallOptions) {
    return this.#request('GET', estimatePath(access, estimateId), 'estimateView', { ...options, ...accessOf(access) });
  }

  listEstimates(scope: AccountScope, options?: CallOptions) {
    return this.#request('GET', `${accountPath(scope)}/estimates`, 'estimates', { ...options, session: scope.session });
  }

  approveEstimate(access: DocumentAccess, estimateId: string, approval: EstimateApproval, options?: CallOptions) {
    return this.#request('POST', `${estimatePath(access, estimateId)}/approve`, 'estimateView', {
      ...options,
      ...accessOf(access),
      body: approval,
    });
  }

  declineEstimate(access: DocumentAccess, estimateId: string, reason: string, { version, ...options }: EstimateAnswerOptions = {}) {
    return this.#request('POST', `${estimatePath(access, estimateId)}/decline`, 'estimateView', {
      ...options,
      ...accessOf(access),
      body: { reason, ...(version === undefined ? {} : { version }) },
    });
  }

  requestEstimateChanges(access: DocumentAccess, estimateId: string, message: string, { version, ...options }: EstimateAnswerOptions = {}) {
    return this.#request('POST', `${estimatePath(access, estimateId)}/request-changes`, 'estimateView', {
      ...options,
      ...accessOf(access),
      body: { message, ...(version === undefined ? {} : { version }) },
    });
  }

  downloadEstimatePdf(access: DocumentAccess, estimateId: string, options?: CallOptions) {
    return this.#download(`${estimatePath(access, estimateId)}/pdf`, { ...options, ...accessOf(access) });
  }

  getPayLink(linkToken: string, invoiceId: string, options?: CallOptions) {
    return this.#request('GET', `/links/invoices/${encodeURIComponent(invoiceId)}`, 'payLinkView', { ...options, linkToken });
  }

  payByLink(linkToken: string, invoiceId: string, request: PayLinkRequest, options?: CallOptions) {
    const { idempotencyKey, ...body } = request;
    return this.#request('POST', `/links/invoices/${encodeURIComponent(invoiceId)}/payments`, 'payment', {
      ...options,
      linkToken,
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  getVisitStatus(linkToken: string, appointmentId: string, options?: CallOptions) {
    return this.#request('GET', `/links/visits/${encodeURIComponent(appointmentId)}`, 'visitStatusView', { ...options, linkToken });
  }

  /** `202 { accepted: true }` whether or not a link was sent: nothing to read. */
  async resendLink(linkToken: string, options?: CallOptions) {
    await this.#command('POST', '/links/resend', { ...options, body: { token: linkToken } });
  }

  async #download(path: string, request: RequestOptions): Promise<PortalDocument> {
    const response = await this.#send('GET', path, request);
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/pdf')) {
      throw new PortalError('BAD_RESPONSE', 'The document could not be downloaded.', {}, { status: response.status });
    }
    const blob = await readBody(response, () => response.blob(), request.signal);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'document.pdf';
    return { blob, fileName };
  }

  async #request<K extends WireSchemaName>(
    method: string,
    path: string,
    schemaName: K,
    options: RequestOptions,
  ): Promise<WireType<K>> {
    const [response] = await Promise.all([this.#send(method, path, options), loadWireSchemas()]);
    return this.#parse(response, schemaName, `${method} ${path}`, options.signal);
  }

  /**
   * The answer's JSON body, checked against a wire schema. One that fails is BAD_RESPONSE for the
   * element ("Something went wrong on our side") and said to the console: the developer of a backend
   * learns which request, and which fields, without reading the network panel.
   */
  async #parse<K extends WireSchemaName>(response: Response, schemaName: K, request: string, signal?: AbortSignal): Promise<WireType<K>> {
    const { wire } = await loadWireSchemas();
    const schema = wire[schemaName];
    const unreadable = (why: string, cause: unknown) => {
      console.error(`[porchlight] ${request} answered ${response.status} with ${why} (docs/rest-contract.md):`, cause);
      return new PortalError('BAD_RESPONSE', 'The portal sent an answer we could not read.', {}, { cause, status: response.status });
    };
    let body: unknown;
    try {
      body = await readBody(response, () => response.json(), signal);
    } catch (cause) {
      if (cause instanceof PortalError) throw cause;
      throw unreadable('a body that is not JSON', cause);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unreadable(`JSON not in the contract's shape for ${schemaName}`, parsed.error);
    return parsed.data as WireType<K>;
  }

  /** For calls whose answer has no body (204, 202): only the status matters. */
  async #command(method: string, path: string, options: RequestOptions): Promise<void> {
    await this.#send(method, path, options);
  }

  async #send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.session) headers.Authorization = `Bearer ${options.session.token}`;
    if (options.linkToken) headers['X-Porchlight-Link'] = options.linkToken;
    if (options.language) headers['Accept-Language'] = options.language;
    let response: Response;
    try {
      response = await this.#fetch(`${this.apiBase}${path}`, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
        credentials: 'omit',
        ...(options.keepalive ? { keepalive: true } : {}),
      });
    } catch (cause) {
      if (options.signal?.aborted) throw new PortalError('ABORTED', 'The request was cancelled.', {}, { cause });
      throw new PortalError('NETWORK', 'We couldn’t connect. Check your internet connection and try again.', {}, {
        cause,
      });
    }
    // A custom fetch (or a mock) may hand back `Response.error()` for a dropped connection.
    if (response.type === 'error') {
      throw new PortalError('NETWORK', 'We couldn’t connect. Check your internet connection and try again.');
    }
    if (response.ok) return response;
    throw await errorFrom(response, options.session !== undefined);
  }
}

interface RequestOptions extends CallOptions {
  session?: Session;
  /** Outlives the page (a sign-out the page may navigate away from). */
  keepalive?: boolean;
  /** A link's token (links without a sign-in). */
  linkToken?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function accountPath(scope: AccountScope) {
  return `/customers/${encodeURIComponent(scope.customerId)}`;
}

/** `/links/estimates/:id` for a link, `/customers/:customerId/estimates/:id` signed in. */
function estimatePath(access: DocumentAccess, estimateId: string) {
  const base = isLinkAccess(access) ? '/links/estimates' : `${accountPath(access)}/estimates`;
  return `${base}/${encodeURIComponent(estimateId)}`;
}

/** The credential a document call carries: the link's token, or the session. */
function accessOf(access: DocumentAccess): { linkToken: string } | { session: Session } {
  return isLinkAccess(access) ? { linkToken: access.linkToken } : { session: access.session };
}

async function errorFrom(response: Response, hadSession: boolean): Promise<PortalError> {
  const fallback = codeForStatus(response.status);
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page, an empty body: the status alone decides.
  }
  const { errorBody, errorDetails } = await loadWireSchemas();
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) {
    return new PortalError(fallback, 'The portal could not complete the request.', {}, { status: response.status });
  }
  const { code, message, details } = parsed.data.error;
  // On a call made with a session, a 401 always means that session is gone.
  const sessionGone = hadSession && response.status === 401;
  const finalCode = sessionGone ? 'SESSION_EXPIRED' : isKnownCode(code) ? code : fallback;
  // Only the details this version knows, each of the right type, copied by name: nothing else the
  // backend sends (not even a `__proto__` key) reaches the error.
  const read: Record<string, unknown> = {};
  if (typeof details === 'object' && details !== null) {
    for (const [name, schema] of Object.entries(errorDetails)) {
      if (!Object.hasOwn(details, name)) continue;
      const value = schema.safeParse((details as Record<string, unknown>)[name]);
      if (value.success) read[name] = value.data;
    }
  }
  const { linkProblem, revokedBecause, ...otherDetails } = read as Omit<PortalErrorDetails, 'linkProblem' | 'revokedBecause'> & {
    linkProblem?: string;
    revokedBecause?: string;
  };
  const knownDetails: PortalErrorDetails = {
    ...otherDetails,
    ...(isLinkProblem(linkProblem) ? { linkProblem } : {}),
    ...(isRevokedReason(revokedBecause) ? { revokedBecause } : {}),
  };
  return new PortalError(finalCode, message, knownDetails, { status: response.status });
}
