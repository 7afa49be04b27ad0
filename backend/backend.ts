/**
 * The reference backend: the contractor's side of the portal, keeping its rules itself over a SQL
 * database. It speaks the REST contract (docs/rest-contract.md) as a plain `Request → Response`
 * function, so how a request arrives is someone else's business: MSW in the browser (mocks/), or
 * porchlight-server's HTTP listener (server/).
 */
import { sql, type Kysely } from 'kysely';
import { portalSettings, type PortalSettings } from '../src/model/settings.js';
import type { PortalDatabase, Queryable } from './dialects/portal-database.js';
import type { Database } from './schema/database.js';
import {
  ApiError,
  DEFAULT_BODY_LIMIT,
  errorResponse,
  hasNul,
  json,
  nulRefused,
  parseJsonObject,
  readJsonObject,
  readLimited,
  redactSecrets,
  requireJson,
  type BackendConfig,
  type Route,
  type RouteContext,
} from './http/http.js';
import { refuseStrayFields } from './http/known-keys.js';
import { preparedQuery } from './queries/prepared.js';
import { clientSubject, pruneEvents, takeSlot } from './queries/rate-events.js';
import { accountRoutes } from './rules/account.js';
import { authRoutes } from './rules/auth.js';
import { billingRoutes } from './rules/billing.js';
import { SimulatedProcessor, type CardProcessor } from './rules/card-processor.js';
import { DEFAULT_PBKDF2_ITERATIONS, randomToken } from './rules/crypto.js';
import { documentLinkRoutes } from './rules/document-links.js';
import { namedPortalPage } from './rules/links.js';
import { estimateRoutes } from './rules/estimates.js';
import { historyRoutes } from './rules/history.js';
import { templateRoutes } from './rules/messages.js';
import { importRoutes } from './import/route.js';
import { officeKeyProblem, officeRoutes, publicRoutes, requireOffice } from './rules/office.js';
import { officeVisitRoutes } from './rules/office-visits.js';
import { reviewQueueRoutes } from './rules/review-queue.js';
import { defaultSchedulerSettings, readSchedulerSettings, schedulingRoutes } from './rules/scheduling.js';
import { migrateToLatest } from './schema/migrate.js';
import { createSeedState, defaultSettings, newDatabaseSettings } from './seed/demo.js';
import { readDump, writeDump, type BackendDump } from './seed/dump.js';

export interface ReferenceBackendOptions {
  database: PortalDatabase;
  /** Path the contract is mounted at. */
  basePath?: string;
  now?: () => Date;
  config?: Partial<BackendConfig>;
  /** Routes added by later features, checked after the built-in ones. */
  routes?: Route[];
  /** The card processor; the simulated one (with its documented test cards) by default. */
  processor?: CardProcessor;
  /**
   * Settings the demo's seed starts with over its own (reset, and a new database the demo seeds): the
   * in-browser demo names its own pages as the portal page, which the seed cannot know.
   */
  seedSettings?: Partial<PortalSettings>;
}

export interface RequestInfo {
  /** The caller's network address, as the server saw it. */
  clientAddress?: string | null;
  /**
   * Told of a failure the backend did not expect (answered 500), with its message's secrets taken out:
   * porchlight-server logs it with the request's id. Without it, the console hears of it.
   */
  onUnexpected?: (reason: string) => void;
}

const defaultConfig = (): BackendConfig => ({
  passwordIterations: DEFAULT_PBKDF2_ITERATIONS,
  sessionTtlMs: 8 * 60 * 60_000,
  resetTtlMs: 30 * 60_000,
  // Unguessable unless the deployment sets one: the outbox holds reset links.
  officeKey: randomToken(),
  linkOrigins: [],
  authRequestsPerMinute: 30,
  // Off unless asked for: POST /office/reset wipes every customer. The in-browser demo, Storybook and
  // the tests ask for it; porchlight-server only with --seed-demo.
  demoReset: false,
});

/** The office's "reset demo data": absent (404, like any unknown path) unless the configuration allows it. */
const isDemoReset = (route: Route) => route.method === 'POST' && route.path === '/office/reset';

const settingsRow = preparedQuery((db, { key }: { key: string }) => db.selectFrom('settings').select('value').where('key', '=', key));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const frozenDefaults = deepFreeze(structuredClone(defaultSettings));

type CompiledRoute = Route & {
  matcher: RegExp;
  names: string[];
};

/** Refuses a query parameter the route does not read, naming it and the ones it could be (a long one cut: it is echoed back). */
function refuseStrayParameters(url: URL, known: readonly string[]) {
  for (const name of url.searchParams.keys()) {
    if (known.includes(name)) continue;
    const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
    const takes = known.length === 0 ? 'takes no query parameters' : `takes ${known.join(', ')}`;
    throw new ApiError(400, 'VALIDATION', `There is no "${shown}" in this request: its address ${takes}.`, { field: name });
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, matcher: new RegExp(`^${pattern}$`), names };
}

/** A database that cannot be reached (stopped, restarting, pool exhausted): the request waits for nothing. */
export function isUnavailable(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = String((error as Error)?.message ?? '');
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|57P0[1-3]|08\d\d\d|53300|SQLITE_BUSY|SQLITE_CANTOPEN|SQLITE_IOERR.*)$/.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|database is locked/i.test(message)
  );
}

export class ReferenceBackend {
  readonly database: PortalDatabase;
  readonly basePath: string;
  readonly config: BackendConfig;
  readonly processor: CardProcessor;
  readonly #now: () => Date;
  readonly #routes: CompiledRoute[];
  readonly #seedSettings: Partial<PortalSettings>;

  constructor(options: ReferenceBackendOptions) {
    this.database = options.database;
    this.basePath = (options.basePath ?? '/api').replace(/\/+$/, '');
    this.config = { ...defaultConfig(), ...options.config };
    this.#now = options.now ?? (() => new Date());
    this.#seedSettings = options.seedSettings ?? {};
    this.processor = options.processor ?? new SimulatedProcessor(this.database.db, this.#now);
    this.#routes = [
      ...publicRoutes,
      ...authRoutes,
      ...officeRoutes,
      ...templateRoutes(requireOffice),
      ...importRoutes(requireOffice),
      ...officeVisitRoutes(requireOffice),
      ...billingRoutes,
      ...historyRoutes,
      ...accountRoutes,
      ...estimateRoutes,
      ...documentLinkRoutes,
      ...schedulingRoutes,
      ...reviewQueueRoutes,
      ...(options.routes ?? []),
    ]
      .filter((route) => this.config.demoReset || !isDemoReset(route))
      .map(compile);
  }

  /**
   * Creates or upgrades the schema, and writes a new database's settings into an empty one (the example
   * company's, with payments off and no hostname: seed/demo.ts, newDatabaseSettings).
   */
  async prepare(): Promise<void> {
    await migrateToLatest(this.database);
    await this.database.db
      .insertInto('settings')
      .values({ key: 'portal', value: JSON.stringify(newDatabaseSettings) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await this.database.db
      .insertInto('counters')
      .values({ name: 'receipt', value: 100_000 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** Back to the demo's seed: "reset demo data" and before every test. */
  async reset(): Promise<void> {
    await migrateToLatest(this.database);
    const seed = await createSeedState(this.#now(), this.config.passwordIterations);
    await this.restore({ ...seed, settings: { ...seed.settings, ...this.#seedSettings } });
  }

  /** Replaces all data with a document (the seed, or a test's unusual business). */
  async restore(dump: BackendDump): Promise<void> {
    await this.database.db.transaction().execute((trx) => writeDump(trx, dump));
  }

  /** Everything as one document: for tests and tools, never for customers (it reads every row). */
  async inspect(): Promise<BackendDump> {
    return readDump(this.database.db);
  }

  /**
   * What the portal still shows or uses from the example company (seed/demo.ts), named for the server's
   * start-up warning: its name or phone, and, once online requests are on, its services or service area
   * (rules/scheduling.ts). Empty once the contractor has saved their own.
   */
  async exampleSettingsInUse(): Promise<string[]> {
    const settings = await this.#settings();
    const inUse: string[] = [];
    if (settings.companyName === defaultSettings.companyName) inUse.push('companyName');
    if (settings.companyPhone === defaultSettings.companyPhone) inUse.push('companyPhone');
    if (settings.schedulerEnabled) {
      const scheduling = await readSchedulerSettings(this.database.db);
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (same(scheduling.services, defaultSchedulerSettings.services)) inUse.push('scheduling services');
      if (same(scheduling.serviceArea, defaultSchedulerSettings.serviceArea)) inUse.push('scheduling service area');
    }
    return inUse;
  }

  /**
   * Whether the settings name the portal's page (`portalUrl`, still on the site): where password-reset and
   * confirmation links open (rules/auth.ts). Without one they open on the page that asked: the server warns.
   */
  async namesPortalPage(): Promise<boolean> {
    return namedPortalPage({ config: this.config, settings: await this.#settings() }, 'en') !== null;
  }

  /** Throws when the database cannot be reached: the server's readiness check. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.database.db);
  }

  /** The contractor's own site origins: where the elements may call from (CORS) and links may point. */
  async allowedOrigins(): Promise<string[]> {
    const settings = await this.#settings();
    const origins = new Set(this.config.linkOrigins);
    // Lower-cased: a hostname saved in capitals before the office began lower-casing it still matches the
    // browser's Origin, which is always lower case.
    if (settings.hostname) origins.add(`https://${settings.hostname.toLowerCase()}`);
    return [...origins];
  }

  /**
   * The last settings read, parsed: the row is read on every request (another server may change it),
   * parsed only when it changed. Every request shares the one frozen object (no copy per request): a
   * route that tried to change it would fail loudly instead of changing the next request's settings.
   */
  #parsedSettings: { raw: string; settings: PortalSettings } | null = null;

  async #settings(db: Queryable = this.database.db): Promise<PortalSettings> {
    const row = await settingsRow.first(db, { key: 'portal' });
    if (!row) return frozenDefaults;
    if (this.#parsedSettings?.raw !== row.value) {
      const parsed = portalSettings.safeParse(JSON.parse(row.value));
      this.#parsedSettings = { raw: row.value, settings: parsed.success ? deepFreeze(parsed.data) : frozenDefaults };
    }
    return this.#parsedSettings.settings;
  }

  async handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const response = await this.#handleOrRefuse(request, info);
    // A link's page, or its refusal (expired, revoked), is never indexed nor leaks through a Referer:
    // refusals come from anywhere in a handler, so the headers are set here, once, for every answer.
    if (response.status !== 0 && request.url.includes('/links/') && new URL(request.url).pathname.startsWith(`${this.basePath}/links/`)) {
      response.headers.set('Referrer-Policy', 'no-referrer');
      response.headers.set('X-Robots-Tag', 'noindex, nofollow');
    }
    return response;
  }

  async #handleOrRefuse(request: Request, info: RequestInfo): Promise<Response> {
    try {
      return await this.#handle(request, info);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (isUnavailable(error)) {
        return json({ error: { code: 'BAD_RESPONSE', message: 'The portal is briefly unavailable. Try again in a moment.', details: {} } }, 503, {
          'Retry-After': '5',
        });
      }
      reportUnexpected(info, error);
      return json({ error: { code: 'BAD_RESPONSE', message: 'Something went wrong on our side.', details: {} } }, 500);
    }
  }

  /**
   * The most a request to `method` `pathname` may carry, in bytes: its route's limit, or the default
   * for a path no route serves (which is refused unread anyway). A server that receives bodies itself
   * (porchlight-server, before its request clock starts) stops there rather than at its own cap.
   */
  bodyLimitFor(method: string, pathname: string): number {
    return this.#routeFor(method, pathname)?.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
  }

  /**
   * Why an office route's request is refused, from its headers alone (no office key, or another one),
   * else null: porchlight-server asks before it receives a body, so no one without the key makes it
   * hold an import's 8 MB. The backend refuses the same request the same way if it gets that far.
   */
  officeRefusal(method: string, pathname: string, headers: Headers): string | null {
    // Under the base path only: elsewhere the backend answers 404, not 403.
    if (!pathname.startsWith(`${this.basePath}/office/`) || !this.#routeFor(method, pathname)) return null;
    return officeKeyProblem(headers, this.config.officeKey);
  }

  /** How long a request to `method` `pathname` may take, when its route says (the records import), else undefined. */
  timeoutFor(method: string, pathname: string): number | undefined {
    return this.#routeFor(method, pathname)?.timeoutMs;
  }

  /** The route serving `method` `pathname` (with or without the base path), if any. */
  #routeFor(method: string, pathname: string): CompiledRoute | undefined {
    const path = pathname.startsWith(`${this.basePath}/`) ? pathname.slice(this.basePath.length) : pathname;
    return this.#routes.find((r) => r.method === method && r.matcher.test(path));
  }

  async #handle(request: Request, info: RequestInfo): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${this.basePath}/`)) throw new ApiError(404, 'NOT_FOUND', 'No such endpoint.');
    const path = url.pathname.slice(this.basePath.length);
    const route = this.#routes.find((r) => r.method === request.method && r.matcher.test(path));
    if (!route) {
      if (this.#routes.some((r) => r.matcher.test(path))) return json({ error: { code: 'VALIDATION', message: 'Method not allowed.', details: {} } }, 405);
      throw new ApiError(404, 'NOT_FOUND', 'No such endpoint.');
    }
    const match = route.matcher.exec(path)!;
    const params: Record<string, string> = Object.create(null);
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
    } catch {
      throw new ApiError(404, 'NOT_FOUND', 'No such endpoint.');
    }
    if (Object.values(params).some(hasNul) || [...url.searchParams].some(([key, value]) => hasNul(key) || hasNul(value))) throw nulRefused();
    refuseStrayParameters(url, route.query ?? []);

    // A route that only reads, quickly: in one snapshot where the engine offers one (SQLite in a file).
    if (route.snapshot && request.method === 'GET' && this.database.readSnapshot) {
      return this.database.readSnapshot((reader) => this.#answer(route, request, url, path, params, info, reader));
    }
    return this.#answer(route, request, url, path, params, info, null);
  }

  /**
   * Answers a matched route. `reader` is the held connection of a read snapshot (the route may only
   * read), or null: the route runs on the database and may open transactions.
   */
  async #answer(
    route: CompiledRoute,
    request: Request,
    url: URL,
    path: string,
    params: Record<string, string>,
    info: RequestInfo,
    reader: Kysely<Database> | null,
  ): Promise<Response> {
    const now = this.#now();
    const db = reader ?? this.database.db;
    const settings = await this.#settings(db);
    const isCustomerPath = !path.startsWith('/office/') && path !== '/settings';
    if (isCustomerPath && !settings.portalEnabled) {
      throw new ApiError(503, 'PORTAL_DISABLED', `The customer portal is turned off. Call ${settings.companyName} at ${settings.companyPhone}.`);
    }
    const clientAddress = info.clientAddress ?? null;
    if (clientAddress && request.method === 'POST' && path.startsWith('/auth/')) await this.#limitClient(clientAddress, now);

    let body: Promise<Record<string, unknown>> | null = null;
    const context: RouteContext & { processor: CardProcessor } = {
      db,
      dialect: this.database.dialect,
      transaction: reader
        ? () => Promise.reject(new Error(`${route.method} ${route.path} wrote inside a read snapshot: a snapshot route only reads.`))
        : (work) => db.transaction().execute(work),
      settings,
      now,
      config: this.config,
      request,
      url,
      params,
      clientAddress,
      body: () => (body ??= bodyOf(route, request)),
      reportUnexpected: (error) => reportUnexpected(info, error),
      processor: this.processor,
    };
    // A route that takes no body reads none, so its body is checked here: one with a field in it is
    // refused, never ignored.
    if (route.method !== 'GET' && route.body === 'none' && request.body) await context.body();
    const response = await route.handler(context);
    if (context.resetRequested && this.config.demoReset) await this.reset();
    return response;
  }

  /** Sign-in, sign-up and reset requests per client address, counted in the database (all servers share it). */
  async #limitClient(clientAddress: string, now: Date) {
    const { db } = this.database;
    const since = new Date(now.getTime() - 60_000);
    const slot = await db
      .transaction()
      .execute((trx) => takeSlot(trx, { bucket: 'client-auth', subject: clientSubject(clientAddress), since, now, limit: this.config.authRequestsPerMinute }));
    if ('full' in slot) {
      const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(slot.full[0]!) + 60_000 - now.getTime()) / 1000));
      throw new ApiError(429, 'RATE_LIMITED', 'Too many attempts from your network. Wait a minute and try again.', { retryAfterSeconds });
    }
    // Now and then, forget events older than every window, so the table stays small.
    if (Math.random() < 0.01) await pruneEvents(db, now);
  }
}

/**
 * The JSON body of a route, refused with a field the route does not name. A route that takes none
 * (`'none'`) takes an empty body or `{}`, whatever its type, and no field.
 */
async function bodyOf(route: Route, request: Request): Promise<Record<string, unknown>> {
  if (route.method === 'GET') throw new Error(`GET ${route.path} reads a body: a GET has none.`);
  if (route.body === 'none') {
    const text = await readLimited(request, DEFAULT_BODY_LIMIT);
    if (text.trim() === '') return {};
    requireJson(request);
    refuseStrayFields(parseJsonObject(text), {});
    return {};
  }
  const body = await readJsonObject(request, route.maxBodyBytes ?? DEFAULT_BODY_LIMIT);
  if (route.body !== 'checked') refuseStrayFields(body, route.body);
  return body;
}

/** An unexpected failure, told to the server's log (or the console), its secrets redacted. */
function reportUnexpected(info: RequestInfo, error: unknown): void {
  const reason = redactSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  if (info.onUnexpected) info.onUnexpected(reason);
  else console.error('[reference backend]', reason);
}
