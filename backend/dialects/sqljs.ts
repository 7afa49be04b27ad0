/**
 * SQLite compiled to WebAssembly (sql.js), for the demo, Storybook and the element tests: the same
 * schema and queries as the server, with no server. Kysely's own SQLite adapter and compiler; only
 * the driver is ours.
 *
 * Persistence (the demo): every tab of the demo runs its own copy of the backend over one database.
 * Each connection is taken under a Web Lock (one writer across tabs at a time); on taking it, a tab whose
 * copy is older than the stored one reloads it, and on release a tab that changed something stores the
 * database in IndexedDB and bumps a version in localStorage. The demo's database is small (tens of KB),
 * so storing it whole after a write is cheap; the server keeps its data in a real file (dialects/node.ts).
 */
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type LogConfig,
  type QueryResult,
} from 'kysely';
import type { Database as SqlJsDatabase, SqlJsStatic, SqlValue } from 'sql.js';
import type { Database } from '../schema/database.js';
import type { PortalDatabase } from './portal-database.js';

export interface SqlJsOptions {
  /** The loaded sql.js module (`initSqlJs()`'s result), or the promise of it (awaited on first use). */
  sqlJs: SqlJsStatic | Promise<SqlJsStatic>;
  /** Persist under this name (IndexedDB + a Web Lock shared by tabs). In memory when absent. */
  persistAs?: string;
  /** Start from these bytes (a database exported earlier) when nothing is stored yet. */
  initialBytes?: Uint8Array;
  /** Kysely's log: every query's SQL and parameters, for a test that reads how the database answers them. */
  log?: LogConfig;
}

const MODIFYING = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

class SqlJsConnection implements DatabaseConnection {
  constructor(readonly driver: SqlJsDriver) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const db = this.driver.database;
    const statement = db.prepare(compiledQuery.sql);
    try {
      statement.bind(compiledQuery.parameters.map(toSqlValue));
      const rows: R[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as R);
      const kind = compiledQuery.query.kind;
      const modifies = MODIFYING.has(kind) || (kind === 'RawNode' && !/^\s*(select|pragma|with)\b/i.test(compiledQuery.sql));
      if (modifies) this.driver.dirty = true;
      return MODIFYING.has(kind) ? { rows, numAffectedRows: BigInt(db.getRowsModified()) } : { rows };
    } finally {
      statement.free();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('sql.js: streaming is not supported');
  }
}

function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/** IndexedDB: one object store, one record per persisted database. */
function idb<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('porchlight-reference-backend', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('databases');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction('databases', mode);
      const request = work(transaction.objectStore('databases'));
      transaction.oncomplete = () => {
        open.result.close();
        resolve(request ? request.result : undefined);
      };
      transaction.onerror = () => reject(transaction.error);
    };
  });
}

class SqlJsDriver implements Driver {
  database!: SqlJsDatabase;
  dirty = false;
  #version: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #release: (() => void) | null = null;
  readonly #connection = new SqlJsConnection(this);

  constructor(readonly options: SqlJsOptions) {}

  #sqlJs!: SqlJsStatic;

  async init() {
    this.#sqlJs = await this.options.sqlJs;
    this.database = new this.#sqlJs.Database(this.options.initialBytes);
  }

  get #versionKey() {
    return `${this.options.persistAs}.version`;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const name = this.options.persistAs;
    const locks = globalThis.navigator?.locks;
    if (name && locks) {
      // Hold the Web Lock until releaseConnection: every tab's queries take turns.
      await new Promise<void>((granted) => {
        void locks.request(`porchlight:${name}`, () => {
          granted();
          return new Promise<void>((done) => (this.#release = done));
        });
      });
    } else {
      const previous = this.#queue;
      let done!: () => void;
      this.#queue = new Promise<void>((resolve) => (done = resolve));
      await previous;
      this.#release = done;
    }
    if (name) await this.#refresh(name);
    this.dirty = false;
    return this.#connection;
  }

  /** Another tab stored a newer database: load it before this tab reads. */
  async #refresh(name: string) {
    const stored = localStorage.getItem(this.#versionKey);
    if (stored === this.#version) return;
    const bytes = stored === null ? undefined : await idb<Uint8Array>('readonly', (s) => s.get(name));
    if (bytes) {
      this.database.close();
      this.database = new this.#sqlJs.Database(bytes);
    }
    this.#version = stored;
  }

  async releaseConnection(): Promise<void> {
    const name = this.options.persistAs;
    try {
      if (name && this.dirty) {
        const bytes = this.database.export();
        await idb('readwrite', (s) => void s.put(bytes, name));
        this.#version = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        localStorage.setItem(this.#versionKey, this.#version);
      }
    } finally {
      this.dirty = false;
      const release = this.#release;
      this.#release = null;
      release?.();
    }
  }

  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    this.database?.close();
  }
}

class SqlJsDialect implements Dialect {
  constructor(readonly options: SqlJsOptions) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new SqlJsDriver(this.options);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
}

export function openSqlJsDatabase(options: SqlJsOptions): PortalDatabase {
  const db = new Kysely<Database>({ dialect: new SqlJsDialect(options), ...(options.log ? { log: options.log } : {}) });
  return { db, dialect: 'sqljs', close: () => db.destroy() };
}

/** Forgets a persisted demo database (the office's "reset demo data" reseeds instead; this is for tests). */
export async function deleteSqlJsDatabase(name: string): Promise<void> {
  await idb('readwrite', (s) => void s.delete(name));
  localStorage.removeItem(`${name}.version`);
}
