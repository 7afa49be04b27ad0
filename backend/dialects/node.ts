/**
 * Opening the database on a server: PostgreSQL when a connection URL is given (several server
 * instances share it), else SQLite in a file (one box, nothing to install or start).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema/database.js';
import type { PortalDatabase } from './portal-database.js';

export interface OpenOptions {
  /** A `postgres://` URL. Wins over `sqliteFile`. */
  postgresUrl?: string;
  /** Path of the SQLite file; created when missing. `:memory:` for a throwaway one. */
  sqliteFile?: string;
  /** PostgreSQL pool size per server process. */
  poolSize?: number;
}

// node-postgres returns int8 (bigint columns, COUNT(*)) as strings to be safe beyond 2^53. Money in
// minor units and row counts stay far below that, so the backend gets numbers on every engine.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * SQLite's transactions start as readers by default; two connections that both read, then write,
 * would fail one of them ("database is locked") instead of waiting. BEGIN IMMEDIATE takes the write
 * lock up front, so a second process (a CLI seed, a second server on the same box) waits its turn
 * (busy_timeout) and then sees the first one's writes.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #file: string | symbol;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], turn: string | symbol) {
    super(config);
    this.#file = turn;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const file = this.#file;
    // Every use of a connection — a transaction, or one query on its own — takes the file's turn in
    // this process, from acquiring the connection to releasing it.
    const releases: (() => void)[] = [];
    const acquire = driver.acquireConnection.bind(driver);
    const releaseConnection = driver.releaseConnection.bind(driver);
    driver.acquireConnection = async () => {
      const release = await takeTurn(file);
      try {
        const connection = await acquire();
        releases.push(release);
        return connection;
      } catch (error) {
        release();
        throw error;
      }
    };
    driver.releaseConnection = async (connection: DatabaseConnection) => {
      try {
        await releaseConnection(connection);
      } finally {
        releases.shift()?.();
      }
    };
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Connections to one file take turns within this process. better-sqlite3 is synchronous: a second
 * connection's write waiting out busy_timeout would block the event loop, so the transaction holding
 * the lock (on another connection in the same process — two servers in one test, a CLI beside the
 * app) could never finish. Across processes BEGIN IMMEDIATE and busy_timeout wait.
 */
const turns = new Map<string | symbol, Promise<void>>();

async function takeTurn(file: string | symbol): Promise<() => void> {
  const previous = turns.get(file) ?? Promise.resolve();
  let finish!: () => void;
  const mine = new Promise<void>((resolve) => (finish = resolve));
  const queued = previous.then(() => mine);
  turns.set(file, queued);
  await previous;
  return () => {
    finish();
    if (turns.get(file) === queued) turns.delete(file);
  };
}

/**
 * Kysely asks better-sqlite3 to prepare every query anew; compiling SQL costs more than running an
 * indexed lookup. The same SQL text is the same statement: keep the prepared ones (a bounded number,
 * since IN lists of different lengths make different texts). While a read snapshot is open, a
 * statement that writes is refused before it runs (better-sqlite3 knows which ones do).
 */
class Statements {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #cache = new Map<string, BetterSqlite3.Statement>();
  readOnly = false;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
  }

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      if (this.#cache.size >= 500) this.#cache.clear();
      statement = this.#sqlite.prepare(sql);
      this.#cache.set(sql, statement);
    }
    if (this.readOnly && !statement.readonly) throw new Error(`A write inside a read snapshot: ${sql.slice(0, 80)}`);
    return statement;
  }

  /**
   * Ends a read transaction: commit only ends it, as it wrote nothing. Should that fail, the
   * transaction is rolled back, so the next `begin` on this connection does not fail for good.
   */
  endRead(): void {
    try {
      this.get('commit').run();
    } catch (error) {
      if (this.#sqlite.inTransaction) this.#sqlite.prepare('rollback').run();
      throw error;
    }
  }

  /** The database as Kysely's SQLite driver sees it: every `prepare` from the cache. */
  database(): BetterSqlite3.Database {
    return new Proxy(this.#sqlite, {
      get: (target, property, receiver) => (property === 'prepare' ? (sql: string) => this.get(sql) : (Reflect.get(target, property, receiver) as unknown)),
    });
  }
}

/**
 * One read transaction for a whole request. In WAL mode each statement outside a transaction starts
 * and ends a read of its own (a shared-memory lock taken and released: about 7 µs measured here, more
 * than an indexed lookup costs inside a transaction, under 1 µs); a signed-in GET runs several. Held, the
 * connection's turn keeps every other query of this process out until the snapshot ends, and every
 * read sees the same moment.
 *
 * Inside, a compiled query (the backend's prepared queries) goes straight to its statement: Kysely's
 * path to the connection (its connection provider, a lock and several promises per query) cost about
 * as much as the indexed lookups themselves. It does what Kysely's SQLite driver does with a query
 * that reads: `statement.all(parameters)`. Queries built on the spot still go through Kysely.
 */
function readSnapshotOf(turn: string | symbol, statements: Statements) {
  // The reader: a Kysely of its own on the same connection, made once. It takes no turn (the
  // snapshot holds the file's turn while it is used), and compiled queries go straight to their
  // statements.
  const reader = directReads(new Kysely<Database>({ dialect: new SqliteDialect({ database: statements.database() }) }), statements);
  return async <T>(work: (reader: Kysely<Database>) => Promise<T>): Promise<T> => {
    const release = await takeTurn(turn);
    try {
      statements.get('begin').run();
      statements.readOnly = true;
      try {
        return await work(reader);
      } finally {
        statements.readOnly = false;
        statements.endRead();
      }
    } finally {
      release();
    }
  };
}

function directReads(kysely: Kysely<Database>, statements: Statements): Kysely<Database> {
  const executeQuery = (query: CompiledQuery | Parameters<Kysely<Database>['executeQuery']>[0]) => {
    // A query builder (Kysely takes one here too) goes Kysely's way.
    if (!('sql' in query)) return kysely.executeQuery(query);
    const statement = statements.get(query.sql);
    if (!statement.reader) return kysely.executeQuery(query);
    return Promise.resolve({ rows: statement.all(query.parameters as unknown[]) });
  };
  const methods = new Map<PropertyKey, unknown>([['executeQuery', executeQuery]]);
  return new Proxy(kysely, {
    get: (target, property) => {
      if (methods.has(property)) return methods.get(property);
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      methods.set(property, bound);
      return bound;
    },
  });
}

export function openSqlite(file: string): PortalDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL: readers never wait for the writer, and commits are an append (45 ms for 500 inserts, not 1 s).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Another process (`porchlight-server seed`, a backup) may hold the write lock for a moment.
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache (the default is 2 MB): an index walk stays in memory as the business grows.
  sqlite.pragma('cache_size = -32000');
  // Reads through a memory map: no read() call per page when the database outgrows the page cache.
  sqlite.pragma('mmap_size = 1073741824');
  const statements = new Statements(sqlite);
  // Each `:memory:` database is its own: nothing to share a turn with.
  const turn = file === ':memory:' ? Symbol(file) : file;
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statements.database() }, turn) });
  return { db, dialect: 'sqlite', close: () => db.destroy(), readSnapshot: readSnapshotOf(turn, statements) };
}

export function openPostgres(url: string, poolSize = 10): PortalDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A database that stops answering must not hang a request: fail fast, the route answers 503.
    connectionTimeoutMillis: 3_000,
    statement_timeout: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (the database restarted) is not a crash of the server.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export async function openDatabase(options: OpenOptions): Promise<PortalDatabase> {
  if (options.postgresUrl) return openPostgres(options.postgresUrl, options.poolSize);
  return openSqlite(options.sqliteFile ?? 'porchlight.sqlite');
}
