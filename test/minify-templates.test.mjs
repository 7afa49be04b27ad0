// The package build's template minifier (scripts/minify-templates.mjs): what it may and may not rewrite.
// Run by `npm run test:build` (part of `npm test`).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { minifyTemplates } from '../scripts/minify-templates.mjs';

const minified = async (source) => (await minifyTemplates(source, 'src/example.ts'))?.code ?? source;

test('markup loses its indentation and line breaks, keeping one space where there was any', async () => {
  const code = await minified("const a = html`<dl>\n      <dt>Location</dt>\n      <dd>${place}</dd>\n    </dl>`;");
  assert.equal(code, 'const a = html`<dl> <dt>Location</dt> <dd>${place}</dd> </dl>`;');
});

test("Lit's bindings keep their prefixes and expressions", async () => {
  const code = await minified('const a = html`<input\n  .value=${v}\n  ?disabled=${off}\n  @input=${onInput}\n  aria-label=${label}\n/>`;');
  for (const binding of ['.value="${v}"', '?disabled="${off}"', '@input="${onInput}"', 'aria-label="${label}"']) {
    assert.ok(code.includes(binding), `${binding} in ${code}`);
  }
});

test('a template given to msg() is left exactly as written: its translation is found by a hash of its text', async () => {
  const message = 'msg(html`Call  ${company}\n   at <strong class="nowrap">${phone}</strong> .`)';
  const code = await minified(`const a = html\`<p>\n  \${${message}}\n</p>\`;`);
  assert.ok(code.includes(message), code);
  assert.ok(code.startsWith('const a = html`<p> ${msg('), code);
});

test('a msg() template is found however the call is written: a line break, a comment, a space before the backtick', async () => {
  for (const message of ['msg(\n      html`Call  ${company}\n at <b>${phone}</b>`,\n    )', 'msg(/* why */ html`Call  ${company}\n at <b>${phone}</b>`)', 'msg(html `Call  ${company}\n at <b>${phone}</b>`)']) {
    const code = await minified(`const a = html\`<p>\n  \${${message}}\n</p>\`;`);
    assert.ok(code.includes(message), code);
  }
});

test('every msg() template in src/ ships exactly as written', async () => {
  const files = readdirSync('src', { recursive: true }).filter((file) => String(file).endsWith('.ts'));
  let messages = 0;
  for (const file of files) {
    const path = join('src', String(file));
    const source = readFileSync(path, 'utf8');
    const code = (await minifyTemplates(source, path))?.code ?? source;
    for (const [call] of source.matchAll(/\bmsg\(\s*html\s*`[^`]*`/g)) {
      messages += 1;
      assert.ok(code.includes(call), `${path}: ${call}`);
    }
  }
  assert.ok(messages > 5, `only ${messages} msg(html…) calls found: is the pattern still right?`);
});

test('styles are minified, media queries keep the min-/max- form older Safari reads', async () => {
  const code = await minified('const s = css`\n  /* why */\n  :host {\n    display: block;\n  }\n  @media (max-width: 30em) {\n    .a { margin: 0 }\n  }\n`;');
  assert.equal(code, 'const s = css`:host{display:block}@media (max-width:30em){.a{margin:0}}`;');
});

test('other template literals are not touched', async () => {
  const source = 'const s = `line one\n   line two`; const t = str`Pay  ${amount}`;';
  assert.equal(await minified(source), source);
});
