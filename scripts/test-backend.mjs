#!/usr/bin/env node
// The reference backend's whole suite (test/backend-*.test.ts) in Node, once per database engine:
// SQLite in a file, SQLite in WebAssembly (sql.js, the in-browser engine), and PostgreSQL in a
// throwaway cluster (scripts/with-postgres.mjs; PORCHLIGHT_TEST_POSTGRES_URL uses yours instead).
// The same files also run in Chromium on sql.js with `npm run test:browser`.
//   node scripts/test-backend.mjs [sqlite|sqljs|postgres …]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// Browser-only: two tabs over IndexedDB and Web Locks.
const browserOnly = new Set(['backend-shared-storage.test.ts']);
const files = readdirSync('test')
  .filter((f) => /^backend-.*\.test\.ts$/.test(f) && !browserOnly.has(f))
  .concat('password-policy.test.ts')
  .map((f) => `test/${f}`);
const engines = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['sqlite', 'sqljs', 'postgres'];
const mocha = ['--import', 'tsx', 'node_modules/mocha/bin/mocha.js', '--timeout', '30000', '--reporter', 'dot', ...files];

let failed = [];
for (const engine of engines) {
  console.log(`\n— reference backend on ${engine} —`);
  const env = { ...process.env, PORCHLIGHT_TEST_DB: engine };
  const command =
    engine === 'postgres' ? [process.execPath, ['scripts/with-postgres.mjs', '--', process.execPath, ...mocha]] : [process.execPath, mocha];
  const { status } = spawnSync(command[0], command[1], { stdio: 'inherit', env });
  if (status !== 0) failed.push(engine);
}
if (failed.length > 0) {
  console.error(`\nThe backend suite failed on: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nThe backend suite passed on: ${engines.join(', ')}`);
