/**
 * One process per SQLite file: a kernel lock on `<db>.server-lock`, held against other processes (real
 * ones, in PID namespaces of their own too) and let go by the OS when its holder dies.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseInUseError, SqliteLockError, infoFileOf, lockFileOf, lockSqliteFile } from '../src/sqlite-lock.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODULE = new URL('../src/sqlite-lock.ts', import.meta.url).href;

/**
 * How to start a process in a PID namespace of its own, where it is pid 1 as in a container: root's
 * `unshare`, else an unprivileged user namespace's; undefined where neither works (the test is skipped).
 */
const namespaced = (() => {
  for (const prefix of [['--pid'], ['--user', '--map-root-user', '--pid']]) {
    const args = [...prefix, '--fork', '--kill-child'];
    if (spawnSync('unshare', [...args, 'true']).status === 0) return args;
  }
  return undefined;
})();

interface Holder {
  child: ChildProcess;
  /** 'held', or the refusal's message. */
  outcome: string;
  exited: Promise<number | null>;
}

/** Another process taking the lock on `database`, and keeping it until killed. */
async function takeIn(database: string, { namespace = false } = {}): Promise<Holder> {
  const code =
    `import { lockSqliteFile } from ${JSON.stringify(MODULE)};` +
    `try { lockSqliteFile(${JSON.stringify(database)}); } catch (error) { console.log(error.message); process.exit(1); }` +
    `console.log('held'); setInterval(() => {}, 1000);`;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
  const child = namespace ? spawn('unshare', [...namespaced!, ...node], { cwd: ROOT }) : spawn(node[0]!, node.slice(1), { cwd: ROOT });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const outcome = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    void exited.then((status) => reject(new Error(`exited ${status} without a word: ${stderr}`)));
  });
  return { child, outcome, exited };
}

/** Kills with SIGKILL (in a namespace: the process inside, not `unshare` around it) and waits until it is gone. */
async function kill({ child, exited }: Holder, { namespace = false } = {}) {
  const inner = namespace ? Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim()) : child.pid!;
  process.kill(inner, 'SIGKILL');
  await exited;
}

describe('the SQLite file lock', () => {
  let dir: string;
  let database: string;
  let holders: Holder[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-lock-'));
    database = join(dir, 'data', 'p.sqlite');
  });
  afterEach(async () => {
    for (const holder of holders) {
      if (holder.child.exitCode === null && holder.child.signalCode === null) holder.child.kill('SIGKILL');
      await holder.exited;
    }
    holders = [];
    rmSync(dir, { recursive: true, force: true });
  });
  async function holder(options: { namespace?: boolean } = {}) {
    const taken = await takeIn(database, options);
    holders.push(taken);
    return taken;
  }

  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const refusal = (pid: number) =>
    new RegExp(
      `^${escaped(database)} is in use by another porchlight-server \\(pid ${pid}, serving since \\d{4}-\\d\\d-\\d\\dT[^;]+; lock file ${escaped(lockFileOf(database))}\\)\\. ` +
        'One server process per SQLite file: stop that one first, or use PostgreSQL',
    );
  const refusedBy = (pid: number) => (error: Error) => {
    assert.ok(error instanceof DatabaseInUseError, String(error));
    assert.match(error.message, refusal(pid));
    return true;
  };

  it('refuses other processes while one holds it; once that one is killed (SIGKILL), the next start takes it, nothing cleaned up', async () => {
    const first = await holder();
    assert.equal(first.outcome, 'held');
    // Created with its folder, for the owner only, as the key file beside the database is.
    assert.equal(statSync(lockFileOf(database)).mode & 0o777, 0o600);
    assert.equal(statSync(infoFileOf(database)).mode & 0o777, 0o600);

    assert.throws(() => lockSqliteFile(database), refusedBy(first.child.pid!));
    const second = await holder();
    assert.match(second.outcome, refusal(first.child.pid!));
    assert.equal(await second.exited, 1);

    await kill(first);
    // What the killed one left: its (empty) lock file and its info file, both in place. No waiting either.
    assert.equal(existsSync(lockFileOf(database)), true);
    assert.equal(JSON.parse(readFileSync(infoFileOf(database), 'utf8')).pid, first.child.pid);
    const lock = lockSqliteFile(database);
    assert.equal(JSON.parse(readFileSync(infoFileOf(database), 'utf8')).pid, process.pid);
    assert.equal((await holder()).outcome.startsWith(`${database} is in use`), true, 'held by this process now');
    lock.release();
  });

  it('refuses a second take in the same process, leaving the first one held; a release lets it go, once', async () => {
    const lock = lockSqliteFile(database);
    assert.throws(() => lockSqliteFile(database), refusedBy(process.pid));
    // The refused attempt's connection closed without taking the first one's lock with it.
    assert.match((await holder()).outcome, refusal(process.pid));

    lock.release();
    lock.release();
    // The info file goes; the lock file stays (deleting it could let two starters lock two different files).
    assert.equal(existsSync(infoFileOf(database)), false);
    assert.equal(statSync(lockFileOf(database)).size, 0);
    const next = await holder();
    assert.equal(next.outcome, 'held');
    assert.throws(() => lockSqliteFile(database), refusedBy(next.child.pid!));
  });

  (namespaced ? it : it.skip)('holds across PID namespaces: two servers that are both pid 1 (containers sharing a volume)', async () => {
    const first = await holder({ namespace: true });
    assert.equal(first.outcome, 'held');
    const second = await holder({ namespace: true });
    assert.match(second.outcome, refusal(1));
    assert.equal(await second.exited, 1);
    await kill(first, { namespace: true });
    assert.equal((await holder({ namespace: true })).outcome, 'held');
  });

  it('names the lock file alone when the holder has written no info; refuses a lock file that is not one, saying what to do', async () => {
    const first = await holder();
    rmSync(infoFileOf(database));
    assert.throws(
      () => lockSqliteFile(database),
      (error: Error) =>
        error instanceof DatabaseInUseError &&
        error.message.startsWith(`${database} is in use by another porchlight-server (lock file ${lockFileOf(database)}). One server process per SQLite file`),
    );
    await kill(first);

    // A lock file of the pid-file kind an earlier version wrote: not taken over, nor used as a lock.
    writeFileSync(lockFileOf(database), `${JSON.stringify({ pid: 1, startTicks: null, since: '2026-11-26T09:14:03.512Z' })}\n`);
    assert.throws(
      () => lockSqliteFile(database),
      (error: Error) => error instanceof SqliteLockError && !(error instanceof DatabaseInUseError) && /If no porchlight-server runs on .*, delete it and start again\.$/.test(error.message),
    );
  });
});
