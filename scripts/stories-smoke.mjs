// Opens every story of the built Storybook (storybook-static/) in headless Chromium and fails on a
// story that throws, logs an error, or renders an element saying it is not connected.
// Usage: npm run build-storybook && node scripts/stories-smoke.mjs [--shots]
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const root = 'storybook-static';
if (!existsSync(join(root, 'index.json'))) {
  console.error('Build Storybook first: npm run build-storybook');
  process.exit(1);
}
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.wasm': 'application/wasm' };
const server = createServer((request, response) => {
  const path = join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname));
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
  if (!existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const shots = process.argv.includes('--shots');
if (shots) mkdirSync('smoke-output/stories', { recursive: true });

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story' && (!only || entry.id.includes(only)));
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
const failures = [];
/** Opens one story in a fresh context; returns what went wrong (empty when nothing did). */
async function open(story) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/Failed to load resource|status of (401|402|403|404|409|422|423|429|502|503)/.test(text)) problems.push(text);
  });
  // A file the story page asks for and the build lacks (a /favicon.ico, a font): the API's refusals are the stories' business.
  page.on('response', (response) => {
    if (response.status() === 404 && !new URL(response.url()).pathname.startsWith('/api/')) problems.push(`404 ${response.url()}`);
  });
  await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
  try {
    await page.waitForFunction(() => document.querySelector('#storybook-root')?.children.length > 0, null, { timeout: 15000 });
    // Some stories keep a request open on purpose (the loading states): settle, but do not wait on them.
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
    await page.waitForTimeout(400);
    const text = await page.evaluate(() => {
      const collect = (node) => [...node.querySelectorAll('*')].map((el) => (el.shadowRoot ? el.shadowRoot.textContent + collect(el.shadowRoot) : '')).join(' ');
      return collect(document.querySelector('#storybook-root'));
    });
    if (/not connected to a portal/.test(text)) problems.push('an element is not connected to a portal');
  } catch (error) {
    problems.push(`did not render: ${error.message.split('\n')[0]}`);
  }
  if (shots) await page.screenshot({ path: `smoke-output/stories/${story.id}.png`, fullPage: true });
  await context.close();
  return problems;
}

for (const story of stories) {
  let problems = await open(story);
  // One more try on a loaded 2-core machine before calling a story broken; a real fault fails twice.
  if (problems.length) problems = await open(story);
  if (problems.length) failures.push(`${story.id}: ${problems.join(' | ')}`);
}
await browser.close();
server.close();
console.log(`${stories.length} stories opened, ${failures.length} with problems.`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
