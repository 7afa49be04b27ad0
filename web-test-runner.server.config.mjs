/**
 * The element tests that run against the real porchlight-server (test/server/): sign-in, invoices,
 * paying, history and the PDFs, in Chromium, with no MSW. Starts the server on a temporary SQLite
 * file with the demo's customers, and proxies the test pages' /api to it, as a contractor's reverse
 * proxy would. `npm run test:browser:server`.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import base from './web-test-runner.config.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-wtr-server-'));

/** The server, started once for the run; its URL once it listens. */
async function startServer() {
  const child = spawn(
    process.execPath,
    ['server/bin/porchlight-server.js', '--db', join(dataDir, 'portal.sqlite'), '--seed-demo', '--port', '0'],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        // The tests reset the data through the office API, with the demo's public key.
        PORCHLIGHT_OFFICE_KEY: 'northwind-office-demo-key',
        // As the MSW tests: fewer PBKDF2 rounds so sign-ins take milliseconds on two cores.
        PORCHLIGHT_PASSWORD_ITERATIONS: '10000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.on('exit', () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`porchlight-server exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === 'listening') resolve(new URL(entry.url));
      // Request lines are not repeated here: the test output stays the tests'.
      if (entry.level !== 'info') console.error('[porchlight-server]', line);
      if (process.env.SERVER_LOG) appendFileSync(process.env.SERVER_LOG, `${line}\n`);
    });
  });
}

const server = await startServer();
// A first request loads the backend's lazy parts, so the first test does not pay for it.
await fetch(new URL('/api/settings', server));

/**
 * /api/* goes to the server, byte for byte both ways. A connection the server drops (the simulated
 * processor's "answer lost" card) is dropped towards the browser too.
 */
function proxyApi(context, next) {
  // Chromium resends a request whose reused keep-alive connection closed before any answer (a
  // retry the idempotency key makes harmless). One connection per request keeps a drop a drop, so
  // the tests see what a customer sees when the retry does not happen.
  context.set('Connection', 'close');
  if (!context.url.startsWith('/api/')) return next();
  context.respond = false;
  return new Promise((resolve) => {
    const { req, res } = context;
    const upstream = httpRequest(
      { host: server.hostname, port: server.port, method: req.method, path: req.url, headers: { ...req.headers, host: server.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => {
          req.socket.destroy();
          resolve();
        });
      },
    );
    upstream.on('error', () => {
      req.socket.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}

export default {
  ...base,
  files: ['test/server/**/*.test.ts'],
  // Each test resets the server's database and goes over real HTTP: more time than in-page MSW.
  testFramework: { config: { timeout: 30_000 } },
  middleware: [proxyApi],
};
