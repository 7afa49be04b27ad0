// Opens every story of the built Storybook (storybook-static/) in headless Chromium, on its own, and
// fails on a story that throws, logs an error, asks for a file the build lacks, does not show what it
// must (see storybook-serve.mjs: signed in shows no signed-out card, `parameters.expect`), or has an
// accessibility violation (axe, WCAG 2.0–2.2 A and AA: the rules of the a11y panel).
// Usage: npm run build-storybook && node scripts/stories-smoke.mjs [part-of-an-id] [--shots]
import { mkdirSync } from 'node:fs';
import { axeViolations, openStorybook, readIndex, storyFrameFindings, watchedPage } from './storybook-serve.mjs';

const index = readIndex();
const shots = process.argv.includes('--shots');
if (shots) mkdirSync('smoke-output/stories', { recursive: true });
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
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
async function open(story, { fresh = false } = {}) {
  const aboutTheAddress = !story.tags?.includes('autodocs');
  if (fresh || aboutTheAddress || !current) {
    await current?.close();
    current = await watchedPage(browser);
    await current.page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
  } else {
    await current.page.evaluate((storyId) => window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' }), story.id);
  }
  const { page, problems } = current;
  problems.length = 0;
  try {
    await page.waitForFunction((id) => document.querySelector(`#storybook-root .portal-story[data-story-id="${id}"]`), story.id, { timeout: 30_000 });
    // The state a story promises, once it is there (its play step may still be running).
    const start = Date.now();
    let findings = await page.evaluate(storyFrameFindings);
    while (findings.some((f) => f.missing.length) && Date.now() - start < STATE_DEADLINE_MS) {
      await page.waitForTimeout(250);
      findings = await page.evaluate(storyFrameFindings);
    }
    for (const finding of findings) problems.push(...finding.missing);
    // Some stories keep a request open on purpose (the loading states): settle, but do not wait on them.
    await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => undefined);
    await page.waitForTimeout(200);
    problems.push(...(await axeViolations(page)));
    const shown = await page.evaluate(() => (document.body.classList.contains('sb-show-errordisplay') ? document.querySelector('#error-message')?.textContent?.trim() || 'an error' : ''));
    if (shown) problems.push(`Storybook shows an error: ${shown.slice(0, 200)}`);
  } catch (error) {
    problems.push(`did not render: ${error.message.split('\n')[0]}`);
  }
  if (shots) await page.screenshot({ path: `smoke-output/stories/${story.id}.png`, fullPage: true });
  const found = [...problems];
  // After a story about the address, or a failure, the next story starts on a clean page.
  if (aboutTheAddress || found.length) {
    await current.close();
    current = null;
  }
  return found;
}

const failures = [];
const started = Date.now();
for (const story of stories) {
  let problems = await open(story);
  // One more try, on a fresh page, on a loaded 2-core machine before calling a story broken; a real fault fails twice.
  if (problems.length) problems = await open(story, { fresh: true });
  if (problems.length) failures.push(`${story.id}: ${problems.join(' | ')}`);
}
await current?.close();
await close();
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`${stories.length} stories opened with axe in ${seconds} s, ${failures.length} with problems.`);
console.log(`${stories.length - failures.length} passed, ${failures.length} failed`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
