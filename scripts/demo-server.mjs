#!/usr/bin/env node
/**
 * `npm run demo:server`: the demo contractor site on the real porchlight-server instead of MSW.
 * Starts the server on SQLite in .data/demo.sqlite (the demo's customers written on first start; the
 * office page's "Reset demo data" writes them again), then Vite with /api proxied to it.
 * The office page uses the demo's public office key: never run this on a machine others can reach.
 * Server logs: .data/demo-server.log. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
mkdirSync(dataDir, { recursive: true });
const vitePort = Number(process.env.DEMO_PORT ?? 5173);
const siteOrigin = `http://localhost:${vitePort}`;
const DEMO_OFFICE_KEY = 'northwind-office-demo-key';

const serverLog = createWriteStream(join(dataDir, 'demo-server.log'), { flags: 'a' });
const server = spawn(
  process.execPath,
  [join(root, 'server/bin/porchlight-server.js'), '--db', join(dataDir, 'demo.sqlite'), '--seed-demo', '--port', '0', '--link-origin', siteOrigin],
  { cwd: root, env: { ...process.env, DATABASE_URL: '', PORCHLIGHT_OFFICE_KEY: DEMO_OFFICE_KEY }, stdio: ['ignore', 'pipe', 'inherit'] },
);
let vite;
let stopping = false;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  vite?.kill('SIGTERM');
  if (server.exitCode === null) server.kill('SIGTERM');
  server.once('exit', () => process.exit(code));
  if (server.exitCode !== null) process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

server.on('exit', (code) => {
  if (!stopping) {
    console.error(`porchlight-server stopped (exit ${code}); see .data/demo-server.log`);
    stop(1);
  }
});

// The server says where it listens in its `listening` log line; everything goes to the log file.
const lines = createInterface({ input: server.stdout });
lines.on('line', (line) => {
  serverLog.write(`${line}\n`);
  if (vite) return;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (entry.msg !== 'listening') return;
  console.log(`porchlight-server: ${entry.url} (${entry.database}); logs in .data/demo-server.log`);
  vite = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), '--port', String(vitePort), '--strictPort', '--open', '/demo/'], {
    cwd: root,
    env: { ...process.env, PORCHLIGHT_API_PROXY: entry.url, VITE_PORCHLIGHT_SERVER: '1' },
    stdio: 'inherit',
  });
  vite.on('exit', (code) => stop(code ?? 0));
});
