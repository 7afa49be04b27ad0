/**
 * Every element in its main state on a 320 px phone and at 200 % zoom, with no sideways scrolling and
 * nothing cut off. A 1280 × 800 window at 200 % zoom lays out as a 640 × 400 CSS-pixel viewport (media
 * queries, container queries and the reader's 16 px default all see that; the pixels are only drawn
 * twice as large), so that is the viewport the zoom case sets; 320 px is also 400 % zoom of 1280.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-app.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-estimate.js';
import '../src/define/portal-history.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-pay.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visit-status.js';
import '../src/define/portal-visits.js';
import { startTestBackend } from './helpers/backend.js';
import { ELEMENT_CASES, deepElements, frames, mountCase } from './helpers/every-element.js';
import { sidewaysProblems } from './helpers/links.js';
import { DANA, sessionFor } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

/** Boxes that hide part of what they hold (overflow hidden or clip), other than the visually hidden. */
function cutOff(host: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of deepElements(host)) {
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const style = getComputedStyle(element);
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    const name = `<${element.localName} class="${element.getAttribute('class') ?? ''}"> “${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}”`;
    if (clipsX && element.scrollWidth > element.clientWidth + 1) found.push(`${name} cuts off ${element.scrollWidth - element.clientWidth} px sideways`);
    if (clipsY && element.scrollHeight > element.clientHeight + 1) found.push(`${name} cuts off ${element.scrollHeight - element.clientHeight} px below`);
    if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth) found.push(`${name} ends in an ellipsis`);
  }
  return found;
}

const SIZES = [
  { name: '320 px wide', width: 320, height: 640 },
  { name: '200 % zoom (1280 × 800 at 2×)', width: 640, height: 400 },
];

for (const size of SIZES) {
  describe(size.name, () => {
    before(async () => {
      await setViewport({ width: size.width, height: size.height });
      document.body.style.setProperty('margin', '0');
    });
    after(async () => {
      document.body.style.removeProperty('margin');
      await setViewport({ width: 800, height: 600 });
    });
    beforeEach(async function () {
      this.timeout(60_000);
      await startTestBackend();
    });
    afterEach(() => {
      fixtureCleanup();
      document.querySelectorAll('.narrow-test').forEach((e) => e.remove());
    });

    for (const testCase of ELEMENT_CASES) {
      it(`${testCase.name}: no sideways scrolling, nothing cut off`, async function () {
        this.timeout(30_000);
        const container = document.createElement('div');
        container.className = 'narrow-test';
        // The page keeps 16 px at each side, as a phone layout does.
        container.style.setProperty('padding', '0 16px');
        document.body.append(container);
        const session = testCase.signedIn ? await sessionFor(DANA) : undefined;
        const { element } = await mountCase(testCase, container, { session });
        await frames(3);
        expect(element.getBoundingClientRect().right, 'the element stays inside the page').to.be.at.most(size.width - 16 + 0.5);
        expect(sidewaysProblems(element)).to.deep.equal([]);
        expect(cutOff(element)).to.deep.equal([]);
      });
    }
  });
}
