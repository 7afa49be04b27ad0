// The npm package as a user gets it (`npm run test:package`, part of `npm test`): build, `npm pack`,
// install the tarball into a scratch project in a temp folder (from npm's local cache: Lit and zod
// are there once the repo is installed), then
//   - every "exports" target is in the tarball, and every define module has a define and a class entry;
//   - tsc type-checks an import of every entry (bundler and node16 resolution), every tag's
//     `document.createElement` type (HTMLElementTagNameMap), React JSX through `porchlight/jsx` and a
//     custom adapter written against `porchlight/adapter.js`, as a strict consumer would: `strict`,
//     `exactOptionalPropertyTypes` and no `skipLibCheck`, so every shipped .d.ts is checked;
//   - esbuild bundles them: `import 'porchlight'` registers every tag, a class module registers none
//     (side-effect free), a lone define module brings its element and nothing else, and the adapter
//     entry registers nothing and brings no element code (`import { PortalError }` stays small).
// `--no-build` reuses dist/ (when `npm run build` just ran); `--keep` leaves the scratch folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const repo = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let passed = 0;
let failed = 0;

function run(command, commandArgs, options = {}) {
  return execFileSync(command, commandArgs, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error.stdout ?? '')}${String(error.stderr ?? '')}${error.message}`.trimEnd());
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

if (!args.has('--no-build')) {
  console.log('Building (npm run build)…');
  run(npm, ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(repo, 'custom-elements.json'), 'utf8'));
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ tag: d.tagName, className: d.name })),
);
const defineTags = readdirSync(join(repo, 'src/define'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

const scratch = mkdtempSync(join(tmpdir(), 'porchlight-pack-'));
console.log(`Packing into ${scratch}…`);
const [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch]));
const tarballFiles = new Set(packed.files.map((file) => file.path));
console.log(`${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KB packed`);

await check('every "exports" target is in the tarball', () => {
  const targets = [];
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') targets.push([entry, target]);
    else for (const path of Object.values(target)) targets.push([entry, path]);
  }
  const missing = targets.filter(([, path]) => !tarballFiles.has(path.replace(/^\.\//, '')));
  assert(missing.length === 0, `missing from the tarball: ${missing.map(([entry, path]) => `${entry} → ${path}`).join(', ')}`);
  assert(tarballFiles.has(pkg.customElements), `package.json "customElements" (${pkg.customElements}) is not in the tarball`);
  assert(!tarballFiles.has('src/index.ts') && ![...tarballFiles].some((file) => file.startsWith('test/')), 'sources or tests leaked into the tarball');
  // The schemas are the contract's reference for a developer's own adapter (README).
  assert(tarballFiles.has('src/model/invoice.ts') && tarballFiles.has('src/model/index.ts'), 'src/model/ (the schemas the README points to) is not in the tarball');
});

await check('each define module has a define entry and a class entry, and only define modules have side effects', () => {
  const missing = defineTags.flatMap((tag) =>
    [`./define/${tag}.js`, `./elements/${tag}.js`].filter((entry) => !(entry in pkg.exports)),
  );
  assert(missing.length === 0, `package.json "exports" lacks ${missing.join(', ')}`);
  const sideEffects = pkg.sideEffects;
  assert(Array.isArray(sideEffects), '"sideEffects" must list the define modules');
  const stray = sideEffects.filter((path) => !/^\.\/(src|dist)\/(define\/|index\.|cdn\/)/.test(path));
  assert(stray.length === 0, `"sideEffects" lists more than define modules, the index and the CDN file: ${stray.join(', ')}`);
});

await check('the adapter entry (porchlight/adapter.js) is exported with its types', () => {
  const entry = pkg.exports['./adapter.js'];
  assert(entry?.types && entry?.default, 'package.json "exports" lacks "./adapter.js" with "types" and "default"');
  assert(entry.default !== pkg.exports['.'].default, '"./adapter.js" must not be the index (which registers every element)');
});

// The scratch project: the tarball, React's types for the JSX check, nothing else. Offline first:
// everything comes from npm's cache, filled when the repo itself was installed.
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'porchlight-scratch', private: true, type: 'module' }, null, 2));
console.log('Installing the tarball into the scratch project…');
run(
  npm,
  ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${packed.filename}`, 'react@19.3.1', '@types/react@19.3.0'],
  { cwd: scratch },
);

// One import of every entry, and one createElement per tag: `HTMLElementTagNameMap` gives each tag its class.
const defineImports = defineTags.map((tag) => `import 'porchlight/define/${tag}.js';`);
const classImports = defineTags.map((tag) => {
  const className = elements.find((element) => element.tag === tag)?.className;
  return `import { ${className} as ${className}FromClassModule } from 'porchlight/elements/${tag}.js';`;
});
const tagChecks = elements.map(
  ({ tag, className }) => `const ${className.replace(/^Portal/, 'the')}: ${className}FromIndex = document.createElement('${tag}');`,
);
const indexImports = `import { ${[...new Set(elements.map((e) => `${e.className} as ${e.className}FromIndex`))].join(', ')}, HttpAdapter, PortalError, PortalSignedInEvent } from 'porchlight';`;
mkdirSync(join(scratch, 'src'));
writeFileSync(
  join(scratch, 'src/entries.ts'),
  `${indexImports}
${defineImports.join('\n')}
${classImports.filter((line) => !line.includes('undefined')).join('\n')}
import type {} from 'porchlight/jsx';

${tagChecks.join('\n')}
export const sameClass: typeof PortalLoginFromIndex = PortalLoginFromClassModule;
export const adapter = new HttpAdapter({ apiBase: '/api' });
export const error = new PortalError('NETWORK', 'offline');
document.addEventListener('portal-signed-in', (event) => {
  const email: string = event.detail.email;
  // @ts-expect-error: the event is typed (GlobalEventHandlersEventMap), so a made-up detail field is an error.
  console.log(email, event.detail.notAField, event instanceof PortalSignedInEvent);
});
export const all = [${elements.map(({ className }) => className.replace(/^Portal/, 'the')).join(', ')}];
`,
);
// A custom adapter as the README writes it, against the side-effect-free entry; the same classes as the index's.
writeFileSync(
  join(scratch, 'src/adapter.ts'),
  `import {
  HttpAdapter,
  PortalError,
  invoice,
  portalErrorCodes,
  toPortalError,
  type HttpAdapterOptions,
  type Invoice,
  type Page,
  type PortalAdapter,
  type PortalErrorCode,
  type Session,
} from 'porchlight/adapter.js';
import * as everythingFromAdapterEntry from 'porchlight/adapter.js';
import { HttpAdapter as HttpAdapterFromIndex, PortalError as PortalErrorFromIndex } from 'porchlight';
import * as everythingFromIndex from 'porchlight';

declare const session: Session;
export const myAdapter: PortalAdapter = {
  getSettings: async () => ({
    portalEnabled: true, companyName: 'Acme Plumbing', companyPhone: '(555) 000-1111',
    companyEmail: 'office@acme.example', timeZone: 'America/Denver', schedulerEnabled: false,
    membershipsVisible: false, visitsMessage: '', onlinePaymentsEnabled: false,
    passwordPolicy: { minLength: 12, maxLength: 128 },
  }),
  async signIn({ email }) {
    if (!email) throw new PortalError('INVALID_CREDENTIALS', 'Email and password do not match.', {}, { status: 401 });
    return session;
  },
  signUp: async () => { throw new PortalError('FEATURE_DISABLED', 'Call us to get an account.'); },
  signOut: async () => {},
  refreshSession: async (current) => current,
  requestPasswordReset: async () => {},
  resetPassword: async () => {},
  async listInvoices(): Promise<Page<Invoice>> {
    const parsed = invoice.safeParse(await (await fetch('/my-api/invoices')).json());
    if (!parsed.success) throw new PortalError('BAD_RESPONSE', 'Something went wrong on our side.', {}, { cause: parsed.error });
    return { items: [parsed.data], nextCursor: null, total: 1 };
  },
};
export const code: PortalErrorCode = toPortalError(new Error('x')).code;
export const codes: readonly string[] = portalErrorCodes;
const options: HttpAdapterOptions = { apiBase: '/api' };
export const http = new HttpAdapter(options);
// The adapter entry offers nothing the index does not, and the very same classes.
export const samePortalError: typeof PortalErrorFromIndex = PortalError;
export const sameHttpAdapter: typeof HttpAdapterFromIndex = HttpAdapter;
export const indexHasEverything: typeof everythingFromAdapterEntry = everythingFromIndex;
// @ts-expect-error: an unknown code is a type error.
export const wrong = new PortalError('NOT_A_CODE', 'x');
`,
);
writeFileSync(
  join(scratch, 'src/app.tsx'),
  `import type {} from 'porchlight/jsx';
import type { PortalLogin } from 'porchlight';

export function SignIn({ onEmail }: { onEmail: (email: string) => void }) {
  return (
    <portal-provider api-base="/api" session-persistence="memory">
      <portal-login
        ref={(login: PortalLogin | null) => login?.focus()}
        view="sign-in"
        onportal-signed-in={(event) => onEmail(event.detail.email)}
        onportal-signed-out={(event) => console.log(event.detail.reason)}
      />
      <portal-invoices page-size={20} onportal-payment-succeeded={(event) => console.log(event.detail.payment)} />
      {/* @ts-expect-error: the handler gets PortalSignedInEvent, whose detail has no such field. */}
      <portal-login onportal-signed-in={(event) => onEmail(event.detail.notAField)} />
      {/* @ts-expect-error: view takes one of the login's steps, not any string. */}
      <portal-login view={42} />
      <portal-app routing="hash" theme="dark" default-section="history" strings={{ es: { 'Sign in': 'Entrar' } }} />
      <portal-history page-size="25" />
      {/* @ts-expect-error: routing takes one of its modes, not any word. */}
      <portal-app routing="x" />
      {/* @ts-expect-error: session-persistence is local, session or memory. */}
      <portal-provider session-persistence="bogus" />
    </portal-provider>
  );
}
`,
);

const tsc = join(repo, 'node_modules/typescript/bin/tsc');
for (const moduleResolution of ['bundler', 'node16']) {
  await check(`tsc type-checks every entry, tag and JSX (moduleResolution ${moduleResolution})`, () => {
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: moduleResolution === 'bundler' ? 'ESNext' : 'Node16',
        moduleResolution,
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        // As strict as a consumer may be: every shipped declaration is checked under these too.
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      include: ['src'],
    };
    writeFileSync(join(scratch, `tsconfig.${moduleResolution}.json`), JSON.stringify(config, null, 2));
    run(process.execPath, [tsc, '-p', `tsconfig.${moduleResolution}.json`], { cwd: scratch });
  });
}

async function bundle(source, { minify = false, files } = {}) {
  writeFileSync(join(scratch, 'src/bundle-entry.js'), source);
  const result = await build({
    absWorkingDir: scratch,
    entryPoints: ['src/bundle-entry.js'],
    bundle: true,
    write: false,
    minify,
    metafile: Boolean(files),
    format: 'esm',
    // A minified bundle is a size measured: with the size budgets' target (scripts/build-cdn.mjs measuredFlags).
    target: minify ? 'es2021' : 'es2022',
    conditions: ['browser', 'production'],
    logLevel: 'silent',
  });
  // `files`: an array to fill with the modules that left code in the bundle.
  if (files) {
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) files.push(file);
    }
  }
  return result.outputFiles[0].text;
}

// Which tags a bundle registers, asked of a real browser: a blank page runs the bundle as a module.
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
async function tagsRegisteredBy(code) {
  const page = await browser.newPage();
  try {
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><html lang="en"><head><title>bundle</title></head><body></body></html>');
    await page.addScriptTag({ type: 'module', content: `${code}\nwindow.bundleRan = true;` });
    await page.waitForFunction(() => window.bundleRan === true || document.title === 'failed', null, { timeout: 30_000 });
    if (errors.length) throw new Error(`the bundle threw: ${errors.join('; ')}`);
    const tags = elements.map(({ tag }) => tag);
    return await page.evaluate((all) => all.filter((tag) => customElements.get(tag)), tags);
  } finally {
    await page.close();
  }
}

try {
  await check("esbuild: `import 'porchlight'` registers every tag", async () => {
    const registered = await tagsRegisteredBy(await bundle(`import 'porchlight';\n`));
    const missing = elements.map(({ tag }) => tag).filter((tag) => !registered.includes(tag));
    assert(missing.length === 0, `not registered: ${missing.join(', ')}`);
  });

  await check('esbuild: a class module registers nothing (side-effect free)', async () => {
    const code = await bundle(`import { PortalLogin } from 'porchlight/elements/portal-login.js';\nwindow.loginClass = PortalLogin;\n`);
    const registered = await tagsRegisteredBy(code);
    assert(registered.length === 0, `importing the class module registered ${registered.join(', ')}`);
  });

  await check('esbuild: an import kept only for its side effects keeps nothing of a class module', async () => {
    const code = await bundle(`import 'porchlight/elements/portal-invoices.js';\n`);
    assert(code.length < 2000, `a bare import of a class module kept ${code.length} bytes: "sideEffects" does not cover it`);
  });

  await check('esbuild: one define module registers its element and no other', async () => {
    const registered = await tagsRegisteredBy(await bundle(`import 'porchlight/define/portal-login.js';\n`));
    assert(registered.join() === 'portal-login', `registered: ${registered.join(', ') || 'nothing'}`);
  });

  await check('esbuild: the adapter entry, all of it used, registers nothing', async () => {
    const code = await bundle(`import * as adapterEntry from 'porchlight/adapter.js';\nwindow.adapterEntry = adapterEntry;\n`);
    assert(!code.includes('customElements.define'), 'the adapter entry bundles code that calls customElements.define');
    const registered = await tagsRegisteredBy(code);
    assert(registered.length === 0, `importing porchlight/adapter.js registered ${registered.join(', ')}`);
  });

  await check('esbuild: `import { PortalError } from porchlight/adapter.js` brings no element code and stays small', async () => {
    const files = [];
    const code = await bundle(`import { PortalError } from 'porchlight/adapter.js';\nwindow.PortalError = PortalError;\n`, { minify: true, files });
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`  # import { PortalError } from 'porchlight/adapter.js': ${code.length} B minified, ${gzip} B gzip`);
    const strays = files.filter((file) => file !== 'src/bundle-entry.js' && !file.endsWith('porchlight/dist/adapter/portal-error.js'));
    const named = strays.slice(0, 8).join(', ') + (strays.length > 8 ? ` and ${strays.length - 8} more` : '');
    assert(strays.length === 0, `more than portal-error.js came along: ${named}`);
    assert(!code.includes('customElements'), 'the bundle mentions customElements');
    assert(gzip < 2048, `${gzip} B gzip: more than PortalError and its helpers came along`);
    const registered = await tagsRegisteredBy(code);
    assert(registered.length === 0, `registered ${registered.join(', ')}`);
  });

  await check('esbuild: an import of the adapter entry kept only for its side effects keeps nothing', async () => {
    const code = await bundle(`import 'porchlight/adapter.js';\n`);
    assert(code.length < 200, `a bare import of porchlight/adapter.js kept ${code.length} bytes: it has side effects`);
  });
} finally {
  await browser.close();
}

if (args.has('--keep')) console.log(`Scratch project kept: ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
