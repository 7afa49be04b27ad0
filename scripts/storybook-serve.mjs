// Shared by the stories smoke and the docs-page check: serves the static Storybook build
// (storybook-static/) on a free loopback port, opens Chromium, and reads what a page shows.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

export const root = 'storybook-static';

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The build's index (every story and docs entry); exits with a hint when there is no build. */
export function readIndex() {
  if (!existsSync(join(root, 'index.json'))) {
    console.error('Build Storybook first: npm run build-storybook');
    process.exit(1);
  }
  return JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
}

/** Starts the static server and Chromium; `close()` stops both. */
export async function openStorybook() {
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
  const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * A new page in its own context, recording what went wrong on it: uncaught errors, console errors (the
 * API's refusals are the stories' business), and a file the build lacks (a 404 outside the stories' API).
 */
export async function watchedPage(browser, viewport) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/Failed to load resource|status of (401|402|403|404|409|410|413|422|423|429|502|503)/.test(text)) problems.push(text);
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() === 404 && !/^\/(api|story)\//.test(path)) problems.push(`404 ${response.url()}`);
  });
  return { page, problems, close: () => context.close() };
}

/** In the page: every story frame's problems with what it must show (see .storybook/story-frame.ts). */
export function storyFrameFindings() {
  const deepAll = (node, selector) => {
    const found = [...node.querySelectorAll(selector)];
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepAll(el.shadowRoot, selector));
    return found;
  };
  const deepText = (node) => {
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.shadowRoot) text += ' ' + deepText(child.shadowRoot);
        if (!['SCRIPT', 'STYLE'].includes(child.tagName)) text += ' ' + deepText(child);
      }
    }
    return text;
  };
  return [...document.querySelectorAll('.portal-story')].map((frame) => {
    const missing = [];
    const text = deepText(frame).replace(/\s+/g, ' ');
    if (frame.dataset.signedIn && deepAll(frame, '[part~="signed-out"]').length) missing.push('signed in, but shows the signed-out card');
    if (frame.dataset.expectSelector && !deepAll(frame, frame.dataset.expectSelector).length) missing.push(`nothing matches ${frame.dataset.expectSelector}`);
    if (frame.dataset.expectText && !text.includes(frame.dataset.expectText)) missing.push(`no text "${frame.dataset.expectText}"`);
    if (/not connected to a portal/.test(text)) missing.push('an element is not connected to a portal');
    if (!frame.querySelector('*')) missing.push('renders nothing');
    return { id: frame.dataset.storyId, missing };
  });
}

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const a11yTags = JSON.parse(readFileSync(new URL('../.storybook/a11y-rules.json', import.meta.url), 'utf8')).tags;

/** Runs axe (WCAG A and AA, the a11y panel's rules) over each story frame of the page; its violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    // The a11y addon runs its own axe after each render, and axe runs one at a time: wait for it.
    const run = async (frame) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await window.axe.run(frame, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        } catch (error) {
          if (!/already running/.test(String(error)) || attempt > 60) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    };
    const found = [];
    for (const frame of document.querySelectorAll('.portal-story')) {
      const result = await run(frame);
      for (const violation of result.violations) {
        const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ');
        found.push(`${frame.dataset.storyId}: ${violation.id} (${violation.impact}) ${violation.help} — ${where}`);
      }
    }
    return found;
  }, a11yTags);
}
