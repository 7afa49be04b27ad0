// custom-elements.json against the sources (`npm run test:manifest`, node's test runner). Storybook's
// docs tables and the JSX types come from the manifest, so what an element really has must be in it:
// its tag, every event it dispatches, the parts its templates name and its own --portal-<tag>-* knobs.
// Attributes are checked against the live classes' observedAttributes in test/package-manifest.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const repo = resolve(import.meta.dirname, '..');
const read = (path) => readFileSync(join(repo, path), 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));

const declarations = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).map((declaration) => ({ ...declaration, modulePath: module.path })),
);
const byTag = new Map(declarations.filter((d) => d.tagName).map((d) => [d.tagName, d]));

/** Every event class in src/events: class name → event name (its `static readonly eventName`). */
const eventClasses = new Map();
for (const file of readdirSync(join(repo, 'src/events')).filter((f) => f.endsWith('.ts'))) {
  const source = read(`src/events/${file}`);
  for (const match of source.matchAll(/export class (\w+) extends Event \{\s*static readonly eventName = '([^']+)'/g)) {
    eventClasses.set(match[1], match[2]);
  }
}

/** The element's own source files: its folder, except another element's files in it (the scheduler's date grid). */
function elementSources(tag) {
  const folder = tag === 'portal-date-grid' ? 'portal-scheduler' : tag;
  const files = readdirSync(join(repo, 'src/elements', folder)).filter((file) => file.endsWith('.ts'));
  const own = tag === 'portal-date-grid' ? files.filter((f) => f.startsWith('date-grid')) : files.filter((f) => !f.startsWith('date-grid'));
  return own.map((file) => ({ file: `src/elements/${folder}/${file}`, source: read(`src/elements/${folder}/${file}`) }));
}

describe('custom-elements.json', () => {
  it('is what `npm run analyze` makes from the sources now (run it and commit the file)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'porchlight-cem-'));
    try {
      execFileSync(process.execPath, [join(repo, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'], {
        cwd: repo,
        env: { ...process.env, CEM_OUTDIR: relative(repo, outdir) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const fresh = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
      assert.deepEqual(manifest, fresh, 'custom-elements.json is stale: run `npm run analyze` and commit it');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('has every tag a define module registers, with its class and a summary', () => {
    const defined = readdirSync(join(repo, 'src/define'))
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...read(`src/define/${file}`).matchAll(/define\('([^']+)', (\w+)\)/g)].map((m) => ({ tag: m[1], className: m[2] })));
    assert.ok(defined.length >= 13, `found only ${defined.length} define() calls`);
    for (const { tag, className } of defined) {
      const declaration = byTag.get(tag);
      assert.ok(declaration, `<${tag}> is registered by src/define but missing from custom-elements.json`);
      assert.equal(declaration.name, className, `<${tag}> is ${className}, the manifest says ${declaration.name}`);
      assert.ok(declaration.summary, `${className} has no @summary`);
    }
    assert.deepEqual([...byTag.keys()].sort(), defined.map((d) => d.tag).sort(), 'the manifest names a tag no define module registers');
  });

  it('lists, for every element, each Porchlight event its code dispatches (@fires), typed by its event class', () => {
    assert.ok(eventClasses.size >= 14, `read only ${eventClasses.size} event classes from src/events`);
    for (const [tag, declaration] of byTag) {
      const documented = new Map((declaration.events ?? []).map((event) => [event.name, event]));
      for (const { file, source } of elementSources(tag)) {
        for (const [, className] of source.matchAll(/new (\w+Event)\(/g)) {
          const eventName = eventClasses.get(className);
          if (!eventName) continue; // a DOM event (new Event('input')) or a private one
          assert.ok(documented.has(eventName), `${file} dispatches ${eventName}, but ${declaration.name} has no "@fires {${className}} ${eventName} - …"`);
          assert.equal(documented.get(eventName).type?.text, className, `${declaration.name}'s @fires for ${eventName} names the wrong class`);
        }
      }
      for (const event of documented.values()) {
        const className = event.type?.text;
        if (eventClasses.has(className)) assert.equal(eventClasses.get(className), event.name, `${declaration.name}: ${className} is not "${event.name}"`);
        assert.ok(event.description, `${declaration.name}'s ${event.name} has no description`);
      }
    }
  });

  it("documents every part an element's templates name (@csspart)", () => {
    for (const [tag, declaration] of byTag) {
      const documented = new Set((declaration.cssParts ?? []).map((part) => part.name));
      for (const { file, source } of elementSources(tag)) {
        // Literal part names only: part="${…}" values are forwarded from elsewhere.
        for (const [, names] of source.matchAll(/\bpart="([a-z][a-z0-9 -]*)"/g)) {
          for (const name of names.split(/\s+/).filter(Boolean)) {
            assert.ok(documented.has(name), `${file} has part "${name}", not documented on ${declaration.name} (@csspart ${name} - …)`);
          }
        }
      }
    }
  });

  it('documents the parts an element inherits from its base classes, and the parts <portal-app> forwards', () => {
    const byName = new Map(declarations.filter((d) => d.kind === 'class').map((d) => [d.name, d]));
    const partsIn = (path) => [...read(path).matchAll(/\bpart="([a-z][a-z0-9 -]*)"/g)].flatMap(([, names]) => names.split(/\s+/).filter(Boolean));
    for (const [tag, declaration] of byTag) {
      const documented = new Set((declaration.cssParts ?? []).map((part) => part.name));
      // Base classes in src/internal (PortalElement and the data and link elements built on it).
      for (let base = byName.get(declaration.superclass?.name); base; base = byName.get(base.superclass?.name)) {
        if (!base.modulePath.startsWith('src/internal/')) break;
        for (const name of partsIn(base.modulePath)) {
          // Said only by an element that needs billing access (it sets needsBilling).
          if (name === 'no-billing' && !elementSources(tag).some(({ source }) => source.includes('needsBilling = true'))) continue;
          // Offered only by a link page that renews expired links (the estimate's does not).
          if (name === 'resend-button' && elementSources(tag).some(({ source }) => source.includes('renewsExpiredLinks = false'))) continue;
          assert.ok(documented.has(name), `<${tag}> inherits part "${name}" from ${base.modulePath}, not documented (@csspart ${name} - …)`);
        }
      }
    }
    const forwarded = /APP_EXPORTED_PARTS =\s*'([^']+)'/.exec(read('src/internal/theme.ts'))[1].split(/,\s*/);
    const app = new Set(byTag.get('portal-app').cssParts.map((part) => part.name));
    for (const name of forwarded) assert.ok(app.has(name), `<portal-app> forwards part "${name}" (exportparts), not documented on it`);
  });

  it('documents every custom property an element reads under its own name (@cssprop --portal-<tag>-…)', () => {
    for (const [tag, declaration] of byTag) {
      const documented = new Set((declaration.cssProperties ?? []).map((property) => property.name));
      for (const { file, source } of elementSources(tag)) {
        for (const [, name] of source.matchAll(/var\((--portal-[a-z0-9-]+)/g)) {
          if (!name.startsWith(`--${tag}-`)) continue; // global tokens: docs/theming.md
          assert.ok(documented.has(name), `${file} reads ${name}, not documented on ${declaration.name} (@cssprop ${name} - …)`);
        }
      }
    }
  });
});
