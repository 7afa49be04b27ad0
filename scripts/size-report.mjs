// Gzip size of each element entry with its runtime dependencies bundled in, as a page that loads
// only that element would pay. Fails the build when an entry is over its budget.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** KB gzip, from the issues. Entries without a budget are reported only. */
const budgets = {
  'portal-login': 16,
};

const entries = readdirSync('src/define')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ name: file.replace(/\.ts$/, ''), path: `src/define/${file}` }));
entries.push({ name: 'index (all elements)', path: 'src/index.ts' });

/**
 * `initial`: the entry and every chunk it imports statically — what a page downloads before the
 * element can render. `lazy`: chunks loaded later with import() (response schemas, PDF saving …).
 */
export async function measure(path) {
  const result = await build({
    entryPoints: { entry: path },
    bundle: true,
    splitting: true,
    outdir: 'size-report-out',
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = new Map(result.outputFiles.map((file) => [file.path.slice(file.path.indexOf('size-report-out')), file.contents]));
  const outputs = result.metafile.outputs;
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit('size-report-out/entry.js');
  const size = (names) => {
    const bytes = Buffer.concat(names.map((name) => Buffer.from(files.get(name))));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const all = Object.keys(outputs).filter((name) => name.endsWith('.js'));
  const lazy = all.filter((name) => !initial.has(name));
  return { initial: size([...initial]), total: size(all), lazyChunks: lazy.length };
}

export async function sizeTable() {
  const rows = [];
  for (const entry of entries) rows.push({ ...entry, ...(await measure(entry.path)) });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await sizeTable();
  let over = false;
  console.log('\nBundle size per entry, minified, with runtime dependencies (Lit, zod …), gzip -9, in KB.');
  console.log('"initial" is what loads before the element renders; "with lazy" adds chunks loaded on use.');
  console.log('entry'.padEnd(24), 'initial'.padStart(9), 'with lazy'.padStart(10), 'budget'.padStart(8));
  for (const row of rows) {
    const budget = budgets[row.name];
    const gzipKb = row.initial.gzip / 1024;
    const flag = budget !== undefined && gzipKb > budget ? '  OVER BUDGET' : '';
    if (flag) over = true;
    console.log(
      row.name.padEnd(24),
      gzipKb.toFixed(1).padStart(9),
      (row.total.gzip / 1024).toFixed(1).padStart(10),
      (budget === undefined ? '–' : `${budget}`).padStart(8),
      flag,
    );
  }
  if (over) {
    console.error('\nAn entry is over its gzip budget.');
    // The build reports; the bench enforces (issue 10: budgets fail the bench, not the build or the tests).
    if (process.argv.includes('--enforce')) process.exit(1);
  }
}
