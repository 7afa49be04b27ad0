/**
 * One server process per SQLite file: a server's requests take turns writing within the process
 * (backend/dialects/node.ts), but two servers would wait for each other on SQLite's write lock, each
 * blocked while it waits (better-sqlite3 is synchronous). A second server on the same file is refused
 * before it touches anything, and so are `seed`, which replaces every row, and `import` (run.ts says which
 * commands lock).
 *
 * The lock is the kernel's, so nothing has to judge whether a holder is still alive: `<db>.server-lock`
 * is a small SQLite database, empty, on which the holder opens an exclusive transaction and never ends
 * it. SQLite holds that with POSIX advisory locks (fcntl) on the file, which the kernel drops when the
 * process ends, however it ends (a graceful stop, a crash, SIGKILL, the OOM killer), and which know
 * nothing of pids: servers in containers sharing a volume on one host, each pid 1 in its own namespace,
 * exclude each other like any two processes. Not on a network file system whose POSIX locks do not work
 * (some NFS setups), where SQLite's own locking is not safe either.
 *
 * Who holds it goes in `<db>.server-lock.info`, written by the holder once it has the lock, for the
 * refusal's message only: the exclusive lock keeps other processes from reading the lock database.
 *
 * This process must never open `<db>.server-lock` itself (fs.readFileSync and the like): closing any
 * descriptor of a file drops every POSIX lock the process holds on it. SQLite's own connections are
 * safe (it keeps a closed connection's descriptor open while the file is locked), so a second attempt
 * in the same process is refused like any other and leaves the first one's lock in place.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { failure } from './failure.js';
import BetterSqlite3 from 'better-sqlite3';

/** The lock could not be taken and a person has to act: said in one line, without a stack (main.ts). */
export class SqliteLockError extends Error {}

/** Another process holds the database. */
export class DatabaseInUseError extends SqliteLockError {}

export interface SqliteLock {
  file: string;
  /** Removes the info file and lets the lock go. Safe to call more than once. */
  release(): void;
}

/** What the info file holds, one JSON line: `cat` shows who holds the database, and since when. */
interface Holder {
  pid: number;
  /** A container's hostname is its id: the pid alone (1 in every container) would not say which one. */
  host: string;
  /** What holds it: a server, `seed` replacing the data, or `import` writing records. */
  doing: 'serving' | 'seeding' | 'importing';
  since: string;
}

export const lockFileOf = (databaseFile: string) => `${databaseFile}.server-lock`;
export const infoFileOf = (databaseFile: string) => `${lockFileOf(databaseFile)}.info`;

/** The connections holding locks: referenced here so that garbage collection never closes one (and lets its lock go). */
const held = new Set<BetterSqlite3.Database>();

export function lockSqliteFile(databaseFile: string, doing: Holder['doing'] = 'serving'): SqliteLock {
  const file = lockFileOf(databaseFile);
  const info = infoFileOf(databaseFile);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    // A --db whose folder cannot be made (a file is in the way): said with the database's path.
    throw failure(`Cannot create the folder of the database ${databaseFile}`, error);
  }
  createPrivate(file);

  let connection: BetterSqlite3.Database | undefined;
  try {
    // A short wait, not none: two starts at the same instant can each hold a lock the other needs for a
    // moment (one SHARED, one PENDING) and would both be refused; SQLite's busy handler settles it.
    connection = new BetterSqlite3(file, { timeout: 250 });
    // Both hold the lock, each on its own: an exclusive transaction keeps its EXCLUSIVE lock until it
    // ends, which it never does; EXCLUSIVE locking mode keeps it after a transaction ends too.
    connection.pragma('locking_mode = EXCLUSIVE');
    // An empty database's first transaction stages page 1 in a journal: kept in memory, no
    // `-journal` file is left beside the lock when the holder is killed. Nothing is ever committed.
    connection.pragma('journal_mode = MEMORY');
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection?.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(inUse(databaseFile, file, readHolder(info), doing));
    if (code === 'SQLITE_NOTADB') {
      throw new SqliteLockError(
        `${file} is not a lock porchlight-server can take (an older version's lock file?). If no porchlight-server runs on ${databaseFile}, delete it and start again.`,
      );
    }
    throw failure(`Could not take the lock ${file}`, error);
  }
  held.add(connection);

  const holder: Holder = { pid: process.pid, host: hostname(), doing, since: new Date().toISOString() };
  try {
    // Whole or not at all: a refused start reading it meanwhile finds the previous holder's line or this one.
    const written = `${info}.${randomBytes(4).toString('hex')}`;
    writeFileSync(written, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    renameSync(written, info);
  } catch {
    // Informational only: the lock holds without it, and a refusal then names the lock file alone.
  }

  const mine = connection;
  return {
    file,
    release: () => {
      if (!held.delete(mine)) return;
      // Removed while still held: once the lock goes, the next holder writes its own.
      try {
        unlinkSync(info);
      } catch {
        // Already gone (deleted by hand): nothing to remove.
      }
      // Closing ends the transaction and lets the lock go. The lock file stays, empty: deleting it
      // would let a starter that had opened it lock the deleted file while another creates a new one.
      mine.close();
    },
  };
}

/**
 * Created for its owner only, as the key file beside it is, when it is not there yet. `wx` fails
 * without opening an existing file: opening one this process has locked, then closing it, would
 * release that lock (above).
 */
function createPrivate(file: string) {
  try {
    writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // chmod opens nothing. Made readable by others some other way: narrowed, as the key file is.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

function inUse(databaseFile: string, file: string, holder: Holder | undefined, doing: Holder['doing']): string {
  const who = holder
    ? `pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''}, ${holder.doing} since ${holder.since}; `
    : '';
  // An import need not stop a running server: the server takes the same file itself.
  const instead =
    doing === 'importing' && holder?.doing !== 'seeding' && holder?.doing !== 'importing'
      ? 'To import while it runs, send the file to it: POST /api/office/import with the office key (docs/import.md).'
      : 'One server process per SQLite file: stop that one first, or use PostgreSQL (DATABASE_URL=postgres://…) to run several servers.';
  return `${databaseFile} is in use by another porchlight-server (${who}lock file ${file}). ${instead}`;
}

/** The holder's line, if there is one that reads as such: for the message only, never to decide. */
function readHolder(info: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(info, 'utf8')) as Partial<Holder>;
    if (!Number.isSafeInteger(holder.pid) || typeof holder.since !== 'string') return undefined;
    return {
      pid: holder.pid!,
      host: typeof holder.host === 'string' ? holder.host : '',
      doing: holder.doing === 'seeding' || holder.doing === 'importing' ? holder.doing : 'serving',
      since: holder.since,
    };
  } catch {
    return undefined;
  }
}
