// A web-test-runner plugin for test/framework-*.test.ts: serves the examples' own entry files
// (examples/*/src/*.ts(x), examples/html/*.js) bundled by esbuild, because React ships CommonJS and
// Vue's template compiler needs build flags, neither of which the test runner's module server handles.
// React, ReactDOM and Vue go into the bundle; `porchlight` imports stay imports of /src/... so the
// example and the test share one copy of Lit, of the elements and of the MSW test backend.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

/** `porchlight/define/portal-login.js` → `/src/define/portal-login.ts`, as package.json "exports" maps it in dist/. */
function sourceUrlFor(specifier) {
  if (specifier === 'porchlight') return '/src/index.ts';
  const define = specifier.match(/^porchlight\/define\/(.+)\.js$/);
  if (define) return `/src/define/${define[1]}.ts`;
  const element = specifier.match(/^porchlight\/elements\/(.+)\.js$/);
  if (element) return `/src/elements/${element[1]}/${element[1]}.ts`;
  throw new Error(`The examples import ${specifier}, which package.json "exports" does not offer.`);
}

const porchlightToSource = {
  name: 'porchlight-to-source',
  setup(builder) {
    builder.onResolve({ filter: /^porchlight(\/|$)/ }, (args) => ({ path: sourceUrlFor(args.path), external: true }));
  },
};

export function exampleBundler() {
  return {
    name: 'porchlight-example-bundler',
    async serve(context) {
      if (!/^\/examples\/[^/]+\/(src\/)?[^/]+\.(tsx?|js)$/.test(context.path)) return undefined;
      const file = join(repo, context.path);
      if (!existsSync(file)) return undefined;
      const result = await build({
        entryPoints: [file],
        absWorkingDir: repo,
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        jsx: 'automatic',
        sourcemap: 'inline',
        logLevel: 'silent',
        plugins: [porchlightToSource],
        // The same as examples/vue/vite.config.mjs: the build of Vue with its template compiler.
        alias: { vue: 'vue/dist/vue.esm-bundler.js' },
        define: {
          'process.env.NODE_ENV': '"development"',
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        },
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
