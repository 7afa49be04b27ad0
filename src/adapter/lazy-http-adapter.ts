/**
 * An `HttpAdapter` whose code loads on its first call. `<portal-provider>` and a lone element with an
 * `api-base` create their adapter as they connect; with this, their first paint does not wait for the
 * whole REST client (every endpoint of every element): the sign-in form is ready to type before it.
 * The first request starts as soon as the client has loaded, the response schemas in parallel, as before.
 */
import type { HttpAdapter } from './http-adapter.js';
import { ADAPTER_METHODS, normalApiBase, REST_CLIENT } from './adapter-kinds.js';
import { loadOnce } from './load-once.js';
import type { PortalAdapter } from './portal-adapter.js';

export function lazyHttpAdapter(apiBase: string): PortalAdapter {
  const load = loadOnce(() => import('./http-adapter.js').then(({ HttpAdapter }): HttpAdapter => new HttpAdapter({ apiBase })));
  // The REST client's base, and its brand (see restClientBase), not enumerable: an object spread from
  // this one is not taken for the REST client.
  const adapter: Record<string | symbol, unknown> = { apiBase: normalApiBase(apiBase) };
  Object.defineProperty(adapter, REST_CLIENT, { value: true });
  for (const name of ADAPTER_METHODS) {
    adapter[name] = (...args: unknown[]) => load().then((real) => (real[name] as (...a: unknown[]) => unknown).apply(real, args));
  }
  return adapter as unknown as PortalAdapter;
}
