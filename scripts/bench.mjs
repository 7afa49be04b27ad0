// `npm run bench`: builds a page with <portal-history> over the in-page reference backend, runs it in
// headless Chromium at 100, 1,000 and 10,000 jobs, and prints data set → frame painted (median of 5),
// the 10,000/100 ratio, the JS heap the rendered list adds, and every element entry's gzip size.
// It measures and reports; it never fails on a time (machines differ).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';
import { sizeTable } from './size-report.mjs';

const SIZES = [100, 1_000, 10_000];
const RUNS = 5;

const out = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
await build({
  entryPoints: { 'history-bench': 'bench/history-bench.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: out,
  minify: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const html = readFileSync('bench/history.html');
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/' || path === '/history.html') {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    return;
  }
  // The in-browser database engine the benchmark's backend runs on (sql.js, WebAssembly inlined).
  if (path === '/sql-wasm-browser.js' || path === '/sql-wasm-browser.wasm') {
    const type = path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    response.writeHead(200, { 'Content-Type': type }).end(readFileSync(`node_modules/sql.js/dist${path}`));
    return;
  }
  const file = normalize(join(out, path));
  let body;
  try {
    if (!file.startsWith(out)) throw new Error('outside');
    body = readFileSync(file);
  } catch {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: chromePath(),
  args: [...chromeArgs, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const results = [];
try {
  // The first page a fresh browser opens pays for starting its renderer and compositor: warm up on a throwaway one.
  for (const n of [0, ...SIZES]) {
    // A fresh page per size, so one size's garbage does not weigh on the next.
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (error) => {
      if (!/ResizeObserver loop/.test(error.message)) console.error(`[page] ${error.message}`);
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.runHistoryBench === 'function');
    const result = await page.evaluate(([count, runs]) => window.runHistoryBench(count, runs), [n || 100, n ? RUNS : 1]);
    if (n === 0) {
      await page.close();
      continue;
    }
    results.push({
      n,
      ms: median(result.runs.map((r) => r.ms)),
      heapDelta: median(result.runs.map((r) => r.heapDelta)),
      heapAfter: median(result.runs.map((r) => r.heapAfter)),
      domRows: median(result.runs.map((r) => r.domRows)),
      pagingMs: result.pagingMs,
      pages: result.pages,
    });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}

const mb = (bytes) => (bytes / 1_048_576).toFixed(2);
console.log(`\n<portal-history>: data set → frame painted with rows, median of ${RUNS} (after one warm-up), headless Chromium`);
console.log('jobs'.padStart(7), 'paint ms'.padStart(9), 'rows in DOM'.padStart(12), 'list heap MB'.padStart(13), 'total heap MB'.padStart(14), 'all pages ms'.padStart(13));
for (const r of results) {
  console.log(
    r.n.toLocaleString('en-US').padStart(7),
    r.ms.toFixed(1).padStart(9),
    String(r.domRows).padStart(12),
    mb(r.heapDelta).padStart(13),
    mb(r.heapAfter).padStart(14),
    `${r.pagingMs.toFixed(0)} (${r.pages})`.padStart(13),
  );
}
const first = results[0];
const last = results.at(-1);
const ratio = last.ms / first.ms;
console.log(`\nratio ${last.n.toLocaleString('en-US')}/${first.n}: ${ratio.toFixed(2)} (goal ≤ 1.5) ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
console.log(
  `heap the rendered list adds: ${results.map((r) => `${mb(r.heapDelta)} MB at ${r.n.toLocaleString('en-US')}`).join(', ')} (goal: flat in N).`,
);
console.log('"total heap" includes the jobs themselves and the in-page backend, which grow with N by nature.');
console.log('"all pages" is reading every page through the cursor from the in-page backend (200 a page).');

const rows = await sizeTable();
console.log('\nBundle size per element entry, minified, gzip -9, KB ("initial" loads before the element renders):');
console.log('entry'.padEnd(24), 'initial'.padStart(9), 'with lazy'.padStart(10));
for (const row of rows) {
  console.log(row.name.padEnd(24), (row.initial.gzip / 1024).toFixed(1).padStart(9), (row.total.gzip / 1024).toFixed(1).padStart(10));
}
