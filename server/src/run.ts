/**
 * The four commands (serve, migrate, seed, import) over a `Wiring`: how to open the database, migrate
 * it, seed it, import records into it and make a backend on it. cli.ts gives the real one; the tests a
 * fake, so everything here runs without a database.
 */
import { readFile } from 'node:fs/promises';
import type { BackendPort } from './backend-port.js';
import { createApp } from './app.js';
import { HELP, InputError, describeDatabase, parseConfig, type DatabaseTarget, type ServerConfig } from './config.js';
import { failure } from './failure.js';
import { deploymentGuide } from './guide.js';
import { checkListenable, listen, type RunningServer } from './listen.js';
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

/** What the backend made of an import: each kind's counts (and notes worth a look), or every problem (one line each, path first). */
export type ImportOutcome =
  | { ok: true; counts: Record<string, { created: number; updated: number; unchanged: number }>; notes?: string[] }
  | { ok: false; problems: string[] };

/** Problems an import refusal prints: enough to fix a file from the top, not a screenful of the same mistake. */
export const MAX_PRINTED_PROBLEMS = 20;

export interface Wiring<D extends OpenedDatabase = OpenedDatabase> {
  version: string;
  open(target: DatabaseTarget): Promise<D>;
  /** True when the database has no tables at all (nothing was ever migrated into it). */
  isEmpty(database: D): Promise<boolean>;
  migrate(database: D): Promise<{ applied: string[] }>;
  seedDemo(database: D, options: { passwordIterations?: number }): Promise<void>;
  seedSynthetic(database: D, options: { customers: number; passwordIterations?: number }): Promise<void>;
  /** import: a records file's text (docs/import.md), written whole in one transaction or refused whole. */
  importRecords?(database: D, text: string): Promise<ImportOutcome>;
  /** The backend on the migrated database, ready to answer (default settings written if missing). */
  backend(database: D, settings: BackendSettings): BackendPort | Promise<BackendPort>;
  /** The backend's card processor approves cards without charging them: warned at every start. */
  simulatedProcessor?: boolean;
  /** What the settings still take from the example company, by field (warned at every start of a server that is not a demo). */
  exampleSettingsInUse?(backend: BackendPort): Promise<string[]>;
  /** Whether the settings name the portal's page (warned at every start of a server that is not a demo when not). */
  namesPortalPage?(backend: BackendPort): Promise<boolean>;
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
  // The records to import, read before anything else: a file that cannot be read touches no database.
  const importFile = config.importFile;
  const importText = importFile !== undefined ? await readRecordsFile(importFile) : undefined;
  const importName = importFile === '-' ? 'standard input' : importFile;

  // One server per SQLite file, checked first: a second one must not write a key file or touch a
  // table beside the first (docs/deployment.md, "One small box"). Held until the database closes.
  // `seed` takes it too: it replaces every row (--replace), or fills a new file a starting server would
  // be migrating at the same moment. So does `import`: one transaction writing thousands of rows would
  // hold SQLite's write lock for seconds, and a server's requests would wait on it with their whole
  // process blocked (better-sqlite3 is synchronous). `migrate` does not: beside a server of its release
  // it finds nothing to do (serve migrated), and a later release's migrations must already run under
  // older servers for PostgreSQL's rolling deploys; its writes wait their turn on SQLite's own lock.
  // First of all: a server that cannot listen must not touch the database, its lock or an office key.
  if (config.command === 'serve') await checkListenable(config.port, config.host);
  const target = config.database;
  const holding = { serve: 'serving', seed: 'seeding', import: 'importing' } as const;
  const doing = config.command === 'migrate' ? undefined : holding[config.command];
  const lock = doing && target.kind === 'sqlite' && target.file !== ':memory:' ? lockSqliteFile(target.file, doing) : undefined;
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
    let empty: boolean;
    try {
      database = await wiring.open(config.database);
      empty = await wiring.isEmpty(database);
    } catch (error) {
      // The driver's words alone name nothing ("unable to open database file", "Connection terminated
      // unexpectedly"): which database, then why.
      throw failure(`Cannot open the database ${where}`, error);
    }
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

    if (config.command === 'import') {
      if (!wiring.importRecords) throw new Error('This build of porchlight-server cannot import records.');
      const started = performance.now();
      const outcome = await wiring.importRecords(database, importText!);
      if (!outcome.ok) throw new InputError(refusal(importName!, outcome.problems));
      log({ level: 'info', msg: 'imported', database: where, file: importName, ...outcome.counts, ms: Math.round(performance.now() - started) });
      // Nothing refused, but worth the office's look (a payment that may be a portal payment recorded twice).
      for (const note of outcome.notes ?? []) log({ level: 'warn', msg: 'import note', file: importName, note });
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
    if (!config.seedDemo && (await wiring.namesPortalPage?.(backend)) === false) {
      log({
        level: 'warn',
        msg: 'no portal page',
        detail:
          'the settings name no portal page (portalUrl) on your site: password-reset and sign-up confirmation links open on whichever page asked for them, and messages link to your main page. Save the page with the sign-in card as portalUrl (docs/deployment.md, "Putting the server behind your domain")',
      });
    }
    const server = await listen({ fetch: app.fetch, port: config.port, host: config.host, log });
    // What an operator checks a deploy by: where it listens and stores, and the settings that decide
    // who may call it and where emailed links may point (never a secret).
    log({
      level: 'info',
      msg: 'listening',
      url: server.url,
      database: where,
      version: wiring.version,
      linkOrigins: config.linkOrigins,
      trustProxyHops: config.trustProxyHops,
    });

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

/** The records file's text (`-`: standard input, to its end), or why it cannot be read, in one line. */
async function readRecordsFile(file: string): Promise<string> {
  const name = file === '-' ? 'standard input' : file;
  let bytes: Uint8Array;
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      bytes = Buffer.concat(chunks);
    } else {
      bytes = await readFile(file);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new InputError(`cannot read ${name}: ${why}.`);
  }
  try {
    // Refused rather than read with replacement characters: names would be imported garbled.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`cannot read ${name}: it is not UTF-8 text (export the file as UTF-8).`);
  }
}

/** What a refused import prints: nothing written, and the problems, the first MAX_PRINTED_PROBLEMS of them. */
function refusal(name: string, problems: string[]): string {
  const shown = problems.slice(0, MAX_PRINTED_PROBLEMS).map((problem) => `  ${problem}`);
  if (problems.length > MAX_PRINTED_PROBLEMS) shown.push(`  and ${problems.length - MAX_PRINTED_PROBLEMS} more`);
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return [`nothing was imported: ${name} has ${count}.`, ...shown].join('\n');
}
