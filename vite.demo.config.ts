import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The demo as a static site (`npm run demo:build`, served by `npm run demo:preview`): the contractor's page,
// the office and the three link pages, each with the reference backend in the page. The demo drive
// (scripts/demo-smoke.mjs) runs against this build so no dependency is discovered (and the page reloaded)
// halfway through a step, as Vite's dev server does on a first run.
export default defineConfig({
  esbuild: { target: 'es2022' },
  plugins: [
    {
      // package.json's `sideEffects` describes the npm package (define modules only), so by it the office's
      // sections, imported for the custom elements they register, would be dropped from the build.
      name: 'demo-modules-have-side-effects',
      transform(code, id) {
        if (/[\\/](demo|mocks)[\\/]/.test(id)) return { code, moduleSideEffects: true };
      },
    },
  ],
  build: {
    target: 'es2022',
    outDir: 'demo-dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: Object.fromEntries(
        ['index', 'office', 'estimate', 'pay', 'visit', 'request'].map((page) => [page, resolve('demo', `${page}.html`)]),
      ),
    },
  },
});
