/**
 * MSW's way into the reference backend: every request under the API base goes to the backend's
 * `handle`, which knows nothing of MSW.
 */
import { http, passthrough } from 'msw';
import type { ReferenceBackend } from '../backend/index.js';

export function handlersFor(backend: ReferenceBackend) {
  // `*/api/*` matches in the browser and under Node alike (a bare `/api/*` never matches in Node).
  return [
    http.all(`*${backend.basePath}/*`, ({ request }) => {
      const path = new URL(request.url).pathname;
      if (!path.startsWith(`${backend.basePath}/`)) return passthrough();
      return backend.handle(request);
    }),
  ];
}
