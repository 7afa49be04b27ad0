/**
 * `porchlight-server import FILE` as a contractor runs it: a child process on a temporary SQLite file,
 * reading the example of docs/import.md from a file or from standard input.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';

const BIN = fileURLToPath(new URL('../bin/porchlight-server.js', import.meta.url));
const TEST_ENV = { PORCHLIGHT_PASSWORD_ITERATIONS: '10000', DATABASE_URL: '' };

/** The little of a records file these tests change. */
interface RecordsFile {
  businessUnits: object[];
  customers: { contacts: { value: string }[] }[];
  invoices: Record<string, unknown>[];
}

/** The complete example of docs/import.md. */
function example(): RecordsFile {
  const markdown = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
  const block = /^## A complete example$[\s\S]*?^```json\n([\s\S]*?)^```$/m.exec(markdown)?.[1];
  assert.ok(block, 'docs/import.md has its example');
  return JSON.parse(block) as RecordsFile;
}

/** Runs the command to its end (killed after 30 s), with `input` on its standard input: exit code and output. */
function runToEnd(args: string[], input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...TEST_ENV }, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function logLines(stdout: string) {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Rows in a table of the SQLite file, read as another program would. */
function count(db: string, table: string): number {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

const each = (counts: { created: number; updated: number; unchanged: number }) =>
  Object.fromEntries(['businessUnits', 'customers', 'invoices', 'jobs', 'memberships', 'equipment'].map((kind) => [kind, counts]));

describe('porchlight-server import (the command, on the reference backend)', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-import-'));
    db = join(dir, 'p.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates and migrates the database, imports the file, and logs what it created, updated or left unchanged, per kind', async () => {
    const file = join(dir, 'records.json');
    writeFileSync(file, JSON.stringify(example()));
    const first = await runToEnd(['import', file, '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    const lines = logLines(first.stdout);
    assert.deepEqual(
      lines.map((line) => line.msg),
      ['migrated', 'imported'],
    );
    const summary = { ...lines[1] };
    assert.equal(typeof summary.ms, 'number');
    delete summary.time;
    delete summary.ms;
    assert.deepEqual(summary, { level: 'info', msg: 'imported', database: `sqlite:${db}`, file, ...each({ created: 1, updated: 0, unchanged: 0 }) });
    assert.equal(count(db, 'customers'), 1);

    // The same file again: nothing to write.
    const again = await runToEnd(['import', file, '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(logLines(again.stdout).map((line) => line.msg), ['imported']);
    assert.deepEqual({ ...logLines(again.stdout)[0], time: undefined, ms: undefined }, { ...summary, ...each({ created: 0, updated: 0, unchanged: 1 }), time: undefined, ms: undefined });
  });

  it('reads standard input for "-"', async () => {
    const records = example();
    const result = await runToEnd(['import', '-', '--db', db], JSON.stringify({ businessUnits: records.businessUnits, customers: records.customers }));
    assert.equal(result.code, 0, result.stderr);
    const imported = logLines(result.stdout).at(-1)!;
    assert.deepEqual([imported.msg, imported.file, imported.customers], ['imported', 'standard input', { created: 1, updated: 0, unchanged: 0 }]);
    assert.equal(count(db, 'business_units'), 1);
  });

  it('refuses a file with problems: exit 1, each problem by its path on stderr (20 at most), and nothing written', async () => {
    const records = example();
    records.customers[0]!.contacts[0]!.value = 'jordan at example.com';
    records.invoices[0]!.balanse = records.invoices[0]!.balance;
    delete records.invoices[0]!.balance;
    const file = join(dir, 'records.json');
    writeFileSync(file, JSON.stringify(records));
    const refused = await runToEnd(['import', file, '--db', db]);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      `porchlight-server: nothing was imported: ${file} has 3 problems.\n` +
        '  customers[0].contacts[0].value: not an email address\n' +
        '  invoices[0].balance: missing\n' +
        '  invoices[0].balanse: unknown field\n',
    );
    assert.ok(!refused.stdout.includes('"imported"'));
    for (const table of ['business_units', 'customers', 'invoices', 'jobs', 'memberships', 'equipment']) assert.equal(count(db, table), 0, table);

    const many = { customers: Array.from({ length: 25 }, (_, i) => ({ ...records.customers[0], id: `C-${i}`, type: 'Household', contacts: [], locations: [] })) };
    writeFileSync(file, JSON.stringify(many));
    const long = await runToEnd(['import', file, '--db', db]);
    assert.equal(long.code, 1);
    const printed = long.stderr.trimEnd().split('\n');
    assert.equal(printed[0], `porchlight-server: nothing was imported: ${file} has 25 problems.`);
    assert.equal(printed.length, 1 + 20 + 1);
    assert.equal(printed[1], '  customers[0].type: must be one of Residential, Commercial; not text ("Household")');
    assert.equal(printed.at(-1), '  and 5 more');

    const notJson = await runToEnd(['import', '-', '--db', db], '{"customers": [');
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /^porchlight-server: nothing was imported: standard input has a problem\.\n {2}The file is not valid JSON/);
    assert.doesNotMatch(notJson.stderr, /\n\s+at /, 'no stack');
  });

  it('says so in one line when the file cannot be read, and touches no database', async () => {
    const missing = join(dir, 'missing.json');
    const result = await runToEnd(['import', missing, '--db', db]);
    assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', `porchlight-server: cannot read ${missing}: there is no such file.\n`]);
    assert.equal(existsSync(db), false);
    const folder = await runToEnd(['import', dir, '--db', db]);
    assert.deepEqual([folder.code, folder.stderr], [1, `porchlight-server: cannot read ${dir}: it is a folder, not a file.\n`]);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"customers": [{"name": "Jos\xe9"}]}', 'latin1'));
    const encoding = await runToEnd(['import', latin1, '--db', db]);
    assert.deepEqual([encoding.code, encoding.stderr], [1, `porchlight-server: cannot read ${latin1}: it is not UTF-8 text (export the file as UTF-8).\n`]);
    const noFile = await runToEnd(['import', '--db', db]);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /import needs the file to read/);
  });

  it('is refused in one line while a server runs on the same SQLite file (which takes the same records at POST /api/office/import), and runs once it stopped', async () => {
    const file = join(dir, 'records.json');
    writeFileSync(file, JSON.stringify(example()));
    const officeKey = 'import-test-office-key-0123456789abcdef';
    const server = spawn(process.execPath, [BIN, '--db', db, '--port', '0'], { env: { ...process.env, ...TEST_ENV, PORCHLIGHT_OFFICE_KEY: officeKey } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: server.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'listening') resolve(String(entry.url));
        });
        server.on('exit', (code) => reject(new Error(`the server exited ${code}`)));
      });
      const refused = await runToEnd(['import', file, '--db', db]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^porchlight-server: .*p\.sqlite is in use by another porchlight-server \(pid \d+, serving since /);
      assert.match(refused.stderr, /To import while it runs, send the file to it: POST \/api\/office\/import/);
      assert.equal(count(db, 'customers'), 0);
      // The running server takes them itself, past the 16 KB most routes read (a padded file of about 1 MB).
      const body = JSON.stringify(example(), null, 2) + ' '.repeat(1024 * 1024);
      const sent = await fetch(`${url}/api/office/import`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Porchlight-Office-Key': officeKey }, body });
      const answer = (await sent.json()) as { imported?: Record<string, unknown> };
      assert.equal(sent.status, 200, JSON.stringify(answer));
      assert.deepEqual(Object.keys(answer.imported ?? {}), ['businessUnits', 'customers', 'invoices', 'jobs', 'memberships', 'equipment']);
      assert.equal(count(db, 'customers'), example().customers.length);
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    }
    // Once it stopped, the import runs (and finds the server's import already there).
    const result = await runToEnd(['import', file, '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(logLines(result.stdout).find((line) => line.msg === 'imported')?.customers, { created: 0, updated: 0, unchanged: example().customers.length });
  });
});
