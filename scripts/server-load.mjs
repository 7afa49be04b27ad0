#!/usr/bin/env node
/**
 * porchlight-server under load and under faults, on loopback only, bounded in count and time.
 *
 *   node scripts/server-load.mjs                         load + SQLite faults
 *   node scripts/with-postgres.mjs -- node scripts/server-load.mjs    … + PostgreSQL faults
 *   (npm run test:server-load does the second.)
 *
 * Load: 100,000 synthetic customers on SQLite; autocannon with 50 connections for 20 s on the
 * invoice list and the balance (each request a different signed-in customer), next to the same
 * server's /healthz (a constant answer through the same middleware), in one run, the routes
 * interleaved in rounds. Goal: the invoice list at ≥ 30% of the bare route's requests per second,
 * p99 ≤ 50 ms.
 * Faults: SIGKILL in the middle of a payment, restart, retry with the same key → one charge and the
 * right balance; sessions survive the restart. With PostgreSQL (PORCHLIGHT_TEST_POSTGRES_URL): two
 * instances on one database charge a double payment once and lock an email at the fifth failed
 * sign-in across them; the database stopped → /readyz and a data route answer 503 quickly, and
 * everything recovers when it is back.
 *
 * Options: --customers N (100000), --connections N (50), --duration S (20 per route, in --rounds N
 * interleaved rounds: 4), --skip-load, --skip-faults,
 * --load-db PATH (keep the synthetic database there and reuse it on the next run, instead of seeding
 * a temporary one each time).
 * Exits 1 when a check or a goal fails.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'server/bin/porchlight-server.js');
const { values: options } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    'skip-load': { type: 'boolean', default: false },
    'skip-faults': { type: 'boolean', default: false },
    'load-db': { type: 'string' },
  },
});
const CUSTOMERS = Number(options.customers);
const CONNECTIONS = Number(options.connections);
const DURATION = Number(options.duration);
const ROUNDS = Math.max(1, Math.floor(Number(options.rounds)) || 1);
const GOAL_RATIO = 0.3;
const GOAL_P99_MS = 50;
const OFFICE_KEY = 'server-load-office-key-0123456789';
const DANA = { email: 'dana.whitfield@example.com', password: 'maple street furnace 1987' };
const PRIYA = 'priya.nair@harborpoint.example';
const CARD = { expMonth: 12, expYear: new Date().getFullYear() + 3, cvc: '123', postalCode: '62704' };
const SLOW_CARD = '4000000000003204';
const VISA = '4242424242424242';
const PG_URL = process.env.PORCHLIGHT_TEST_POSTGRES_URL;

const dir = mkdtempSync(join(tmpdir(), 'porchlight-load-'));
const children = new Set();
const results = [];

// Bounded in time, whatever happens: the whole run stops after 12 minutes.
const deadline = setTimeout(() => {
  console.error('server-load: over 12 minutes, stopping.');
  cleanUp();
  process.exit(1);
}, 12 * 60_000);
deadline.unref();

function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (cleanUp(), process.exit(130)));

function check(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a porchlight-server command to its end. */
function command(args, env = {}) {
  execFileSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Starts `serve` on a free port (logs to a file: the JSON lines cost what they cost), resolves when ready. */
async function startServer(name, args, env = {}) {
  const port = await freePort();
  const log = openSync(join(dir, `${name}.log`), 'a');
  const child = spawn(process.execPath, [BIN, '--port', String(port), ...args], {
    env: { ...process.env, DATABASE_URL: '', PORCHLIGHT_OFFICE_KEY: OFFICE_KEY, ...env },
    stdio: ['ignore', log, 'inherit'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready; see its log`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, exited, name };
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`${name} never became ready`);
}

async function stopServer(server, signal = 'SIGTERM') {
  if (server.child.exitCode === null) server.child.kill(signal);
  const code = await server.exited;
  children.delete(server.child);
  return code;
}

async function call(url, path, { method = 'GET', token, body, headers = {} } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, json, text, headers: response.headers };
}

async function signIn(url, email, password) {
  const answer = await call(url, '/api/auth/sign-in', { method: 'POST', body: { email, password } });
  if (answer.status !== 200) throw new Error(`sign-in as ${email}: ${answer.status} ${answer.text}`);
  return { token: answer.json.token, customerId: answer.json.accounts[0].customerId };
}

function pay(url, token, key, number, amount, invoiceId = 'inv-10412') {
  return call(url, '/api/customers/cust-1001/payments', {
    method: 'POST',
    token,
    headers: { 'Idempotency-Key': key },
    body: { applications: [{ invoiceId, amount }], card: { number, ...CARD } },
  });
}

async function balanceOf(url, token, invoiceId = 'inv-10412') {
  const answer = await call(url, `/api/customers/cust-1001/invoices/${invoiceId}`, { token });
  if (answer.status !== 200) throw new Error(`invoice ${invoiceId}: ${answer.status} ${answer.text}`);
  return answer.json.balance;
}

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

function cannon(url, title, requests, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, title, connections: CONNECTIONS, duration, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Several routes measured in interleaved rounds (bare, invoices, balance, bare, …), each route
 * DURATION seconds in all. This machine's speed drifts by a quarter from one minute to the next
 * (other machines share its host); routes measured one after the other, each in one block, compared
 * one moment with another. Interleaved, each route meets the same moments. Per route: requests per
 * second over all its rounds, the median round's p50 and the worst round's p99.
 */
async function measureInRounds(routes, measured) {
  const perRound = DURATION / ROUNDS;
  const rounds = routes.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, route] of routes.entries()) rounds[i].push(await measured(route, perRound));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return rounds.map((results) => {
    const total = results.reduce((sum, r) => sum + r.requests.total, 0);
    const seconds = results.reduce((sum, r) => sum + r.duration, 0);
    return {
      requestsPerSecond: total / seconds,
      perRound: results.map((r) => r.requests.total / r.duration),
      p50: median(results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      total,
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
      cpuMsPerRequest: results.reduce((sum, r) => sum + r.cpuMs, 0) / Math.max(1, total),
    };
  });
}

async function load() {
  console.log(`\nLoad: ${CUSTOMERS.toLocaleString('en-US')} synthetic customers on SQLite, ${CONNECTIONS} connections × ${DURATION} s per route, in ${ROUNDS} interleaved rounds`);
  const db = options['load-db'] ?? join(dir, 'load.sqlite');
  if (options['load-db'] && existsSync(db)) {
    console.log(`  reusing ${db}`);
  } else {
    const started = performance.now();
    command(['seed', '--customers', String(CUSTOMERS), '--db', db]);
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; database ${(statSync(db).size / 1_048_576).toFixed(0)} MB`);
  }

  const server = await startServer('load-server', ['--db', db]);
  // Customers spread over the whole data set, each with its own session: 10 sign-ins stay under the
  // backend's per-address limit on /auth/*.
  // (Every tenth synthetic customer has no account yet.)
  const picks = Array.from({ length: 10 }, (_, i) => 1 + Math.floor((i * (CUSTOMERS - 1)) / 9)).map((n) => (n % 10 === 0 ? n - 1 : n));
  const sessions = [];
  for (const n of picks) sessions.push(await signIn(server.url, `customer${n}@example.test`, 'synthetic customer password'));
  let next = 0;
  const rotating = (suffix) => [
    {
      method: 'GET',
      setupRequest(request) {
        const session = sessions[next++ % sessions.length];
        return { ...request, path: `/api/customers/${session.customerId}/${suffix}`, headers: { Authorization: `Bearer ${session.token}` } };
      },
    },
  ];

  // A warm-up, not measured: the JIT and SQLite's page cache. Shorter, the first round measured a
  // server still compiling its hot path (15% where the later rounds gave 26%).
  for (const [suffix, seconds] of [['invoices?status=open', 10], ['balance', 3]]) {
    await new Promise((resolve, reject) =>
      autocannon({ url: server.url, connections: 10, duration: seconds, requests: rotating(suffix) }, (e) => (e ? reject(e) : resolve())),
    );
  }
  // The server's own CPU time per answered request, from /proc: unlike requests per second it does
  // not change when other programs share the machine, so it tells what the route costs.
  const measured = async ({ title, url, requests }, seconds) => {
    const cpuBefore = processCpuMs(server.child.pid);
    const result = await cannon(url, title, requests, seconds);
    return { ...result, cpuMs: processCpuMs(server.child.pid) - cpuBefore };
  };
  const [bare, invoices, balance] = await measureInRounds(
    [
      { title: 'bare /healthz', url: `${server.url}/healthz` },
      { title: 'invoice list', url: server.url, requests: rotating('invoices?status=open') },
      { title: 'balance', url: server.url, requests: rotating('balance') },
    ],
    measured,
  );
  await stopServer(server);

  const row = (name, r) => ({
    route: name,
    'req/s': Math.round(r.requestsPerSecond),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'vs bare': `${Math.round((r.requestsPerSecond / bare.requestsPerSecond) * 100)}%`,
    'non-2xx': r.non2xx,
    errors: r.errors,
    'server CPU ms/req': Number.isFinite(r.cpuMsPerRequest) ? Number(r.cpuMsPerRequest.toFixed(3)) : '–',
  });
  console.table([row('GET /healthz (constant)', bare), row('GET …/invoices?status=open', invoices), row('GET …/balance', balance)]);
  const ratio = invoices.requestsPerSecond / bare.requestsPerSecond;
  const roundRatios = invoices.perRound.map((rps, i) => `${Math.round((rps / bare.perRound[i]) * 100)}%`);
  console.log(`  invoice list / bare route = ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}); balance / bare = ${(balance.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}`);
  console.log(`  invoice list / bare route, round by round (${ROUNDS} × ${DURATION / ROUNDS} s per route): ${roundRatios.join(', ')}`);
  const perRound = (r) => r.perRound.map((rps) => Math.round(rps)).join(', ');
  console.log(`  requests per second, round by round: bare ${perRound(bare)}; invoice list ${perRound(invoices)}; balance ${perRound(balance)}`);
  if (Number.isFinite(invoices.cpuMsPerRequest)) {
    console.log(
      `  by server CPU per request (what a machine of its own would give): invoice list / bare = ${(bare.cpuMsPerRequest / invoices.cpuMsPerRequest).toFixed(2)}, balance / bare = ${(bare.cpuMsPerRequest / balance.cpuMsPerRequest).toFixed(2)}`,
    );
  }
  const [load1] = loadavg();
  console.log(`  load average during the run: ${load1.toFixed(1)} on ${availableParallelism()} cores${load1 > availableParallelism() ? ' (other programs compete for the CPU: requests per second and latency suffer)' : ''}`);
  for (const [name, r] of [['bare', bare], ['invoice list', invoices], ['balance', balance]]) {
    check(`${name}: every answer 2xx, no errors`, r.non2xx === 0 && r.errors === 0, `${r.total} requests`);
  }
  check(`goal: invoice list ≥ ${GOAL_RATIO * 100}% of the bare route's requests per second`, ratio >= GOAL_RATIO, `${(ratio * 100).toFixed(0)}%`);
  check(`goal: invoice list p99 ≤ ${GOAL_P99_MS} ms (the worst round's)`, invoices.p99 <= GOAL_P99_MS, `${invoices.p99} ms`);
  check(`balance p99 ≤ ${GOAL_P99_MS} ms (the worst round's)`, balance.p99 <= GOAL_P99_MS, `${balance.p99} ms`);
}

// ---------------------------------------------------------------------------------------------
// Faults: SQLite
// ---------------------------------------------------------------------------------------------

async function sigkillMidPayment() {
  console.log('\nFault: SIGKILL in the middle of a payment (SQLite)');
  const db = join(dir, 'faults.sqlite');
  command(['seed', '--db', db], { PORCHLIGHT_PASSWORD_ITERATIONS: '10000' });
  let server = await startServer('sigkill-server', ['--db', db], { PORCHLIGHT_PASSWORD_ITERATIONS: '10000' });
  const { token } = await signIn(server.url, DANA.email, DANA.password);
  const before = await balanceOf(server.url, token);
  // Charges at the processor, counted before and after: each claim of a key has its own processor key
  // (not the customer's key), so a second charge for this payment would be a second row.
  const countCharges = () => {
    const sqlite = new Database(db, { readonly: true });
    try {
      return sqlite.prepare('select count(*) as n from processor_charges').get().n;
    } finally {
      sqlite.close();
    }
  };
  const chargesBefore = countCharges();
  const key = 'sigkill-mid-payment-0001';
  // The slow test card: charged at once, answered 3 s later. The server dies in between.
  const inFlight = pay(server.url, token, key, SLOW_CARD, 1500).then(
    () => 'answered',
    () => 'connection lost',
  );
  await sleep(1_000);
  server.child.kill('SIGKILL');
  check('the client loses the payment answer when the server is killed', (await inFlight) === 'connection lost');
  await stopServer(server);

  server = await startServer('sigkill-server-restarted', ['--db', db], { PORCHLIGHT_PASSWORD_ITERATIONS: '10000' });
  const session = await call(server.url, '/api/auth/session', { token });
  check('the session survives the restart', session.status === 200, `GET /auth/session → ${session.status}`);
  const retry = await pay(server.url, token, key, SLOW_CARD, 1500);
  check('the retry with the same key answers the payment', retry.status === 201, `${retry.status}`);
  const again = await pay(server.url, token, key, SLOW_CARD, 1500);
  check('a second retry answers the same payment', again.status === 201 && again.json?.id === retry.json?.id);
  const after = await balanceOf(server.url, token);
  check('the invoice balance went down exactly once', after === before - 1500, `${before} → ${after}`);
  await stopServer(server);

  const charges = countCharges() - chargesBefore;
  const sqlite = new Database(db, { readonly: true });
  const payments = sqlite.prepare('select count(*) as n from payments where customer_id = ? and id not like ?').get('cust-1001', 'pay-seed%').n;
  sqlite.close();
  check('the processor charged the card exactly once', charges === 1, `${charges} charge(s)`);
  check('exactly one payment was recorded', payments === 1, `${payments} payment(s)`);
}

// ---------------------------------------------------------------------------------------------
// Faults: PostgreSQL
// ---------------------------------------------------------------------------------------------

/** pg_ctl on the throwaway cluster of scripts/with-postgres.mjs (as the postgres user when root). */
function pgCtl(args) {
  const bin = process.env.PORCHLIGHT_TEST_POSTGRES_BIN;
  const file = join(bin, 'pg_ctl');
  if (process.getuid?.() === 0) {
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [file, ...args].map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' });
  } else execFileSync(file, args, { stdio: 'pipe' });
}

async function postgresFaults() {
  console.log('\nFaults: two instances on one PostgreSQL');
  const env = { DATABASE_URL: PG_URL, PORCHLIGHT_PASSWORD_ITERATIONS: '10000' };
  execFileSync(process.execPath, [BIN, 'seed', '--replace'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const a = await startServer('pg-a', [], env);
  const b = await startServer('pg-b', [], env);

  // One payment sent to both instances at the same instant, with the same key.
  const { token } = await signIn(a.url, DANA.email, DANA.password);
  const before = await balanceOf(b.url, token);
  const key = 'double-payment-across-0001';
  // Charges at the processor, counted before and after (each claim has its own processor key).
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const countCharges = async () => Number((await client.query('select count(*) as n from processor_charges')).rows[0].n);
  const chargesBefore = await countCharges();
  const [first, second] = await Promise.all([pay(a.url, token, key, VISA, 2500), pay(b.url, token, key, VISA, 2500)]);
  const afterDouble = await balanceOf(a.url, token);
  const charged = (await countCharges()) - chargesBefore;
  check(
    'a double payment across the instances charges once',
    charged === 1 && afterDouble === before - 2500 && [first.status, second.status].includes(201),
    `answers ${first.status} and ${second.status}; ${charged} charge(s); balance ${before} → ${afterDouble}`,
  );

  // Two different keys paying an invoice's whole balance at once: one succeeds, the balance never goes below zero.
  const whole = await balanceOf(a.url, token, 'inv-10377');
  const race = await Promise.all([
    pay(a.url, token, 'whole-balance-a-0001', VISA, whole, 'inv-10377'),
    pay(b.url, token, 'whole-balance-b-0001', VISA, whole, 'inv-10377'),
  ]);
  const left = await balanceOf(b.url, token, 'inv-10377');
  check(
    'the same invoice paid in full on both at once is paid once',
    race.filter((r) => r.status === 201).length === 1 && left === 0,
    `answers ${race.map((r) => r.status).join(' and ')}; balance left ${left}`,
  );

  // Failed sign-ins alternating between the instances: the fifth locks.
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const answer = await call(i % 2 ? b.url : a.url, '/api/auth/sign-in', { method: 'POST', body: { email: PRIYA, password: `wrong password ${i}` } });
    statuses.push(answer.status);
  }
  const right = await call(b.url, '/api/auth/sign-in', { method: 'POST', body: { email: PRIYA, password: 'harbor point boiler room' } });
  check(
    'failed sign-ins across the instances lock the email at the fifth',
    statuses.join() === '401,401,401,401,423' && right.status === 423,
    `${statuses.join(', ')}; then the right password → ${right.status}`,
  );

  // The database stopped.
  console.log('\nFault: the database stopped');
  const dataDir = process.env.PORCHLIGHT_TEST_POSTGRES_DATA;
  if (!dataDir || !process.env.PORCHLIGHT_TEST_POSTGRES_BIN) {
    console.log('  (skipped: needs the throwaway cluster of scripts/with-postgres.mjs)');
  } else {
    await client.end();
    const port = new URL(PG_URL).port;
    pgCtl(['-D', dataDir, '-m', 'fast', 'stop']);
    let started = performance.now();
    const ready = await call(a.url, '/readyz');
    const readyMs = performance.now() - started;
    started = performance.now();
    const data = await call(b.url, '/api/customers/cust-1001/balance', { token });
    const dataMs = performance.now() - started;
    const clear = (answer) =>
      answer.status === 503 && typeof answer.json?.error?.message === 'string' && !/\bat .+:\d+:\d+/.test(answer.text) && answer.headers.get('retry-after');
    check('/readyz answers 503 with a clear error, quickly', clear(ready) && readyMs < 5_000, `${ready.status} in ${Math.round(readyMs)} ms: ${ready.json?.error?.message}`);
    check('a data route answers 503 with a clear error, quickly', clear(data) && dataMs < 5_000, `${data.status} in ${Math.round(dataMs)} ms: ${data.json?.error?.message}`);
    check('/healthz still answers 200 (the process is up)', (await call(a.url, '/healthz')).status === 200);

    pgCtl(['-D', dataDir, '-o', `-p ${port} -k ${dirname(dataDir)} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, '-l', join(dirname(dataDir), 'log'), '-w', 'start']);
    started = performance.now();
    let recovered = false;
    while (performance.now() - started < 20_000) {
      const [readyA, balanceB] = await Promise.all([call(a.url, '/readyz'), call(b.url, '/api/customers/cust-1001/balance', { token })]);
      if (readyA.status === 200 && balanceB.status === 200) {
        recovered = true;
        break;
      }
      await sleep(250);
    }
    check('everything recovers when the database is back', recovered, `${Math.round(performance.now() - started)} ms`);
  }
  await Promise.all([stopServer(a), stopServer(b)]);
  await client.end().catch(() => {});
}

// ---------------------------------------------------------------------------------------------

try {
  if (!options['skip-load']) await load();
  if (!options['skip-faults']) {
    await sigkillMidPayment();
    if (PG_URL) await postgresFaults();
    else console.log('\nPostgreSQL faults skipped: run through `node scripts/with-postgres.mjs -- node scripts/server-load.mjs`.');
  }
} catch (error) {
  check('the run itself', false, error instanceof Error ? error.message : String(error));
  for (const file of ['load-server', 'sigkill-server', 'sigkill-server-restarted', 'pg-a', 'pg-b']) {
    try {
      const lines = readFileSync(join(dir, `${file}.log`), 'utf8').trim().split('\n').filter((line) => !line.includes('"msg":"request"'));
      if (lines.length) console.error(`--- ${file}.log (without request lines)\n${lines.slice(-10).join('\n')}`);
    } catch {
      /* no such log */
    }
  }
} finally {
  cleanUp();
}
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} of ${results.length} checks passed.`);
process.exit(failed.length ? 1 : 0);
