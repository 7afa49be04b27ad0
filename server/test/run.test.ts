/** serve, migrate and seed over a fake wiring: what each command does to the database, in what order. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, type DatabaseTarget } from '../src/config.js';
import { run, type BackendSettings, type Serving, type Wiring } from '../src/run.js';
import { DatabaseInUseError } from '../src/sqlite-lock.js';
import { FakeBackend, memoryLog } from './helpers/fake-backend.js';

class FakeDatabase {
  tables = 0;
  closed = false;
  seeded: string[] = [];
  async close() {
    this.closed = true;
  }
}

function fakeWiring(database = new FakeDatabase()) {
  const events: string[] = [];
  const opened: DatabaseTarget[] = [];
  let settings: BackendSettings | undefined;
  const wiring: Wiring<FakeDatabase> = {
    version: '0.0.0-test',
    async open(target) {
      opened.push(target);
      events.push('open');
      return database;
    },
    async isEmpty(db) {
      return db.tables === 0;
    },
    async migrate(db) {
      events.push('migrate');
      const applied = db.tables === 0 ? ['0001_initial'] : [];
      db.tables = Math.max(db.tables, 20);
      return { applied };
    },
    async seedDemo(db) {
      events.push('seed demo');
      db.seeded.push('demo');
    },
    async seedSynthetic(db, { customers }) {
      events.push(`seed ${customers}`);
      db.seeded.push(`synthetic ${customers}`);
    },
    backend(_db, given) {
      settings = given;
      return new FakeBackend();
    },
  };
  return { wiring, database, events, opened, settings: () => settings };
}

describe('porchlight-server commands', () => {
  let dir: string;
  let serving: Serving | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-run-'));
  });
  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(argv: string[], env: Record<string, string> = {}, fake = fakeWiring()) {
    const printed: string[] = [];
    const { lines, log } = memoryLog();
    const result = await run(['--db', join(dir, 'p.sqlite'), '--port', '0', ...argv], env, fake.wiring, { log, notice: (text) => printed.push(text), cwd: dir });
    assert.equal(result.kind, 'serving');
    serving = result.kind === 'serving' ? result.serving : undefined;
    return { ...fake, printed: printed.join(''), lines, serving: serving! };
  }

  it('serve: migrates, then answers on its port; stopping closes the database', async () => {
    const { serving: s, events, database, lines } = await serve([]);
    assert.deepEqual(events, ['open', 'migrate']);
    const response = await fetch(`${s.server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.ok(lines.some((line) => line.msg === 'listening' && line.url === s.server.url));
    await s.stop();
    serving = undefined;
    assert.equal(database.closed, true);
    await assert.rejects(fetch(`${s.server.url}/healthz`));
  });

  it('serve --seed-demo: writes the demo customers into a new database only', async () => {
    const fresh = await serve(['--seed-demo']);
    assert.deepEqual(fresh.database.seeded, ['demo']);
    await fresh.serving.stop();
    serving = undefined;

    const existing = new FakeDatabase();
    existing.tables = 20;
    const again = await serve(['--seed-demo'], {}, fakeWiring(existing));
    assert.deepEqual(again.database.seeded, [], 'an existing database keeps its data');
  });

  it('serve: prints a generated office key once, and keeps it for the next start', async () => {
    const first = await serve([]);
    const key = /\n {2}([A-Za-z0-9_-]{43})\n/.exec(first.printed)?.[1];
    assert.ok(key, 'the key is printed');
    assert.equal(first.settings()?.officeKey, key);
    // The JSON log says where the key is at every start, the first one too (docs/deployment.md, "Logs").
    const keyFile = join(dir, 'p.sqlite.office-key');
    assert.deepEqual(
      first.lines.filter((line) => line.msg === 'office key'),
      [{ level: 'info', msg: 'office key', from: keyFile, generated: true }],
    );
    assert.ok(!JSON.stringify(first.lines).includes(key), 'the key never reaches the logs');
    await first.serving.stop();
    serving = undefined;

    const second = await serve([]);
    assert.equal(second.printed, '', 'printed once, never again');
    assert.equal(second.settings()?.officeKey, key);
    assert.deepEqual(
      second.lines.filter((line) => line.msg === 'office key'),
      [{ level: 'info', msg: 'office key', from: keyFile }],
    );
    assert.ok(!JSON.stringify(second.lines).includes(key), 'the key never reaches the logs');
  });

  it('serve: hands the backend the office key and link origins it was given', async () => {
    const { settings } = await serve(['--link-origin', 'https://www.northwind.example'], {
      PORCHLIGHT_OFFICE_KEY: 'northwind-office-key-for-tests',
      PORCHLIGHT_PASSWORD_ITERATIONS: '10000',
    });
    assert.deepEqual(settings(), {
      officeKey: 'northwind-office-key-for-tests',
      linkOrigins: ['https://www.northwind.example'],
      passwordIterations: 10_000,
      demoReset: false,
    });
    await serving?.stop();
    const demo = await serve(['--seed-demo'], { PORCHLIGHT_OFFICE_KEY: 'northwind-office-key-for-tests' });
    assert.equal(demo.settings()?.demoReset, true, 'a demo server may reset its data');
  });

  it('serve with PostgreSQL and no office key: refuses before touching the database', async () => {
    const fake = fakeWiring();
    await assert.rejects(run(['--port', '0'], { DATABASE_URL: 'postgres://127.0.0.1:5432/p' }, fake.wiring, { log: () => {}, notice: () => {} }), UsageError);
    assert.deepEqual(fake.events, []);
  });

  it('serve on a port in use: fails and closes the database', async () => {
    const { serving: s } = await serve([]);
    const fake = fakeWiring();
    await assert.rejects(
      run(['--db', join(dir, 'other.sqlite'), '--port', String(s.server.port)], {}, fake.wiring, { log: () => {}, notice: () => {} }),
      /EADDRINUSE/,
    );
    assert.equal(fake.database.closed, true);
    // Its lock goes with it: the file can be served at once.
    assert.equal(existsSync(join(dir, 'other.sqlite.server-lock')), false);
  });

  it('serve on a SQLite file another server holds: refused, naming the file and its pid, before anything is opened or written', async () => {
    const { serving: first } = await serve([]);
    const lockFile = join(dir, 'p.sqlite.server-lock');
    assert.equal(statSync(lockFile).mode & 0o777, 0o600);
    const fake = fakeWiring();
    const printed: string[] = [];
    await assert.rejects(
      run(['--db', join(dir, 'p.sqlite'), '--port', '0'], {}, fake.wiring, { log: () => {}, notice: (text) => printed.push(text), cwd: dir }),
      (error: Error) => {
        assert.ok(error instanceof DatabaseInUseError, String(error));
        assert.ok(error.message.includes(join(dir, 'p.sqlite')), error.message);
        assert.ok(error.message.includes(`pid ${process.pid}`), error.message);
        assert.ok(error.message.includes('use PostgreSQL (DATABASE_URL=postgres://…) to run several servers'), error.message);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      },
    );
    assert.deepEqual(fake.events, [], 'the database is not opened');
    assert.deepEqual(printed, []);
    // migrate and seed take no lock: the SQLite dialect lets a command wait its turn beside a server.
    await run(['migrate', '--db', join(dir, 'p.sqlite')], {}, fakeWiring().wiring, { log: () => {} });
    // Refused starts leave the first one's lock alone; once it stops, the file is free.
    assert.equal(existsSync(lockFile), true);
    await first.stop();
    serving = undefined;
    assert.equal(existsSync(lockFile), false);
    await serve([]);
  });

  it('serve takes over a lock its process left behind (crashed or killed)', async () => {
    const lockFile = join(dir, 'p.sqlite.server-lock');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFile, `${JSON.stringify({ pid: gone, startTicks: null, since: '2026-11-26T09:14:03.512Z' })}\n`, { mode: 0o600 });
    const { serving: s } = await serve([]);
    assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).pid, process.pid);
    await s.stop();
    serving = undefined;
    assert.equal(existsSync(lockFile), false);
  });

  it('migrate: migrates and exits, closing the database', async () => {
    const fake = fakeWiring();
    const { lines, log } = memoryLog();
    assert.deepEqual(await run(['migrate', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log }), { kind: 'done' });
    assert.deepEqual(fake.events, ['open', 'migrate']);
    assert.equal(fake.database.closed, true);
    assert.ok(lines.some((line) => line.msg === 'migrated'));
  });

  it('seed: writes the demo customers into a new database', async () => {
    const fake = fakeWiring();
    await run(['seed', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {} });
    assert.deepEqual(fake.events, ['open', 'migrate', 'seed demo']);
    assert.equal(fake.database.closed, true);
  });

  it('seed --customers N: writes the synthetic data set', async () => {
    const fake = fakeWiring();
    await run(['seed', '--customers', '100000', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {} });
    assert.deepEqual(fake.database.seeded, ['synthetic 100000']);
  });

  it('seed: will not replace the data of an existing database without --replace', async () => {
    const existing = new FakeDatabase();
    existing.tables = 20;
    const fake = fakeWiring(existing);
    await assert.rejects(run(['seed', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {} }), /--replace/);
    assert.deepEqual(existing.seeded, []);
    assert.equal(existing.closed, true);
    await run(['seed', '--replace', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {} });
    assert.deepEqual(existing.seeded, ['demo']);
  });

  it('--guide prints the deployment guide without opening a database', async () => {
    const fake = fakeWiring();
    const printed: string[] = [];
    assert.deepEqual(await run(['--guide'], {}, fake.wiring, { print: (text) => printed.push(text) }), { kind: 'done' });
    assert.match(printed.join(''), /^# Deploying porchlight-server\n/);
    assert.match(printed.join(''), /## Every setting/);
    assert.deepEqual(fake.events, []);
  });

  it('--help prints every option without opening a database', async () => {
    const fake = fakeWiring();
    const printed: string[] = [];
    assert.deepEqual(await run(['--help'], {}, fake.wiring, { print: (text) => printed.push(text) }), { kind: 'done' });
    assert.match(printed.join(''), /--db PATH/);
    assert.deepEqual(fake.events, []);
  });
});
