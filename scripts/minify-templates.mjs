// Lit's html`` and css`` templates ship minified: a bundler's minifier leaves the text inside a
// template literal as written (indentation, line breaks, CSS comments), and that was about a tenth of
// every element's gzipped bytes (issue 10's budgets; `node scripts/size-report.mjs` shows the total).
// The Lit team's minifier (@lit-labs/rollup-plugin-minify-html-literals: html-minifier-next for
// markup, lightningcss for styles) rewrites them at build time. The package build (vite.config.ts), the
// CDN build and the size report (esbuild, scripts/build-cdn.mjs) and the browser tests
// (web-test-runner.config.mjs) all use this one module, so what ships is what is measured and tested.
import {
  defaultShouldMinify,
  defaultShouldMinifyCSS,
  minifyHTMLLiterals,
} from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { Features } from 'lightningcss';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** Only the package's own modules: tests, stories and the demo are never shipped. */
const SOURCE_ROOT = resolve('src') + sep;
const isShippedSource = (path) => path.startsWith(SOURCE_ROOT) && /\.ts$/.test(path) && !path.endsWith('.d.ts');

/**
 * Minifies the Lit templates in one TypeScript module; null when nothing changed. Throws when a
 * template cannot be minified safely (the build stops rather than ship a template half-rewritten).
 */
export async function minifyTemplates(source, fileName, { sourceMap = false } = {}) {
  // A template given to msg() is looked up by a hash of its exact text (the catalogs were extracted
  // from the source as written): rewriting it would leave it untranslated.
  const isMessage = (template) => /\bmsg\(\s*$/.test(source.slice(0, template.parts[0].start - 1 - (template.tag?.length ?? 0)));
  return minifyHTMLLiterals(source, {
    fileName,
    // The package's source maps lead back to the templates as written (the library's default map).
    ...(sourceMap ? {} : { generateSourceMap: false }),
    shouldMinify: (template) => (template.tag === 'html' || template.tag === 'svg') && defaultShouldMinify(template) && !isMessage(template),
    shouldMinifyCSS: (template) => template.tag === 'css' && defaultShouldMinifyCSS(template),
    minifyOptions: {
      // With no browser targets lightningcss writes media and container queries in the range syntax
      // (`width<=30em`), which Safari before 16.4 ignores: keep the min-/max- form they were written in.
      minifyCSS: { include: Features.MediaQueries },
      // A run of spaces and line breaks becomes one space, never none: text stays as the template reads
      // (`<dt>Location</dt> <dd>Home</dd>` keeps its space for a host reading textContent), and no gap
      // between inline boxes goes. Removing them outright saved 0.3 KB on the whole portal.
      conservativeCollapse: true,
    },
  });
}

/** For esbuild (the CDN build and the size report): src/**.ts loaded with their templates minified. */
export function esbuildMinifyTemplates() {
  return {
    name: 'porchlight-minify-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (!isShippedSource(path)) return undefined;
        const source = await readFile(path, 'utf8');
        const minified = await minifyTemplates(source, path);
        return { contents: minified?.code ?? source, loader: 'ts' };
      });
    },
  };
}

/** For Vite's package build (vite.config.ts), before TypeScript is stripped. */
export function viteMinifyTemplates() {
  return {
    name: 'porchlight-minify-templates',
    apply: 'build',
    enforce: 'pre',
    async transform(code, id) {
      const path = id.split('?')[0];
      if (!isShippedSource(path)) return null;
      const minified = await minifyTemplates(code, path, { sourceMap: true });
      return minified ? { code: minified.code, map: minified.map } : null;
    },
  };
}

/** For web-test-runner: the elements under test have the templates the package ships. */
export function wtrMinifyTemplates() {
  return {
    name: 'porchlight-minify-templates',
    async transform(context) {
      if (!context.path.startsWith('/src/') || !context.path.endsWith('.ts') || typeof context.body !== 'string') return undefined;
      const minified = await minifyTemplates(context.body, resolve(`.${context.path}`));
      return minified ? { body: minified.code } : undefined;
    },
  };
}
