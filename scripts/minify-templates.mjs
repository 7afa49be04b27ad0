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
import { basename, resolve } from 'node:path';

/** Forward slashes everywhere: Vite's module ids use them on Windows too. */
const slashed = (path) => path.replaceAll('\\', '/');
/** Only the package's own modules: tests, stories and the demo are never shipped. */
const SOURCE_ROOT = `${slashed(resolve('src'))}/`;
const isShippedSource = (path) => slashed(path).startsWith(SOURCE_ROOT) && /\.ts$/.test(path) && !path.endsWith('.d.ts');

/**
 * Matches the text before a template's backtick when the template is msg()'s argument: `msg(html`, with
 * any spaces, line breaks or comments between them and before the backtick.
 */
const MESSAGE_CALL = /\bmsg\(\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*[\w$.]+\s*$/;

/**
 * Minifies the Lit templates in one TypeScript module; null when nothing changed. Throws when a
 * template cannot be minified safely (the build stops rather than ship a template half-rewritten).
 */
export async function minifyTemplates(source, fileName, { sourceMap = false } = {}) {
  // A template given to msg() is looked up by a hash of its exact text (the catalogs were extracted
  // from the source as written): rewriting it would leave it untranslated.
  const isMessage = (template) => {
    const backtick = template.parts[0].start - 1;
    return MESSAGE_CALL.test(source.slice(Math.max(0, backtick - 400), backtick));
  };
  return minifyHTMLLiterals(source, {
    fileName,
    // Source maps lead back to the templates as written, with the text in them (esbuild reads them inline).
    generateSourceMap: sourceMap ? (ms) => ms.generateMap({ source: basename(fileName), includeContent: true, hires: true }) : false,
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

/**
 * The module's code with its templates minified and its source map inline (esbuild and the browser read
 * it there), so source maps and stack traces name the lines as written; the source itself when no
 * template changed.
 */
async function minifiedWithInlineMap(source, fileName) {
  const minified = await minifyTemplates(source, fileName, { sourceMap: true });
  if (!minified) return source;
  return `${minified.code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(minified.map.toString()).toString('base64')}\n`;
}

/**
 * For esbuild (the CDN build and the size report): src/**.ts loaded with their templates minified. The
 * size report builds every scenario from the same files: each is minified once per run, not per build.
 */
const minifiedByPath = new Map();
export function esbuildMinifyTemplates() {
  return {
    name: 'porchlight-minify-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (!isShippedSource(path)) return undefined;
        const source = await readFile(path, 'utf8');
        let kept = minifiedByPath.get(path);
        if (kept?.source !== source) minifiedByPath.set(path, (kept = { source, contents: await minifiedWithInlineMap(source, path) }));
        return { contents: kept.contents, loader: 'ts' };
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
      return { body: await minifiedWithInlineMap(context.body, resolve(`.${context.path}`)) };
    },
  };
}
