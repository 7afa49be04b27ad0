/**
 * Starts the reference backend behind MSW's service worker, once per test file, in memory so each
 * test can start from the seed. Tests drive the real HTTP adapter against it.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import { isVerificationSent } from '../../src/adapter/portal-adapter.js';
import type { Session } from '../../src/model/session.js';
import { DEMO_OFFICE_KEY, MemoryStorage, ReferenceBackend, type ReferenceBackendOptions } from '../../backend/index.js';
import { handlersFor } from '../../mocks/handlers.js';

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

let worker: SetupWorker | undefined;
export const clock = new TestClock();
export let backend: ReferenceBackend;

export async function startTestBackend(options: ReferenceBackendOptions = {}) {
  backend = new ReferenceBackend({
    storage: new MemoryStorage(),
    now: clock.now,
    config: { passwordIterations: TEST_PASSWORD_ITERATIONS, officeKey: DEMO_OFFICE_KEY, linkOrigins: [location.origin] },
    ...options,
  });
  if (!worker) {
    worker = setupWorker();
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  }
  worker.resetHandlers(...handlersFor(backend));
  clock.offsetMs = 0;
  await backend.reset();
  localStorage.clear();
  sessionStorage.clear();
  return backend;
}

/** Puts handlers in front of the backend for one test (a malformed answer, a failing endpoint). */
export function useHandlers(...handlers: Parameters<SetupWorker['use']>) {
  worker?.use(...handlers);
}

export function httpAdapter() {
  return new HttpAdapter({ apiBase: '/api' });
}

/** A raw call to the REST contract, as someone poking the API by hand would make. */
export async function api(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
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
  const result = await adapter.signUp({ email, password, verifyUrl: `${location.origin}/` });
  if (!isVerificationSent(result)) return result;
  const link = (await lastMailTo(result.email))?.link;
  if (!link) throw new Error(`no confirmation email to ${email}`);
  return adapter.verifyEmail(new URL(link).hash.replace(/^#porchlight-verify=/, ''));
}

/** The outbox's newest message to this address. */
export async function lastMailTo(email: string) {
  const state = await backend.inspect();
  return [...state.outbox].reverse().find((m) => m.to === email);
}
