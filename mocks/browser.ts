/**
 * Starts the reference backend in the page, for the demo: SQLite compiled to WebAssembly (sql.js)
 * under the same schema and queries as porchlight-server, persisted in IndexedDB so it survives a
 * reload and every tab sees the same data, with MSW's service worker routing `/api` to it.
 */
import { setupWorker } from 'msw/browser';
import sqlJsScript from 'sql.js/dist/sql-wasm-browser.js?url';
import sqlJsWasm from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { DEMO_OFFICE_KEY, ReferenceBackend, openSqlJsDatabase, type ReferenceBackendOptions } from '../backend/index.js';
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
  return { backend, worker };
}
