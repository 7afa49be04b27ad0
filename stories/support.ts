/**
 * Stories get their data from the reference backend through MSW, like the demo and the tests.
 * Each story starts from the seed; `prepare` runs a story's own setup (sign in, change a setting)
 * before it renders.
 */
import { html, type TemplateResult } from 'lit';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { isVerificationSent, type PortalAdapter } from '../src/adapter/portal-adapter.js';
import type { PortalSettings, Session } from '../src/model/index.js';
import sqlJsScript from 'sql.js/dist/sql-wasm-browser.js?url';
import sqlJsWasm from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { ReferenceBackend, SEEDED_PASSWORDS, openSqlJsDatabase } from '../backend/index.js';
import { loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import { handlersFor } from '../mocks/handlers.js';
import '../src/define/portal-provider.js';

export const storyBackend = new ReferenceBackend({
  // SQLite in WebAssembly, in memory: the same schema and queries as porchlight-server.
  database: openSqlJsDatabase({ sqlJs: loadSqlJsInPage({ script: sqlJsScript, wasm: sqlJsWasm }) }),
  // Fewer PBKDF2 rounds than production: stories re-seed often.
  config: { passwordIterations: 10_000, linkOrigins: [location.origin] },
});
export const storyHandlers = handlersFor(storyBackend);

export const DANA = 'dana.whitfield@example.com';
export const PRIYA = 'priya.nair@harborpoint.example';

export interface StoryData {
  session: Session | null;
}

/**
 * Talks to the story backend directly, not through MSW: Storybook runs loaders side by side, so a
 * story's setup cannot count on the worker having started.
 */
export const directAdapter = new HttpAdapter({
  apiBase: `${location.origin}/api`,
  fetch: (input, init) => storyBackend.handle(new Request(input, init)),
});

export async function signIn(email: string): Promise<Session> {
  return directAdapter.signIn({ email, password: SEEDED_PASSWORDS[email]! });
}

/**
 * A new account made as a customer makes it: sign up, then open the confirmation link from the outbox
 * (new accounts are confirmed by email unless the contractor turned that off).
 */
export async function signUpConfirmed(email: string, password: string): Promise<Session> {
  const result = await directAdapter.signUp({ email, password, verifyUrl: `${location.origin}/` });
  if (!isVerificationSent(result)) return result;
  const mail = (await storyBackend.inspect()).outbox.filter((m) => m.to === result.email && m.kind === 'verify-email').at(-1);
  if (!mail?.link) throw new Error(`no confirmation email to ${email}`);
  return directAdapter.verifyEmail(new URL(mail.link).hash.replace(/^#porchlight-verify=/, ''));
}

/** Office-side change to the settings, as the settings form would save it. */
export async function changeSettings(change: Partial<PortalSettings>) {
  const state = await storyBackend.inspect();
  state.settings = { ...state.settings, ...change };
  await storyBackend.restore(state);
}

let preparing: Promise<unknown> = Promise.resolve();

/**
 * Runs story setups one after another. Storybook starts a component's loaders and a story's loaders
 * side by side; unqueued, the component's reseed could wipe the session the story's loader just made.
 * Queued in start order, the story's own setup (started last) is the one that stands.
 */
export function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = preparing.then(work, work);
  preparing = run.catch(() => undefined);
  return run;
}

/** A Storybook loader: reseed, run the story's setup, optionally sign someone in. */
export function prepare(options: { signedInAs?: string; setup?: () => Promise<void> } = {}) {
  return (): Promise<StoryData> =>
    serialized(async () => {
      await storyBackend.reset();
      localStorage.clear();
      await options.setup?.();
      return { session: options.signedInAs ? await signIn(options.signedInAs) : null };
    });
}

/** Wraps a story's element in a provider, signed in when the loader made a session. */
export function inProvider(content: TemplateResult, data: StoryData, adapter?: PortalAdapter) {
  return html`<portal-provider api-base="/api" session-persistence="memory" .adapter=${adapter} .session=${data.session ?? undefined}
    >${content}</portal-provider
  >`;
}

/** For play functions: the element's shadow root, once it has rendered. */
export async function shadowOf(canvas: HTMLElement, tag: string): Promise<ShadowRoot> {
  const element = canvas.querySelector(tag) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  if (!element?.shadowRoot) throw new Error(`<${tag}> did not render`);
  await element.updateComplete;
  return element.shadowRoot;
}

/** Waits until `check` passes (a story's play step waiting for the backend's answer). */
export async function until<T>(check: () => T | null | undefined | false, timeoutMs = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error('Timed out waiting in a story');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
