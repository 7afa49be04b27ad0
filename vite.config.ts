import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { viteMinifyTemplates } from './scripts/minify-templates.mjs';

const defineEntries = Object.fromEntries(
  readdirSync('src/define')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`define/${file.replace(/\.ts$/, '')}`, resolve('src/define', file)]),
);

// The npm package's side-effect-free class modules (`porchlight/elements/<tag>.js`): the class a define
// module registers, for hosts that register it under their own tag or extend it.
const elementEntries = Object.fromEntries(
  Object.keys(defineEntries).map((entry) => {
    const tag = entry.replace('define/', '');
    return [`elements/${tag}`, resolve('src/elements', tag, `${tag}.ts`)];
  }),
);

// `npm run demo:server` (scripts/demo-server.mjs) sets this: /api goes to porchlight-server, not MSW.
const apiProxy = process.env.PORCHLIGHT_API_PROXY;

export default defineConfig({
  // `npm start`: the demo contractor site and the office page, on the reference backend through MSW.
  server: { open: '/demo/', ...(apiProxy ? { proxy: { '/api': { target: apiProxy } } } : {}) },
  esbuild: { target: 'es2022' },
  // The package ships its Lit templates minified (the size report measures them so).
  plugins: [viteMinifyTemplates()],
  // Vite finds the dependencies to pre-bundle by crawling these pages' imports (static and dynamic). Left to
  // crawl every HTML file, it stopped at the examples' `porchlight/…` imports (resolved only once the package
  // is built) and skipped the crawl, so each section's dependencies were found on first use and the page
  // reloaded under the customer.
  optimizeDeps: { entries: ['demo/*.html'], include: ['msw/browser'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    copyPublicDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      // `adapter/index`: `porchlight/adapter.js`, what a custom adapter needs (PortalError, the types), registering nothing.
      entry: { index: resolve('src/index.ts'), 'adapter/index': resolve('src/adapter/index.ts'), ...defineEntries, ...elementEntries },
      formats: ['es'],
    },
    rolldownOptions: {
      // The npm package leaves its runtime dependencies to the host's bundler, so a page with two
      // Lit-based widgets loads Lit once. The size report measures each entry with them included.
      external: [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, /^zod(\/|$)/],
      // One file per source module, as Lit advises for libraries: merged chunks put shared modules
      // into the index entry, so a lazy step of one element imported index.js and registered every tag.
      output: { preserveModules: true, preserveModulesRoot: 'src' },
    },
  },
});
