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

/** Opens one story in a fresh context; returns what went wrong (empty when nothing did). */
async function open(story) {
  const { page, problems, close: closePage } = await watchedPage(browser);
  await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
  try {
    await page.waitForFunction(() => document.querySelector('#storybook-root .portal-story'), null, { timeout: 30_000 });
    // The state a story promises, once it is there (its play step may still be running).
    const start = Date.now();
    let findings = await page.evaluate(storyFrameFindings);
    while (findings.some((f) => f.missing.length) && Date.now() - start < STATE_DEADLINE_MS) {
      await page.waitForTimeout(250);
      findings = await page.evaluate(storyFrameFindings);
    }
    for (const finding of findings) problems.push(...finding.missing);
    // Some stories keep a request open on purpose (the loading states): settle, but do not wait on them.
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    problems.push(...(await axeViolations(page)));
    const shown = await page.evaluate(() => (document.body.classList.contains('sb-show-errordisplay') ? document.querySelector('#error-message')?.textContent?.trim() || 'an error' : ''));
    if (shown) problems.push(`Storybook shows an error: ${shown.slice(0, 200)}`);
  } catch (error) {
    problems.push(`did not render: ${error.message.split('\n')[0]}`);
  }
  if (shots) await page.screenshot({ path: `smoke-output/stories/${story.id}.png`, fullPage: true });
  await closePage();
  return problems;
}

const failures = [];
const started = Date.now();
for (const story of stories) {
  let problems = await open(story);
  // One more try on a loaded 2-core machine before calling a story broken; a real fault fails twice.
  if (problems.length) problems = await open(story);
  if (problems.length) failures.push(`${story.id}: ${problems.join(' | ')}`);
}
await close();
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`${stories.length} stories opened with axe in ${seconds} s, ${failures.length} with problems.`);
console.log(`${stories.length - failures.length} passed, ${failures.length} failed`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
