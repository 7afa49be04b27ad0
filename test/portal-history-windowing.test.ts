/**
 * The virtualizer is loaded only for a long history (windowed-list.ts). Its own file: the windowing
 * code must not have been loaded on this page before these tests look for it, or block it.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, waitUntil } from '@open-wc/testing';
import type { PortalHistory } from '../src/elements/portal-history/portal-history.js';
import '../src/define/portal-history.js';
import '../src/index.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { backend, clock, startTestBackend } from './helpers/backend.js';
import { $$, DANA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';
import { loseChunk } from './helpers/lost-chunk.js';
import { speaksOnlySpanish } from './helpers/english-left.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const windowingRequested = () => performance.getEntriesByType('resource').some((entry) => /windowed-list|lit-labs_virtualizer_virtualize|virtualizer\/virtualize/.test(entry.name));
const rows = (element: PortalHistory) => $$(element, '[role="row"][data-index]');

async function mountHistory() {
  const { element } = await mount<PortalHistory>(html`<portal-history page-size="50"></portal-history>`, { session: await sessionFor(DANA) });
  await untilText(element, /completed jobs?/);
  return element;
}

describe('<portal-history> windowing, loaded only for a long list', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });

  it('a short history is drawn whole without downloading the virtualizer', async () => {
    const element = await mountHistory();
    await element.listComplete();
    expect(rows(element).length).to.be.greaterThan(3);
    expect($$(element, '.body.windowed')).to.have.length(0);
    expect(windowingRequested(), 'the windowing code was requested for a short list').to.equal(false);
  });

  it('a long history shows its first rows at once; its windowing code lost once, Try again loads it and the list is windowed', async function () {
    this.timeout(30_000);
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 300, now: clock.now() });
    await backend.restore(state);
    const chunk = loseChunk('src/elements/portal-history/windowed-list.ts');
    const element = await mountHistory();
    // The first page, drawn whole while the windowing code is missing: never an empty list.
    await waitUntil(() => rows(element).length > 0, 'no rows while the windowing code was missing', { timeout: 5000 });
    await untilText(element, 'We couldn’t connect');
    chunk.arrive();
    ($$(element, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
    await waitUntil(() => $$(element, '.body.windowed').length === 1, 'the list was never windowed', { timeout: 5000 });
    await element.listComplete();
    expect(textOf(element)).not.to.contain('We couldn’t connect');
    // Windowed: far fewer rows in the DOM than the history has.
    expect(rows(element).length).to.be.greaterThan(0).and.lessThan(120);
  });

  it("rows drawn by the virtualizer speak the element's language, not the page's", async function () {
    this.timeout(30_000);
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 300, now: clock.now() });
    await backend.restore(state);
    // Spanish on the element, on an English page.
    const { element } = await mount<PortalHistory>(html`<portal-history lang="es" page-size="50"></portal-history>`, { session: await sessionFor(DANA) });
    await waitUntil(() => $$(element, '.body.windowed').length === 1 && rows(element).length > 0, 'the list was never windowed', { timeout: 10_000 });
    const numbers = () => rows(element).map((row) => textOf(row.querySelector('.number')!));
    const spanish = () => numbers().every((text) => text.startsWith('Trabajo '));
    await waitUntil(spanish, `rows in English: ${numbers()[0]}`, { timeout: 5000 });
    // Scrolled on, three pages down: the rows the virtualizer draws then (and the pages loaded for them) speak it too.
    const body = element.shadowRoot!.querySelector<HTMLElement>('.body')!;
    // To the end of what is loaded, again and again: each time the next page loads, as a customer scrolling on.
    const farRows = () => {
      body.scrollTop = body.scrollHeight;
      return rows(element).some((row) => Number(row.dataset.index) > 100);
    };
    await waitUntil(farRows, 'no rows drawn after scrolling', { timeout: 10_000, interval: 100 });
    const english = () => numbers().find((text) => !text.startsWith('Trabajo '));
    await waitUntil(() => english() === undefined, 'rows in English after scrolling', { timeout: 5000 }).catch(() => {
      throw new Error(`a row in English after scrolling: ${english()}`);
    });
    await speaksOnlySpanish(element, 'the history scrolled three pages down');
  });
});
