// A plain static server for test/cdn-*.test.ts, mounted in web-test-runner's dev server under
// /cdn-test/. It serves the one-file CDN bundle as a contractor's site would: built files, no module
// resolution, no transforms, and every answer with a strict Content-Security-Policy
// (`default-src 'self'; script-src 'self'; style-src 'self'`: no inline script or style, no eval).
//
// The bundle is built on the first request (scripts/build-cdn.mjs, esbuild, about a second) into a
// temporary folder, so `npm test` works on a clean clone without `npm run build` first.
//   /cdn-test/copy-a/…, /cdn-test/copy-b/…  the same CDN build at two addresses: two copies on a page
//   /cdn-test/npm-bundle.js                  src/index.ts in one file: a host's own bundle of the npm package
//   /cdn-test/page/<name>.html               the test pages below
//   /cdn-test/api/settings                   the contractor's public settings (the only call a signed-out card makes)
import { build } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { buildCdn, measuredFlags } from './build-cdn.mjs';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const PREFIX = '/cdn-test/';

/**
 * Loaded first on every page (a classic script, so before any module): records what the test
 * checks, since the page itself may run no inline script.
 */
const probe = `window.cdnProbe = { violations: [], errors: [], warnings: [] };
document.addEventListener('securitypolicyviolation', (event) => {
  window.cdnProbe.violations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
});
window.addEventListener('error', (event) => window.cdnProbe.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.cdnProbe.errors.push(String(event.reason)));
for (const level of ['warn', 'error']) {
  const original = console[level];
  console[level] = (...args) => {
    window.cdnProbe[level === 'warn' ? 'warnings' : 'errors'].push(args.map(String).join(' '));
    original.apply(console, args);
  };
}
`;

const page = (scripts, body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Porchlight from a CDN</title>
    <script src="${PREFIX}probe.js"></script>
${scripts.map((src) => `    <script type="module" src="${PREFIX}${src}"></script>`).join('\n')}
  </head>
  <body>
${body}
  </body>
</html>`;

const API = `${PREFIX}api`;
const pages = {
  // A sign-in card and nothing else: only its own code should download.
  login: page(['copy-a/porchlight.js'], `    <portal-login api-base="${API}"></portal-login>`),
  // The whole portal: <portal-app> brings <portal-login> with it; sections load as they open.
  app: page(['copy-a/porchlight.js'], `    <portal-provider api-base="${API}"><portal-app></portal-app></portal-provider>`),
  // Tags added after load, as a host's own script would (the autoloader must notice them).
  later: page(['copy-a/porchlight.js', 'later.js'], '    <main></main>'),
  // A tag inside a Porchlight element's shadow root, which a document-wide observer cannot see.
  shadow: page(['copy-a/porchlight.js', 'shadow.js'], `    <portal-provider api-base="${API}"></portal-provider>`),
  // Two copies of the CDN file, and the second copy's define module imported directly.
  twice: page(['copy-a/porchlight.js', 'copy-b/porchlight.js', 'copy-b/define/portal-login.js'], `    <portal-login api-base="${API}"></portal-login>`),
  // A host that bundled the npm package, then added the CDN file as well.
  'npm-then-cdn': page(['npm-bundle.js', 'copy-a/porchlight.js'], `    <portal-login api-base="${API}"></portal-login>`),
  // A host rewording a string page-wide, from its own module script, with the CDN file's export.
  reworded: page(['copy-a/porchlight.js', 'reword.js'], `    <portal-login api-base="${API}"></portal-login>`),
};

/** The host's module script: the same file (and so the same strings) the elements' code shares. */
const reword = `import { registerStrings } from './copy-a/porchlight.js';
registerStrings({ en: { 'Sign in': 'Log in to your account' } });
`;

/** A host page's own script that adds an element after the page has loaded. */
const later = `addEventListener('load', () => {
  const card = document.createElement('portal-login');
  card.setAttribute('api-base', '${API}');
  document.querySelector('main').append(card);
});
`;

/** Puts a sign-in card inside <portal-provider>'s own shadow root once the provider is defined. */
const shadow = `customElements.whenDefined('portal-provider').then(() => {
  const card = document.createElement('portal-login');
  card.setAttribute('api-base', '${API}');
  document.querySelector('portal-provider').shadowRoot.append(card);
});
`;

const settings = {
  portalEnabled: true,
  companyName: 'Northwind Heating & Air',
  companyPhone: '(555) 010-2000',
  companyEmail: 'office@northwind.example',
  timeZone: 'America/Denver',
  schedulerEnabled: true,
  membershipsVisible: true,
  visitsMessage: '',
  onlinePaymentsEnabled: true,
  passwordPolicy: { minLength: 12, maxLength: 128 },
};

let built;
/** Builds once per test run, on first use. */
function buildOnce() {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'porchlight-cdn-test-'));
    await buildCdn(join(out, 'cdn'));
    await build({ ...measuredFlags, entryPoints: { 'npm-bundle': 'src/index.ts' }, outdir: out });
    return out;
  })();
  return built;
}

const types = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

/** Koa middleware for web-test-runner's `middleware` list. */
export async function cdnTestServer(context, next) {
  if (!context.path.startsWith(PREFIX)) return next();
  const path = context.path.slice(PREFIX.length);
  context.set('Content-Security-Policy', CSP);
  context.set('Cache-Control', 'no-store');
  const script = { 'probe.js': probe, 'later.js': later, 'shadow.js': shadow, 'reword.js': reword }[path];
  if (script) {
    context.type = 'text/javascript';
    context.body = script;
    return;
  }
  const pageName = /^page\/([a-z-]+)\.html$/.exec(path)?.[1];
  if (pageName) {
    if (!pages[pageName]) return notFound(context);
    context.type = 'text/html';
    context.body = pages[pageName];
    return;
  }
  if (path === 'api/settings') {
    context.type = 'application/json';
    context.body = JSON.stringify(settings);
    return;
  }
  if (path.startsWith('api/')) return notFound(context);
  const out = await buildOnce();
  // copy-a/ and copy-b/ are the same files at two addresses: to the browser, two different modules.
  const file = /^copy-[ab]\//.test(path) ? normalize(join(out, 'cdn', path.slice('copy-a/'.length))) : normalize(join(out, path));
  if (!file.startsWith(out)) return notFound(context);
  try {
    context.body = readFileSync(file);
  } catch {
    return notFound(context);
  }
  context.type = types[extname(file)] ?? 'application/octet-stream';
}

function notFound(context) {
  context.status = 404;
  context.type = 'application/json';
  context.body = JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
}
