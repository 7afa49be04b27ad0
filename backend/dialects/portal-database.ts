/**
 * An open database, whichever engine holds it. Opening one is the dialect modules' only job:
 * `node.ts` (SQLite in a file through better-sqlite3, PostgreSQL through pg) and `sqljs.ts`
 * (SQLite compiled to WebAssembly, in the browser). Everything else runs the same queries on all three.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema/database.js';

export type DialectName = 'sqlite' | 'postgres' | 'sqljs';

export interface PortalDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
  /**
   * Runs `work` on one held connection in one read transaction, refusing any write; where an engine
   * gains by it (SQLite through better-sqlite3), else absent and each query runs on its own.
   */
  readSnapshot?<T>(work: (reader: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** A query runner: the database itself or an open transaction. */
export type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * `SELECT … FOR UPDATE` where the engine has it. PostgreSQL needs the row lock to serialise two
 * servers; SQLite has one writer per database, so a write transaction is already exclusive.
 */
export function forUpdate<T extends { forUpdate(): T }>(dialect: DialectName, query: T): T {
  return dialect === 'postgres' ? query.forUpdate() : query;
}
