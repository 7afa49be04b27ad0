/**
 * Starts the reference backend in the page, for the demo: SQLite compiled to WebAssembly (sql.js)
 * under the same schema and queries as porchlight-server, persisted in IndexedDB so it survives a
 * reload and every tab sees the same data, with MSW's service worker routing `/api` to it.
 */
import { setupWorker } from 'msw/browser';
import sqlJsScript from 'sql.js/dist/sql-wasm-browser.js?url';
import sqlJsWasm from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { DEMO_OFFICE_KEY, ReferenceBackend, openSqlJsDatabase, type ReferenceBackendOptions } from '../backend/index.js';
import { defaultSettings } from '../backend/seed/demo.js';
import { loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import { handlersFor } from './handlers.js';

/** The demo's database name. Another tab's write bumps `${BACKEND_STORAGE_KEY}.version` in localStorage. */
export const BACKEND_STORAGE_KEY = 'porchlight.reference-backend';
export const BACKEND_CHANGE_KEY = `${BACKEND_STORAGE_KEY}.version`;

export interface StartOptions extends Partial<ReferenceBackendOptions> {
  /** Where the worker script is served; `/mockServiceWorker.js` by default. */
  workerUrl?: string;
}

export async function startMockBackend(options: StartOptions = {}) {
  const sqlJs = await loadSqlJsInPage({ script: sqlJsScript, wasm: sqlJsWasm });
  const database = openSqlJsDatabase({ sqlJs, persistAs: BACKEND_STORAGE_KEY });
  const backend = new ReferenceBackend({
    ...options,
    database,
    // The demo's links (reset, invitation) land on the demo's own pages.
    config: { officeKey: DEMO_OFFICE_KEY, linkOrigins: [location.origin], demoReset: true, ...options.config },
    // Its portal page is the folder its pages are in (`/demo/`, with <portal-app>), the Spanish one with
    // `?lang=es` (demo/site-language.ts): messages' portal links and links sent without a page open there.
    seedSettings: { ...demoPortalPages(), ...options.seedSettings },
  });
  await backend.prepare();
  // A new browser (or cleared site data) starts with the demo's customers.
  const seeded = await database.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (!seeded) await backend.reset();
  const worker = setupWorker(...handlersFor(backend));
  await worker.start({
    serviceWorker: { url: options.workerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  await ensureControlled();
  return { backend, worker };
}

const RELOADED_KEY = 'porchlight.demo.reloaded-for-worker';

/**
 * MSW's worker unregisters itself when the last tab it served closes. A tab opened at that moment loads
 * outside it, and registering again revives the same worker without claiming the tab: its /api requests
 * would reach the network. A fresh install claims the tab a moment after start() resolves, so wait briefly;
 * if the tab is still outside, one reload puts it under the worker.
 */
async function ensureControlled() {
  const container = navigator.serviceWorker;
  if (!container.controller) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      container.addEventListener('controllerchange', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
  if (container.controller) {
    sessionStorage.removeItem(RELOADED_KEY);
    return;
  }
  if (sessionStorage.getItem(RELOADED_KEY)) {
    sessionStorage.removeItem(RELOADED_KEY);
    throw new Error('The demo’s service worker does not control this tab.');
  }
  sessionStorage.setItem(RELOADED_KEY, '1');
  location.reload();
  // The reload replaces this page; nothing after start() should run meanwhile.
  await new Promise(() => {});
}

/** The demo's portal page settings, for the seed: its own pages, on whatever origin it is served from. */
function demoPortalPages() {
  const { portalUrl, spanishPortalUrl } = demoPortalPage();
  return { portalUrl, translations: { ...defaultSettings.translations, es: { ...defaultSettings.translations?.es, portalUrl: spanishPortalUrl } } };
}

/**
 * The demo's portal page (the folder its pages are in, with <portal-app>) and its Spanish one (`?lang=es`,
 * demo/site-language.ts), on whatever origin the demo is served from.
 */
export function demoPortalPage(): { portalUrl: string; spanishPortalUrl: string } {
  const page = new URL('./', location.href);
  page.search = '';
  page.hash = '';
  const spanish = new URL(page);
  spanish.searchParams.set('lang', 'es');
  return { portalUrl: page.toString(), spanishPortalUrl: spanish.toString() };
}
