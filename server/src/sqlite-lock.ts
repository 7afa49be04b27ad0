/**
 * One server process per SQLite file: a server's requests take turns writing within the process
 * (backend/dialects/node.ts), but two servers would wait for each other on SQLite's write lock, each
 * blocked while it waits (better-sqlite3 is synchronous). A second server on the same file is refused
 * before it touches anything. `migrate` and `seed` take no lock: a command may wait its turn beside a
 * server for the moment it writes.
 *
 * The lock is a file beside the database, `<db>.server-lock`, created with O_EXCL (`wx`) and holding
 * its owner's pid. Node has no OS-level file lock without a native module, so a lock left behind by a
 * process that crashed or was killed is recognised by its pid: no such process (or, on Linux, a process
 * started at another time: the pid was reused, as in a restarted container) means it is taken over. It is
 * removed when the database closes.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** Another process holds the database: said in one line, without a stack. */
export class DatabaseInUseError extends Error {}

export interface SqliteLock {
  file: string;
  /** Removes the lock file if it is still this process's. Safe to call more than once. */
  release(): void;
}

/** What a lock file holds, one JSON line: `cat` shows who holds the database, and since when. */
interface Holder {
  pid: number;
  /** Linux: when the process started, in clock ticks after boot (field 22 of /proc/<pid>/stat). */
  startTicks: number | null;
  since: string;
}

export const lockFileOf = (databaseFile: string) => `${databaseFile}.server-lock`;

/** Lock files this process holds: its own pid in a lock file is alive only if it is one of these. */
const held = new Set<string>();

/** A lock file without a whole line in it this recently is still being written by its creator. */
const BEING_WRITTEN_MS = 2_000;
/** How long a start keeps trying while other starters take and give up the lock. */
const GIVE_UP_MS = 5_000;

export function lockSqliteFile(databaseFile: string): SqliteLock {
  const file = lockFileOf(databaseFile);
  mkdirSync(dirname(file), { recursive: true });
  const holder: Holder = { pid: process.pid, startTicks: processStat(process.pid)?.startTicks ?? null, since: new Date().toISOString() };
  const mine = `${JSON.stringify(holder)}\n`;
  const giveUpAt = Date.now() + GIVE_UP_MS;
  while (Date.now() < giveUpAt) {
    if (create(file, mine)) {
      held.add(file);
      return { file, release: () => release(file, mine) };
    }
    const text = readIfThere(file);
    if (text === undefined) continue; // removed meanwhile: try again
    const other = parseHolder(text);
    if (other && isAlive(other, file)) {
      throw new DatabaseInUseError(
        `${databaseFile} is in use by another porchlight-server (pid ${other.pid}, serving since ${other.since}; lock file ${file}). ` +
          'One server process per SQLite file: stop that one first, or use PostgreSQL (DATABASE_URL=postgres://…) to run several servers.',
      );
    }
    if (!other && Date.now() - modifiedAt(file) < BEING_WRITTEN_MS) {
      pause(50);
      continue;
    }
    takeOver(file, text);
  }
  throw new DatabaseInUseError(
    `${databaseFile}: its lock file ${file} names no process that could be checked; if no porchlight-server runs on this file, delete the lock file. ` +
      'One server process per SQLite file: use PostgreSQL (DATABASE_URL=postgres://…) to run several servers.',
  );
}

/** True when the lock file did not exist and now holds `content`, readable by its owner only. */
function create(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(file: string, mine: string) {
  if (!held.delete(file)) return;
  // Only our own: a lock another process took over (we were judged gone) is left to it.
  if (readIfThere(file) === mine) unlinkSync(file);
}

/**
 * Moves a stale lock aside, atomically, and deletes it. If what was moved is no longer the stale lock
 * (another starter took it over first and wrote its own), it is put back, and the next attempt reads it.
 */
function takeOver(file: string, stale: string) {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readIfThere(aside) !== stale && readIfThere(file) === undefined) renameSync(aside, file);
  else unlinkSync(aside);
}

function parseHolder(text: string): Holder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    if (!Number.isSafeInteger(holder.pid) || holder.pid! <= 0) return undefined;
    return {
      pid: holder.pid!,
      startTicks: typeof holder.startTicks === 'number' ? holder.startTicks : null,
      since: typeof holder.since === 'string' ? holder.since : 'an unknown time',
    };
  } catch {
    return undefined;
  }
}

function isAlive(holder: Holder, file: string): boolean {
  // Our own pid: this process's lock (a second server in one process), else a previous life of the same
  // pid (a container restarted after a crash starts its server under the same pid again).
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: alive, another user's.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStat(holder.pid);
  if (!now) return true;
  // A zombie (killed, its parent has not yet read its exit) holds nothing; another start time is another process.
  return now.state !== 'Z' && (holder.startTicks === null || holder.startTicks === now.startTicks);
}

/** Linux's /proc/<pid>/stat: its state and start time; undefined elsewhere or when it is gone. */
function processStat(pid: number): { state: string; startTicks: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // `pid (command name) state ppid …`: the name may hold spaces and parentheses, so read after the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]);
  return fields[0] && Number.isFinite(startTicks) ? { state: fields[0], startTicks } : undefined;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
