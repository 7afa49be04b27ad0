import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

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
  // Every dependency the demo may load, named up front: one Vite discovers only when a section's code
  // loads later makes it re-optimize and reload the page under the customer (and under the demo drive).
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/directive.js',
      'lit/directive-helpers.js',
      'lit/directives/class-map.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      'lit/directives/ref.js',
      'lit/directives/repeat.js',
      '@lit/context',
      '@lit/task',
      '@lit/localize',
      '@lit/localize/internal/id-generation.js',
      '@lit/localize/internal/runtime-msg.js',
      '@lit-labs/virtualizer/virtualize.js',
      '@lit-labs/virtualizer/layouts/flow.js',
      'zod/mini',
      // The in-page reference backend's (found late: the demo's first payment and first PDF).
      '@noble/hashes/sha2',
      '@noble/hashes/utils',
      'pdf-lib',
      'pdf-lib/dist/pdf-lib.esm.min.js',
      'msw',
      'msw/browser',
    ],
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    copyPublicDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: { index: resolve('src/index.ts'), ...defineEntries, ...elementEntries },
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
