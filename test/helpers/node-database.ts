/**
 * The test database in Node, chosen by PORCHLIGHT_TEST_DB: `sqlite` (a file in a temporary folder,
 * the default), `postgres` (PORCHLIGHT_TEST_POSTGRES_URL, a throwaway cluster) or `sqljs` (the
 * in-browser engine, in memory).
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { openPostgres, openSqlite } from '../../backend/dialects/node.js';
import { openSqlJsDatabase } from '../../backend/dialects/sqljs.js';
import type { PortalDatabase } from '../../backend/dialects/portal-database.js';

export const TEST_ENGINE = process.env.PORCHLIGHT_TEST_DB ?? 'sqlite';
let sqliteFile: string | null = null;

/** The in-browser engine (sql.js) in Node. */
export function loadSqlJsInNode(): Promise<SqlJsStatic> {
  return (createRequire(import.meta.url)('sql.js') as () => Promise<SqlJsStatic>)();
}

export async function openNodeTestDatabase(): Promise<PortalDatabase> {
  switch (TEST_ENGINE) {
    case 'sqlite':
      sqliteFile = join(mkdtempSync(join(tmpdir(), 'porchlight-test-')), 'backend.sqlite');
      return openSqlite(sqliteFile);
    case 'postgres': {
      const url = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
      if (!url) throw new Error('PORCHLIGHT_TEST_DB=postgres needs PORCHLIGHT_TEST_POSTGRES_URL');
      return openPostgres(url);
    }
    case 'sqljs':
      return openSqlJsDatabase({ sqlJs: await loadSqlJsInNode() });
    default:
      throw new Error(`Unknown PORCHLIGHT_TEST_DB "${TEST_ENGINE}": sqlite, postgres or sqljs`);
  }
}

/**
 * A second connection to the same database, as a second server process would have: its own pool
 * (PostgreSQL) or its own connection to the file (SQLite). Null for sql.js, which has one connection.
 */
export function openSecondConnection(): PortalDatabase | null {
  const url = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
  if (TEST_ENGINE === 'postgres' && url) return openPostgres(url);
  if (TEST_ENGINE === 'sqlite' && sqliteFile) return openSqlite(sqliteFile);
  return null;
}

/** The SQLite test database's file (null on other engines): for a connection outside Kysely, as another program's. */
export function sqliteTestFile(): string | null {
  return TEST_ENGINE === 'sqlite' ? sqliteFile : null;
}
