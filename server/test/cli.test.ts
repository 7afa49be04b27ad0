/**
 * The real command on the real reference backend, as a contractor runs it: a child process on a
 * temporary SQLite file, spoken to over 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { forThePackage } from '../src/guide.js';

const BIN = fileURLToPath(new URL('../bin/porchlight-server.js', import.meta.url));
const DANA = { email: 'dana.whitfield@example.com', password: 'maple street furnace 1987' };
const CARD = { expMonth: 12, expYear: new Date().getFullYear() + 3, cvc: '123', postalCode: '62704' };
const TEST_ENV = { PORCHLIGHT_PASSWORD_ITERATIONS: '10000', DATABASE_URL: '' };

interface Started {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs the command to its end (killed after 30 s: a command that serves instead fails its test, not the run): exit code and output. */
function runToEnd(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...TEST_ENV, ...env }, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `serve` and resolves once it listens. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { env: { ...process.env, ...TEST_ENV, ...env } });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.msg === 'listening') resolve({ child, url: String(entry.url), lines, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
}

/**
 * What `pattern` matches on the server's stderr, once it has arrived: stderr is its own pipe, so a
 * notice written before the 'listening' line may still be on its way when that line is read.
 */
async function fromStderr(started: Started, pattern: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(started.stderr());
    if (match || Date.now() > deadline) return match;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stop(started: Started) {
  if (started.child.exitCode === null) started.child.kill('SIGTERM');
  return started.exited;
}

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function signIn(url: string, email = DANA.email, password = DANA.password) {
  const response = await post(`${url}/api/auth/sign-in`, { email, password });
  assert.equal(response.status, 200, await response.clone().text());
  return String((await json(response)).token);
}

async function balanceOf(url: string, token: string, invoiceId = 'inv-10412') {
  const response = await fetch(`${url}/api/customers/cust-1001/invoices/${invoiceId}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return Number((await json(response)).balance);
}

function pay(url: string, token: string, key: string, number: string, amount = 1000) {
  return post(
    `${url}/api/customers/cust-1001/payments`,
    { applications: [{ invoiceId: 'inv-10412', amount }], card: { number, ...CARD } },
    { Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
  );
}

describe('porchlight-server (the command, on the reference backend)', function () {
  this.timeout(60_000);
  let dir: string;
  let running: Started[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-'));
  });
  afterEach(async () => {
    await Promise.all(running.map(stop));
    running = [];
    rmSync(dir, { recursive: true, force: true });
  });
  async function start(args: string[] = [], env: Record<string, string> = {}) {
    const started = await serve(['--db', join(dir, 'p.sqlite'), ...args], env);
    running.push(started);
    return started;
  }

  it('--help lists the commands, options and variables and exits 0; a wrong option exits 2 saying why', async () => {
    const help = await runToEnd(['--help']);
    assert.equal(help.code, 0);
    for (const word of ['migrate', 'seed', '--db', '--port', 'DATABASE_URL', 'PORCHLIGHT_DB', 'PORT', 'PORCHLIGHT_OFFICE_KEY']) assert.ok(help.stdout.includes(word), word);
    const wrong = await runToEnd(['--prot', '80']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--prot/);
    assert.match(wrong.stderr, /--help/);
  });

  it('--help or -h after a command prints the help and exits 0, whatever that command would need to run', async () => {
    const lines = [['import', '--help'], ['import', '-h'], ['seed', '--help'], ['migrate', '-h'], ['serve', '--help'], ['seed', '--replace', '-h'], ['migrate', '--customers', '5', '--help']];
    const answers = await Promise.all(lines.map((args) => runToEnd(['--db', join(dir, 'p.sqlite'), ...args])));
    for (const [i, answer] of answers.entries()) {
      assert.equal(answer.code, 0, `${lines[i]!.join(' ')}: ${answer.stderr}`);
      assert.match(answer.stdout, /^porchlight-server: the Porchlight REST contract/, lines[i]!.join(' '));
      assert.match(answer.stdout, /porchlight-server import FILE \[options\]/);
    }
    // Nothing was run: no database was made.
    assert.equal(existsSync(join(dir, 'p.sqlite')), false);
    const version = await runToEnd(['import', '--version']);
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    // Without it, a command still says what it needs.
    const noFile = await runToEnd(['import']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /import needs the file to read/);
  });

  it('--guide prints the deployment guide, from the packed bundle too, which has no docs folder beside it', async () => {
    // As the package's reader gets it: links to the repository's other files say where they are (guide.test.ts).
    const guide = forThePackage(readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8'));
    const fromSource = await runToEnd(['--guide']);
    assert.equal(fromSource.code, 0, fromSource.stderr);
    assert.equal(fromSource.stdout, guide);
    assert.match(guide, /`docs\/rest-contract\.md` in the Porchlight repository/);
    assert.match((await runToEnd(['--help'])).stdout, /Guide: porchlight-server --guide/);

    // The package's own build (server/package.json "build"), written beside dist/ instead of into it,
    // so the bundle finds the package's dependencies as an installed one would.
    const serverDir = fileURLToPath(new URL('..', import.meta.url));
    const { scripts } = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as { scripts: { build: string } };
    const out = mkdtempSync(join(serverDir, '.bundle-test-'));
    try {
      const [command, ...args] = scripts.build.split(' ');
      assert.equal(command, 'esbuild');
      const esbuild = fileURLToPath(new URL('../../node_modules/.bin/esbuild', import.meta.url));
      execFileSync(esbuild, args.map((arg) => (arg.startsWith('--outfile=') ? `--outfile=${join(out, 'cli.js')}` : arg)), { cwd: serverDir });
      const printed = execFileSync(process.execPath, [join(out, 'cli.js'), '--guide'], { encoding: 'utf8' });
      assert.equal(printed, guide);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('starts a new database that is not a demo with payments off and no hostname, and warns until the contractor saves their company', async () => {
    const first = await start();
    const key = (await fromStderr(first, /\n {2}(\S{43})\n/))?.[1];
    assert.ok(key, 'the generated key is printed');
    const warning = first.lines.find((line) => line.msg === 'example settings' && line.level === 'warn');
    assert.deepEqual(warning?.fields, ['companyName', 'companyPhone']);
    // No portal page named: reset links would open wherever a request says (on the site).
    assert.ok(first.lines.some((line) => line.msg === 'no portal page' && line.level === 'warn'), 'warned that no portal page is named');
    const office = { 'X-Porchlight-Office-Key': key, 'Content-Type': 'application/json' };
    const settings = (await (await fetch(`${first.url}/api/office/settings`, { headers: office })).json()) as Record<string, unknown>;
    // No customer "pays" where the simulated processor moves no money; emailed links do not go to the example's site.
    assert.equal(settings.onlinePaymentsEnabled, false);
    assert.equal(settings.hostname, '');
    // Nothing else of the example's that a customer would read as this contractor's, or that would take
    // appointment requests for the example's services and area.
    assert.equal(settings.companyEmail, '');
    assert.equal(settings.visitsMessage, '');
    assert.deepEqual(settings.excludedBusinessUnitIds, []);
    assert.equal(settings.schedulerEnabled, false);
    // Memberships while active only: what most contractors show (the demo shows a suspended one too).
    assert.deepEqual(settings.membershipStatuses, ['Active']);
    const saved = await fetch(`${first.url}/api/office/settings`, {
      method: 'PUT',
      headers: office,
      body: JSON.stringify({
        ...settings,
        companyName: 'Birch Creek Plumbing',
        companyPhone: '(555) 201-7788',
        schedulerEnabled: true,
        hostname: 'www.birchcreek.example',
        portalUrl: 'https://www.birchcreek.example/account',
      }),
    });
    assert.equal(saved.status, 200);
    assert.equal(await stop(first), 0);
    // Requests on, but the example's services and area never replaced: still warned, by name.
    const second = await start();
    assert.deepEqual(second.lines.find((line) => line.msg === 'example settings')?.fields, ['scheduling services', 'scheduling service area']);
    assert.ok(!second.lines.some((line) => line.msg === 'no portal page'), 'no warning once the portal page is named');
    const scheduling = (await (await fetch(`${second.url}/api/office/scheduling`, { headers: office })).json()) as { services: { name: string }[] };
    const own = {
      ...scheduling,
      services: scheduling.services.map((service) => ({ ...service, name: `Birch Creek ${service.name}` })),
      serviceArea: { postalCodes: ['97201'] },
    };
    const savedScheduling = await fetch(`${second.url}/api/office/scheduling`, { method: 'PUT', headers: office, body: JSON.stringify(own) });
    assert.equal(savedScheduling.status, 200);
    assert.equal(await stop(second), 0);
    const third = await start();
    assert.ok(!third.lines.some((line) => line.msg === 'example settings'), 'no warning once the company and the scheduling are saved');
    assert.equal(((await (await fetch(`${third.url}/api/settings`)).json()) as { companyName: string }).companyName, 'Birch Creek Plumbing');
    assert.equal(await stop(third), 0);
  });

  it('refuses a second server, and seed --replace, on the same SQLite file in one line; starts again once the first stopped or was killed', async () => {
    const db = join(dir, 'p.sqlite');
    const first = await start();
    const since = (JSON.parse(readFileSync(`${db}.server-lock.info`, 'utf8')) as { since: string }).since;
    const refusal =
      `porchlight-server: ${db} is in use by another porchlight-server (pid ${first.child.pid}, serving since ${since}; lock file ${db}.server-lock). ` +
      'One server process per SQLite file: stop that one first, or use PostgreSQL (DATABASE_URL=postgres://…) to run several servers.\n';
    const second = await runToEnd(['--db', db, '--port', '0']);
    assert.equal(second.code, 1);
    assert.equal(second.stdout, '', 'nothing logged: it never started');
    assert.equal(second.stderr, refusal);
    // Replacing every row under a live server is what the lock is for.
    const seed = await runToEnd(['seed', '--replace', '--db', db]);
    assert.deepEqual([seed.code, seed.stdout, seed.stderr], [1, '', refusal]);
    assert.equal(await stop(first), 0);
    assert.equal(existsSync(`${db}.server-lock.info`), false, 'a graceful stop removes who held it');

    // Killed, it leaves nothing to clean up: the kernel let its lock go.
    const killed = await start();
    killed.child.kill('SIGKILL');
    await killed.exited;
    assert.equal(JSON.parse(readFileSync(`${db}.server-lock.info`, 'utf8')).pid, killed.child.pid, 'its info file is still there, unused');
    const restarted = await start();
    assert.equal((await fetch(`${restarted.url}/readyz`)).status, 200);
  });

  it('says in one line that the port is in use, before it creates the database or an office key', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const db = join(dir, 'new.sqlite');
      const result = await runToEnd(['--db', db, '--port', String(port)]);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `porchlight-server: port ${port} on 127.0.0.1 is in use by another program: stop it, or choose another port with --port (or PORT).\n`);
      assert.equal(result.stdout, '', 'no office key shown, nothing logged');
      assert.deepEqual(readdirSync(dir), [], 'no database, office key or lock file left behind');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses to start on PostgreSQL without an office key, before connecting', async () => {
    const result = await runToEnd(['--port', '0'], { DATABASE_URL: 'postgres://porchlight@127.0.0.1:1/none' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /PORCHLIGHT_OFFICE_KEY/);
  });

  it('exits 1 saying so when PostgreSQL asks for a password DATABASE_URL does not give (the driver leaves its socket open)', async () => {
    // Just enough of a PostgreSQL server to ask for SCRAM authentication and send its first message:
    // the client has no password to answer it with.
    const authentication = (type: number, body: string) => {
      const message = Buffer.alloc(9 + Buffer.byteLength(body));
      message.write('R', 0);
      message.writeInt32BE(8 + Buffer.byteLength(body), 1);
      message.writeInt32BE(type, 5);
      message.write(body, 9);
      return message;
    };
    const sockets = new Set<Socket>();
    const asking = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => {
        socket.write(authentication(10, 'SCRAM-SHA-256\0\0')); // AuthenticationSASL
        socket.once('data', () => socket.write(authentication(11, 'r=nonce,s=c2FsdA==,i=4096'))); // AuthenticationSASLContinue
      });
    });
    await new Promise<void>((resolve) => asking.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = asking.address() as AddressInfo;
      const result = await runToEnd(['migrate'], { DATABASE_URL: `postgres://porchlight@127.0.0.1:${port}/porchlight` });
      assert.equal(result.code, 1, `exit code ${result.code} (null: still running when killed)`);
      const failed = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { msg: string; reason: string };
      assert.equal(failed.msg, 'failed');
      assert.match(failed.reason, /PostgreSQL asks for a password and DATABASE_URL gives none/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => asking.close(resolve));
    }
  });

  it('creates, migrates and seeds a new SQLite file; a customer signs in; the office key is generated once and kept', async () => {
    const first = await start(['--seed-demo']);
    assert.ok(first.lines.some((line) => line.msg === 'migrated'));
    assert.ok(first.lines.some((line) => line.msg === 'seeded'));
    const printedKey = (await fromStderr(first, /\n {2}(\S{43})\n/))?.[1];
    assert.ok(printedKey, 'the generated key is printed');
    const keyFile = join(dir, 'p.sqlite.office-key');
    assert.equal(readFileSync(keyFile, 'utf8').trim(), printedKey);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    // The database too: it holds password hashes, sessions and the outbox's live links.
    assert.equal(statSync(join(dir, 'p.sqlite')).mode & 0o777, 0o600);
    assert.ok(first.lines.some((line) => line.msg === 'simulated card processor' && line.level === 'warn'));
    // A demo's example company is the point of it: no warning about it.
    assert.ok(!first.lines.some((line) => line.msg === 'example settings'));

    const token = await signIn(first.url);
    assert.equal((await fetch(`${first.url}/api/office/settings`)).status, 403);
    assert.equal((await fetch(`${first.url}/api/office/settings`, { headers: { 'X-Porchlight-Office-Key': printedKey } })).status, 200);
    assert.equal(await stop(first), 0);

    // A restart: the session, the data and the key survive; the key is not printed again.
    const second = await start(['--seed-demo']);
    assert.ok(!second.lines.some((line) => line.msg === 'seeded'), 'an existing database is not seeded again');
    const session = await fetch(`${second.url}/api/auth/session`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(session.status, 200);
    assert.equal((await fetch(`${second.url}/api/office/settings`, { headers: { 'X-Porchlight-Office-Key': printedKey } })).status, 200);

    // An appointment request carrying photos (half a megabyte here) reaches the backend, which judges it:
    // the server's own limit is only an outer guard, above every route's.
    const photo = { name: 'furnace.jpg', type: 'image/jpeg', data: 'A'.repeat(512 * 1024) };
    const request = await fetch(`${second.url}/api/scheduling/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'cli-photo-request-1' },
      body: JSON.stringify({ photos: [photo] }),
    });
    const answer = (await request.json()) as { error?: { message: string } };
    assert.notEqual(request.status, 413, answer.error?.message ?? 'no error message');
    assert.equal(request.status < 500, true);
    // Stopped, its stderr is all there: the key was not printed again.
    assert.equal(await stop(second), 0);
    assert.ok(!second.stderr().includes(printedKey));
  });

  it('POST /api/office/reset exists only on a demo server (--seed-demo): elsewhere a 404 that wipes nothing', async () => {
    const officeKey = 'cli-test-office-key-0123456789abcdef';
    const reset = (url: string) => fetch(`${url}/api/office/reset`, { method: 'POST', headers: { 'X-Porchlight-Office-Key': officeKey } });
    const demo = await start(['--seed-demo'], { PORCHLIGHT_OFFICE_KEY: officeKey });
    const token = await signIn(demo.url);
    assert.equal((await pay(demo.url, token, 'reset-check-key-1', '4242424242424242')).status, 201);
    const paidBalance = await balanceOf(demo.url, token);
    await stop(demo);

    // The same database, served without --seed-demo: the path is unknown, even with the office key.
    const real = await start([], { PORCHLIGHT_OFFICE_KEY: officeKey });
    const refused = await reset(real.url);
    assert.equal(refused.status, 404);
    assert.equal(((await json(refused)).error as { code: string }).code, 'NOT_FOUND');
    assert.equal(await balanceOf(real.url, token), paidBalance, 'the payment is still there');
    assert.equal((await fetch(`${real.url}/api/auth/session`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    await stop(real);

    // On a demo server it resets: the payment is gone and sessions with it.
    const again = await start(['--seed-demo'], { PORCHLIGHT_OFFICE_KEY: officeKey });
    assert.equal((await reset(again.url)).status, 200);
    assert.equal((await fetch(`${again.url}/api/auth/session`, { headers: { Authorization: `Bearer ${token}` } })).status, 401);
    assert.equal(await balanceOf(again.url, await signIn(again.url)), paidBalance + 1000);
  });

  it('logs one line per request, with no password, token, card number or id', async () => {
    const server = await start(['--seed-demo']);
    const token = await signIn(server.url);
    const response = await pay(server.url, token, 'log-check-key-1', '4242424242424242');
    assert.equal(response.status, 201);
    await fetch(`${server.url}/api/customers/cust-1001/invoices?status=open`, { headers: { Authorization: `Bearer ${token}` } });
    const requests = server.lines.filter((line) => line.msg === 'request');
    assert.deepEqual(
      requests.map((line) => [line.method, line.route, line.status]),
      [
        ['POST', '/api/auth/sign-in', 200],
        ['POST', '/api/customers/:id/payments', 201],
        ['GET', '/api/customers/:id/invoices', 200],
      ],
    );
    const written = JSON.stringify(server.lines) + server.stderr();
    for (const secret of [DANA.password, DANA.email, token, '4242424242424242', 'log-check-key-1', 'cust-1001', 'status=open']) {
      assert.ok(!written.includes(secret), `${secret} reached the log`);
    }
  });

  it('drops the connection when the payment answer is lost, and the retry with the same key charges once', async () => {
    const server = await start(['--seed-demo']);
    const token = await signIn(server.url);
    const before = await balanceOf(server.url, token);
    await assert.rejects(pay(server.url, token, 'dropped-answer-key-1', '4000000000007700', 2000), TypeError);
    const retry = await pay(server.url, token, 'dropped-answer-key-1', '4000000000007700', 2000);
    assert.equal(retry.status, 201);
    assert.equal(await balanceOf(server.url, token), before - 2000);
    assert.ok(server.lines.some((line) => line.msg === 'request' && line.dropped === true && line.status === 0));
  });

  it('on SIGTERM finishes the payment in flight, refuses new connections, closes the database and exits 0', async () => {
    const server = await start(['--seed-demo']);
    const token = await signIn(server.url);
    const before = await balanceOf(server.url, token);
    // The simulated processor's slow card: charged at once, answered 3 s later.
    const inFlight = pay(server.url, token, 'slow-card-key-0001', '4000000000003204', 1500);
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await assert.rejects(fetch(`${server.url}/healthz`), TypeError);
    const response = await inFlight;
    assert.equal(response.status, 201);
    assert.equal(await server.exited, 0);
    assert.ok(server.lines.some((line) => line.msg === 'stopped'));

    const again = await start([]);
    assert.equal(await balanceOf(again.url, await signIn(again.url)), before - 1500);
  });

  const postgresUrl = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
  (postgresUrl ? it : it.skip)('serves on PostgreSQL when DATABASE_URL is set (npm test runs inside a throwaway cluster)', async () => {
    const env = { DATABASE_URL: postgresUrl!, PORCHLIGHT_OFFICE_KEY: 'postgres-office-key-for-the-tests' };
    const seeded = await runToEnd(['seed', '--replace'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    const server = await serve([], env);
    running.push(server);
    const listening = server.lines.find((line) => line.msg === 'listening');
    assert.match(String(listening?.database), /^postgres:\/\//);
    assert.ok(!String(listening?.database).includes('@'), 'no user or password in the log');
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const token = await signIn(server.url);
    assert.equal((await fetch(`${server.url}/api/customers/cust-1001/balance`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
  });

  it('migrate creates the schema and exits; seed --customers N writes synthetic customers who can sign in', async () => {
    const db = join(dir, 'synthetic.sqlite');
    const migrated = await runToEnd(['migrate', '--db', db]);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /"msg":"migrated"/);
    const refused = await runToEnd(['seed', '--customers', '50', '--db', db]);
    assert.equal(refused.code, 1, 'a database with tables is not replaced without --replace');
    assert.match(refused.stdout, /--replace/);
    const seeded = await runToEnd(['seed', '--customers', '50', '--replace', '--db', db]);
    assert.equal(seeded.code, 0, seeded.stderr);
    const server = await serve(['--db', db]);
    running.push(server);
    await signIn(server.url, 'customer7@example.test', 'synthetic customer password');
  });

  it('names the database or key file it cannot use, in one line: a folder given as --db, a file in the way, a key file that is a folder', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const asFolder = await runToEnd(['migrate', '--db', folder]);
    assert.equal(asFolder.code, 1);
    // The temporary folder's random name reads as a secret to the log's filter: the path's end is matched.
    assert.match(asFolder.stdout, /"reason":"Cannot open the database sqlite:\S*\/a-folder: /);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const blocked = await runToEnd(['--port', '0', '--db', join(blocker, 'p.sqlite')]);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stdout, /"reason":"Cannot create the folder of the database \S*\/a-file\/p.sqlite: /);
    const keyFolder = await runToEnd(['--port', '0', '--db', join(dir, 'keyed.sqlite')], { PORCHLIGHT_OFFICE_KEY_FILE: folder });
    assert.equal(keyFolder.code, 1);
    assert.match(keyFolder.stdout, /"msg":"failed","reason":"Cannot read the office key file \S*\/a-folder: /);
  });

  it('an older release on a database a newer one migrated refuses to start, naming the migration and what to do', async () => {
    const db = join(dir, 'rolled-back.sqlite');
    assert.equal((await runToEnd(['migrate', '--db', db])).code, 0);
    // What a newer release leaves: a migration this one does not know.
    const sqlite = new Database(db);
    sqlite.prepare("insert into kysely_migration (name, timestamp) values ('0099-from-a-newer-release', ?)").run(new Date().toISOString());
    sqlite.close();
    const refused = await runToEnd(['migrate', '--db', db]);
    assert.equal(refused.code, 1);
    const failed = JSON.parse(refused.stdout.trim().split('\n').at(-1)!) as { msg: string; reason: string };
    assert.equal(failed.msg, 'failed');
    assert.match(failed.reason, /migrated by a newer release \(it has migration 0099-from-a-newer-release, which this release does not know\).*restore the backup/);
  });
});
