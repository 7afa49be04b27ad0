/** serve, migrate and seed over a fake wiring: what each command does to the database, in what order. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { InputError, UsageError, type DatabaseTarget } from '../src/config.js';
import { run, type BackendSettings, type RunResult, type Serving, type Wiring } from '../src/run.js';
import { DatabaseInUseError, lockSqliteFile } from '../src/sqlite-lock.js';
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

  /** A run that must be refused: one that serves instead is stopped, so that the test fails rather than keeps mocha waiting. */
  const refused = (running: Promise<RunResult>, check: (error: Error) => boolean) =>
    assert.rejects(
      running.then(async (result) => {
        if (result.kind === 'serving') await result.serving.stop();
        return result;
      }),
      check,
    );

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
    // The settings a deploy is checked by, in the same line.
    const configured = await serve(['--link-origin', 'https://www.example-hvac.com', '--trust-proxy']);
    const listening = configured.lines.find((line) => line.msg === 'listening')!;
    assert.deepEqual([listening.linkOrigins, listening.trustProxyHops], [['https://www.example-hvac.com'], 1]);
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

  it('serve on a port in use: refused in one sentence before the database, its lock or an office key is touched', async () => {
    const { serving: s } = await serve([]);
    const fake = fakeWiring();
    await assert.rejects(
      run(['--db', join(dir, 'other.sqlite'), '--port', String(s.server.port)], {}, fake.wiring, { log: () => {}, notice: () => {} }),
      (error: unknown) => error instanceof InputError && /is in use by another program: stop it, or choose another port with --port/.test(error.message),
    );
    assert.deepEqual(fake.events, []);
    assert.equal(existsSync(join(dir, 'other.sqlite.server-lock')), false);
    lockSqliteFile(join(dir, 'other.sqlite')).release();
  });

  it('serve on a port taken after the first check (a race): the same sentence, the database closed and its lock released', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    // Another program takes the port once the database is open, between the probe and listen.
    const taker = createServer();
    const fake = fakeWiring();
    const backend = fake.wiring.backend;
    fake.wiring.backend = async (db, given) => {
      await new Promise<void>((resolve) => taker.listen(port, '127.0.0.1', resolve));
      return backend(db, given);
    };
    try {
      await assert.rejects(
        run(['--db', join(dir, 'raced.sqlite'), '--port', String(port)], { PORCHLIGHT_OFFICE_KEY: 'northwind-office-key-for-tests' }, fake.wiring, { log: () => {}, notice: () => {} }),
        (error: unknown) => error instanceof InputError && error.message.startsWith(`port ${port} on 127.0.0.1 is in use by another program`),
      );
      assert.equal(fake.database.closed, true);
      assert.equal(existsSync(join(dir, 'raced.sqlite.server-lock.info')), false);
      lockSqliteFile(join(dir, 'raced.sqlite')).release();
    } finally {
      await new Promise((resolve) => taker.close(resolve));
    }
  });

  it('serve or seed on a SQLite file another server holds: refused, naming the file and its pid, before anything is opened or written', async () => {
    const { serving: first } = await serve([]);
    const lockFile = join(dir, 'p.sqlite.server-lock');
    // stat opens nothing: this process holds the lock, and closing a descriptor of the file would release it.
    assert.equal(statSync(lockFile).mode & 0o777, 0o600);
    for (const argv of [['--port', '0'], ['seed', '--replace'], ['seed']]) {
      const fake = fakeWiring();
      const printed: string[] = [];
      await refused(
        run([...argv, '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {}, notice: (text) => printed.push(text), cwd: dir }),
        (error: Error) => {
          assert.ok(error instanceof DatabaseInUseError, String(error));
          assert.ok(error.message.startsWith(`${join(dir, 'p.sqlite')} is in use by another porchlight-server (pid ${process.pid}, serving since `), error.message);
          assert.ok(error.message.includes('use PostgreSQL (DATABASE_URL=postgres://…) to run several servers'), error.message);
          assert.ok(!error.message.includes('\n'), 'one line');
          return true;
        },
      );
      assert.deepEqual(fake.events, [], `${argv.join(' ')}: the database is not opened`);
      assert.deepEqual(printed, []);
    }
    // migrate takes no lock: beside a server it has nothing to do, and a command waits its turn to write.
    const migrate = fakeWiring();
    await run(['migrate', '--db', join(dir, 'p.sqlite')], {}, migrate.wiring, { log: () => {} });
    assert.deepEqual(migrate.events, ['open', 'migrate']);
    // Refused starts leave the first one's lock alone; once it stops, the file is free.
    assert.throws(() => lockSqliteFile(join(dir, 'p.sqlite')), DatabaseInUseError);
    await first.stop();
    serving = undefined;
    assert.equal(existsSync(join(dir, 'p.sqlite.server-lock.info')), false);
    await serve([]);
  });

  it('seed holds the lock while it writes: a server cannot start on the file meanwhile', async () => {
    const fake = fakeWiring();
    let finish!: () => void;
    let started!: () => void;
    const seeding = new Promise<void>((resolve) => (started = resolve));
    fake.wiring.seedDemo = async (db) => {
      started();
      await new Promise<void>((resolve) => (finish = resolve));
      db.seeded.push('demo');
    };
    const seed = run(['seed', '--replace', '--db', join(dir, 'p.sqlite')], {}, fake.wiring, { log: () => {} });
    await seeding;
    const server = fakeWiring();
    await refused(
      run(['--db', join(dir, 'p.sqlite'), '--port', '0'], {}, server.wiring, { log: () => {}, notice: () => {} }),
      (error: Error) => error instanceof DatabaseInUseError && error.message.includes(`(pid ${process.pid}, seeding since `),
    );
    assert.deepEqual(server.events, []);
    finish();
    assert.deepEqual(await seed, { kind: 'done' });
    await serve([]);
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
