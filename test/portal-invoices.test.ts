import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { atWidth } from './helpers/links.js';
import { http, HttpResponse } from 'msw';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import type { PortalPaymentFailedEvent } from '../src/events/portal-payment-failed.js';
import type { PortalPaymentSucceededEvent } from '../src/events/portal-payment-succeeded.js';
import type { PortalSettings } from '../src/model/index.js';
import '../src/define/portal-invoices.js';
import { api, backend, startTestBackend, useHandlers } from './helpers/backend.js';
import { runDataElementContract } from './helpers/data-element-contract.js';
import { $, $$, DANA, PRIYA, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';
import { liveRegionAround, nameAndDescription } from './helpers/speech.js';

// The list's virtualizer can make ResizeObserver report "loop completed with undelivered
// notifications": benign, but mocha would count it as an uncaught error. Exactly that message is ignored.
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

runDataElementContract({
  tag: 'portal-invoices',
  template: () => html`<portal-invoices></portal-invoices>`,
  signedInAs: DANA,
  adapterMethod: 'listInvoices',
  endpoint: '/customers/*/invoices',
  loadedText: 'Invoice 10412',
  signedOutText: 'Sign in to see your balance and invoices',
});

async function changeSettings(change: Partial<PortalSettings>) {
  const state = await backend.inspect();
  state.settings = { ...state.settings, ...change };
  await backend.restore(state);
}

async function invoice(id: string) {
  return structuredClone((await backend.inspect()).invoices.find((i) => i.id === id)!);
}

async function paymentsOf(customerId: string) {
  return (await backend.inspect()).payments.filter((p) => p.customerId === customerId && !p.id.startsWith('pay-seed'));
}

async function mountInvoices(email = DANA, template = html`<portal-invoices></portal-invoices>`) {
  const { element, provider } = await mount<PortalInvoices>(template, { session: await sessionFor(email), select: 'portal-invoices' });
  await untilText(element, /Outstanding invoices|all paid up/);
  // The windowed list renders its rows a frame or two after the element.
  await waitUntil(() => $$(element, '[role="listitem"]').length > 0 || /all paid up/.test(textOf(element)), 'no rows', { timeout: 5000 });
  return { element, provider };
}

function button(element: Element, text: string | RegExp): HTMLButtonElement {
  const found = $$(element, 'button').find((b) => (typeof text === 'string' ? textOf(b).includes(text) : text.test(textOf(b))));
  if (!found) throw new Error(`no button ${String(text)} in: ${textOf(element).slice(0, 300)}`);
  return found as HTMLButtonElement;
}

function field(element: Element, name: string) {
  return $(element, `[name="${name}"]`) as HTMLInputElement;
}

function fillCard(element: Element, number: string = TEST_CARDS.visa, rest: Partial<Record<'expiry' | 'cvc' | 'postalCode', string>> = {}) {
  type(field(element, 'number'), number);
  type(field(element, 'expiry'), rest.expiry ?? EXPIRY);
  type(field(element, 'cvc'), rest.cvc ?? '123');
  type(field(element, 'postalCode'), rest.postalCode ?? '62704');
}

function submit(element: Element) {
  ($(element, 'form') as HTMLFormElement).requestSubmit();
}

/** The pay form's alert, and the message in it now. */
function payAlert(element: Element) {
  const region = $(element, '[part~="pay-error"]');
  expect(region.getAttribute('role')).to.equal('alert');
  return region.querySelector('p');
}

/** Opens the pay form for one invoice from its detail. */
async function openPayFor(element: PortalInvoices, number: string) {
  button(element, `Invoice ${number}`).click();
  await untilText(element, 'Line items');
  button(element, `Pay invoice ${number}`).click();
  await waitUntil(() => element.shadowRoot!.querySelector('form'), 'pay form never opened', { timeout: 5000 });
}

/** Errors the page's own code threw (an event handler) while `work` ran, and in the two frames after. */
async function uncaughtDuring(work: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  window.addEventListener('error', onError);
  try {
    await work();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  } finally {
    window.removeEventListener('error', onError);
  }
  return errors;
}


/** The box of `text` where it is drawn inside `container` (the first text node holding it). */
function textBox(container: Element, text: string): DOMRect {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`no “${text}” in ${container.outerHTML.slice(0, 200)}`);
}

/** Two boxes read as separate pieces: one under the other, or side by side with space between them. */
function apart(first: DOMRect, second: DOMRect) {
  return second.top >= first.bottom - 1 || second.left - first.right >= 8;
}

describe('<portal-invoices>', () => {
  beforeEach(() => startTestBackend());

  it('shows the balance and the outstanding invoices, without those the invoice filter hides', async () => {
    const { element } = await mountInvoices();
    const { body } = await api('GET', '/customers/cust-1001/balance', { token: (await sessionFor(DANA)).token });
    const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    const text = textOf(element);
    expect(textOf($(element, '[part="balance"]'))).to.contain(`Balance due ${money(body.totalDue)}`);
    expect(textOf($(element, '[part="balance"]'))).to.contain(`Past due ${money(body.pastDue)}`);
    for (const shown of ['10377', '10412', '10518']) expect(text).to.contain(`Invoice ${shown}`);
    for (const hidden of ['10533', '10540', '10544', '10231']) expect(text).not.to.contain(`Invoice ${hidden}`);
    expect(text).to.match(/\(2 invoices\)/);
    await expect(element).to.be.accessible();
  });

  it('leaves out an invoice of an excluded business unit', async () => {
    const { element } = await mountInvoices(PRIYA);
    const text = textOf(element);
    expect(text).to.contain('Invoice 10602');
    expect(text).not.to.contain('Invoice 10601');
    expect(text).not.to.contain('Rooftop unit compressor');
  });

  it('shows paid invoices on request', async () => {
    const { element } = await mountInvoices();
    expect(textOf(element)).not.to.contain('Invoice 10231');
    button(element, 'Show paid invoices').click();
    await untilText(element, 'Invoice 10231');
    expect(button(element, 'Hide paid invoices').getAttribute('aria-expanded')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('opens an invoice: line items, tax, total, payments applied, balance, business unit, location, job', async () => {
    const { element } = await mountInvoices();
    button(element, 'Invoice 10377').click();
    await untilText(element, 'Line items');
    const text = textOf(element);
    for (const part of ['Blower motor, 1/2 HP', 'Subtotal', 'Tax', 'Total', 'Payments applied', 'Visa •••• 4242', '$300.00', 'HVAC Service', 'Home', 'Job 50007', 'Past due']) {
      expect(text).to.contain(part);
    }
    const seeded = await invoice('inv-10377');
    expect(textOf($(element, '[part="invoice-balance"]'))).to.contain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(seeded.balance / 100),
    );
    expect(element.shadowRoot!.activeElement?.id).to.equal('view-heading');
    await expect(element).to.be.accessible();
    button(element, 'Back to invoices').click();
    await untilText(element, 'Outstanding invoices');
  });

  it('Back from an invoice opened by keyboard takes focus to that invoice’s button in its list, outstanding or paid', async () => {
    const { element } = await mountInvoices();
    const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
    const openAndGoBack = async (number: string) => {
      button(element, `Invoice ${number}`).focus();
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'Line items');
      expect(focused()?.id).to.equal('view-heading');
      button(element, 'Back to invoices').focus();
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'Outstanding invoices');
      // The list is drawn anew: the button is the new row's, found again by what it says.
      await waitUntil(() => focused() === button(element, `Invoice ${number}`), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
      return focused()!;
    };
    const outstanding = await openAndGoBack('10412');
    expect(outstanding.closest('[role="list"]')?.getAttribute('aria-label')).to.equal('Outstanding invoices');
    button(element, 'Show paid invoices').click();
    await untilText(element, 'Invoice 10231');
    const paid = await openAndGoBack('10231');
    expect(paid.closest('[role="list"]')?.getAttribute('aria-label')).to.equal('Paid invoices');
  });

  it('Cancel on a pay form opened with "Pay selected" or "Pay all" takes focus back to that button', async () => {
    const { element } = await mountInvoices();
    const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
    const openAndCancel = async (label: RegExp) => {
      button(element, label).focus();
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'Card number');
      button(element, 'Cancel').focus();
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'Outstanding invoices');
      await waitUntil(() => focused() === button(element, label), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
    };
    ($(element, '#select-inv-10412') as HTMLInputElement).click();
    await element.updateComplete;
    await openAndCancel(/^Pay selected \(1\)$/);
    await openAndCancel(/^Pay all \d+ invoices$/);
  });

  it('Back focuses the heading when the invoice has left the list meanwhile (paid in another tab)', async () => {
    const { element, provider } = await mountInvoices();
    button(element, 'Invoice 10412').focus();
    await sendKeys({ press: 'Enter' });
    await untilText(element, 'Line items');
    const { balance } = await invoice('inv-10412');
    const other = await api('POST', '/customers/cust-1001/payments', {
      token: (await sessionFor(DANA)).token,
      headers: { 'Idempotency-Key': 'other-tab-back-0001' },
      body: { applications: [{ invoiceId: 'inv-10412', amount: balance }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear: 2099, cvc: '123', postalCode: '62704' } },
    });
    expect(other.status).to.equal(201);
    provider.portalState.value.dataChanged();
    // The reload done (the open invoice and the list): the list no longer has 10412.
    await untilText(element, 'Balance due $0.00');
    await waitUntil(() => !element.matches(':state(loading)'), 'the reload never ended', { timeout: 5000 });
    button(element, 'Back to invoices').focus();
    await sendKeys({ press: 'Enter' });
    await untilText(element, 'Outstanding invoices');
    expect(textOf(element)).not.to.contain('Invoice 10412');
    expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
  });

  it('Back from an invoice opened from the page’s address takes focus to that invoice’s button in the list', async () => {
    const { element } = await mountInvoices();
    // As <portal-app> does when the address names an invoice (a link, the browser's Forward).
    element.invoice = 'inv-10518';
    await untilText(element, 'Line items');
    const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
    button(element, 'Back to invoices').focus();
    await sendKeys({ press: 'Enter' });
    await untilText(element, 'Outstanding invoices');
    await waitUntil(() => focused() === button(element, 'Invoice 10518'), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
  });

  it('Back from the receipt of "Pay selected" takes focus to the paid invoice’s button while it still has a balance', async () => {
    const { element } = await mountInvoices();
    const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
    ($(element, '#select-inv-10518') as HTMLInputElement).click();
    await element.updateComplete;
    button(element, 'Pay selected (1)').focus();
    await sendKeys({ press: 'Enter' });
    await untilText(element, 'Card number');
    type(field(element, 'amount-inv-10518'), '10.00');
    fillCard(element);
    submit(element);
    await untilText(element, 'We received your payment of $10.00');
    // "Pay selected" is disabled now (nothing is selected): the invoice paid is where the customer was.
    button(element, 'Back to invoices').focus();
    await sendKeys({ press: 'Enter' });
    await untilText(element, 'Outstanding invoices');
    await waitUntil(() => focused() === button(element, 'Invoice 10518'), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
  });

  it('on a phone the list is part of the page: no box of its own to scroll, every invoice whole', async () => {
    await atWidth(320, async () => {
      const { element } = await mountInvoices();
      await element.listComplete();
      const list = $(element, '[role="list"]');
      const trapped = [list, ...$$(element, '*')].filter((box) => {
        const { overflowY } = getComputedStyle(box);
        return (overflowY === 'auto' || overflowY === 'scroll') && box.scrollHeight > box.clientHeight + 1;
      });
      expect(trapped.map((box) => box.className), 'boxes that scroll inside the page').to.deep.equal([]);
      const listBox = list.getBoundingClientRect();
      for (const item of $$(element, '[role="listitem"]')) {
        const box = item.getBoundingClientRect();
        expect(box.bottom, textOf(item).slice(0, 20)).to.be.at.most(listBox.bottom + 0.5);
      }
      expect($$(element, '[role="listitem"]')).to.have.length(3);
      await expect(element).to.be.accessible();
    });
  });

  it('shows a malformed invoice from the backend as a clear error, with a way back', async () => {
    useHandlers(
      http.get('*/api/customers/:customerId/invoices/inv-10412', async () =>
        HttpResponse.json({ ...(await invoice('inv-10412')), total: 'a lot', items: null }),
      ),
    );
    const { element } = await mountInvoices();
    button(element, 'Invoice 10412').click();
    await untilText(element, /Something went wrong on our side/);
    expect(textOf(element)).not.to.match(/undefined|NaN|\[object/);
    await expect(element).to.be.accessible();
    button(element, 'Back to invoices').click();
    await untilText(element, 'Outstanding invoices');
  });

  it('says so when nothing is due', async () => {
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, {
      session: await sessionFor(PRIYA),
    });
    await untilText(element, 'Outstanding invoices');
    element.ownerDocument.querySelector('portal-provider')!.portalState.value.selectAccount('cust-1004');
    await untilText(element, 'Invoice 10701');
    const state = await backend.inspect();
    state.invoices.find((i) => i.id === 'inv-10701')!.balance = 0;
    await backend.restore(state);
    element.reload();
    await untilText(element, 'all paid up');
    await expect(element).to.be.accessible();
  });

  it('without online payments shows no pay button and says how to pay', async () => {
    await changeSettings({ onlinePaymentsEnabled: false });
    const { element } = await mountInvoices();
    expect($$(element, 'button').map(textOf).filter((t) => /^Pay/.test(t))).to.deep.equal([]);
    expect($$(element, 'input[type="checkbox"]')).to.have.length(0);
    expect(textOf(element)).to.contain('To pay, call Northwind Heating & Air at (555) 010-4477');
    button(element, 'Invoice 10412').click();
    await untilText(element, 'Line items');
    expect($$(element, 'button').map(textOf).filter((t) => /^Pay/.test(t))).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('signed out, promises paying online only where the contractor has it on', async () => {
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`);
    await untilText(element, 'Sign in to see your balance and invoices, and to pay online.');
    await changeSettings({ onlinePaymentsEnabled: false });
    const off = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`);
    await untilText(off.element, 'Sign in to see your balance and invoices.');
    expect(textOf(off.element)).not.to.contain('pay online');
  });

  it('shows the backend’s refusal when payments are turned off while the form is open', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    await changeSettings({ onlinePaymentsEnabled: false });
    fillCard(element);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    expect((await failed).detail.code).to.equal('FEATURE_DISABLED');
    await untilText(element, 'isn’t available online');
    expect(await paymentsOf('cust-1001')).to.have.length(0);
  });

  it('pays part of an invoice, shows a receipt, fires portal-payment-succeeded and updates every element', async () => {
    const { element, provider } = await mountInvoices(
      DANA,
      html`<portal-invoices id="a"></portal-invoices><portal-invoices id="b"></portal-invoices>`,
    );
    const other = provider.querySelector('#b') as PortalInvoices;
    await untilText(other, 'Outstanding invoices');
    const before = await invoice('inv-10412');
    const totalBefore = (await backend.inspect()).invoices
      .filter((i) => ['inv-10377', 'inv-10412', 'inv-10518'].includes(i.id))
      .reduce((s, i) => s + i.balance, 0);
    await openPayFor(element, '10412');
    await expect(element).to.be.accessible();
    type(field(element, 'amount-inv-10412'), '50.25');
    fillCard(element, '4242 4242 4242 4242');
    await untilText(element, 'Pay $50.25');
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const { detail } = await succeeded;
    expect(detail.payment.amount).to.equal(5025);
    expect(detail.payment.card).to.deep.equal({ brand: 'Visa', last4: '4242' });
    await untilText(element, 'We received your payment of $50.25');
    // Focus goes to the receipt's heading, which is read then; a live region around it would say it twice.
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'view-heading', 'focus never reached the receipt', { timeout: 5000 });
    expect(liveRegionAround($(element, '#view-heading'))).to.equal(null);
    expect(textOf(element)).to.contain(detail.payment.receiptNumber);
    expect(textOf(element)).to.contain('Visa •••• 4242');
    // The time says which zone it is in: the contractor's.
    const { timeZone } = (await backend.inspect()).settings;
    const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(detail.payment.createdAt))
      .find((p) => p.type === 'timeZoneName')!.value;
    expect(textOf($(element, '[part="receipt"]'))).to.match(new RegExp(`Paid on ?[^·]*\\d:\\d\\d\\s?[AP]M ${zone}`));
    await expect(element).to.be.accessible();
    expect((await invoice('inv-10412')).balance).to.equal(before.balance - 5025);
    const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    await untilText(other, money(totalBefore - 5025));
    button(element, 'Back to invoices').click();
    await untilText(element, money(totalBefore - 5025));
  });

  it('keeps the receipt when the reload after paying fails, says so, and Try again brings the new balance', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    type(field(element, 'amount-inv-10412'), '10.00');
    fillCard(element);
    await untilText(element, 'Pay $10.00');
    // The payment goes through; the reload of the balance after it finds no network.
    useHandlers(http.get('*/api/customers/:id/balance', () => HttpResponse.error(), { once: true }));
    const succeeded = oneEvent(element, 'portal-payment-succeeded');
    submit(element);
    await succeeded;
    await untilText(element, 'couldn’t connect');
    await untilText(element, 'We received your payment of $10.00', 100);
    await expect(element).to.be.accessible();
    ($(element, '[part="error"] button') as HTMLButtonElement).click();
    await waitUntil(() => $$(element, '[role="alert"]').length === 0, 'the note stays after a reload that works', { timeout: 5000 });
    expect(textOf(element)).to.contain('We received your payment of $10.00');
  });

  it('pays in its own language: the backend writes the receipt in it (en-GB here, not the browser’s)', async () => {
    const seen: (string | null)[] = [];
    useHandlers(
      http.post('*/api/customers/:customerId/payments', ({ request }) => {
        seen.push(request.headers.get('Accept-Language'));
        return undefined;
      }),
    );
    const { element } = await mountInvoices(DANA, html`<portal-invoices lang="en-GB"></portal-invoices>`);
    await openPayFor(element, '10412');
    type(field(element, 'amount-inv-10412'), '10.00');
    fillCard(element);
    const succeeded = oneEvent(element, 'portal-payment-succeeded');
    submit(element);
    await succeeded;
    expect(seen).to.deep.equal(['en-GB']);
  });

  it('pays several invoices in one charge, the split reconciling to the cent', async () => {
    const { element } = await mountInvoices();
    const [a, b] = await Promise.all([invoice('inv-10377'), invoice('inv-10412')]);
    for (const id of ['inv-10377', 'inv-10412']) ($(element, `#select-${id}`) as HTMLInputElement).click();
    await element.updateComplete;
    button(element, 'Pay selected (2)').click();
    await untilText(element, 'Pay 2 invoices');
    expect(field(element, 'amount-inv-10377').value).to.equal((a.balance / 100).toFixed(2));
    type(field(element, 'amount-inv-10412'), '10.01');
    fillCard(element, TEST_CARDS.mastercard);
    await untilText(element, `Pay $${((a.balance + 1001) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const { payment } = (await succeeded).detail;
    expect(payment.applications.map((x) => [x.invoiceId, x.amount])).to.deep.equal([
      ['inv-10377', a.balance],
      ['inv-10412', 1001],
    ]);
    expect(payment.amount).to.equal(a.balance + 1001);
    expect((await invoice('inv-10377')).balance).to.equal(0);
    expect((await invoice('inv-10412')).balance).to.equal(b.balance - 1001);
    await untilText(element, 'Invoice 10377');
    expect(textOf($(element, '[part="receipt"]'))).to.contain('Invoice 10412');
  });

  it('charges once when Pay is pressed twice', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    const { balance } = await invoice('inv-10412');
    // A part payment: a second charge would fit in the balance, so only the element and the key stop it.
    type(field(element, 'amount-inv-10412'), '10.00');
    fillCard(element);
    const pay = $(element, 'button[type="submit"]') as HTMLButtonElement;
    const succeeded = oneEvent(element, 'portal-payment-succeeded');
    pay.click();
    pay.click();
    submit(element);
    await succeeded;
    await untilText(element, 'We received your payment');
    expect(await paymentsOf('cust-1001')).to.have.length(1);
    expect((await invoice('inv-10412')).balance).to.equal(balance - 1000);
  });

  it('lines up the card row at a desktop width: one top and one height, hints under the inputs', async () => {
    const { element } = await mountInvoices(DANA, html`<div style="width: 760px"><portal-invoices></portal-invoices></div>`);
    await openPayFor(element, '10412');
    const measure = () => {
      const [expiry, cvc, postal] = ['expiry', 'cvc', 'postalCode'].map((name) => field(element, name).getBoundingClientRect());
      return { expiry: expiry!, cvc: cvc!, postal: postal! };
    };
    const check = (when: string) => {
      const { expiry, cvc, postal } = measure();
      // One row, side by side.
      expect(expiry.right, when).to.be.at.most(cvc.left);
      expect(cvc.right, when).to.be.at.most(postal.left);
      for (const [name, box] of [['security code', cvc], ['postal code', postal]] as const) {
        expect(Math.abs(box.top - expiry.top), `${name} top, ${when}`).to.be.below(1);
        expect(Math.abs(box.height - expiry.height), `${name} height, ${when}`).to.be.below(1);
      }
      // Inputs keep their own height (2.75rem), not the tallest field's.
      expect(expiry.height, when).to.be.below(50);
      const hint = $(element, '#cvc-hint').getBoundingClientRect();
      expect(hint.top, `the hint is under its input, ${when}`).to.be.at.least(cvc.bottom - 0.5);
    };
    check('as opened');
    // With a problem under some fields and not others.
    type(field(element, 'cvc'), '1');
    submit(element);
    await untilText(element, '3-digit security code');
    check('with problems shown');
    await expect(element).to.be.accessible();
  });

  it('says on the Pay button only an amount that would be charged', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    const { balance } = await invoice('inv-10412');
    const pay = () => textOf($(element, 'button[type="submit"]'));
    const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    expect(pay()).to.equal(`Pay ${money(balance)}`);
    type(field(element, 'amount-inv-10412'), '9999');
    await element.updateComplete;
    expect(pay(), 'more than the balance').to.equal('Pay');
    expect(textOf($(element, '.total'))).to.contain('Check the amounts above');
    type(field(element, 'amount-inv-10412'), '0.50');
    await element.updateComplete;
    expect(pay(), 'below the minimum').to.equal('Pay');
    type(field(element, 'amount-inv-10412'), '');
    await element.updateComplete;
    expect(pay(), 'empty').to.equal('Pay');
    type(field(element, 'amount-inv-10412'), '50.25');
    await element.updateComplete;
    expect(pay()).to.equal('Pay $50.25');
    expect(textOf($(element, '.total'))).to.contain('Total $50.25');
    // Read when reached: as a live region it would be said again at every key pressed in an amount.
    expect(liveRegionAround($(element, '.total'))).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('lays out the total’s label, amount and note as separate pieces, at 320 and 360 px and on a wide screen', async () => {
    const check = async (width: number) => {
      const { element } = await mountInvoices();
      await openPayFor(element, '10377');
      const total = $(element, '.total');
      type(field(element, 'amount-inv-10377'), '600');
      await untilText(total, 'Check the amounts above');
      await element.updateComplete;
      const label = textBox(total, 'Total');
      const note = textBox(total, 'Check the amounts above');
      expect(apart(label, note), `at ${width} px: “Total” at ${label.left}…${label.right}, the note at ${note.left}…${note.right}`).to.equal(true);
      // The note on one line, not broken up beside the label.
      const range = document.createRange();
      range.selectNodeContents([...total.querySelectorAll('*')].find((e) => e.textContent?.trim() === 'Check the amounts above')!);
      expect(new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size, `the note’s lines at ${width} px`).to.equal(1);
      type(field(element, 'amount-inv-10377'), '50.25');
      await untilText(total, '$50.25');
      expect(apart(textBox(total, 'Total'), textBox(total, '$50.25')), `label and amount at ${width} px`).to.equal(true);
    };
    await atWidth(320, () => check(320));
    await atWidth(360, () => check(360));
    await check(800);
  });

  it('pays on Enter in the card number, the blur of the field as the receipt replaces the form throwing nothing', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    type(field(element, 'amount-inv-10412'), '10.00');
    // Digits as typed, with no spaces: leaving the field would group them.
    fillCard(element, TEST_CARDS.visa);
    field(element, 'number').focus();
    const errors = await uncaughtDuring(async () => {
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'We received your payment of $10.00');
    });
    expect(errors).to.deep.equal([]);
    expect(await paymentsOf('cust-1001')).to.have.length(1);
  });

  it('checks the card before sending it, with a message on each field', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    fillCard(element, '4242 4242 4242 4241', { expiry: '01/20', cvc: '12', postalCode: '' });
    submit(element);
    await untilText(element, 'This card number isn’t valid');
    expect(textOf(element)).to.contain('This card has expired');
    expect(textOf(element)).to.contain('3-digit security code');
    expect(textOf(element)).to.contain('billing postal code');
    expect(field(element, 'number').getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.activeElement).to.equal(field(element, 'number'));
    await expect(element).to.be.accessible();
    // Grouped on leaving the field, the same digits keep their problem: nothing was fixed.
    type(field(element, 'number'), '4242424242424241');
    field(element, 'number').focus();
    field(element, 'cvc').focus();
    await element.updateComplete;
    expect((field(element, 'number') as HTMLInputElement).value).to.equal('4242 4242 4242 4241');
    expect(textOf(element)).to.contain('This card number isn’t valid');
    // A field being fixed drops its own problem at once; the others stay until the next attempt.
    type(field(element, 'expiry'), '12/29');
    await element.updateComplete;
    expect(textOf(element)).not.to.contain('This card has expired');
    expect(field(element, 'expiry').getAttribute('aria-invalid')).to.not.equal('true');
    expect(textOf(element)).to.contain('This card number isn’t valid');
    type(field(element, 'amount-inv-10412'), '0.50');
    submit(element);
    await untilText(element, 'Pay at least $1.00');
    type(field(element, 'amount-inv-10412'), '99999');
    submit(element);
    await untilText(element, 'That is more than the');
    expect(await paymentsOf('cust-1001')).to.have.length(0);
  });

  it('says each failed attempt anew, naming the problem: the only one, or the first of several; focus on its field', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    const balance = textOf($(element, '#amount-inv-10412-hint'));
    fillCard(element);
    type(field(element, 'amount-inv-10412'), '99999');
    submit(element);
    await untilText(element, 'That is more than the');
    let only = payAlert(element)!;
    expect(textOf(only)).to.equal(textOf($(element, '#amount-inv-10412-problem')));
    expect(textOf(only)).to.match(/^That is more than the \$[\d,.]+ due\. Pay at most \$[\d,.]+\.$/);
    // Said, but shown once: beside its field, not a second time above the button.
    expect(only.className).to.equal('visually-hidden');
    // Mended, the field's words go and the alert with them: it does not show up, stale, in their place.
    const amount = (field(element, 'amount-inv-10412') as HTMLInputElement).value;
    type(field(element, 'amount-inv-10412'), '10.00');
    await element.updateComplete;
    expect(payAlert(element)).to.equal(null);
    type(field(element, 'amount-inv-10412'), amount);
    submit(element);
    await untilText(element, 'That is more than the');
    only = payAlert(element)!;
    expect(element.shadowRoot!.activeElement).to.equal(field(element, 'amount-inv-10412'));
    // Focus is in the field already: pressing Pay again says it again, in a new node.
    submit(element);
    await waitUntil(() => payAlert(element) !== only, 'the second attempt left the first alert in place', { timeout: 5000 });
    expect(only.isConnected).to.equal(false);
    expect(textOf(payAlert(element)!)).to.equal(textOf(only));
    // Several problems: that there are several, and the first.
    type(field(element, 'number'), '4242 4242 4242 4241');
    type(field(element, 'cvc'), '1');
    submit(element);
    await untilText(element, 'Some fields need a change.');
    expect(textOf(payAlert(element)!)).to.equal(`Some fields need a change. The first: ${textOf($(element, '#amount-inv-10412-problem'))}`);
    expect(payAlert(element)!.className, 'a summary no field shows is shown').to.equal('message error');
    // Each field is named by its label alone; its hint and problem are its description, read once.
    expect(nameAndDescription(field(element, 'amount-inv-10412'))).to.deep.equal({
      name: 'Invoice 10412',
      description: `${balance} ${textOf($(element, '#amount-inv-10412-problem'))}`,
    });
    expect(nameAndDescription(field(element, 'number'))).to.deep.equal({ name: 'Card number', description: textOf($(element, '#number-problem')) });
    expect(nameAndDescription(field(element, 'cvc'))).to.deep.equal({
      name: 'Security code',
      description: `3 digits on the back; 4 on the front for Amex ${textOf($(element, '#cvc-problem'))}`,
    });
    expect(nameAndDescription(field(element, 'expiry')).name).to.equal('Expiry date');
    expect(nameAndDescription(field(element, 'postalCode'))).to.deep.equal({ name: 'Postal code', description: '' });
    await expect(element).to.be.accessible();
    expect(await paymentsOf('cust-1001')).to.have.length(0);
  });

  it('a field the backend refused: the alert says so in general words, the field says which, and focus goes to it', async () => {
    useHandlers(
      http.post('*/api/customers/:customerId/payments', () =>
        HttpResponse.json({ error: { code: 'VALIDATION', message: 'Bad postal code.', details: { field: 'card.postalCode' } } }, { status: 400 }),
      ),
    );
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    fillCard(element);
    submit(element);
    await untilText(element, 'Check this field: it was not accepted.');
    expect(textOf(payAlert(element)!)).to.equal('Some of the information isn’t valid. Check it and try again.');
    await waitUntil(() => element.shadowRoot!.activeElement === field(element, 'postalCode'), 'focus stayed on Pay', { timeout: 5000 });
    expect(field(element, 'postalCode').getAttribute('aria-describedby')).to.equal('postalCode-problem');
  });

  const failures: [string, string, string, RegExp][] = [
    ['a decline', TEST_CARDS.declined, 'PAYMENT_DECLINED', /card was declined/],
    ['insufficient funds', TEST_CARDS.insufficientFunds, 'INSUFFICIENT_FUNDS', /insufficient funds/],
    ['a processor failure', TEST_CARDS.processorError, 'PAYMENT_FAILED', /You were not charged/],
  ];
  for (const [label, number, code, message] of failures) {
    it(`shows ${label} clearly and keeps everything typed`, async () => {
      const { element } = await mountInvoices();
      await openPayFor(element, '10412');
      type(field(element, 'amount-inv-10412'), '42.00');
      fillCard(element, number, { postalCode: '62704-1234' });
      const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
      submit(element);
      const { detail } = await failed;
      expect(detail.code).to.equal(code);
      expect(detail.amount).to.equal(4200);
      expect(detail.outcomeUnknown).to.equal(false);
      await untilText(element, message);
      expect(textOf($(element, '[role="alert"]'))).to.match(message);
      // The same failure again is said again: a new node in the alert, not the same text left as it was.
      const said = payAlert(element)!;
      submit(element);
      await waitUntil(() => payAlert(element) && payAlert(element) !== said, 'the second failure was not said again', { timeout: 5000 });
      expect(textOf(payAlert(element)!)).to.match(message);
      expect(field(element, 'amount-inv-10412').value).to.equal('42.00');
      expect(field(element, 'number').value.replace(/\s/g, '')).to.equal(number);
      expect(field(element, 'expiry').value).to.equal(EXPIRY);
      expect(field(element, 'cvc').value).to.equal('123');
      expect(field(element, 'postalCode').value).to.equal('62704-1234');
      await expect(element).to.be.accessible();
      expect(await paymentsOf('cust-1001')).to.have.length(0);
      // Another card then goes through.
      type(field(element, 'number'), TEST_CARDS.visa);
      submit(element);
      await untilText(element, 'We received your payment of $42.00');
      expect(await paymentsOf('cust-1001')).to.have.length(1);
    });
  }

  it('after a dropped connection, Pay again shows the payment already made and charges once', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    type(field(element, 'amount-inv-10412'), '20.00');
    fillCard(element, TEST_CARDS.networkFailure);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    const { detail } = await failed;
    expect(detail.code).to.equal('NETWORK');
    expect(detail.outcomeUnknown).to.equal(true);
    await untilText(element, 'connection dropped');
    expect(field(element, 'number').value.replace(/\s/g, '')).to.equal(TEST_CARDS.networkFailure);
    // The payment stays as sent until Pay again tells: another amount would be a second payment.
    expect([field(element, 'amount-inv-10412').readOnly, field(element, 'number').readOnly]).to.deep.equal([true, true]);
    await expect(element).to.be.accessible();
    // The charge went through at the processor; only the answer was lost.
    expect(await paymentsOf('cust-1001')).to.have.length(1);
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const payment = (await succeeded).detail.payment;
    await untilText(element, 'We received your payment of $20.00');
    const kept = await paymentsOf('cust-1001');
    expect(kept).to.have.length(1);
    expect(kept[0]!.id).to.equal(payment.id);
  });

  for (const [label, answer] of [
    ['a gateway timeout (504)', () => new HttpResponse('<html>Gateway Timeout</html>', { status: 504 })],
    ['an answer that cannot be read', () => HttpResponse.json({ id: 'pay_1', amount: 'twenty dollars' }, { status: 201 })],
  ] as const) {
    it(`after ${label} once the charge was made, Pay again charges once`, async () => {
      const { element } = await mountInvoices();
      await openPayFor(element, '10412');
      type(field(element, 'amount-inv-10412'), '20.00');
      fillCard(element);
      // The backend charges, then the answer is lost on the way back.
      useHandlers(
        http.post(
          '*/api/customers/:customerId/payments',
          async ({ request }) => {
            await backend.handle(request);
            return answer();
          },
          { once: true },
        ),
      );
      const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
      submit(element);
      expect((await failed).detail.outcomeUnknown).to.equal(true);
      expect(await paymentsOf('cust-1001')).to.have.length(1);
      const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
      submit(element);
      await succeeded;
      expect(await paymentsOf('cust-1001')).to.have.length(1);
    });
  }

  it('reads an amount typed with a decimal comma on an English page as the decimal it is ($50.00), never 100 times more', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    type(field(element, 'amount-inv-10412'), '50,00');
    fillCard(element);
    await untilText(element, 'Pay $50.00');
    submit(element);
    await untilText(element, 'We received your payment of $50.00');
    expect((await paymentsOf('cust-1001')).map((p) => p.amount)).to.deep.equal([5000]);
  });

  it('survives signing out while a payment is under way', async () => {
    const { element, provider } = await mountInvoices();
    await openPayFor(element, '10412');
    fillCard(element, TEST_CARDS.declined);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    provider.portalState.value.sessionExpired();
    expect((await failed).detail.code).to.equal('PAYMENT_DECLINED');
    await untilText(element, 'Sign in to see your balance');
  });

  it('refuses paying again what another tab already paid, and updates the amount due', async () => {
    const { element } = await mountInvoices();
    await openPayFor(element, '10412');
    const { balance } = await invoice('inv-10412');
    // "Another tab" pays 30.00 first.
    const token = (await sessionFor(DANA)).token;
    const other = await api('POST', '/customers/cust-1001/payments', {
      token,
      headers: { 'Idempotency-Key': 'other-tab-0001' },
      body: { applications: [{ invoiceId: 'inv-10412', amount: 3000 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear: 2099, cvc: '123', postalCode: '62704' } },
    });
    expect(other.status).to.equal(201);
    fillCard(element);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    expect((await failed).detail.code).to.equal('CONFLICT');
    await untilText(element, 'balance changed');
    await waitUntil(() => field(element, 'amount-inv-10412').value === ((balance - 3000) / 100).toFixed(2), 'amount never updated', { timeout: 5000 });
    expect(field(element, 'number').value.replace(/\s/g, '')).to.equal(TEST_CARDS.visa);
    expect((await invoice('inv-10412')).balance).to.equal(balance - 3000);
    submit(element);
    await untilText(element, 'We received your payment');
    expect((await invoice('inv-10412')).balance).to.equal(0);
  });
});
