/**
 * The page `npm run bench` drives: the real <portal-history> and <portal-invoices>, each inside a
 * signed-in provider, over the reference backend in the page (sql.js; no network, no service worker)
 * through the real HttpAdapter, with N synthetic jobs for Dana, each with an open invoice.
 *
 * First rows, per run: the clock starts when the element is put on the page, before it asks the
 * adapter for anything, so fetching (the backend's queries), parsing and validating the answer and
 * rendering are all inside; it stops at the first frame painted with rows. Also the JS heap the
 * rendered element adds (after a forced GC) and how many rows are in the DOM.
 *
 * Scroll, per run: the list scrolled for two seconds at a steady speed (pages loading as it goes),
 * counting the frames that took over 50 ms.
 */
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { Session } from '../src/model/session.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-history.js';
import '../src/define/portal-invoices.js';
import { ReferenceBackend, SEEDED_PASSWORDS, openSqlJsDatabase } from '../backend/index.js';
import { loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';

const DANA = 'dana.whitfield@example.com';

export type ListName = 'history' | 'invoices';

export interface RunResult {
  /** Element put on the page → first frame painted with rows. */
  ms: number;
  heapDelta: number;
  domRows: number;
}

export interface ScrollResult {
  frames: number;
  /** Frames that took over 50 ms. */
  longFrames: number;
  longestMs: number;
  /** The furthest row rendered when the scroll ended. */
  reached: number;
}

/** Median milliseconds of each adapter call an element makes for its first rows (backend, parse, validate). */
export interface CallTimes {
  balance: number;
  invoicePage: number;
  jobPage: number;
}

declare global {
  interface Window {
    benchCalls(n: number, runs: number): Promise<CallTimes>;
    benchPrepare(sizes: number[]): Promise<void>;
    benchFirstRows(list: ListName, n: number): Promise<RunResult>;
    benchMount(list: ListName, n: number): Promise<void>;
    benchAppend(): Promise<number>;
    benchFinish(): Promise<RunResult>;
    benchScroll(list: ListName, n: number, ms: number): Promise<ScrollResult>;
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

const tags: Record<ListName, string> = { history: 'portal-history', invoices: 'portal-invoices' };
const rowSelector: Record<ListName, string> = { history: '[role="row"][data-index]', invoices: '[role="listitem"]' };
const scrollerSelector: Record<ListName, string> = { history: '.body', invoices: '.scroll-box' };

interface DataSet {
  http: HttpAdapter;
  session: Session;
}
const dataSets = new Map<number, DataSet>();

const frame = () => new Promise<number>((resolve) => requestAnimationFrame((t) => resolve(t)));
/** Resolves just after the next frame is painted: a task queued from rAF runs after the paint. */
const afterPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );

async function heap(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    window.gc?.();
    await frame();
  }
  return performance.memory?.usedJSHeapSize ?? 0;
}

/** One backend per size: Dana's seeded jobs replaced by N completed jobs, each with an open invoice. */
window.benchPrepare = async (sizes) => {
  for (const n of sizes) {
    const backend = new ReferenceBackend({
      database: openSqlJsDatabase({ sqlJs: loadSqlJsInPage({ script: '/sql-wasm-browser.js', wasm: '/sql-wasm-browser.wasm' }) }),
      config: { passwordIterations: 1000 },
    });
    await backend.reset();
    const state = await backend.inspect();
    state.jobs = state.jobs.filter((job) => job.customerId !== 'cust-1001');
    addSyntheticJobs(state, { customerId: 'cust-1001', count: n, now: new Date(), invoices: 'open' });
    await backend.restore(state);
    const http = new HttpAdapter({ apiBase: `${location.origin}/api`, fetch: (input, init) => backend.handle(new Request(input, init)) });
    const session = await http.signIn({ email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    dataSets.set(n, { http, session });
  }
};

/** A signed-in provider with its settings, on the page: what a host page has before the list. */
async function signedInProvider(n: number): Promise<PortalProvider> {
  const set = dataSets.get(n);
  if (!set) throw new Error(`no data set of ${n}`);
  const provider = document.createElement('portal-provider') as PortalProvider;
  provider.setAttribute('session-persistence', 'memory');
  provider.adapter = set.http;
  document.getElementById('stage')!.append(provider);
  provider.portalState.value.signedIn(set.session);
  while (!provider.portalState.value.settings) await frame();
  return provider;
}

/** Resolves when `element`'s shadow root holds a row (watched by a MutationObserver, not polled). */
function rowsAppear(element: HTMLElement, selector: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (element.shadowRoot?.querySelector(selector) ? (observer.disconnect(), resolve(), true) : false);
    const observer = new MutationObserver(() => void check());
    // The shadow root exists once the element is connected; watch it from its first render.
    const start = () => {
      if (!element.shadowRoot) return void requestAnimationFrame(start);
      observer.observe(element.shadowRoot, { childList: true, subtree: true });
      check();
    };
    start();
  });
}

/** A run in three steps, so the driver can read the main thread's CPU time around the middle one. */
let pending: { list: ListName; provider: PortalProvider; element: HTMLElement & { listComplete(): Promise<void> }; before: number; ms: number } | null =
  null;

/** Step 1: a signed-in provider on the page, garbage collected; nothing measured yet. */
window.benchMount = async (list, n) => {
  const provider = await signedInProvider(n);
  const element = document.createElement(tags[list]) as HTMLElement & { listComplete(): Promise<void> };
  const before = await heap();
  pending = { list, provider, element, before, ms: 0 };
};

/** Step 2, measured: the element put on the page → the first frame painted with rows. */
window.benchAppend = async () => {
  const run = pending!;
  const start = performance.now();
  run.provider.append(run.element);
  await rowsAppear(run.element, rowSelector[run.list]);
  const painted = await afterPaint();
  run.ms = painted - start;
  return run.ms;
};

/** Step 3: the heap the element added and the rows in its DOM; the page cleared. */
window.benchFinish = async () => {
  const run = pending!;
  pending = null;
  await run.element.listComplete();
  const after = await heap();
  const domRows = run.element.shadowRoot!.querySelectorAll(rowSelector[run.list]).length;
  run.provider.remove();
  await frame();
  return { ms: run.ms, heapDelta: after - run.before, domRows };
};

window.benchFirstRows = async (list, n) => {
  await window.benchMount(list, n);
  await window.benchAppend();
  return window.benchFinish();
};

/** Scrolls the list for `ms` at 2,400 px a second and counts the frames that took over 50 ms. */
window.benchScroll = async (list, n, ms) => {
  const provider = await signedInProvider(n);
  const element = document.createElement(tags[list]) as HTMLElement & { listComplete(): Promise<void> };
  provider.append(element);
  await rowsAppear(element, rowSelector[list]);
  await element.listComplete();
  const scroller = element.shadowRoot!.querySelector<HTMLElement>(scrollerSelector[list])!;
  const speed = 2.4; // px per ms
  let last = await frame();
  const end = last + ms;
  const deltas: number[] = [];
  let position = 0;
  while (last < end) {
    const now = await frame();
    const delta = now - last;
    deltas.push(delta);
    position += delta * speed;
    scroller.scrollTop = position;
    last = now;
  }
  // How far the scroll got: the furthest row rendered (history counts its header as row 1).
  const position1 = (row: Element) =>
    list === 'history' ? Number(row.getAttribute('aria-rowindex')) - 1 : Number(row.getAttribute('aria-posinset') ?? 0);
  const reached = Math.max(0, ...[...scroller.querySelectorAll(rowSelector[list])].map(position1));
  provider.remove();
  await frame();
  return { frames: deltas.length, longFrames: deltas.filter((d) => d > 50).length, longestMs: Math.max(...deltas), reached };
};

/** Where first rows' time goes outside the element: each call through the HttpAdapter to the in-page backend. */
window.benchCalls = async (n, runs) => {
  const set = dataSets.get(n);
  if (!set) throw new Error(`no data set of ${n}`);
  const scope = { session: set.session, customerId: 'cust-1001' };
  const time = async (call: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await call();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  return {
    balance: await time(() => set.http.getBalance(scope)),
    invoicePage: await time(() => set.http.listInvoices(scope, { status: 'open', limit: 50 })),
    jobPage: await time(() => set.http.listJobs(scope, { limit: 50 })),
  };
};
