/** One process per SQLite file: the lock file beside the database, and what counts as a lock left behind. */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseInUseError, lockFileOf, lockSqliteFile } from '../src/sqlite-lock.js';

const linux = existsSync(`/proc/${process.pid}/stat`);

/** A process that stays alive until killed, and its start time as /proc tells it. */
async function aliveProcess(): Promise<{ child: ChildProcess; startTicks: number | null }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")']);
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  const stat = linux ? readFileSync(`/proc/${child.pid}/stat`, 'utf8') : '';
  return { child, startTicks: linux ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) : null };
}

describe('the SQLite file lock', () => {
  let dir: string;
  let database: string;
  let children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-lock-'));
    database = join(dir, 'data', 'p.sqlite');
  });
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
    children = [];
    rmSync(dir, { recursive: true, force: true });
  });

  const holding = (pid: number, startTicks: number | null) =>
    `${JSON.stringify({ pid, startTicks, since: '2026-11-26T09:14:03.512Z' })}\n`;
  const refusedBy = (pid: number) => (error: Error) => {
    assert.ok(error instanceof DatabaseInUseError, String(error));
    assert.match(error.message, new RegExp(`^${database.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another porchlight-server \\(pid ${pid}, serving since `));
    return true;
  };

  it('is refused while a live process holds it, and taken once that process is gone', async () => {
    const { child, startTicks } = await aliveProcess();
    children.push(child);
    const lockFile = lockFileOf(database);
    // The first take creates the folder, as the database does, and a file for its owner only.
    const first = lockSqliteFile(database);
    assert.equal(statSync(lockFile).mode & 0o777, 0o600);
    first.release();
    writeFileSync(lockFile, holding(child.pid!, startTicks));
    assert.throws(() => lockSqliteFile(database), refusedBy(child.pid!));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lock = lockSqliteFile(database);
    assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).pid, process.pid);
    lock.release();
    lock.release();
    assert.equal(existsSync(lockFile), false);
  });

  (linux ? it : it.skip)('takes over a lock whose pid now belongs to a process started at another time (a reused pid)', async () => {
    const { child, startTicks } = await aliveProcess();
    children.push(child);
    lockSqliteFile(database).release();
    writeFileSync(lockFileOf(database), holding(child.pid!, startTicks! - 1));
    lockSqliteFile(database).release();
  });

  it('takes over a lock with this process’s own pid that this process does not hold (a container restarted after a crash)', () => {
    lockSqliteFile(database).release();
    writeFileSync(lockFileOf(database), holding(process.pid, null));
    const lock = lockSqliteFile(database);
    // Held now: a second take in this process is refused.
    assert.throws(() => lockSqliteFile(database), refusedBy(process.pid));
    lock.release();
  });

  it('takes over a lock file with no process in it, once it is old; waits for one being written', async () => {
    lockSqliteFile(database).release();
    const lockFile = lockFileOf(database);
    writeFileSync(lockFile, 'not a lock');
    utimesSync(lockFile, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    lockSqliteFile(database).release();

    // Another starter has created the file and is about to write its line.
    writeFileSync(lockFile, '');
    const { child, startTicks } = await aliveProcess();
    children.push(child);
    const writer = spawn(process.execPath, ['-e', `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(lockFile)}, ${JSON.stringify(holding(child.pid!, startTicks))}), 100)`]);
    children.push(writer);
    assert.throws(() => lockSqliteFile(database), refusedBy(child.pid!));
  });

  it('on release, leaves alone a lock another process has taken over', () => {
    const lock = lockSqliteFile(database);
    const other = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFileOf(database), holding(other, null));
    lock.release();
    assert.equal(JSON.parse(readFileSync(lockFileOf(database), 'utf8')).pid, other);
  });
});
