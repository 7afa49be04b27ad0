/**
 * The virtualizer is loaded only for a long invoice list (windowed-rows.ts). Its own file: the
 * windowing code must not have been loaded on this page before these tests look for it, or block it.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, waitUntil } from '@open-wc/testing';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import '../src/define/portal-invoices.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { backend, clock, startTestBackend } from './helpers/backend.js';
import { $$, DANA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';
import { loseChunk } from './helpers/lost-chunk.js';
import { speaksOnlySpanish } from './helpers/english-left.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const windowingRequested = () =>
  performance.getEntriesByType('resource').some((entry) => /windowed-rows|virtualizer\/virtualize|virtualizer\/layouts/.test(entry.name));
const items = (element: PortalInvoices) => $$(element, '[role="listitem"]');

describe('<portal-invoices> windowing, loaded only for a long list', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });

  it('a short list is drawn whole without downloading the virtualizer', async () => {
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Invoice 10412');
    expect(items(element).length).to.equal(3);
    expect(windowingRequested(), 'the windowing code was requested for a short list').to.equal(false);
  });

  it('a long list shows its first page at once; its windowing code lost once, Try again loads it and the list is windowed', async function () {
    this.timeout(30_000);
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 150, now: clock.now(), invoices: 'open' });
    await backend.restore(state);
    const chunk = loseChunk('src/elements/portal-invoices/windowed-rows.ts');
    // Two lists on one page share the code: Try again on one draws both windowed.
    const { element, provider } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices><portal-invoices></portal-invoices>`, {
      session: await sessionFor(DANA),
    });
    const other = provider.querySelectorAll<PortalInvoices>('portal-invoices')[1]!;
    await waitUntil(() => items(element).length > 0, 'no invoices while the windowing code was missing', { timeout: 5000 });
    await untilText(element, 'We couldn’t connect');
    await untilText(other, 'We couldn’t connect');
    // Not windowed, it does not promise more on scrolling.
    expect(textOf(element)).not.to.contain('Scroll for more');
    chunk.arrive();
    ($$(element, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
    for (const list of [element, other]) {
      await waitUntil(() => $$(list, '.invoices.windowed').length === 1, 'a list was never windowed', { timeout: 5000 });
      expect(textOf(list)).not.to.contain('We couldn’t connect');
    }
    // Windowed rows say where they are in the whole list (a whole list's rows need not).
    expect(items(element).length).to.be.greaterThan(0);
    expect(items(element).every((item) => item.getAttribute('aria-setsize') === '153')).to.equal(true);
  });

  it("rows drawn by the virtualizer speak the element's language, not the page's", async function () {
    this.timeout(30_000);
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 150, now: clock.now(), invoices: 'open' });
    await backend.restore(state);
    // Spanish on the element, on an English page.
    const { element } = await mount<PortalInvoices>(html`<portal-invoices lang="es"></portal-invoices>`, { session: await sessionFor(DANA) });
    await waitUntil(() => $$(element, '.invoices.windowed').length === 1 && items(element).length > 0, 'the list was never windowed', { timeout: 10_000 });
    const spanish = () => items(element).every((item) => textOf(item).includes('Factura') && !textOf(item).includes('Invoice'));
    await waitUntil(spanish, `rows in English: ${textOf(items(element)[0]!)}`, { timeout: 5000 });
    // Scrolled on to the rows of a later page, loaded as the customer goes: in Spanish too.
    const box = element.shadowRoot!.querySelector<HTMLElement>('.scroll-box')!;
    const farRows = () => {
      box.scrollTop = box.scrollHeight;
      return items(element).some((item) => Number(item.getAttribute('aria-posinset')) > 100);
    };
    await waitUntil(farRows, 'no rows drawn after scrolling', { timeout: 10_000, interval: 100 });
    const english = () => items(element).find((item) => !textOf(item).includes('Factura') || textOf(item).includes('Invoice'));
    await waitUntil(() => english() === undefined, 'rows in English after scrolling', { timeout: 5000 }).catch(() => {
      throw new Error(`a row in English after scrolling: ${textOf(english()!)}`);
    });
    await speaksOnlySpanish(element, 'the invoices scrolled three pages down');
  });

  it('stops asking for pages at the first one with nothing new, whatever cursor comes with it', async () => {
    const adapter = new HttpAdapter({ apiBase: '/api' });
    const listInvoices = adapter.listInvoices.bind(adapter);
    let calls = 0;
    adapter.listInvoices = async (scope, query, options) => {
      calls++;
      const real = await listInvoices(scope, { ...query, cursor: undefined }, options);
      // Says 200 invoices; gives the real ones once, then empty pages with a cursor, for ever.
      return { ...real, items: query.cursor ? [] : real.items, total: 200, nextCursor: 'more' };
    };
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { session: await sessionFor(DANA), adapter });
    await untilText(element, 'Invoice 10412');
    await element.listComplete();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls, 'requests made').to.be.at.most(4);
  });
});
