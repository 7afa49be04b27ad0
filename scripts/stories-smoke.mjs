// Opens every story of the built Storybook (storybook-static/) in headless Chromium, on its own, and
// fails on a story that throws, logs an error, asks for a file the build lacks, does not show what it
// must (see storybook-serve.mjs: signed in shows no signed-out card, `parameters.expect`), or has an
// accessibility violation (axe, WCAG 2.0–2.2 A and AA: the rules of the a11y panel), or whose play step
// does not run to its end. Twice: with the toolbar's Language on English, then on Español (`locale:es`),
// where a play step that looks for the elements' English words never gets anywhere; the Spanish pass has
// no text to expect (`parameters.expect.text` is English), and skips axe and the settling it waits for,
// to keep CI's time in bounds (the rules are the same in either language).
// Usage: npm run build-storybook && node scripts/stories-smoke.mjs [part-of-an-id] [--shots] [--locale=en|es]
import { mkdirSync } from 'node:fs';
import { axeViolations, openStorybook, readIndex, storyFrameFindings, watchedPage } from './storybook-serve.mjs';

const index = readIndex();
const shots = process.argv.includes('--shots');
if (shots) mkdirSync('smoke-output/stories', { recursive: true });
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
/** The toolbar's languages (.storybook/preview.ts), one pass each; `--locale=es` runs one. */
const LOCALES = ['en', 'es'];
const localeArg = process.argv.find((arg) => arg.startsWith('--locale='))?.slice('--locale='.length);
if (localeArg && !LOCALES.includes(localeArg)) {
  console.error(`--locale: one of ${LOCALES.join(', ')}`);
  process.exit(1);
}
const locales = localeArg ? [localeArg] : LOCALES;
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story' && (!only || entry.id.includes(only)));
/** How long a story may take to show its state (a play step paying, 10,000 rows) on a busy machine. */
const STATE_DEADLINE_MS = 20_000;

const { base, browser, close } = await openStorybook();

let current = null;

/**
 * Shows one story and returns what went wrong (empty when nothing did). Stories are switched inside one
 * preview page, as the Storybook UI does (the bundle and SQLite's WebAssembly load once, each story still
 * gets its own backend); a story about the page address (not on a docs page), a retry, and the story after
 * a failure get a fresh page.
 */
async function open(story, locale, { fresh = false } = {}) {
  const aboutTheAddress = !story.tags?.includes('autodocs');
  if (fresh || aboutTheAddress || !current) {
    await current?.close();
    current = await watchedPage(browser);
    // The language is a global of the page: stories switched inside it keep it.
    await current.page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=locale:${locale}`);
  } else {
    await current.page.evaluate((storyId) => window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' }), story.id);
  }
  const { page, problems } = current;
  problems.length = 0;
  try {
    await page.waitForFunction((id) => document.querySelector(`#storybook-root .portal-story[data-story-id="${id}"]`), story.id, { timeout: 30_000 });
    // The state a story promises, and its play step at its end (.storybook/story-frame.ts `markFinished`),
    // or the error Storybook shows in its place.
    const start = Date.now();
    const look = async () => {
      const findings = await page.evaluate(storyFrameFindings);
      const finished = await page.evaluate((id) => Boolean(document.querySelector(`.portal-story[data-finished="${CSS.escape(id)}"]`)), story.id);
      const failed = await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'));
      return { findings, finished, failed };
    };
    let seen = await look();
    while (!seen.failed && (!seen.finished || seen.findings.some((f) => f.missing.length)) && Date.now() - start < STATE_DEADLINE_MS) {
      await page.waitForTimeout(250);
      seen = await look();
    }
    for (const finding of seen.findings) problems.push(...finding.missing);
    if (!seen.failed && !seen.finished) problems.push(`did not get to its end (rendered, play step done) within ${STATE_DEADLINE_MS / 1000} s`);
    // (The Spanish pass has waited for the play step's end: that is what it is for.)
    if (locale === 'en') {
      // Some stories keep a request open on purpose (the loading states): settle, but do not wait on them.
      await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => undefined);
      await page.waitForTimeout(200);
      problems.push(...(await axeViolations(page)));
    }
    const shown = await page.evaluate(() => (document.body.classList.contains('sb-show-errordisplay') ? document.querySelector('#error-message')?.textContent?.trim() || 'an error' : ''));
    if (shown) problems.push(`Storybook shows an error: ${shown.slice(0, 200)}`);
  } catch (error) {
    problems.push(`did not render: ${error.message.split('\n')[0]}`);
  }
  if (shots) await page.screenshot({ path: `smoke-output/stories/${story.id}${locale === 'en' ? '' : `.${locale}`}.png`, fullPage: true });
  const found = [...problems];
  // After a story about the address, or a failure, the next story starts on a clean page.
  if (aboutTheAddress || found.length) {
    await current.close();
    current = null;
  }
  return found;
}

const failures = [];
let opened = 0;
const started = Date.now();
for (const locale of locales) {
  const passStarted = Date.now();
  let failed = 0;
  for (const story of stories) {
    let problems = await open(story, locale);
    // One more try, on a fresh page, on a loaded 2-core machine before calling a story broken; a real fault fails twice.
    if (problems.length) problems = await open(story, locale, { fresh: true });
    if (problems.length) failures.push(`${story.id} (${locale}): ${problems.join(' | ')}`);
    if (problems.length) failed++;
    opened++;
  }
  // The next language starts on a page of its own.
  await current?.close();
  current = null;
  const what = locale === 'en' ? 'with axe' : 'without axe';
  console.log(`${locale}: ${stories.length} stories opened ${what} in ${Math.round((Date.now() - passStarted) / 1000)} s, ${failed} with problems.`);
}
await close();
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`${opened} story openings (${locales.join(', ')}) in ${seconds} s, ${failures.length} with problems.`);
console.log(`${opened - failures.length} passed, ${failures.length} failed`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
