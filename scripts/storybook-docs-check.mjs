// Opens every docs page of the built Storybook in headless Chromium and checks that each story on it
// shows its own state, as it does opened on its own: a story prepared signed in shows no signed-out card,
// a story's `parameters.expect` (a selector, a text) is there, no element says it is not connected, and
// nothing throws. Checks an element's page has its docs tables (from custom-elements.json), and that every
// link on every page (the element pages and the MDX pages: getting started, theming, the REST contract …)
// leads somewhere: to a heading on the page, another Storybook page, or an absolute address — never to a
// repository file such as `csp.md`, which resolves against the preview frame and 404s. An attribute typed
// as a union of words (`routing`, `view`, `theme` …) must be a select of those words in the table. A
// markdown table must be a table, not its pipes in a paragraph (an MDX page has no GitHub tables).
// Usage: npm run build-storybook && node scripts/storybook-docs-check.mjs [part-of-an-id]
import { openStorybook, readIndex, storyFrameFindings, watchedPage } from './storybook-serve.mjs';

const index = readIndex();
const entries = Object.values(index.entries);
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const docsPages = entries.filter((entry) => entry.type === 'docs' && (!only || entry.id.includes(only)));
const ids = new Set(entries.map((entry) => entry.id));
/** How long a docs page may take to prepare and render all its stories (each seeds its own backend). */
const PAGE_DEADLINE_MS = 90_000;

const { base, browser, close } = await openStorybook();
const failures = [];
let storiesChecked = 0;
let linksChecked = 0;
let selectsChecked = 0;

/**
 * What is wrong with each link of the docs page on `page` (empty when they all lead somewhere): a heading
 * it names must be on the page, a `?path=` (which Storybook's docs blocks open in the Storybook UI) must
 * name a page or story of the index, and any other relative address must be a file of the build — a
 * repository file (`csp.md`) resolves against the preview frame and is not one.
 */
async function linkProblems(page) {
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('#storybook-docs a[href]')].map((a) => {
      const href = a.getAttribute('href') ?? '';
      const heading = href.startsWith('#') && href.length > 1 ? decodeURIComponent(href.slice(1)) : null;
      return { href, url: a.href, headingThere: heading === null || Boolean(document.getElementById(heading)) };
    }),
  );
  const problems = [];
  for (const { href, url, headingThere } of links) {
    if (/^(https?:|mailto:|tel:)/.test(href)) continue;
    if (href.startsWith('#')) {
      if (!headingThere) problems.push(`link to ${href}: no such heading on the page`);
    } else if (href.startsWith('?')) {
      const id = /^\?path=\/(?:docs|story)\/([^#&]+)/.exec(href)?.[1];
      if (!id || !ids.has(id)) problems.push(`link to ${href}: no such Storybook page`);
    } else {
      const status = (await page.request.get(url)).status();
      if (status !== 200) problems.push(`link to ${href}: ${status} (a relative address resolves against the preview frame)`);
    }
  }
  return { count: links.length, problems };
}

/**
 * What is wrong with the attribute controls of the docs page on `page`: an attribute typed as a union of
 * words (`'hash' | 'path' | 'none'`, shown as those words in the table's type column) must be a select of
 * them, and none may be typed by a bare alias (`LoginView`: the build could not read its words, so it is
 * free text). See .storybook/manifest-types.ts and preview.ts.
 */
async function controlProblems(page) {
  const rows = await page.evaluate(() => {
    const found = [];
    let section = '';
    for (const row of document.querySelectorAll('.docblock-argstable tbody tr')) {
      const heading = /^(?:Hide|Show) (.+) items$/.exec(row.getAttribute('title') ?? '');
      if (heading) {
        section = heading[1];
        continue;
      }
      const cells = row.querySelectorAll(':scope > td');
      if (cells.length < 4) continue;
      const typeBox = cells[1].lastElementChild;
      const types = typeBox ? [...typeBox.querySelectorAll('span')].map((span) => span.textContent.trim()) : [];
      const select = cells[3].querySelector('select');
      found.push({
        section,
        name: cells[0].textContent.trim(),
        types,
        options: select ? [...select.options].filter((o) => !o.disabled).map((o) => o.value) : null,
        hasControl: Boolean(cells[3].querySelector('select, input, textarea, button')),
      });
    }
    return found;
  });
  const problems = [];
  let checked = 0;
  for (const row of rows) {
    if (row.section !== 'attributes' || !row.hasControl) continue;
    const words = row.types.filter((t) => t !== 'undefined' && t !== 'null');
    if (words.length === 1 && /^[A-Z][A-Za-z0-9]*$/.test(words[0])) problems.push(`${row.name}: typed ${words[0]} and shown as free text (an alias the build did not resolve)`);
    if (words.length < 2 || !words.every((w) => /^'.*'$/.test(w))) continue;
    checked++;
    const expected = words.map((w) => w.slice(1, -1));
    if (!row.options) problems.push(`${row.name}: one of ${words.join(' | ')}, but its control is free text, not a select`);
    else if (expected.join('|') !== row.options.join('|')) problems.push(`${row.name}: its select offers ${row.options.join(', ')}, not ${expected.join(', ')}`);
  }
  return { checked, problems };
}

async function check(docs) {
  const autodocs = docs.tags?.includes('autodocs');
  const expected = autodocs ? entries.filter((e) => e.type === 'story' && e.importPath === docs.importPath && e.tags?.includes('autodocs')).map((e) => e.id) : [];
  const { page, problems, close: closePage } = await watchedPage(browser);
  await page.goto(`${base}/iframe.html?id=${docs.id}&viewMode=docs`);
  const start = Date.now();
  await page.waitForFunction(() => document.querySelector('#storybook-docs .sbdocs-content')?.textContent?.trim(), null, { timeout: PAGE_DEADLINE_MS }).catch(() => undefined);
  let findings;
  for (;;) {
    findings = await page.evaluate(storyFrameFindings);
    const shown = new Set(findings.map((f) => f.id));
    // An element's own stories, and every story block the page shows (an MDX page's <Canvas of={…}>).
    const allThere = expected.every((id) => shown.has(id)) && (await page.evaluate(() => [...document.querySelectorAll('.sb-story')].every((s) => s.querySelector('.portal-story'))));
    if (allThere && findings.every((f) => f.missing.length === 0)) break;
    if (Date.now() - start > PAGE_DEADLINE_MS) {
      for (const id of expected.filter((id) => !shown.has(id))) problems.push(`${id}: never rendered on the docs page`);
      break;
    }
    await page.waitForTimeout(500);
  }
  // Let play steps that finish their state after it first appeared settle, then look for errors shown in place of a story.
  await page.waitForTimeout(500);
  const shownErrors = await page.evaluate(() => [...document.querySelectorAll('.sb-story pre, .docblock-source-error')].map((el) => el.textContent?.slice(0, 200)));
  for (const error of shownErrors) if (error) problems.push(`a story shows an error: ${error}`);
  for (const finding of findings) for (const missing of finding.missing) problems.push(`${finding.id}: ${missing}`);
  if (autodocs) {
    const tables = await page.evaluate(() => document.querySelectorAll('.docblock-argstable').length);
    if (!tables) problems.push('no attribute/property tables (is custom-elements.json there? npm run analyze)');
    // The introduction (stories/element-docs.ts); a JSDoc block on the stories file's meta would replace it.
    const intro = await page.evaluate(() => document.querySelector('#storybook-docs .sbdocs-content')?.textContent?.includes('What it needs:'));
    if (!intro) problems.push('no introduction ("What it needs: …", stories/element-docs.ts ELEMENT_INTROS)');
    const controls = await controlProblems(page);
    selectsChecked += controls.checked;
    problems.push(...controls.problems);
  }
  // MDX compiles without GitHub-flavoured markdown (no remark-gfm): a table written in an .mdx page
  // shows as one paragraph of pipes. The <Markdown> block renders it (see getting-started.mdx).
  const rawTables = await page.evaluate(() =>
    [...document.querySelectorAll('#storybook-docs .sbdocs-content p')].filter((p) => /\|\s*:?-{3,}:?\s*\|/.test(p.textContent ?? '')).length,
  );
  if (rawTables) problems.push(`${rawTables} markdown table(s) shown as text, not as a table (put it in a <Markdown> block)`);
  const content = await page.evaluate(() => document.querySelector('#storybook-docs .sbdocs-content')?.textContent?.trim().length ?? 0);
  if (!content) problems.push('the page shows nothing');
  const links = await linkProblems(page);
  linksChecked += links.count;
  problems.push(...links.problems);
  storiesChecked += expected.length;
  await closePage();
  return problems;
}

for (const docs of docsPages) {
  const started = Date.now();
  let problems = await check(docs);
  // One more try on a loaded 2-core machine before calling a page broken; a real fault fails twice.
  if (problems.length) problems = await check(docs);
  console.log(`${problems.length ? "✗" : "✓"} ${docs.id} (${Math.round((Date.now() - started) / 1000)} s)`);
  if (problems.length) failures.push(`${docs.id}:\n  ${problems.join('\n  ')}`);
}
await close();
console.log(
  `${docsPages.length} docs pages opened (${storiesChecked} stories, ${linksChecked} links, ${selectsChecked} word-list attributes as selects on them), ${failures.length} with problems.`,
);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
// A check that opened nothing proved nothing (a tag or index change would make it pass silently).
if (docsPages.length === 0 || (storiesChecked === 0 && docsPages.some((docs) => docs.tags?.includes('autodocs')))) {
  console.error('No docs page or story was checked: the index has no docs pages with stories (or the filter matched none).');
  process.exit(1);
}
