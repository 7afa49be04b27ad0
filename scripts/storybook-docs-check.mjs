// Opens every element's docs page of the built Storybook in headless Chromium and checks that each
// story on it shows its own state, as it does opened on its own: a story prepared signed in shows no
// signed-out card, a story's `parameters.expect` (a selector, a text) is there, no element says it is not
// connected, and nothing throws. Also checks the page has its docs tables (from custom-elements.json).
// Usage: npm run build-storybook && node scripts/storybook-docs-check.mjs [part-of-an-id]
import { openStorybook, readIndex, storyFrameFindings, watchedPage } from './storybook-serve.mjs';

const index = readIndex();
const entries = Object.values(index.entries);
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const docsPages = entries.filter((entry) => entry.type === 'docs' && entry.tags?.includes('autodocs') && (!only || entry.id.includes(only)));
/** How long a docs page may take to prepare and render all its stories (each seeds its own backend). */
const PAGE_DEADLINE_MS = 90_000;

const { base, browser, close } = await openStorybook();
const failures = [];
let storiesChecked = 0;

async function check(docs) {
  const expected = entries.filter((e) => e.type === 'story' && e.importPath === docs.importPath && e.tags?.includes('autodocs')).map((e) => e.id);
  const { page, problems, close: closePage } = await watchedPage(browser);
  await page.goto(`${base}/iframe.html?id=${docs.id}&viewMode=docs`);
  const start = Date.now();
  let findings;
  for (;;) {
    findings = await page.evaluate(storyFrameFindings);
    const shown = new Set(findings.map((f) => f.id));
    const allThere = expected.every((id) => shown.has(id));
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
  const tables = await page.evaluate(() => document.querySelectorAll('.docblock-argstable').length);
  if (!tables) problems.push('no attribute/property tables (is custom-elements.json there? npm run analyze)');
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
console.log(`${docsPages.length} docs pages opened (${storiesChecked} stories on them), ${failures.length} with problems.`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
// A check that opened nothing proved nothing (a tag or index change would make it pass silently).
if (docsPages.length === 0 || storiesChecked === 0) {
  console.error('No docs page or story was checked: the index has no autodocs pages (or the filter matched none).');
  process.exit(1);
}
