/**
 * The reference backend: the contractor's side of the portal, keeping its rules itself. It speaks the
 * REST contract (docs/rest-contract.md) as a plain `Request → Response` function, so MSW is only one way
 * in: the same function can sit behind a Node HTTP server over a real database.
 */
import { authRoutes } from './auth.js';
import { DEFAULT_PBKDF2_ITERATIONS, randomToken } from './crypto.js';
import { ApiError, errorResponse, json, type BackendConfig, type Route, type RouteContext } from './http.js';
import { officeRoutes, publicRoutes } from './office.js';
import { featureRoutes } from './routes.js';
import { createSeedState } from './seed.js';
import type { BackendState } from './state.js';
import { MemoryStorage, type BackendStorage } from './storage.js';

export interface ReferenceBackendOptions {
  storage?: BackendStorage;
  /** Path the contract is mounted at. */
  basePath?: string;
  now?: () => Date;
  config?: Partial<BackendConfig>;
  /** Routes added by later features (invoices, payments …), checked after the built-in ones. */
  routes?: Route[];
}

/** The demo's office key: public on purpose, for the demo, Storybook and tests only. */
export const DEMO_OFFICE_KEY = 'northwind-office-demo-key';

const defaultConfig = (): BackendConfig => ({
  passwordIterations: DEFAULT_PBKDF2_ITERATIONS,
  sessionTtlMs: 8 * 60 * 60_000,
  resetTtlMs: 30 * 60_000,
  // Unguessable unless the deployment sets one: the outbox holds reset links.
  officeKey: randomToken(),
  linkOrigins: [],
});

interface CompiledRoute extends Route {
  matcher: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, matcher: new RegExp(`^${pattern}$`), names };
}

export class ReferenceBackend {
  readonly storage: BackendStorage;
  readonly basePath: string;
  readonly config: BackendConfig;
  readonly #now: () => Date;
  readonly #routes: CompiledRoute[];
  /** One request at a time, as a single-threaded server with a transaction per request would. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ReferenceBackendOptions = {}) {
    this.storage = options.storage ?? new MemoryStorage();
    this.basePath = (options.basePath ?? '/api').replace(/\/+$/, '');
    this.config = { ...defaultConfig(), ...options.config };
    this.#now = options.now ?? (() => new Date());
    this.#routes = [...publicRoutes, ...authRoutes, ...officeRoutes, ...featureRoutes, ...(options.routes ?? [])].map(compile);
  }

  /** Back to the seed: used by "reset demo data" and before every test. */
  async reset(): Promise<void> {
    await this.#exclusive(async () => {
      await this.storage.save(await createSeedState(this.#now(), this.config.passwordIterations));
    });
  }

  /** Read the state directly: for tests and the office page, never for customers. */
  async inspect(): Promise<BackendState> {
    return this.#exclusive(() => this.#load());
  }

  handle(request: Request): Promise<Response> {
    return this.#exclusive(() => this.#handle(request));
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const transaction = () => (this.storage.transaction ? this.storage.transaction(work) : work());
    const run = this.#queue.then(transaction, transaction);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #load(): Promise<BackendState> {
    const stored = await this.storage.load();
    if (stored) return stored;
    const seeded = await createSeedState(this.#now(), this.config.passwordIterations);
    await this.storage.save(seeded);
    return seeded;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${this.basePath}/`)) {
      return errorResponse(new ApiError(404, 'NOT_FOUND', 'No such endpoint.'));
    }
    const path = url.pathname.slice(this.basePath.length);
    let state: BackendState | null = null;
    // A refusal may still change state (a failed sign-in counts towards lockout): save either way.
    let changed = false;
    try {
      state = await this.#load();
      const isCustomerPath = !path.startsWith('/office/') && path !== '/settings';
      if (isCustomerPath && !state.settings.portalEnabled) {
        const { companyName, companyPhone } = state.settings;
        throw new ApiError(503, 'PORTAL_DISABLED', `The customer portal is turned off. Call ${companyName} at ${companyPhone}.`);
      }
      for (const route of this.#routes) {
        const match = route.matcher.exec(path);
        if (!match) continue;
        if (route.method !== request.method) continue;
        let params: Record<string, string>;
        try {
          params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
        } catch {
          throw new ApiError(404, 'NOT_FOUND', 'No such endpoint.');
        }
        const context: RouteContext = {
          state,
          now: this.#now(),
          config: this.config,
          request,
          url,
          params,
          markChanged: () => {
            changed = true;
          },
        };
        const response = await route.handler(context);
        if (context.resetRequested) await this.storage.save(await createSeedState(this.#now(), this.config.passwordIterations));
        else if (changed) await this.storage.save(state);
        return response;
      }
      const known = this.#routes.some((route) => route.matcher.test(path));
      return known
        ? json({ error: { code: 'VALIDATION', message: 'Method not allowed.' } }, 405)
        : errorResponse(new ApiError(404, 'NOT_FOUND', 'No such endpoint.'));
    } catch (error) {
      if (error instanceof ApiError) {
        if (changed && state) await this.storage.save(state);
        return errorResponse(error);
      }
      console.error('[reference backend]', error);
      return json({ error: { code: 'BAD_RESPONSE', message: 'Something went wrong on our side.' } }, 500);
    }
  }
}
