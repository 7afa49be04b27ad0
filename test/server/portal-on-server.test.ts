/**
 * The elements against the real porchlight-server (web-test-runner.server.config.mjs): sign-in,
 * invoices, paying (a dropped connection included), history and the PDFs, in Chromium, with no MSW.
 * Every request goes over HTTP to the server and its SQLite database; nothing is faked.
 */
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { PortalHistory } from '../../src/elements/portal-history/portal-history.js';
import type { PortalInvoices } from '../../src/elements/portal-invoices/portal-invoices.js';
import type { PortalLogin } from '../../src/elements/portal-login/portal-login.js';
import type { PortalDocumentDownloadEvent } from '../../src/events/portal-document-download.js';
import type { PortalPaymentFailedEvent } from '../../src/events/portal-payment-failed.js';
import type { PortalPaymentSucceededEvent } from '../../src/events/portal-payment-succeeded.js';
import type { PortalSignedInEvent } from '../../src/events/portal-signed-in.js';
import '../../src/define/portal-history.js';
import '../../src/define/portal-invoices.js';
import '../../src/define/portal-login.js';
import { isPdf, readPdf } from '../helpers/pdf-text.js';
import { $, $$, DANA, mount, sessionFor, textOf, type, untilText } from '../helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const DANA_PASSWORD = 'maple street furnace 1987';
const EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

/** Back to the demo's data, through the office API as the demo's office page does it. */
async function resetData() {
  const response = await fetch('/api/office/reset', { method: 'POST', headers: { 'X-Porchlight-Office-Key': 'northwind-office-demo-key' } });
  if (!response.ok) throw new Error(`reset refused: ${response.status} ${await response.text()}`);
}

/**
 * An invoice's balance as the server has it now, asked over HTTP with a session of the test's own
 * (one sign-in per test: the backend limits sign-ins per address).
 */
let checker: Promise<{ token: string }> | null = null;
async function balanceOf(invoiceId: string) {
  const { token } = await (checker ??= sessionFor(DANA, DANA_PASSWORD));
  const response = await fetch(`/api/customers/cust-1001/invoices/${invoiceId}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`invoice ${invoiceId}: ${response.status}`);
  return ((await response.json()) as { balance: number }).balance;
}

function button(element: Element, text: string) {
  const found = $$(element, 'button').find((b) => textOf(b).includes(text));
  if (!found) throw new Error(`no button ${text} in: ${textOf(element).slice(0, 300)}`);
  return found as HTMLButtonElement;
}

function submit(element: Element) {
  ($(element, 'form') as HTMLFormElement).requestSubmit();
}

async function mountInvoices() {
  const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { session: await sessionFor(DANA, DANA_PASSWORD) });
  await untilText(element, 'Outstanding invoices');
  return element;
}

async function openPayFor(element: PortalInvoices, number: string, amount: string, card: string) {
  await untilText(element, `Invoice ${number}`);
  button(element, `Invoice ${number}`).click();
  await untilText(element, 'Line items');
  button(element, `Pay invoice ${number}`).click();
  await waitUntil(() => element.shadowRoot!.querySelector('form'), 'pay form never opened', { timeout: 5000 });
  type($(element, `[name="amount-inv-${number}"]`), amount);
  type($(element, '[name="number"]'), card);
  type($(element, '[name="expiry"]'), EXPIRY);
  type($(element, '[name="cvc"]'), '123');
  type($(element, '[name="postalCode"]'), '62704');
}

describe('elements on porchlight-server', () => {
  beforeEach(async () => {
    await resetData();
    checker = null;
  });

  it('<portal-login> signs in against the server, after refusing a wrong password', async () => {
    const { element: login } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(login, 'Sign in');
    type($(login, '[name="email"]'), DANA);
    type($(login, '[name="password"]'), 'maple street furnace 1986');
    submit(login);
    await untilText(login, 'That email and password don’t match');
    await expect(login).to.be.accessible();

    type($(login, '[name="password"]'), DANA_PASSWORD);
    const signedIn = oneEvent(login, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    submit(login);
    expect((await signedIn).detail.email).to.equal(DANA);
    await untilText(login, 'Signed in as dana.whitfield@example.com');
    await expect(login).to.be.accessible();
  });

  it('<portal-invoices> shows the balance and pays part of an invoice; the server keeps the new balance', async () => {
    const element = await mountInvoices();
    await untilText(element, 'Invoice 10412');
    const before = await balanceOf('inv-10412');
    await openPayFor(element, '10412', '50.25', '4242 4242 4242 4242');
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    const { payment } = (await succeeded).detail;
    expect(payment.amount).to.equal(5025);
    await untilText(element, 'We received your payment of $50.25');
    expect(textOf(element)).to.contain(payment.receiptNumber);
    await expect(element).to.be.accessible();
    expect(await balanceOf('inv-10412')).to.equal(before - 5025);
  });

  it('<portal-invoices> shows a declined card and charges nothing', async () => {
    const element = await mountInvoices();
    const before = await balanceOf('inv-10412');
    await openPayFor(element, '10412', '42.00', '4000 0000 0000 0002');
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    expect((await failed).detail.code).to.equal('PAYMENT_DECLINED');
    await untilText(element, 'card was declined');
    await expect(element).to.be.accessible();
    expect(await balanceOf('inv-10412')).to.equal(before);
  });

  it('<portal-invoices> after the server drops the connection, Pay again shows the payment made and charges once', async () => {
    const element = await mountInvoices();
    const before = await balanceOf('inv-10412');
    await openPayFor(element, '10412', '20.00', '4000 0000 0000 7700');
    const failed = oneEvent(element, 'portal-payment-failed') as Promise<PortalPaymentFailedEvent>;
    submit(element);
    const { detail } = await failed;
    expect(detail.code).to.equal('NETWORK');
    expect(detail.outcomeUnknown).to.equal(true);
    await untilText(element, 'connection dropped');
    // The charge went through; only the answer was lost.
    expect(await balanceOf('inv-10412')).to.equal(before - 2000);
    const succeeded = oneEvent(element, 'portal-payment-succeeded') as Promise<PortalPaymentSucceededEvent>;
    submit(element);
    await succeeded;
    await untilText(element, 'We received your payment of $20.00');
    expect(await balanceOf('inv-10412')).to.equal(before - 2000);
  });

  describe('<portal-history>', () => {
    async function mountHistory() {
      const { element } = await mount<PortalHistory>(html`<portal-history></portal-history>`, { session: await sessionFor(DANA, DANA_PASSWORD) });
      await waitUntil(() => $$(element, '[role="row"][data-index]').length > 0, 'no rows', { timeout: 5000 });
      await element.listComplete();
      return element;
    }

    function catchDownload(element: PortalHistory) {
      return new Promise<PortalDocumentDownloadEvent>((resolve) => {
        element.addEventListener(
          'portal-document-download',
          (event) => {
            event.preventDefault();
            resolve(event);
          },
          { once: true },
        );
      });
    }

    it('lists the completed jobs and passes axe', async () => {
      const element = await mountHistory();
      expect(textOf(element)).to.contain('Furnace will not ignite');
      await expect(element).to.be.accessible();
    });

    it('downloads a job’s invoice as a real PDF from the server', async () => {
      const element = await mountHistory();
      const row = $$(element, '[role="row"][data-index]').find((r) => r.textContent!.includes('Furnace will not ignite'))!;
      const caught = catchDownload(element);
      (row.querySelector('button') as HTMLButtonElement).click();
      const { detail } = await caught;
      expect(detail.kind).to.equal('invoice');
      expect(detail.fileName).to.equal('Northwind-Heating-Air-invoice-10412.pdf');
      const bytes = new Uint8Array(await detail.blob.arrayBuffer());
      expect(isPdf(bytes)).to.equal(true);
      expect((await readPdf(bytes)).text).to.contain('Invoice 10412');
    });

    it('downloads the statement with its totals from the server', async () => {
      const element = await mountHistory();
      const caught = catchDownload(element);
      ($(element, '[part~="statement-button"]') as HTMLButtonElement).click();
      const { detail } = await caught;
      expect(detail.kind).to.equal('statement');
      const pdf = await readPdf(await detail.blob.arrayBuffer());
      expect(pdf.text).to.contain('Total due');
      expect(pdf.text).to.contain('Dana Whitfield');
    });
  });
});
