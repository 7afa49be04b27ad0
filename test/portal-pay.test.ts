import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalPay } from '../src/elements/portal-pay/portal-pay.js';
import type { PortalPaymentFailedEvent } from '../src/events/portal-payment-failed.js';
import type { PortalPaymentSucceededEvent } from '../src/events/portal-payment-succeeded.js';
import '../src/define/portal-pay.js';
import { TEST_CARDS } from '../backend/index.js';
import { api, backend, clock, startTestBackend, useHandlers } from './helpers/backend.js';
import { changeSettings } from './helpers/account.js';
import { DAY, atPhoneWidth, leaveLinkAddress, office, openAddress, sendLink, settled, sidewaysProblems } from './helpers/links.js';
import { $, $$, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';
import { DANA } from './helpers/people.js';
import { formatMoney } from '../src/internal/format.js';
import { payTiming } from '../src/elements/portal-invoices/pay-form.js';

const EXPIRY = `12/${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;

async function openPayLink(invoiceId = 'inv-10412') {
  const { url, token } = await sendLink('pay', invoiceId);
  openAddress(url);
  const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
  return { element, url, token };
}

async function balanceOf(invoiceId: string) {
  return (await backend.inspect()).invoices.find((i) => i.id === invoiceId)!.balance;
}

async function linkPayments() {
  return (await backend.inspect()).payments.filter((p) => p.customerId === 'cust-1001' && !p.id.startsWith('pay-seed'));
}

function button(element: Element, text: string): HTMLButtonElement {
  const found = $$(element, 'button').find((b) => textOf(b).includes(text));
  if (!found) throw new Error(`no button ${text} in: ${textOf(element).slice(0, 300)}`);
  return found as HTMLButtonElement;
}

function field(element: Element, name: string) {
  return $(element, `[name="${name}"]`) as HTMLInputElement;
}

function fillCard(element: Element, number: string = TEST_CARDS.visa) {
  type(field(element, 'number'), number);
  type(field(element, 'expiry'), EXPIRY);
  type(field(element, 'cvc'), '123');
  type(field(element, 'postalCode'), '62704');
}

async function openForm(element: PortalPay) {
  await untilText(element, 'Pay invoice 10412');
  button(element, 'Pay invoice 10412').click();
  await waitUntil(() => element.shadowRoot!.querySelector('form'), 'pay form never opened', { timeout: 5000 });
}

function submit(element: Element) {
  ($(element, 'form') as HTMLFormElement).requestSubmit();
}

/** $20.00 paid with the test card whose charge goes through and whose answer is lost on the way back. */
async function payTwentyAndLoseTheAnswer() {
  const { element } = await openPayLink();
  await openForm(element);
  type(field(element, 'amount-inv-10412'), '20.00');
  fillCard(element, TEST_CARDS.networkFailure);
  submit(element);
  await untilText(element, 'connection dropped');
  return element;
}

describe('<portal-pay>', () => {
  // The first test of a file loads SQLite (WebAssembly) and migrates it: slow on a busy two-core machine.
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  afterEach(() => leaveLinkAddress());

  it('opens one invoice from the link’s address, with no sign-in and no way to other invoices', async () => {
    const { element } = await openPayLink();
    await untilText(element, 'Invoice 10412 from Northwind Heating & Air');
    expect(textOf(element)).to.contain('Balance due');
    expect(textOf(element)).not.to.contain('Back to invoices');
    expect(textOf(element)).not.to.contain('10377');
    await expect(element).to.be.accessible();
  });

  it('pays part with the same form and rules as <portal-invoices>, then the rest; the link then shows the receipt', async () => {
    const balance = await balanceOf('inv-10412');
    const { element, url } = await openPayLink();
    await openForm(element);
    await expect(element).to.be.accessible();
    // The same minimum as the portal.
    type(field(element, 'amount-inv-10412'), '0.50');
    fillCard(element);
    submit(element);
    await untilText(element, 'Pay at least $1.00.');
    // The alert names the problem itself, and focus is on its field.
    expect(textOf($(element, '[part~="pay-error"][role="alert"]'))).to.equal('Pay at least $1.00.');
    expect(element.shadowRoot!.activeElement).to.equal(field(element, 'amount-inv-10412'));
    type(field(element, 'amount-inv-10412'), '20.00');
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const first = (await succeeded).detail.payment;
    expect(first.amount).to.equal(2000);
    await untilText(element, 'We received your payment of $20.00');
    // Focus goes to the receipt's heading, which is read then: in a status too, it would be said twice.
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'view-heading', 'focus never reached the receipt', { timeout: 5000 });
    expect($(element, '#view-heading').closest('[role="status"], [role="alert"], [aria-live]')).to.equal(null);
    await untilText(element, 'Balance still due');
    expect(await balanceOf('inv-10412')).to.equal(balance - 2000);
    expect($(element, '.rest [part~="invoice-balance"] strong').textContent).to.equal(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format((balance - 2000) / 100),
    );
    await expect(element).to.be.accessible();

    button(element, 'Pay the rest').click();
    await waitUntil(() => element.shadowRoot!.querySelector('form'), 'pay form never opened', { timeout: 5000 });
    fillCard(element);
    submit(element);
    await untilText(element, 'Thank you! We received your payment');
    expect(await balanceOf('inv-10412')).to.equal(0);
    // The receipt of the last payment says nothing is left.
    await untilText(element, 'This invoice is now paid in full.');

    // Opened again later: the receipt, the earlier payment, nothing to pay.
    element.remove();
    openAddress(url);
    const { element: again } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
    await untilText(again, 'Earlier payments');
    expect(textOf(again)).to.contain(`Receipt ${first.receiptNumber}`);
    expect(again.shadowRoot!.querySelector('form')).to.equal(null);
    expect($$(again, 'button').map((b) => textOf(b))).not.to.include('Pay invoice 10412');
    await expect(again).to.be.accessible();
  });

  it('pays on Enter in the card number, the blur of the field as the receipt replaces the form throwing nothing', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    type(field(element, 'amount-inv-10412'), '10.00');
    // Digits as typed, with no spaces: leaving the field would group them.
    fillCard(element, TEST_CARDS.visa);
    field(element, 'number').focus();
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      await sendKeys({ press: 'Enter' });
      await untilText(element, 'We received your payment of $10.00');
      await settled();
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(await linkPayments()).to.have.length(1);
  });

  it('pays in its own language: the backend writes the receipt in it (en-GB here, not the browser’s)', async () => {
    const seen: (string | null)[] = [];
    useHandlers(
      http.post('*/api/links/invoices/:invoiceId/payments', ({ request }) => {
        seen.push(request.headers.get('Accept-Language'));
        return undefined;
      }),
    );
    const { url } = await sendLink('pay', 'inv-10412');
    openAddress(url);
    const { element } = await mount<PortalPay>(html`<portal-pay lang="en-GB"></portal-pay>`);
    await openForm(element);
    type(field(element, 'amount-inv-10412'), '10.00');
    fillCard(element, TEST_CARDS.visa);
    submit(element);
    await untilText(element, 'We received your payment');
    expect(seen).to.deep.equal(['en-GB']);
  });

  it('Cancel on the pay form takes focus back to the invoice’s Pay button', async () => {
    const { element } = await openPayLink();
    await untilText(element, 'Pay invoice 10412');
    const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
    button(element, 'Pay invoice 10412').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.querySelector('form'), 'pay form never opened', { timeout: 5000 });
    button(element, 'Cancel').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === button(element, 'Pay invoice 10412'), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
  });

  it('keeps the receipt when the reload after paying fails, with a note and a retry', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    type(field(element, 'amount-inv-10412'), '10.00');
    fillCard(element);
    useHandlers(http.get('*/api/links/invoices/:id', () => HttpResponse.error(), { once: true }));
    const succeeded = oneEvent(element, 'portal-payment-succeeded');
    submit(element);
    await succeeded;
    await untilText(element, 'couldn’t connect');
    await untilText(element, 'We received your payment of $10.00', 100);
    await expect(element).to.be.accessible();
    ($(element, '[part="error"] button') as HTMLButtonElement).click();
    await untilText(element, 'Balance still due');
    expect($$(element, '[role="alert"]')).to.have.length(0);
    expect(textOf(element)).to.contain('We received your payment of $10.00');
  });

  it('sends one payment however fast Pay is pressed twice', async () => {
    const adapter = new HttpAdapter({ apiBase: '/api' });
    let sent = 0;
    const pay = adapter.payByLink.bind(adapter);
    adapter.payByLink = (...args) => (sent++, pay(...args));
    const { url } = await sendLink('pay', 'inv-10412');
    openAddress(url);
    const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`, { adapter });
    await openForm(element);
    fillCard(element);
    const submitButton = $(element, 'button[type="submit"]') as HTMLButtonElement;
    submitButton.click();
    submitButton.click();
    await untilText(element, 'Thank you! We received your payment');
    expect(sent).to.equal(1);
    expect(await linkPayments()).to.have.length(1);
  });

  it('after a dropped connection, Pay again shows the payment already made and charges once', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    type(field(element, 'amount-inv-10412'), '20.00');
    fillCard(element, TEST_CARDS.networkFailure);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    const { detail } = await failed;
    expect(detail).to.include({ outcomeUnknown: true, amount: 2000, allOpen: false });
    // The connection drops after the charge (the test card's Response.error()): a NETWORK failure, whose
    // outcome is unknown, so the element keeps the idempotency key for Pay again.
    expect(detail.code).to.equal('NETWORK');
    expect(detail.invoiceIds).to.deep.equal(['inv-10412']);
    await untilText(element, 'connection dropped');
    await expect(element).to.be.accessible();
    expect(await linkPayments()).to.have.length(1);
    // Until Pay again tells, the payment stays as sent: another amount would be another payment, and a
    // second charge (the tour typed 25 after the 20 that had gone through).
    expect(field(element, 'amount-inv-10412').readOnly).to.equal(true);
    expect(field(element, 'number').readOnly).to.equal(true);
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const payment = (await succeeded).detail.payment;
    await untilText(element, 'We received your payment of $20.00');
    const kept = await linkPayments();
    expect(kept).to.have.length(1);
    expect(kept[0]!.id).to.equal(payment.id);
  });

  it('while the first attempt is still being processed, Pay again keeps the payment as sent (no second charge) and says so', async () => {
    const element = await payTwentyAndLoseTheAnswer();
    // The retry reaches the backend while the first attempt's charge is still under way.
    useHandlers(
      http.post(
        '*/api/links/invoices/:invoiceId/payments',
        () =>
          HttpResponse.json(
            { error: { code: 'CONFLICT', message: 'This payment is being processed.', details: { field: 'Idempotency-Key', retryAfterSeconds: 2 } } },
            { status: 409 },
          ),
        { once: true },
      ),
    );
    submit(element);
    await untilText(element, 'still being processed');
    expect([field(element, 'amount-inv-10412').readOnly, field(element, 'number').readOnly]).to.deep.equal([true, true]);
    expect(textOf(element)).not.to.contain('already been paid');
    submit(element);
    await untilText(element, 'We received your payment of $20.00');
    expect(await linkPayments()).to.have.length(1);
  });

  it('after a dropped connection, Cancel shows the invoice as it is now (the payment went through), and a new payment starts fresh', async () => {
    const element = await payTwentyAndLoseTheAnswer();
    const cancel = $$(element, 'button').find((b) => textOf(b) === 'Cancel')!;
    cancel.click();
    const { balance } = (await backend.inspect()).invoices.find((i) => i.id === 'inv-10412')!;
    await untilText(element, formatMoney(balance, 'USD', 'en-US'));
    await openForm(element);
    expect(field(element, 'amount-inv-10412').readOnly).to.equal(false);
    expect(field(element, 'amount-inv-10412').value).to.equal((balance / 100).toFixed(2));
  });

  it('paid in full on another device while the form was open: says so, with the card not charged, rather than showing that payment as a receipt', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element);
    const { balance } = (await backend.inspect()).invoices.find((i) => i.id === 'inv-10412')!;
    const other = await api('POST', '/customers/cust-1001/payments', {
      token: (await sessionFor(DANA)).token,
      headers: { 'Idempotency-Key': 'other-device-0001' },
      body: { applications: [{ invoiceId: 'inv-10412', amount: balance }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear: 2099, cvc: '123', postalCode: '62704' } },
    });
    expect(other.status, JSON.stringify(other.body)).to.equal(201);
    submit(element);
    await untilText(element, 'This invoice has already been paid');
    expect(textOf(element)).to.contain('Your card was not charged.');
    expect(textOf(element)).not.to.contain('We received your payment');
    expect(textOf(element)).to.contain(other.body.receiptNumber);
    await expect(element).to.be.accessible();
  });

  it('says it is still waiting when the payment processor is slow, and the receipt follows', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element);
    const before = payTiming.slowAfterMs;
    payTiming.slowAfterMs = 50;
    try {
      useHandlers(
        http.post(
          '*/api/links/invoices/:invoiceId/payments',
          async ({ request }) => {
            await new Promise((resolve) => setTimeout(resolve, 600));
            return backend.handle(request);
          },
          { once: true },
        ),
      );
      submit(element);
      await untilText(element, 'Still waiting for the payment processor');
      await untilText(element, 'Thank you! We received your payment');
      expect(textOf(element)).not.to.contain('Still waiting');
    } finally {
      payTiming.slowAfterMs = before;
    }
  });

  it('after a gateway timeout once the charge was made, Pay again charges once', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element);
    useHandlers(
      http.post(
        '*/api/links/invoices/:invoiceId/payments',
        async ({ request }) => {
          await backend.handle(request);
          return new HttpResponse('<html>Gateway Timeout</html>', { status: 504 });
        },
        { once: true },
      ),
    );
    submit(element);
    await untilText(element, 'connection dropped');
    submit(element);
    await untilText(element, 'Thank you! We received your payment');
    expect(await linkPayments()).to.have.length(1);
  });

  it('says why a declined card did not go through, and fires portal-payment-failed', async () => {
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element, TEST_CARDS.declined);
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    expect((await failed).detail).to.include({ code: 'PAYMENT_DECLINED', outcomeUnknown: false });
    await untilText(element, 'Your card was declined.');
    await expect(element).to.be.accessible();
    // Declined again: said again, as a new node in the alert (the same text left in place says nothing).
    const said = $(element, '[part~="pay-error"] p');
    submit(element);
    await waitUntil(() => {
      const now = element.shadowRoot!.querySelector('[part~="pay-error"] p');
      return now && now !== said && textOf(now).includes('Your card was declined.');
    }, 'the second decline was not said again', { timeout: 5000 });
  });

  it('a field the backend refused: the alert says so in general words, the field says which, and focus goes to it', async () => {
    useHandlers(
      http.post('*/api/links/invoices/:invoiceId/payments', () =>
        HttpResponse.json({ error: { code: 'VALIDATION', message: 'Bad security code.', details: { field: 'card.cvc' } } }, { status: 400 }),
      ),
    );
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element);
    submit(element);
    await untilText(element, 'Check this field: it was not accepted.');
    expect(textOf($(element, '[part~="pay-error"]'))).to.equal('Some of the information isn’t valid. Check it and try again.');
    await waitUntil(() => element.shadowRoot!.activeElement === field(element, 'cvc'), 'focus stayed on Pay', { timeout: 5000 });
    expect(field(element, 'cvc').getAttribute('aria-describedby')).to.equal('cvc-hint cvc-problem');
  });

  it('a refusal that arrives after the customer moved to another field leaves focus where they are', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    useHandlers(
      http.post('*/api/links/invoices/:invoiceId/payments', async () => {
        await answered;
        return HttpResponse.json({ error: { code: 'VALIDATION', message: 'Bad security code.', details: { field: 'card.cvc' } } }, { status: 400 });
      }),
    );
    const { element } = await openPayLink();
    await openForm(element);
    fillCard(element);
    submit(element);
    await waitUntil(() => $(element, '[part~="pay-error"]') && element.shadowRoot!.querySelector('button[aria-disabled="true"]'), 'Pay never got busy', { timeout: 5000 });
    field(element, 'postalCode').focus();
    answer();
    await untilText(element, 'Check this field: it was not accepted.');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(element.shadowRoot!.activeElement).to.equal(field(element, 'postalCode'));
  });

  it('follows the contractor’s settings: with online payments off, says whom to call', async () => {
    await changeSettings({ onlinePaymentsEnabled: false });
    const { element } = await openPayLink();
    await untilText(element, 'This invoice can’t be paid online.');
    expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
    expect($$(element, 'button').map((b) => textOf(b))).not.to.include('Pay invoice 10412');
    await expect(element).to.be.accessible();
  });

  it('with an adapter that has no payByLink(), says whom to call instead of a Pay button that does nothing', async () => {
    const { url } = await sendLink('pay', 'inv-10412');
    openAddress(url);
    const adapter = new HttpAdapter({ apiBase: '/api' });
    Object.defineProperty(adapter, 'payByLink', { value: undefined });
    const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`, { adapter });
    await untilText(element, 'This invoice can’t be paid online.');
    expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
    expect($$(element, 'button').map((b) => textOf(b))).not.to.include('Pay invoice 10412');
  });

  describe('a link that does not work', () => {
    it('expired (90 days after it was paid): a fresh link would expire too, so it gives the phone, not a button that sends nothing', async () => {
      const { element, url } = await openPayLink();
      await openForm(element);
      fillCard(element);
      submit(element);
      await untilText(element, 'Thank you! We received your payment');
      element.remove();
      clock.advance(92 * DAY);
      openAddress(url);
      const { element: later } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(later, 'This link has expired');
      expect(later.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
      expect(textOf(later)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      await expect(later).to.be.accessible();
    });

    it('expired (a year old, the invoice still unpaid): offers a fresh link, which works', async () => {
      const { url } = await sendLink('pay', 'inv-10412');
      clock.advance(366 * DAY);
      openAddress(url);
      const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(element, 'This link has expired');
      expect($(element, '[part~="resend-button"]')).to.exist;
      await expect(element).to.be.accessible();
    });

    it('forged, or for another invoice: says it doesn’t work, with the company phone', async () => {
      openAddress(new URL('http://x/?invoice=inv-10412#porchlight-link=AAAAAAAAAAAAAAAAAAAAAA'));
      const { element: forged } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(forged, 'This link doesn’t work');
      expect(textOf(forged)).to.contain('(555) 010-4477');
      forged.remove();
      const { token } = await sendLink('pay', 'inv-10412');
      openAddress(new URL(`http://x/?invoice=inv-10377#porchlight-link=${token}`));
      const { element: other } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(other, 'This link doesn’t work');
      expect(textOf(other)).not.to.contain('10412');
      await expect(other).to.be.accessible();
    });

    it('revoked by a newer link while the form was open: says so instead of paying', async () => {
      const { element } = await openPayLink();
      await openForm(element);
      fillCard(element);
      await sendLink('pay', 'inv-10412');
      submit(element);
      await untilText(element, 'This link is no longer valid');
      expect(await linkPayments()).to.have.length(0);
    });

    it('voided by the office: the link says the invoice was voided, with the company phone, and offers no new link', async () => {
      const { url } = await sendLink('pay', 'inv-10412');
      const voided = await api('POST', '/office/invoices/inv-10412/void', { headers: office, body: { reason: 'Billed twice' } });
      expect(voided.status).to.equal(200);
      openAddress(url);
      const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(element, 'This invoice was voided');
      expect(textOf(element)).to.contain('We voided this invoice, so there is nothing to pay here.');
      expect(textOf(element)).not.to.contain('no longer valid');
      expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      expect(element.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
      expect(element.shadowRoot!.querySelector('form')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('without a link: says how to open it', async () => {
      const { element } = await mount<PortalPay>(html`<portal-pay></portal-pay>`);
      await untilText(element, 'Open the link in the message we sent you');
      await expect(element).to.be.accessible();
    });
  });

  it('fits 320 px with no sideways scroll: the invoice, the form and the receipt', async () => {
    await atPhoneWidth(async () => {
      const { element } = await openPayLink();
      await untilText(element, 'Pay invoice 10412');
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
      await openForm(element);
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
      fillCard(element);
      submit(element);
      await untilText(element, 'Thank you! We received your payment');
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
    });
  });
});
