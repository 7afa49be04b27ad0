/**
 * The three commands (serve, migrate, seed) over a `Wiring`: how to open the database, migrate it,
 * seed it and make a backend on it. cli.ts gives the real one; the tests a fake, so everything here
 * runs without a database.
 */
import type { BackendPort } from './backend-port.js';
import { createApp } from './app.js';
import { HELP, describeDatabase, parseConfig, type DatabaseTarget, type ServerConfig } from './config.js';
import { deploymentGuide } from './guide.js';
import { listen, type RunningServer } from './listen.js';
import { jsonLogger, type Logger } from './log.js';
import { resolveOfficeKey } from './office-key.js';
import { lockSqliteFile } from './sqlite-lock.js';

export interface OpenedDatabase {
  close(): Promise<void>;
}

export interface BackendSettings {
  officeKey: string;
  linkOrigins: string[];
  passwordIterations?: number;
  /** A demo server (`--seed-demo`): `POST /api/office/reset` may wipe the data back to the demo's. */
  demoReset: boolean;
}

export interface Wiring<D extends OpenedDatabase = OpenedDatabase> {
  version: string;
  open(target: DatabaseTarget): Promise<D>;
  /** True when the database has no tables at all (nothing was ever migrated into it). */
  isEmpty(database: D): Promise<boolean>;
  migrate(database: D): Promise<{ applied: string[] }>;
  seedDemo(database: D, options: { passwordIterations?: number }): Promise<void>;
  seedSynthetic(database: D, options: { customers: number; passwordIterations?: number }): Promise<void>;
  /** The backend on the migrated database, ready to answer (default settings written if missing). */
  backend(database: D, settings: BackendSettings): BackendPort | Promise<BackendPort>;
  /** The backend's card processor approves cards without charging them: warned at every start. */
  simulatedProcessor?: boolean;
  /** What the settings still take from the example company, by field (warned at every start of a server that is not a demo). */
  exampleSettingsInUse?(backend: BackendPort): Promise<string[]>;
}

export interface RunIO {
  log?: Logger;
  /** Human text on stdout: help, version. */
  print?: (text: string) => void;
  /** Human text on stderr, outside the JSON log: the generated office key. */
  notice?: (text: string) => void;
  cwd?: string;
}

export interface Serving {
  config: ServerConfig;
  server: RunningServer;
  /** Graceful stop: no new connections, requests in flight finish, then the database closes. */
  stop(): Promise<void>;
}

export type RunResult = { kind: 'done' } | { kind: 'serving'; serving: Serving };

export async function run<D extends OpenedDatabase>(
  argv: string[],
  env: Record<string, string | undefined>,
  wiring: Wiring<D>,
  io: RunIO = {},
): Promise<RunResult> {
  const log = io.log ?? jsonLogger;
  const print = io.print ?? ((text: string) => process.stdout.write(text));
  const notice = io.notice ?? ((text: string) => process.stderr.write(text));
  const config = parseConfig(argv, env, io.cwd);
  if (config.help) {
    print(HELP);
    return { kind: 'done' };
  }
  if (config.version) {
    print(`${wiring.version}\n`);
    return { kind: 'done' };
  }
  if (config.guide) {
    print(await deploymentGuide());
    return { kind: 'done' };
  }
  // One server per SQLite file, checked first: a second one must not write a key file or touch a
  // table beside the first (docs/deployment.md, "One small box"). Held until the database closes.
  // `seed` takes it too: it replaces every row (--replace), or fills a new file a starting server would
  // be migrating at the same moment. `migrate` does not: beside a server of its release it finds nothing
  // to do (serve migrated), and a later release's migrations must already run under older servers for
  // PostgreSQL's rolling deploys; its writes wait their turn on SQLite's own lock.
  const target = config.database;
  const lock =
    (config.command === 'serve' || config.command === 'seed') && target.kind === 'sqlite' && target.file !== ':memory:'
      ? lockSqliteFile(target.file, config.command === 'seed' ? 'seeding' : 'serving')
      : undefined;
  let database: D | undefined;
  const close = async () => {
    try {
      await database?.close();
    } finally {
      lock?.release();
    }
  };
  try {
    // Checked before the database is touched: a server that cannot start must not half-start.
    const officeKey = config.command === 'serve' ? resolveOfficeKey(config, (message) => log({ level: 'warn', msg: message })) : undefined;

    const where = describeDatabase(config.database);
    database = await wiring.open(config.database);
    const empty = await wiring.isEmpty(database);
    const { applied } = await wiring.migrate(database);
    if (applied.length) log({ level: 'info', msg: 'migrated', database: where, applied });

    if (config.command === 'migrate') {
      if (!applied.length) log({ level: 'info', msg: 'already up to date', database: where });
      await close();
      return { kind: 'done' };
    }

    if (config.command === 'seed') {
      if (!empty && !config.replace) {
        throw new Error(`${where} already has tables (it was created or migrated before): seeding replaces every row in it. Add --replace if that is what you want.`);
      }
      const passwordIterations = config.passwordIterations;
      const started = performance.now();
      if (config.customers !== undefined) await wiring.seedSynthetic(database, { customers: config.customers, passwordIterations });
      else await wiring.seedDemo(database, { passwordIterations });
      log({
        level: 'info',
        msg: 'seeded',
        database: where,
        dataSet: config.customers !== undefined ? `synthetic, ${config.customers} customers` : 'demo',
        ms: Math.round(performance.now() - started),
      });
      await close();
      return { kind: 'done' };
    }

    if (empty && config.seedDemo) {
      await wiring.seedDemo(database, { passwordIterations: config.passwordIterations });
      log({ level: 'info', msg: 'seeded', database: where, dataSet: 'demo' });
    }
    const key = officeKey!;
    if (key.source === 'generated') {
      notice(
        key.file
          ? `\nOffice key (generated; shown this once, kept in ${key.file}, readable by you only):\n\n  ${key.key}\n\nSend it as X-Porchlight-Office-Key on /api/office/* requests.\n\n`
          : `\nOffice key for this in-memory database (shown once):\n\n  ${key.key}\n\n`,
      );
    }
    // Where the key came from, at every start (the first one too): never the key itself, which only
    // the notice above shows, once, outside the JSON log.
    log({
      level: 'info',
      msg: 'office key',
      from: key.source === 'environment' ? 'PORCHLIGHT_OFFICE_KEY' : (key.file ?? 'in-memory database'),
      ...(key.source === 'generated' ? { generated: true } : {}),
    });

    const backend = await wiring.backend(database, {
      officeKey: key.key,
      linkOrigins: config.linkOrigins,
      passwordIterations: config.passwordIterations,
      demoReset: config.seedDemo,
    });
    let shuttingDown = false;
    const app = createApp({
      backend,
      log,
      maxBodyBytes: config.maxBodyBytes,
      requestTimeoutMs: config.requestTimeoutMs,
      trustProxyHops: config.trustProxyHops,
      isShuttingDown: () => shuttingDown,
    });
    // A simulated processor approves any well-formed card and moves no money: said at every start, so
    // nobody takes it for a real one (docs/deployment.md, "What is simulated").
    if (wiring.simulatedProcessor) {
      log({
        level: 'warn',
        msg: 'simulated card processor',
        detail: 'payments are recorded but no card is charged; keep onlinePaymentsEnabled off until a real processor is connected',
      });
    }
    const exampleFields = config.seedDemo ? [] : ((await wiring.exampleSettingsInUse?.(backend)) ?? []);
    if (exampleFields.length > 0) {
      log({
        level: 'warn',
        msg: 'example settings',
        fields: exampleFields,
        detail: `the portal still uses the example company's (Northwind Heating & Air) ${exampleFields.join(', ')}: save your own before customers see it (docs/deployment.md, "Before customers see it")`,
      });
    }
    const server = await listen({ fetch: app.fetch, port: config.port, host: config.host });
    log({ level: 'info', msg: 'listening', url: server.url, database: where, version: wiring.version });

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        shuttingDown = true;
        log({ level: 'info', msg: 'shutting down', deadlineMs: config.shutdownTimeoutMs });
        const { forced } = await server.close(config.shutdownTimeoutMs);
        await close();
        log({ level: 'info', msg: 'stopped', ...(forced ? { forcedConnections: true } : {}) });
      })());
    return { kind: 'serving', serving: { config, server, stop } };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
