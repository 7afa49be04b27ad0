// The one-file CDN bundle: dist/cdn/porchlight.js (the autoloader, a few hundred bytes on top of
// nothing) with each element's define module beside it in define/ and shared code in chunks/.
// Everything is bundled (Lit, zod …): no bare imports, no import map. Built with esbuild and the
// very flags the size budgets are measured with (scripts/size-report.mjs), so what is measured is
// what ships. `node scripts/build-cdn.mjs [outdir]` (default dist/cdn); `npm run build` runs it.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildMinifyTemplates } from './minify-templates.mjs';

export const CDN_ENTRY = 'src/cdn/porchlight.ts';

/**
 * The flags of issue 10's size budgets, shared with the size report. The plugin is the package's own
 * build step (its Lit templates minified, as `vite build` ships them), not a measuring flag.
 */
export const measuredFlags = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2021',
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
  plugins: [esbuildMinifyTemplates()],
};

/** Tags with a define module (src/define/<tag>.ts). */
export function definedTags() {
  return readdirSync('src/define')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** A tag missing from the autoloader's table would never load from the CDN: refuse to build. */
function checkAutoloaderTable() {
  const source = readFileSync(CDN_ENTRY, 'utf8');
  const missing = definedTags().filter((tag) => !source.includes(`'${tag}': () => import('../define/${tag}.js')`));
  if (missing.length) {
    throw new Error(`${CDN_ENTRY} has no autoloader line for ${missing.map((tag) => `<${tag}>`).join(', ')}.`);
  }
}

export async function buildCdn(outdir = 'dist/cdn') {
  checkAutoloaderTable();
  rmSync(outdir, { recursive: true, force: true });
  // Each define module is an entry of its own so its file has a readable, stable name
  // (define/portal-login.js): the autoloader's and <portal-app>'s import() point at it.
  const entryPoints = { porchlight: CDN_ENTRY };
  for (const tag of definedTags()) entryPoints[`define/${tag}`] = `src/define/${tag}.ts`;
  return build({
    ...measuredFlags,
    entryPoints,
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? 'dist/cdn';
  await buildCdn(outdir);
  console.log(`CDN bundle in ${outdir}/ (porchlight.js, define/, chunks/)`);
}
