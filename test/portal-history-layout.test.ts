/**
 * Where the history's rows are and how much of them shows: a short history is whole in the page's
 * flow wherever it sits (a screen reader reading down the page, Find in page and a capture all meet
 * every row) and as tall as its rows however they wrap; a long one is windowed, yet has its first
 * rows drawn while below the fold, in a box no taller than the window.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PortalHistory } from '../src/elements/portal-history/portal-history.js';
import '../src/define/portal-history.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { backend, clock, startTestBackend } from './helpers/backend.js';
import { $, $$, DANA, mount, sessionFor, type, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

function rows(element: PortalHistory) {
  return $$(element, '[role="row"][data-index]').sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
}

async function seedJobs(count: number) {
  const state = await backend.inspect();
  addSyntheticJobs(state, { customerId: 'cust-1001', count, now: clock.now() });
  await backend.restore(state);
}

/** The history after `spacer` of page above it (a phone's page of other sections), its first answer in. */
async function mountHistory(options: { spacer?: string; pageSize?: number } = {}) {
  const { element } = await mount<PortalHistory>(
    html`<div style="padding: 0 16px">
      <div style="height: ${options.spacer ?? '0'}"></div>
      <portal-history page-size=${options.pageSize ?? 50}></portal-history>
    </div>`,
    { session: await sessionFor(DANA), select: 'portal-history' },
  );
  await untilText(element, /completed jobs?/);
  await element.listComplete();
  return element;
}

/** Problems with what `row` shows: anything of it outside the box that shows it (the list's own, when it scrolls). */
function cutProblems(element: PortalHistory, row: HTMLElement): string[] {
  const body = $(element, '.body');
  const box = body.getBoundingClientRect();
  const scrolls = getComputedStyle(body).overflowY !== 'visible';
  const problems: string[] = [];
  const name = row.querySelector('.job-type')?.textContent?.trim() ?? row.dataset.index;
  const rect = row.getBoundingClientRect();
  if (rect.height < 1) problems.push(`row ${name} has no height`);
  if (scrolls && (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5)) {
    problems.push(`row ${name} (${Math.round(rect.top - box.top)}…${Math.round(rect.bottom - box.top)} px) is cut by its ${Math.round(box.height)} px box`);
  }
  const button = row.querySelector('button');
  if (button) {
    const b = button.getBoundingClientRect();
    if (b.bottom > rect.bottom + 0.5 || b.top < rect.top - 0.5) problems.push(`row ${name}'s button sticks out of its row`);
  }
  return problems;
}

describe('<portal-history> layout', () => {
  beforeEach(() => startTestBackend());
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('has every row of a short history in the DOM while the list is below the fold, in the page’s flow', async () => {
    await setViewport({ width: 360, height: 740 });
    const element = await mountHistory({ spacer: '200vh' });
    const grid = $(element, '[role="grid"]');
    expect(grid.getBoundingClientRect().top, 'the list starts below the fold').to.be.greaterThan(innerHeight);
    expect(grid.getAttribute('aria-rowcount')).to.equal('8');
    expect(rows(element).map((r) => r.getAttribute('aria-rowindex'))).to.deep.equal(['2', '3', '4', '5', '6', '7', '8']);
    expect(grid.textContent).to.contain('Furnace will not ignite');
    // No scrolling box of its own: the page scrolls, and nothing of a row is hidden inside the list.
    expect(getComputedStyle($(element, '.body')).overflowY).to.equal('visible');
    expect(rows(element).flatMap((row) => cutProblems(element, row))).to.deep.equal([]);
    // The first row holds the grid's tab stop, so Tab lands on a row, not on an empty box.
    expect($(element, '.body').hasAttribute('tabindex')).to.equal(false);
    expect(rows(element).filter((r) => r.tabIndex === 0).map((r) => r.dataset.index)).to.deep.equal(['0']);
    await expect(element).to.be.accessible();
  });

  it('draws a long history’s first screenful of rows while the list is below the fold', async function () {
    this.timeout(30_000);
    await setViewport({ width: 360, height: 740 });
    await seedJobs(120);
    const element = await mountHistory({ spacer: '200vh', pageSize: 100 });
    const body = $(element, '.body');
    expect(body.getBoundingClientRect().top, 'the list starts below the fold').to.be.greaterThan(innerHeight);
    await waitUntil(() => rows(element).length > 0, 'no row drawn below the fold', { timeout: 5000 });
    const drawn = rows(element);
    expect(drawn[0]!.dataset.index).to.equal('0');
    expect(drawn.length, 'windowed: not every loaded row').to.be.lessThan(100);
    // Rows reach at least to the bottom of the box: what shows when the customer scrolls to it is there.
    expect(drawn.at(-1)!.getBoundingClientRect().bottom).to.be.at.least(body.getBoundingClientRect().bottom - 0.5);
    expect(body.hasAttribute('tabindex'), 'its first row holds the tab stop').to.equal(false);
  });

  for (const size of [
    { name: '320 px wide', width: 320, height: 640 },
    { name: '200 % zoom', width: 640, height: 400 },
  ]) {
    it(`${size.name}: a search’s one wrapped row shows whole, its download button with it`, async () => {
      await setViewport({ width: size.width, height: size.height });
      const element = await mountHistory();
      expect(rows(element).flatMap((row) => cutProblems(element, row)), 'the whole history').to.deep.equal([]);
      type($(element, 'input[name="q"]'), 'furnace');
      await waitUntil(() => rows(element).length === 1, 'the search never narrowed the list', { timeout: 5000 });
      await element.listComplete();
      const row = rows(element)[0]!;
      expect(row.textContent).to.contain('Download invoice 10412 (PDF)');
      expect(cutProblems(element, row)).to.deep.equal([]);
      const body = $(element, '.body');
      expect(body.scrollHeight, 'the list does not scroll').to.be.at.most(body.clientHeight + 1);
    });
  }

  it('320 px wide: each row’s download button on a line of its own, every one at the same left edge', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await mountHistory();
    const withButtons = rows(element).filter((row) => row.querySelector('button'));
    expect(withButtons.length, 'rows with an invoice').to.be.greaterThan(1);
    for (const row of withButtons) {
      const button = row.querySelector('button')!.getBoundingClientRect();
      const job = row.querySelector('.job')!.getBoundingClientRect();
      // Under the rest of the row, at the row's start (where the job's name starts), whatever its amount's width.
      expect(button.left, row.querySelector('.job-type')!.textContent!).to.be.closeTo(job.left, 0.5);
      const above = [...row.querySelectorAll('[role="gridcell"]:not(.action)')].map((cell) => cell.getBoundingClientRect().bottom);
      expect(button.top).to.be.at.least(Math.max(...above) - 0.5);
    }
  });

  it('wherever its columns show, no column heading is cut in two (“Technicia/n”)', async () => {
    await setViewport({ width: 1024, height: 700 });
    const element = await mountHistory();
    const header = $(element, '[part~="header-row"]');
    let shown = 0;
    // From a section beside <portal-app>'s navigation (about 720 px) to a whole wide page.
    for (const width of [640, 720, 780, 820, 900, 990]) {
      element.style.width = `${width}px`;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      if (getComputedStyle(header).display === 'none') continue;
      shown++;
      for (const cell of [...header.children]) {
        const text = [...cell.childNodes].find((node): node is Text => node instanceof Text && node.data.trim() !== '')!;
        for (const word of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          expect(range.getClientRects().length, `at ${width} px, “${word[0]}” on one line`).to.equal(1);
        }
      }
    }
    expect(shown, 'the columns show on a wide page').to.be.greaterThan(0);
  });

  // At 320 × 640 the 32em box already fits the window; at 200 % zoom (a 400 px tall window) it did not.
  it('200 % zoom: a long, windowed history fits its box in the window, and a wrapped row is never cut for good', async function () {
    this.timeout(30_000);
    await setViewport({ width: 640, height: 400 });
    await seedJobs(120);
    const element = await mountHistory({ pageSize: 100 });
    const body = $(element, '.body');
    expect(getComputedStyle(body).overflowY, 'a long list scrolls in its box').to.equal('auto');
    // A box taller than the window would have rows below the screen's edge while they scroll inside it.
    expect(body.getBoundingClientRect().height).to.be.at.most(innerHeight);
    const drawn = rows(element);
    for (const [i, row] of drawn.entries()) {
      // Each row fits the box (scrolled to, it shows whole) and no row covers the next.
      expect(row.getBoundingClientRect().height, `row ${row.dataset.index}`).to.be.at.most(body.clientHeight);
      const next = drawn[i + 1];
      if (next) expect(next.getBoundingClientRect().top, `row ${next.dataset.index} overlaps the one above`).to.be.at.least(row.getBoundingClientRect().bottom - 0.5);
    }
    // Scrolled to in the box, a row and its button show whole.
    const target = drawn[3]!;
    target.scrollIntoView({ block: 'nearest' });
    await element.listComplete();
    expect(cutProblems(element, target)).to.deep.equal([]);
  });
});
