import { expect, waitUntil } from '@open-wc/testing';
import { startTestBackend } from './helpers/backend.js';
import { signInThroughExample, statusLine } from './helpers/framework-example.js';
import { DANA } from './helpers/portal-fixture.js';

describe('plain HTML example (examples/html)', () => {
  let container: HTMLElement;

  beforeEach(async () => {
    await startTestBackend();
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => container.remove());

  it("the page's markup and script: sign in, and the page's document listener shows who signed in", async () => {
    // The example's own <main>, as its index.html has it, then its script (bundled by scripts/example-bundler.mjs).
    const page = new DOMParser().parseFromString(await (await fetch('/examples/html/index.html')).text(), 'text/html');
    container.append(document.importNode(page.querySelector('main')!, true));
    await import(new URL('../examples/html/main.js', import.meta.url).href);
    expect(statusLine(container)).to.equal('Not signed in.');
    await expect(container).to.be.accessible();

    await signInThroughExample(container, DANA);
    await waitUntil(() => statusLine(container) === `Signed in as ${DANA}.`, `status said: ${statusLine(container)}`, { timeout: 10_000 });
    await expect(container).to.be.accessible();
  });
});
