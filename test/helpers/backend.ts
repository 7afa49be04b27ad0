/**
 * The reference backend for tests, on a real database, in two places:
 * - in Chromium (web-test-runner): SQLite in WebAssembly (sql.js), in memory, with MSW's service
 *   worker routing `/api` to it, so elements drive the real HTTP adapter against it;
 * - in Node (`npm run test:backend`): the engine named by PORCHLIGHT_TEST_DB — `sqlite` (a file),
 *   `postgres` (PORCHLIGHT_TEST_POSTGRES_URL) or `sqljs` — with requests handed to the backend directly.
 * The backend test files (`test/backend-*.test.ts`) run in both, so every rule is checked on every engine.
 */
import type { SetupWorker } from 'msw/browser';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import { isVerificationSent } from '../../src/adapter/portal-adapter.js';
import type { Session } from '../../src/model/session.js';
import { DEMO_OFFICE_KEY, ReferenceBackend, openSqlJsDatabase, type PortalDatabase, type ReferenceBackendOptions } from '../../backend/index.js';

/** A clock tests can move: lockout windows and session lifetimes without waiting. */
export class TestClock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/**
 * Fewer PBKDF2 rounds than production's 600,000 so the suite runs in minutes on two cores; the
 * backend's default is checked by its own test.
 */
export const TEST_PASSWORD_ITERATIONS = 10_000;

const inBrowser = typeof document !== 'undefined';
/** The page the tests run on (the browser), or a made-up origin for Node. Links may point here. */
export const ORIGIN = inBrowser ? location.origin : 'http://portal.test';

let worker: SetupWorker | undefined;
let database: Promise<PortalDatabase> | undefined;
export const clock = new TestClock();
export let backend: ReferenceBackend;

/** One database per test run (a page, or a Node process); every test starts from the seed in it. */
export function testDatabase(): Promise<PortalDatabase> {
  database ??= inBrowser
    ? loadSqlJs().then((sqlJs) => openSqlJsDatabase({ sqlJs }))
    : import('./node-database.js').then(({ openNodeTestDatabase }) => openNodeTestDatabase());
  return database;
}

/** The SQLite engine in WebAssembly (sql.js), loaded where the test runs: the page, or Node. */
export function loadSqlJs() {
  return inBrowser
    ? import('../../backend/dialects/load-sqljs.js').then(({ loadSqlJsInPage, NODE_MODULES_SQLJS }) => loadSqlJsInPage(NODE_MODULES_SQLJS))
    : import('./node-database.js').then(({ loadSqlJsInNode }) => loadSqlJsInNode());
}

export async function startTestBackend(options: Partial<ReferenceBackendOptions> = {}) {
  backend = new ReferenceBackend({
    database: await testDatabase(),
    now: clock.now,
    ...options,
    config: { passwordIterations: TEST_PASSWORD_ITERATIONS, officeKey: DEMO_OFFICE_KEY, linkOrigins: [ORIGIN], demoReset: true, ...options.config },
  });
  if (inBrowser) {
    if (!worker) {
      const { setupWorker } = await import('msw/browser');
      worker = setupWorker();
      await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
    }
    const { handlersFor } = await import('../../mocks/handlers.js');
    worker.resetHandlers(...handlersFor(backend));
    localStorage.clear();
    sessionStorage.clear();
  }
  clock.offsetMs = 0;
  await backend.reset();
  return backend;
}

/** Puts handlers in front of the backend for one test (a malformed answer, a failing endpoint). Browser only. */
export function useHandlers(...handlers: Parameters<SetupWorker['use']>) {
  worker?.use(...handlers);
}

/** A request to the backend: through MSW and the page's fetch in the browser, handed over directly in Node. */
export function backendFetch(path: string, init: RequestInit = {}): Promise<Response> {
  if (inBrowser) return fetch(path, init);
  return backend.handle(new Request(new URL(path, ORIGIN), init)).then((response) => {
    // What a browser's fetch does with a dropped connection (the processor test card that loses the answer).
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  });
}

export function httpAdapter() {
  return new HttpAdapter({ apiBase: '/api', fetch: (input, init) => backendFetch(String(input), init) });
}

/** A raw call to the REST contract, as someone poking the API by hand would make. */
export async function api(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await backendFetch(`/api${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body: body as Record<string, any>, headers: response.headers };
}

export async function signInAs(email: string, password: string): Promise<string> {
  const { status, body } = await api('POST', '/auth/sign-in', { body: { email, password } });
  if (status !== 200) throw new Error(`sign-in as ${email} failed: ${status} ${JSON.stringify(body)}`);
  return body.token as string;
}

/**
 * Creates an account as a customer does when the contractor confirms new accounts by email (the
 * default): sign up, open the link from the outbox, and get the session the link starts. With the
 * setting off, the sign-up answers the session at once.
 */
export async function signUpConfirmed(email: string, password: string): Promise<Session> {
  const adapter = httpAdapter();
  const result = await adapter.signUp({ email, password, verifyUrl: `${ORIGIN}/` });
  if (!isVerificationSent(result)) return result;
  const link = (await lastMailTo(result.email))?.link;
  if (!link) throw new Error(`no confirmation email to ${email}`);
  return adapter.verifyEmail(new URL(link).hash.split(/[=&]/)[1]!, password);
}

/** The outbox's newest message to this address. */
export async function lastMailTo(email: string) {
  const rows = await backend.database.db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').limit(1).execute();
  const row = rows[0];
  return row && { id: row.id, to: row.to_address, subject: row.subject, body: row.body, link: row.link, kind: row.kind, sentAt: row.sent_at };
}

/** Failed sign-ins counted towards this email's lockout (inside or outside the window). */
export async function failedSignIns(email: string): Promise<number> {
  const rows = await backend.database.db
    .selectFrom('rate_events')
    .select('at')
    .where('bucket', '=', 'sign-in-failure')
    .where('subject', '=', email)
    .execute();
  return rows.length;
}
