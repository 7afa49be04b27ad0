import { http, HttpResponse } from 'msw';
import { useHandlers } from './backend.js';

/**
 * Answers every request for the source module `path` (e.g. `src/adapter/wire-schemas.ts`) with a
 * network error — a dropped connection on a phone — until `arrive()`. A module loads once per page: a
 * test file that loses one must not have loaded it before.
 */
export function loseChunk(path: string) {
  let lost = true;
  useHandlers(http.get(`*/${path}*`, () => (lost ? HttpResponse.error() : undefined)));
  return {
    arrive() {
      lost = false;
    },
  };
}
