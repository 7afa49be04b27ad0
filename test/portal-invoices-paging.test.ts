/**
 * <portal-invoices> with more invoices than one page: the list loads page by page as it scrolls and
 * keeps only the rows in view in the DOM, every row stays reachable by keyboard, and "Pay all" pays the
 * balance's total due without every invoice loaded — the receipt showing how it split.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import type { PortalPaymentFailedEvent } from '../src/events/portal-payment-failed.js';
import type { PortalPaymentSucceededEvent } from '../src/events/portal-payment-succeeded.js';
import type { Invoice } from '../src/model/index.js';
import '../src/define/portal-invoices.js';
import { api, backend, clock, startTestBackend } from './helpers/backend.js';
import { $, $$, DANA, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';

// The virtualizer's ResizeObserver can report "loop completed with undelivered notifications": benign,
// but mocha would count it as an uncaught error. Exactly that message is ignored, nothing else.
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** `count` more open invoices for Dana (on top of the seed's three). */
async function addOpenInvoices(count: number) {
  const state = await backend.inspect();
  addSyntheticJobs(state, { customerId: 'cust-1001', count, now: clock.now(), invoices: 'open' });
  await backend.restore(state);
}

/** Dana's open invoices in the list's order, read through the contract's pages. */
async function openInOrder(): Promise<Invoice[]> {
  const token = (await sessionFor(DANA)).token;
  const all: Invoice[] = [];
  let cursor: string | null = null;
  do {
    const { body } = await api('GET', `/customers/cust-1001/invoices?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      token,
    });
    all.push(...(body.items as Invoice[]));
    cursor = body.nextCursor as string | null;
  } while (cursor);
  return all;
}

async function balance() {
  const { body } = await api('GET', '/customers/cust-1001/balance', { token: (await sessionFor(DANA)).token });
  return body as { totalDue: number; openCount: number };
}

async function mountInvoices(pageSize = 20, listHeight = '20rem') {
  const { element, provider } = await mount<PortalInvoices>(
    html`<portal-invoices page-size=${pageSize} style=${`--portal-invoices-list-height: ${listHeight}`}></portal-invoices>`,
    { session: await sessionFor(DANA) },
  );
  await untilText(element, /Outstanding invoices|all paid up/);
  await waitUntil(() => rows(element).length > 0 || /all paid up/.test(textOf(element)), 'no rows', { timeout: 5000 });
  await element.listComplete();
  return { element, provider };
}

/** The outstanding list's rows in the DOM, in list order. */
function rows(element: PortalInvoices) {
  const list = element.shadowRoot!.querySelector('[role="list"]');
  return [...(list?.querySelectorAll<HTMLElement>('[role="listitem"]') ?? [])].sort(
    (a, b) => Number(a.getAttribute('aria-posinset') ?? 0) - Number(b.getAttribute('aria-posinset') ?? 0),
  );
}

function button(element: Element, text: string | RegExp): HTMLButtonElement {
  const found = $$(element, 'button').find((b) => (typeof text === 'string' ? textOf(b).includes(text) : text.test(textOf(b))));
  if (!found) throw new Error(`no button ${String(text)} in: ${textOf(element).slice(0, 300)}`);
  return found as HTMLButtonElement;
}

function fillCard(element: Element, number: string = TEST_CARDS.visa) {
  type($(element, '[name="number"]'), number);
  type($(element, '[name="expiry"]'), EXPIRY);
  type($(element, '[name="cvc"]'), '123');
  type($(element, '[name="postalCode"]'), '62704');
}

/** Scrolls the outstanding list's box down by `by` pixels (to the end when not given). */
async function scrollList(element: PortalInvoices, by?: number) {
  const box = $(element, '.scroll-box');
  box.scrollTop = by === undefined ? box.scrollHeight : box.scrollTop + by;
  await frame();
  await frame();
}

/**
 * Opens the invoice behind `opener` by keyboard, comes back with "Back to invoices", and waits for the
 * focus to be on `opener` again; returns what has the focus.
 */
async function openAndComeBack(element: PortalInvoices, opener: () => HTMLElement | undefined) {
  opener()!.focus();
  await sendKeys({ press: 'Enter' });
  await untilText(element, 'Line items');
  button(element, 'Back to invoices').focus();
  await sendKeys({ press: 'Enter' });
  await untilText(element, 'Outstanding invoices');
  const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
  await waitUntil(() => focused() !== null && focused() === opener(), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
  return focused;
}

describe('<portal-invoices> with many invoices', () => {
  before(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  beforeEach(() => startTestBackend());

  it('loads page by page as the list scrolls, keeping only the rows in view in the DOM', async function () {
    this.timeout(30_000);
    await addOpenInvoices(120);
    const expected = await openInOrder();
    expect(expected).to.have.length(123);
    const { element } = await mountInvoices(30);
    expect(textOf(element)).to.match(/123 invoices · (Scroll for more|Loading more…)/);
    const first = rows(element);
    expect(first.length).to.be.within(1, 30);
    expect(first[0]!.getAttribute('aria-setsize')).to.equal('123');
    expect(textOf(first[0]!)).to.contain(`Invoice ${expected[0]!.number}`);
    await expect(element).to.be.accessible();

    const last = expected.at(-1)!;
    for (let i = 0; i < 200 && !textOf(element).includes(`Invoice ${last.number}`); i++) {
      await scrollList(element);
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(textOf(element)).to.contain(`Invoice ${last.number}`);
    await untilText(element, /123 invoices(?! ·)/);
    const inView = rows(element);
    expect(inView.length, 'rows in the DOM').to.be.below(30);
    expect(inView.at(-1)!.getAttribute('aria-posinset')).to.equal('123');
    // Every invoice once, in order: the rows in the DOM are consecutive and match the backend's list.
    const shown = inView.map((r) => /Invoice (\d+)/.exec(textOf(r))![1]);
    const start = Number(inView[0]!.getAttribute('aria-posinset')) - 1;
    expect(shown).to.deep.equal(expected.slice(start, start + inView.length).map((i) => i.number));
    await expect(element).to.be.accessible();
  });

  it('says so when a further page fails to load, and Try again loads it', async function () {
    this.timeout(30_000);
    await addOpenInvoices(120);
    let failed = 0;
    class FlakyAdapter extends HttpAdapter {
      override listInvoices(...args: Parameters<HttpAdapter['listInvoices']>) {
        if (args[1].cursor && failed === 0) {
          failed++;
          return Promise.reject(new PortalError('NETWORK', 'offline'));
        }
        return super.listInvoices(...args);
      }
    }
    const { element } = await mount<PortalInvoices>(html`<portal-invoices page-size="20"></portal-invoices>`, {
      session: await sessionFor(DANA),
      adapter: new FlakyAdapter({ apiBase: '/api' }),
    });
    await untilText(element, 'Outstanding invoices');
    for (let i = 0; i < 50 && failed === 0; i++) await scrollList(element);
    await untilText(element, 'We couldn’t load more invoices.');
    expect(textOf($(element, '[role="alert"]'))).to.contain('We couldn’t load more invoices.');
    // What was loaded stays on screen.
    expect(rows(element).length).to.be.greaterThan(0);
    await expect(element).to.be.accessible();
    button(element, 'Try again').click();
    await waitUntil(() => !textOf(element).includes('couldn’t load more'), 'the error stayed', { timeout: 5000 });
    const furthest = () => Math.max(...rows(element).map((r) => Number(r.getAttribute('aria-posinset'))));
    await waitUntil(async () => (await scrollList(element), furthest() > 20), 'rows of the page that failed never loaded', { timeout: 5000 });
  });

  it('reaches rows beyond the first window by Tab, and Space ticks them', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const expected = await openInOrder();
    const { element } = await mountInvoices(20, '12rem');
    const initiallyRendered = rows(element).length;
    const target = 30;
    expect(initiallyRendered, 'the target row starts outside the window').to.be.below(target);
    ($(element, `#select-${expected[0]!.id}`) as HTMLInputElement).focus();
    // Each row holds a checkbox and the invoice's button: two stops a row.
    for (let i = 0; i < target * 2; i++) {
      await sendKeys({ press: 'Tab' });
      await frame();
    }
    const focused = element.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.getAttribute('aria-label')).to.equal(`Select invoice ${expected[target]!.number} to pay`);
    // The focused row is scrolled into the list's box.
    const box = $(element, '.scroll-box').getBoundingClientRect();
    const at = focused!.getBoundingClientRect();
    expect(at.top).to.be.at.least(box.top - 1);
    expect(at.bottom).to.be.at.most(box.bottom + 1);
    await sendKeys({ press: 'Space' });
    await untilText(element, 'Pay selected (1)');
    await expect(element).to.be.accessible();
  });

  it('Back from an invoice on a later page takes focus to its button, the row brought back into the list’s box', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const expected = await openInOrder();
    const { element } = await mountInvoices(20, '12rem');
    const target = expected[30]!;
    // Scrolled to the second page (loaded as the list neared the end of the first), the invoice opened by keyboard.
    await waitUntil(async () => (await scrollList(element, 200), textOf(element).includes(`Invoice ${target.number}`)), 'row never scrolled to', {
      timeout: 10_000,
    });
    const opener = () => $$(element, '[role="listitem"] button').find((b) => textOf(b) === `Invoice ${target.number}`);
    const focused = await openAndComeBack(element, opener);
    const box = $(element, '.scroll-box').getBoundingClientRect();
    const at = focused()!.getBoundingClientRect();
    expect(at.top).to.be.at.least(box.top - 1);
    expect(at.bottom).to.be.at.most(box.bottom + 1);
    await expect(element).to.be.accessible();
  });

  it('on a wide screen a long list scrolls in a box that shows there is more and scrolls from the keyboard', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const { element } = await mountInvoices(20);
    const list = $(element, '[role="list"]');
    expect(list.classList.contains('scroll-box'), 'a box of its own').to.equal(true);
    // A shadow at the edge with more rows beyond it.
    expect(getComputedStyle(list).backgroundImage).to.contain('gradient');
    // One Tab stop, named as the list: arrows and Page Down scroll it without tabbing through every row.
    expect(list.getAttribute('aria-label')).to.equal('Outstanding invoices');
    list.focus();
    expect(element.shadowRoot!.activeElement).to.equal(list);
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => list.scrollTop > 0, 'Page Down did not scroll the list', { timeout: 5000 });
    await expect(element).to.be.accessible();
  });

  it('on a phone a long list is part of the page: rows drawn and pages loaded as the page scrolls, Back finding a later row', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const expected = await openInOrder();
    await setViewport({ width: 320, height: 640 });
    document.body.style.margin = '0';
    try {
      const { element } = await mountInvoices(20);
      const list = $(element, '[role="list"]');
      expect(getComputedStyle(list).overflowY, 'the list scrolls in a box of its own').to.equal('visible');
      const target = expected[30]!;
      const opener = () => $$(element, '[role="listitem"] button').find((b) => textOf(b) === `Invoice ${target.number}`);
      // The second page loads as the page (not a box) nears the end of the first.
      await waitUntil(
        async () => {
          window.scrollBy(0, 400);
          await frame();
          await frame();
          return opener() !== undefined;
        },
        'the row never showed as the page scrolled',
        { timeout: 10_000 },
      );
      const focused = await openAndComeBack(element, opener);
      const at = focused()!.getBoundingClientRect();
      expect(at.top).to.be.at.least(0);
      expect(at.bottom).to.be.at.most(window.innerHeight);
      await expect(element).to.be.accessible();
    } finally {
      window.scrollTo(0, 0);
      document.body.style.margin = '';
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('keeps the focus on the same invoice when the list is drawn anew, its box going and coming back as the window narrows and widens', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const { element } = await mountInvoices(20);
    try {
      await waitUntil(() => element.shadowRoot!.querySelector('.scroll-box'), 'no box of its own on a wide window', { timeout: 5000 });
      const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
      const third = $$(element, '[role="listitem"] button[data-invoice]')[2]!;
      const invoiceId = third.dataset.invoice!;
      third.focus();
      await setViewport({ width: 320, height: 640 });
      await waitUntil(() => !element.shadowRoot!.querySelector('.scroll-box'), 'the box stayed on a phone', { timeout: 5000 });
      await waitUntil(() => focused()?.dataset.invoice === invoiceId, `focus went to ${focused()?.outerHTML.slice(0, 80) ?? 'the page'}`, { timeout: 5000 });
      // A checkbox keeps it too.
      const checkbox = focused()!.closest('[part~="row"]')!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
      checkbox.focus();
      await setViewport({ width: 800, height: 600 });
      await waitUntil(() => element.shadowRoot!.querySelector('.scroll-box'), 'the box never came back', { timeout: 5000 });
      await waitUntil(() => focused()?.id === `select-${invoiceId}`, `focus went to ${focused()?.outerHTML.slice(0, 80) ?? 'the page'}`, { timeout: 5000 });
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('"Pay all" pays the total due when not every invoice is loaded, and the receipt shows the split', async function () {
    this.timeout(30_000);
    await addOpenInvoices(120);
    const expected = await openInOrder();
    const due = await balance();
    expect(due.openCount).to.equal(123);
    const { element } = await mountInvoices();
    button(element, 'Pay all 123 invoices').click();
    await untilText(element, 'applied to the oldest due first');
    const form = $(element, 'form');
    expect(textOf(form)).to.contain(`Total ${money(due.totalDue)}`);
    expect(textOf($(element, 'button[type="submit"]'))).to.equal(`Pay ${money(due.totalDue)}`);
    // No amount field per invoice: the amount is the balance's.
    expect($$(element, 'input[name^="amount-"]')).to.have.length(0);
    await expect(element).to.be.accessible();
    fillCard(element);
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    const { payment } = (await succeeded).detail;
    expect(payment.amount).to.equal(due.totalDue);
    expect(payment.applications.map((a) => [a.invoiceId, a.amount])).to.deep.equal(expected.map((i) => [i.id, i.balance]));
    await untilText(element, `We received your payment of ${money(due.totalDue)}`);
    const receipt = $(element, '[part="receipt"]');
    expect(textOf(receipt)).to.contain('Applied to 123 invoices');
    expect(textOf(receipt)).to.contain(`Invoice ${expected[19]!.number}`);
    expect(textOf(receipt)).not.to.contain(`Invoice ${expected[20]!.number} `);
    await expect(element).to.be.accessible();
    const more = $(element, 'details.split-rest summary');
    expect(textOf(more)).to.equal('Show the other 103 invoices');
    more.click();
    await untilText(element, `Invoice ${expected.at(-1)!.number}`);
    expect($$(element, '[part="receipt"] tbody tr')).to.have.length(123);
    await expect(element).to.be.accessible();
    expect((await balance()).totalDue).to.equal(0);
    button(element, 'Back to invoices').click();
    await untilText(element, 'all paid up');
  });

  it('"Pay all" refuses a total that changed meanwhile, shows the new one, and pays it', async () => {
    const { element } = await mountInvoices();
    const before = await balance();
    button(element, 'Pay all 3 invoices').click();
    await untilText(element, `Pay ${money(before.totalDue)}`);
    // Another tab pays 10.00 of one invoice.
    const other = await api('POST', '/customers/cust-1001/payments', {
      token: (await sessionFor(DANA)).token,
      headers: { 'Idempotency-Key': 'other-tab-0002' },
      body: {
        applications: [{ invoiceId: 'inv-10412', amount: 1000 }],
        card: { number: TEST_CARDS.visa, expMonth: 12, expYear: 2099, cvc: '123', postalCode: '62704' },
      },
    });
    expect(other.status).to.equal(201);
    fillCard(element);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    const { detail } = await failed;
    expect(detail).to.include({ code: 'CONFLICT', allOpen: true, amount: before.totalDue, outcomeUnknown: false });
    expect(detail.invoiceIds).to.deep.equal([]);
    await untilText(element, 'Your balance changed');
    await untilText(element, `Pay ${money(before.totalDue - 1000)}`);
    expect(textOf($(element, '[role="alert"]'))).to.contain('Your balance changed');
    await expect(element).to.be.accessible();
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, `We received your payment of ${money(before.totalDue - 1000)}`);
    expect((await balance()).totalDue).to.equal(0);
  });

  it('"Pay selected" says so when more invoices are ticked than one payment takes', async function () {
    this.timeout(30_000);
    await addOpenInvoices(60);
    const { element } = await mountInvoices(20, '40rem');
    const ticked = new Set<string>();
    for (let i = 0; i < 100 && ticked.size < 51; i++) {
      for (const box of $$(element, 'input[type="checkbox"]') as HTMLInputElement[]) {
        if (ticked.size >= 51 || box.checked || ticked.has(box.id)) continue;
        box.click();
        ticked.add(box.id);
      }
      await element.updateComplete;
      await scrollList(element, 200);
    }
    await untilText(element, 'Pay selected (51)');
    button(element, 'Pay selected (51)').click();
    await untilText(element, 'One payment can pay up to 50 selected invoices');
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(element).to.be.accessible();
  });
});
