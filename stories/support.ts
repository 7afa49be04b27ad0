/**
 * Stories get their data from the reference backend, like the demo and the tests — but each story from
 * its own: a docs page renders every story of an element at once, and stories sharing one backend (or
 * one sign-in) would wipe each other's data and sessions. So every story render gets a fresh in-memory
 * backend (sql.js) mounted at its own path, `/story/<key>/api`, which its provider uses as `api-base`;
 * one MSW handler routes each path to its story's backend.
 *
 * A story reaches its state in a loader (`prepare`, `storyLoader`), before the element renders, so the
 * docs page shows the same state as the story opened on its own.
 */
import { html, type TemplateResult } from 'lit';
import { HttpResponse, http } from 'msw';
import sqlJsScript from 'sql.js/dist/sql-wasm-browser.js?url';
import sqlJsWasm from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { isVerificationSent, type PortalAdapter } from '../src/adapter/portal-adapter.js';
import type { PortalSettings, Session } from '../src/model/index.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, ReferenceBackend, SEEDED_PASSWORDS, openSqlJsDatabase } from '../backend/index.js';
import { loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import '../src/define/portal-provider.js';

export const DANA = 'dana.whitfield@example.com';
export const PRIYA = 'priya.nair@harborpoint.example';

/** What every story loader hands its render (`context.loaded`). */
export interface StoryData {
  session: Session | null;
  /** The story's own API base (its provider's `api-base`). */
  apiBase: string;
  /** An adapter that talks to this story's backend directly (no service worker in between). */
  adapter: HttpAdapter;
  /** Which backend this render uses: a new one remounts the story (see `.storybook/preview.ts`). */
  backendKey: string;
  /** The story's backend (for a render that needs the office's side). */
  backend: ReferenceBackend;
  /**
   * Lets the next story's setup start: called a frame after the story renders (.storybook/story-frame.ts),
   * or, for a story that must be `settled`, after its play step once it is (`afterStory`), or when its
   * render is torn down.
   */
  rendered: () => void;
  /**
   * For a story whose element reads or writes something of the page's own (the scheduler's kept draft)
   * later than its first render: the next story's setup waits until this holds for the story's canvas,
   * so the two do not overwrite each other. Its play step must return only once what it started is over.
   */
  settled?: (canvas: HTMLElement) => boolean;
}

/** The toolbar switches that change the contractor's settings, by global name. */
export const SETTING_SWITCHES = {
  payments: 'onlinePaymentsEnabled',
  memberships: 'membershipsVisible',
  scheduler: 'schedulerEnabled',
} as const satisfies Record<string, keyof PortalSettings>;
export type SettingSwitch = keyof typeof SETTING_SWITCHES;

const sqlJs = loadSqlJsInPage({ script: sqlJsScript, wasm: sqlJsWasm });
const backends = new Map<string, ReferenceBackend>();
let backendsMade = 0;

/**
 * The one MSW handler: `/story/<key>/api/…` goes to that story's backend. It never changes, so
 * msw-storybook-addon resetting handlers story by story (a docs page runs its loader once per story)
 * cannot take one story's backend away from another.
 */
export const storyHandlers = [
  http.all('*/story/:key/api/*', ({ request, params }) => {
    const backend = backends.get(String(params.key));
    if (backend) return backend.handle(request);
    // A request from a story already torn down (its backend closed): say so rather than hang.
    return HttpResponse.json({ code: 'NOT_FOUND', message: 'This story’s backend is gone (the story was re-rendered).' }, { status: 404 });
  }),
];

/** An adapter straight to `backend` (no service worker): setups run before MSW is sure to have started. */
function directTo(backend: ReferenceBackend): HttpAdapter {
  return new HttpAdapter({ apiBase: `${location.origin}${backend.basePath}`, fetch: (input, init) => backend.handle(new Request(input, init)) });
}

/**
 * The backend of the story being prepared. Setups run one at a time (`storyLoader`), so helpers used
 * inside a setup (`changeSettings`, `signIn`, the link helpers …) may name it directly; renders and play
 * functions must use `context.loaded` instead, as several stories' renders may be on screen at once.
 */
export let storyBackend: ReferenceBackend;
/** `storyBackend`'s direct adapter (same rule: inside a setup only). */
export let directAdapter: HttpAdapter;

const backendConfig = { passwordIterations: 10_000, officeKey: DEMO_OFFICE_KEY, linkOrigins: [location.origin], demoReset: true };

/**
 * The seeded database as bytes, made once per page: migrating a new database takes most of a second on
 * a small machine, copying the seeded one a few milliseconds, and a docs page needs one per story.
 */
const seededBytes: Promise<Uint8Array> = (async () => {
  const SQL = await sqlJs;
  const opened: SqlJsDatabase[] = [];
  // sql.js's database class, noting the instance the dialect opens so the seed can be exported from it.
  const noting = {
    ...SQL,
    Database: class extends SQL.Database {
      constructor(bytes?: ArrayLike<number> | Buffer | null) {
        super(bytes);
        opened.push(this);
      }
    },
  } as SqlJsStatic;
  const template = new ReferenceBackend({ database: openSqlJsDatabase({ sqlJs: noting }), config: backendConfig });
  await template.reset();
  const seeded = opened.at(-1);
  if (!seeded) throw new Error('the story template database was not opened');
  const bytes = seeded.export();
  await template.database.close();
  return bytes;
})();

async function newBackend(storyId: string): Promise<ReferenceBackend> {
  const key = `${storyId}-${++backendsMade}`;
  const backend = new ReferenceBackend({
    // SQLite in WebAssembly, in memory, from the seed: the same schema and queries as porchlight-server.
    database: openSqlJsDatabase({ sqlJs, initialBytes: await seededBytes }),
    basePath: `/story/${key}/api`,
    // Fewer PBKDF2 rounds than production: stories sign in often.
    config: backendConfig,
  });
  backends.set(key, backend);
  return backend;
}

function retire(backend: ReferenceBackend, afterMs = 0) {
  const key = [...backends].find(([, b]) => b === backend)?.[0];
  // Later: the story's old elements may still have a request in flight until the new render replaces them.
  setTimeout(() => {
    if (key) backends.delete(key);
    void backend.database.close().catch(() => undefined);
  }, afterMs);
}

/** Time a story's render may keep the next story's setup waiting, should it never say it rendered. */
const RENDER_HOLD_MS = 3000;
/** The same for a story that must be `settled`: as long as a loaded machine may take to get there. */
const SETTLE_HOLD_MS = 20_000;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs setups one after another, and holds the next one until this story has rendered. The backends
 * are separate, but a few things are the page's own — the address's fragment, sessionStorage (the
 * scheduler's kept draft) — and an element reads them as it first renders.
 */
function exclusive<T>(work: () => Promise<T>): Promise<T & { rendered: () => void }> {
  let rendered!: () => void;
  const shown = new Promise<void>((resolve) => (rendered = resolve));
  const run = queue.then(work, work);
  queue = run.then(
    (data) => {
      const hold = (data as { settled?: unknown }).settled ? SETTLE_HOLD_MS : RENDER_HOLD_MS;
      return Promise.race([shown, new Promise((resolve) => setTimeout(resolve, hold))]);
    },
    () => undefined,
  );
  return run.then((data) => ({ ...data, rendered }));
}

/**
 * The preview's `afterEach`, after the story rendered and its play step ran: for a story that must be
 * `settled`, lets the next story's setup start once it is. (Storybook skips it after a failed play step
 * or a torn-down render: the hold's time limit and the loader's abort cover those.)
 */
export function afterStory({ loaded, canvasElement }: { loaded: Record<string, unknown>; canvasElement: HTMLElement }) {
  const { rendered, settled } = loaded as Partial<StoryData>;
  if (!rendered || !settled) return;
  void (async () => {
    const start = performance.now();
    while (!settled(canvasElement) && canvasElement.isConnected && performance.now() - start < SETTLE_HOLD_MS - 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    rendered();
  })();
}

/** The parts of Storybook's loader context a story loader reads. */
export interface LoaderContext {
  id: string;
  abortSignal: AbortSignal;
  globals: Record<string, unknown>;
  /** The story's own annotations (its `loaders`, when it has some). */
  moduleExport?: { loaders?: unknown };
}

/** The settings the toolbar asks for ('story' leaves the story's own). */
function toolbarSettings(globals: Record<string, unknown>): Partial<PortalSettings> {
  const change: Partial<PortalSettings> = {};
  for (const [name, setting] of Object.entries(SETTING_SWITCHES)) {
    const value = globals[name];
    if (value === 'on' || value === 'off') Object.assign(change, { [setting]: value === 'on' });
  }
  return change;
}

type Loaded<T> = T & Omit<StoryData, keyof T>;
interface Prepared {
  settingsKey: string;
  data: Promise<StoryData>;
}
/** Per render (Storybook gives each story render its own abort signal), per loader: what was prepared. */
const preparedBy = new WeakMap<AbortSignal, Map<unknown, Prepared>>();

/**
 * A Storybook loader: a fresh backend for this story, seeded, then `work` (the story's setup, run
 * with `storyBackend` naming that backend), then the toolbar's settings. Storybook runs loaders again
 * on every re-render (a control moved, a toolbar switch): the same render keeps its backend and
 * session unless a settings switch changed, so a designer's restyling keeps the state a play step reached.
 *
 * Set on a component's meta, it stands aside for a story that has loaders of its own.
 */
export function storyLoader<T extends object>(work: () => Promise<T>) {
  const loader = (context: LoaderContext): Promise<Loaded<T>> | Record<string, never> => {
    const own = [context.moduleExport?.loaders].flat().filter(Boolean);
    if (own.length > 0 && !own.includes(loader)) return {};
    const settings = toolbarSettings(context.globals ?? {});
    const settingsKey = JSON.stringify(settings);
    let prepared = preparedBy.get(context.abortSignal);
    if (!prepared) {
      const mine = (prepared = new Map<unknown, Prepared>());
      preparedBy.set(context.abortSignal, mine);
      // The render is torn down (another story, the docs page left): its backends go, and the next
      // story's setup need not wait for it any longer.
      context.abortSignal.addEventListener('abort', () => {
        for (const { data } of mine.values()) {
          void data.then(
            (d) => {
              d.rendered();
              retire(d.backend);
            },
            () => undefined,
          );
        }
      });
    }
    const previous = prepared.get(loader);
    if (previous?.settingsKey === settingsKey) return previous.data as unknown as Promise<Loaded<T>>;
    const data = exclusive(async () => {
      const backend = await newBackend(context.id);
      storyBackend = backend;
      directAdapter = directTo(backend);
      const result = await work();
      if (Object.keys(settings).length) await changeSettings(settings);
      return { session: null, ...result, apiBase: backend.basePath, adapter: directAdapter, backendKey: backend.basePath, backend };
    });
    prepared.set(loader, { settingsKey, data: data as unknown as Promise<StoryData> });
    if (previous) void previous.data.then((d) => retire(d.backend, 5000), () => undefined);
    return data as Promise<Loaded<T>>;
  };
  return loader;
}

export async function signIn(email: string): Promise<Session> {
  return directAdapter.signIn({ email, password: SEEDED_PASSWORDS[email]! });
}

/**
 * A new account made as a customer makes it: sign up, then open the confirmation link from the outbox
 * (new accounts are confirmed by email unless the contractor turned that off).
 */
export async function signUpConfirmed(email: string, password: string): Promise<Session> {
  const adapter = directAdapter;
  const result = await adapter.signUp({ email, password, verifyUrl: `${location.origin}/` });
  if (!isVerificationSent(result)) return result;
  const mail = (await storyBackend.inspect()).outbox.filter((m) => m.to === result.email && m.kind === 'verify-email').at(-1);
  if (!mail?.link) throw new Error(`no confirmation email to ${email}`);
  return adapter.verifyEmail(new URL(mail.link).hash.split(/[=&]/)[1]!, password);
}

/**
 * A request to the story's backend, through its REST routes (the office's with `office()`). Inside a
 * setup it is the story being prepared; a play step names its own (`loaded.backend`).
 */
export async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
  backend: ReferenceBackend = storyBackend,
) {
  const response = await backend.handle(
    new Request(`${location.origin}${backend.basePath}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    }),
  );
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  // The contract's JSON, read loosely: stories only pick a few fields out of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

/** The office key header of the story's backend (or, in a play step, of `backend`). */
export const office = (backend: ReferenceBackend = storyBackend) => ({ [OFFICE_KEY_HEADER]: backend.config.officeKey });

/** Office-side change to the settings, saved through the office's route as its settings form saves them. */
export async function changeSettings(change: Partial<PortalSettings>) {
  // (A dump and restore of the backend would also drop what a dump leaves out, such as the link a
  // link-page story has just sent.)
  const current = await call('GET', '/office/settings', { headers: office() });
  await call('PUT', '/office/settings', { headers: office(), body: { ...current, ...change } });
}

/** A loader: a fresh backend, the story's setup, optionally someone signed in. */
export function prepare(options: { signedInAs?: string; setup?: () => Promise<unknown> } = {}) {
  return storyLoader(async () => {
    await options.setup?.();
    return { session: options.signedInAs ? await signIn(options.signedInAs) : null };
  });
}

/** A loader: `email` signed in, then the contractor turns the portal off (it refuses a sign-in once off). */
export function portalTurnedOff(email: string) {
  return storyLoader(async () => {
    const session = await signIn(email);
    await changeSettings({ portalEnabled: false });
    return { session };
  });
}

/** Wraps a story's element in a provider on the story's own backend, signed in when the loader made a session. */
export function inProvider(content: TemplateResult, data: StoryData, adapter?: PortalAdapter) {
  return html`<portal-provider api-base=${data.apiBase} session-persistence="memory" .adapter=${adapter} .session=${data.session ?? undefined}
    >${content}</portal-provider
  >`;
}

/** For play functions: the element's shadow root, once it has rendered. */
export async function shadowOf(canvas: HTMLElement, tag: string): Promise<ShadowRoot> {
  const element = await until(() => canvas.querySelector(tag) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null);
  if (!element.shadowRoot) throw new Error(`<${tag}> did not render`);
  await element.updateComplete;
  return element.shadowRoot;
}

/**
 * Waits until `check` passes (a story's play step waiting for the backend's answer). Generous: on a
 * docs page a dozen stories prepare and render at once on a small machine.
 */
export async function until<T>(check: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error('Timed out waiting in a story');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A card number as a customer types it into the pay form, in groups of four (`4000 0000 0000 0002`):
 * the backend's `TEST_CARDS` are digits only, as the API takes them.
 */
export function typedCard(number: string): string {
  return number.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
