/**
 * The page `npm run bench` drives: the real <portal-history> inside a provider, over the reference
 * backend in the page (no network, no service worker), with N synthetic completed jobs.
 *
 * Measured per run: from the moment the data set is handed to the element (the adapter resolves)
 * to the first frame painted with rows, and the JS heap the rendered list adds (after a forced GC).
 */
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { JobPage, PortalAdapter } from '../src/adapter/portal-adapter.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-history.js';
import { ReferenceBackend, SEEDED_PASSWORDS, openSqlJsDatabase } from '../backend/index.js';
import { loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';

const DANA = 'dana.whitfield@example.com';

interface RunResult {
  ms: number;
  heapDelta: number;
  heapAfter: number;
  domRows: number;
}

declare global {
  interface Window {
    runHistoryBench(n: number, runs: number): Promise<{ n: number; pagingMs: number; pages: number; runs: RunResult[] }>;
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
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

async function dataSet(n: number) {
  const backend = new ReferenceBackend({
    database: openSqlJsDatabase({ sqlJs: loadSqlJsInPage({ script: '/sql-wasm-browser.js', wasm: '/sql-wasm-browser.wasm' }) }),
    config: { passwordIterations: 1000 },
  });
  await backend.reset();
  const state = await backend.inspect();
  state.jobs = state.jobs.filter((job) => job.customerId !== 'cust-1001');
  addSyntheticJobs(state, { customerId: 'cust-1001', count: n, now: new Date() });
  await backend.restore(state);
  const http = new HttpAdapter({ apiBase: `${location.origin}/api`, fetch: (input, init) => backend.handle(new Request(input, init)) });
  const session = await http.signIn({ email: DANA, password: SEEDED_PASSWORDS[DANA]! });
  // Every page through the cursor, as a client reading the whole history would.
  const start = performance.now();
  const scope = { session, customerId: 'cust-1001' };
  let page = await http.listJobs(scope, { limit: 200 });
  const items = [...page.items];
  let pages = 1;
  while (page.nextCursor) {
    page = await http.listJobs(scope, { limit: 200, cursor: page.nextCursor });
    items.push(...page.items);
    pages++;
  }
  const pagingMs = performance.now() - start;
  return { http, session, all: { ...page, items, nextCursor: null } satisfies JobPage, pagingMs, pages };
}

async function once(http: HttpAdapter, session: Awaited<ReturnType<HttpAdapter['signIn']>>, all: JobPage): Promise<RunResult> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let handedOver = 0;
  const listJobs = async () => {
    await gate;
    handedOver = performance.now();
    return all;
  };
  // Everything else goes to the real adapter (bound: it keeps private fields).
  const adapter = new Proxy(http, {
    get(target, property) {
      if (property === 'listJobs') return listJobs;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as PortalAdapter;
  const stage = document.getElementById('stage')!;
  const provider = document.createElement('portal-provider') as PortalProvider;
  provider.setAttribute('session-persistence', 'memory');
  provider.adapter = adapter;
  const history = document.createElement('portal-history');
  provider.append(history);
  stage.append(provider);
  provider.portalState.value.signedIn(session);
  while (!provider.portalState.value.settings) await frame();
  const before = await heap();
  release();
  const rows = () => history.shadowRoot?.querySelectorAll('[role="row"][data-index]').length ?? 0;
  while (handedOver === 0 || rows() === 0) await frame();
  const painted = await afterPaint();
  const ms = painted - handedOver;
  await history.listComplete();
  const after = await heap();
  const domRows = rows();
  provider.remove();
  await frame();
  return { ms, heapDelta: after - before, heapAfter: after, domRows };
}

window.runHistoryBench = async (n, runs) => {
  const { http, session, all, pagingMs, pages } = await dataSet(n);
  await once(http, session, all); // warm-up: code compiled, fonts loaded
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(http, session, all));
  return { n, pagingMs, pages, runs: results };
};
