#!/usr/bin/env node
// Runs a command with a throwaway PostgreSQL cluster on loopback: its own data folder in /tmp and its
// own port, trust authentication for one user, stopped and deleted at the end (also on Ctrl-C).
// The command gets PORCHLIGHT_TEST_POSTGRES_URL. Uses Debian's postgresql package
// (`apt-get install -y postgresql`); as root the server runs as the `postgres` user.
//   node scripts/with-postgres.mjs -- <command> [args…]
// When PORCHLIGHT_TEST_POSTGRES_URL is already set, the command runs against that server instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const separator = process.argv.indexOf('--');
const command = separator >= 0 ? process.argv.slice(separator + 1) : [];
if (command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs -- <command> [args…]');
  process.exit(2);
}

function run(env) {
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (process.env.PORCHLIGHT_TEST_POSTGRES_URL) process.exit(run({}));

/** Debian keeps each major version's binaries in /usr/lib/postgresql/<version>/bin. */
function findBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

const bin = findBin();
if (!bin) {
  console.error('PostgreSQL is not installed: `sudo apt-get install -y postgresql` (Debian/Ubuntu), or set PORCHLIGHT_TEST_POSTGRES_URL.');
  process.exit(1);
}

const asRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-pg-'));
chmodSync(dir, 0o700);
if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
const port = 54_329 + Math.floor(Math.random() * 500);
const asOwner = (file, args) =>
  asRoot ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [file, ...args].map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' }) : execFileSync(file, args, { stdio: 'pipe' });

let started = false;
function stop() {
  if (started) {
    try {
      asOwner(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop']);
    } catch {
      /* already stopped */
    }
    started = false;
  }
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop(), process.exit(130)));

let status = 1;
try {
  asOwner(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'porchlight', '--encoding=UTF8', '--locale=C']);
  asOwner(join(bin, 'pg_ctl'), [
    '-D', join(dir, 'data'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    '-l', join(dir, 'log'), '-w', 'start',
  ]);
  started = true;
  console.log(`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port} (throwaway, ${dir})`);
  status = run({
    PORCHLIGHT_TEST_POSTGRES_URL: `postgres://porchlight@127.0.0.1:${port}/postgres`,
    PORCHLIGHT_TEST_POSTGRES_BIN: bin,
    PORCHLIGHT_TEST_POSTGRES_DATA: join(dir, 'data'),
  });
} catch (error) {
  console.error(String(error.stderr ?? error));
} finally {
  stop();
}
process.exit(status);
