/**
 * Starts the reference backend in the page through MSW's service worker. Used by the demo,
 * Storybook and the tests. The state lives in localStorage, so every tab sees the same backend.
 */
import { setupWorker } from 'msw/browser';
import { DEMO_OFFICE_KEY, LocalStorageStorage, ReferenceBackend, type ReferenceBackendOptions } from '../backend/index.js';
import { handlersFor } from './handlers.js';

export interface StartOptions extends ReferenceBackendOptions {
  /** Where the worker script is served; `/mockServiceWorker.js` by default. */
  workerUrl?: string;
}

export async function startMockBackend(options: StartOptions = {}) {
  const backend = new ReferenceBackend({
    storage: new LocalStorageStorage(),
    ...options,
    // The demo's links (reset, invitation) land on the demo's own pages.
    config: { officeKey: DEMO_OFFICE_KEY, linkOrigins: [location.origin], ...options.config },
  });
  const worker = setupWorker(...handlersFor(backend));
  await worker.start({
    serviceWorker: { url: options.workerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return { backend, worker };
}
