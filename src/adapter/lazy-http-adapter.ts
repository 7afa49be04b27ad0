/**
 * An `HttpAdapter` whose code loads on its first call. `<portal-provider>` and a lone element with an
 * `api-base` create their adapter as they connect; with this, their first paint does not wait for the
 * whole REST client (every endpoint of every element): the sign-in form is ready to type before it.
 * The first request starts as soon as the client has loaded, the response schemas in parallel, as before.
 */
import type { HttpAdapter } from './http-adapter.js';
import { ADAPTER_METHODS, REST_CLIENT } from './adapter-kinds.js';
import type { PortalAdapter } from './portal-adapter.js';

export function lazyHttpAdapter(apiBase: string): PortalAdapter {
  let client: Promise<HttpAdapter> | undefined;
  const load = () => (client ??= import('./http-adapter.js').then(({ HttpAdapter }) => new HttpAdapter({ apiBase })));
  // The REST client's brand and base, as HttpAdapter has them (see restClientBase).
  const adapter: Record<string | symbol, unknown> = { [REST_CLIENT]: true, apiBase: apiBase.replace(/\/+$/, '') };
  for (const name of ADAPTER_METHODS) {
    adapter[name] = (...args: unknown[]) => load().then((real) => (real[name] as (...a: unknown[]) => unknown).apply(real, args));
  }
  return adapter as unknown as PortalAdapter;
}
