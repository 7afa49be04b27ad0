import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdnTestServer } from './scripts/cdn-test-server.mjs';
import { chromeArgs, chromePath } from './scripts/chrome-path.mjs';
import { exampleBundler } from './scripts/example-bundler.mjs';
import { wtrMinifyTemplates } from './scripts/minify-templates.mjs';

const executablePath = chromePath();

export default {
  // test/server/ runs against the real porchlight-server: web-test-runner.server.config.mjs.
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two pages at a time, each in its own browser context (createPage below): a second tab of one
  // context would be a background tab, where requestAnimationFrame never fires (axe would hang). Two
  // took 161–184 s against 214 s for one, with the Node suites beside them (scripts/run-tests.mjs),
  // and passed with one and two CPU hogs running too.
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  testsFinishTimeout: 10 * 60_000,
  // The test page names its icon, so the browser asks for no /favicon.ico (a 404 in every test's log).
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="/public/favicon.svg" type="image/svg+xml" /></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: chromeArgs,
        userDataDir: mkdtempSync(join(tmpdir(), 'porchlight-wtr-')),
      },
      // Each test file gets its own browser context: its own storage and service worker.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        return context.newPage();
      },
    }),
  ],
  // exampleBundler first: it serves the React, Vue and HTML examples bundled (test/framework-*.test.ts).
  // wtrMinifyTemplates: the elements are tested with the templates the package ships.
  plugins: [exampleBundler(), wtrMinifyTemplates(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [
    // /cdn-test/: the built CDN bundle under a strict CSP, for test/cdn-*.test.ts.
    cdnTestServer,
    // test/csp.test.ts: its frame page is served with a strict Content-Security-Policy header.
    async function strictCspPage(context, next) {
      await next();
      if (context.path === '/test/csp/csp-page.html') {
        context.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'");
      }
    },
    // A service worker only controls pages under its own folder: serve MSW's at the root.
    function serveMockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/public/mockServiceWorker.js';
      return next();
    },
  ],
};
