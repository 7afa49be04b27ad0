// `npm run bench`: builds a page with <portal-history> and <portal-invoices> over the in-page
// reference backend (sql.js) and runs it in headless Chromium at 100, 1,000 and 10,000 jobs / open
// invoices, at full speed and under 4× CPU throttling (CDP Emulation.setCPUThrottlingRate).
//
// First rows: the clock starts when the element is put on a signed-in page, before it asks the adapter
// for data, so the backend's queries, the HTTP adapter's parsing and validating, and rendering are all
// inside; it stops at the first frame painted with rows. Sizes run interleaved (100, 1,000, 10,000,
// 100, …) so noise does not land on one size; the median of RUNS is printed with the 10,000/100 ratio.
// Scroll: each list scrolled for two seconds at 2,400 px/s, pages loading as it goes; frames over 50 ms.
// It measures and reports; it never fails on a time (machines differ). The size budgets, which do
// fail the bench, print from `node scripts/size-report.mjs --enforce`, the last step of `npm run bench`.
// Never part of `npm test`.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const SIZES = [100, 1_000, 10_000];
const LISTS = ['invoices', 'history'];
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const SCROLL_RUNS = Number(process.env.BENCH_SCROLL_RUNS ?? 3);
const SCROLL_MS = 2_000;
const THROTTLING = [1, 4];

const out = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
await build({
  entryPoints: { 'lists-bench': 'bench/lists-bench.ts' },
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
const html = readFileSync('bench/lists.html');
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/' || path === '/lists.html') {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    return;
  }
  // The in-browser database engine the benchmark's backend runs on.
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

/** results[rate][list][n] = { runs: RunResult[], scrolls: ScrollResult[] } */
const results = {};
const started = Date.now();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => {
    if (!/ResizeObserver loop/.test(error.message)) console.error(`[page] ${error.message}`);
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => typeof window.benchPrepare === 'function');
  process.stderr.write(`preparing data sets (${SIZES.join(', ')})…\n`);
  await page.evaluate((sizes) => window.benchPrepare(sizes), SIZES);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  /** The renderer main thread's CPU time so far, in ms: what a run costs whatever else the machine is doing. */
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
  for (const rate of THROTTLING) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    results[rate] = Object.fromEntries(LISTS.map((list) => [list, Object.fromEntries(SIZES.map((n) => [n, { runs: [], scrolls: [] }]))]));
    // Warm-up at this rate: code compiled, schemas loaded, fonts ready; not counted.
    for (const list of LISTS) for (const n of SIZES) await page.evaluate(([l, s]) => window.benchFirstRows(l, s), [list, n]);
    process.stderr.write(`${rate}× CPU: first rows, ${RUNS} rounds…\n`);
    for (let run = 0; run < RUNS; run++) {
      for (const n of SIZES) {
        for (const list of LISTS) {
          await page.evaluate(([l, s]) => window.benchMount(l, s), [list, n]);
          const before = await threadTime();
          await page.evaluate(() => window.benchAppend());
          const cpuMs = (await threadTime()) - before;
          const run = await page.evaluate(() => window.benchFinish());
          results[rate][list][n].runs.push({ ...run, cpuMs });
        }
      }
    }
    process.stderr.write(`${rate}× CPU: scrolling, ${SCROLL_RUNS} rounds…\n`);
    for (let run = 0; run < SCROLL_RUNS; run++) {
      for (const n of SIZES) {
        for (const list of LISTS) {
          results[rate][list][n].scrolls.push(await page.evaluate(([l, s, ms]) => window.benchScroll(l, s, ms), [list, n, SCROLL_MS]));
        }
      }
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.close();
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}

const mb = (bytes) => (bytes / 1_048_576).toFixed(2);
const titles = {
  invoices: '<portal-invoices> (open invoices; the first page of 50 and the balance)',
  history: '<portal-history> (completed jobs; the first page of 50)',
};
console.log(
  `\nElement put on a signed-in page → first frame painted with rows: fetch (in-page reference backend, sql.js), ` +
    `parse and validate (HttpAdapter), render. Median of ${RUNS}, sizes interleaved, after a warm-up; headless Chromium. ` +
    `Scroll: ${SCROLL_MS / 1000} s at 2,400 px/s, ${SCROLL_RUNS} runs (frames over 50 ms: median and worst run).`,
);
const summary = [];
for (const list of LISTS) {
  console.log(`\n${titles[list]}`);
  console.log(
    'CPU'.padEnd(4),
    'N'.padStart(7),
    'first rows ms'.padStart(14),
    'min–max'.padStart(13),
    'CPU ms'.padStart(7),
    'rows in DOM'.padStart(12),
    'heap MB'.padStart(8),
    '│ scroll frames'.padStart(15),
    '>50 ms'.padStart(7),
    'worst'.padStart(6),
    'longest ms'.padStart(11),
    'reached row'.padStart(12),
  );
  for (const rate of THROTTLING) {
    for (const n of SIZES) {
      const { runs, scrolls } = results[rate][list][n];
      const times = runs.map((r) => r.ms);
      console.log(
        `${rate}×`.padEnd(4),
        n.toLocaleString('en-US').padStart(7),
        median(times).toFixed(1).padStart(14),
        `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`.padStart(13),
        median(runs.map((r) => r.cpuMs)).toFixed(1).padStart(7),
        String(median(runs.map((r) => r.domRows))).padStart(12),
        mb(median(runs.map((r) => r.heapDelta))).padStart(8),
        String(median(scrolls.map((s) => s.frames))).padStart(15),
        String(median(scrolls.map((s) => s.longFrames))).padStart(7),
        String(Math.max(...scrolls.map((s) => s.longFrames))).padStart(6),
        Math.max(...scrolls.map((s) => s.longestMs)).toFixed(0).padStart(11),
        String(median(scrolls.map((s) => s.reached))).padStart(12),
      );
    }
    const of = (n, key) => results[rate][list][n].runs.map((r) => r[key]);
    const ratio = median(of(SIZES.at(-1), 'ms')) / median(of(SIZES[0], 'ms'));
    // Main-thread CPU time does not grow when other processes take the machine's cores.
    const cpuRatio = median(of(SIZES.at(-1), 'cpuMs')) / median(of(SIZES[0], 'cpuMs'));
    const line =
      `${list} ratio ${SIZES.at(-1).toLocaleString('en-US')}/${SIZES[0]} at ${rate}× CPU: ${ratio.toFixed(2)} (goal ≤ 1.5) ` +
      `${ratio <= 1.5 ? 'met' : 'NOT met'}; main-thread CPU time ratio ${cpuRatio.toFixed(2)}`;
    console.log(line);
    summary.push(line);
  }
}
console.log(`\n${summary.join('\n')}`);
console.log('"heap MB": what the rendered element adds (after a forced GC), its loaded rows included.');
console.log(
  '"CPU ms": the renderer main thread\'s CPU time over the same span (CDP Performance ThreadTime): the in-page backend, ' +
    'parsing and rendering, without the waiting a busy machine adds. A wide min–max spread means other processes were ' +
    'competing for the cores: then the CPU-time ratio is the one to trust.',
);
console.log(`(${Math.round((Date.now() - started) / 1000)} s in Chromium)`);
