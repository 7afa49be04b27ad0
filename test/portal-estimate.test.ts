import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalEstimate } from '../src/elements/portal-estimate/portal-estimate.js';
import type { PortalDocumentDownloadEvent } from '../src/events/portal-document-download.js';
import type { PortalEstimateApprovedEvent } from '../src/events/portal-estimate-approved.js';
import '../src/define/portal-estimate.js';
import { http, HttpResponse } from 'msw';
import { api, backend, clock, startTestBackend, useHandlers } from './helpers/backend.js';
import { formatDate, todayIn } from '../src/internal/format.js';
import { addDays } from '../src/model/scheduling-rules.js';
import {
  DAY,
  atPhoneWidth,
  editEstimate,
  leaveLinkAddress,
  office,
  openAddress,
  sendLink,
  settled,
  sidewaysProblems,
  signatureRecords,
} from './helpers/links.js';
import { readPdf } from './helpers/pdf-text.js';
import { DANA, $, $$, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';
import { samSession } from './helpers/account.js';
import { liveRegionAround, nameAndDescription } from './helpers/speech.js';

type Estimate = PortalEstimate;

/** Opens the page at the link's address and mounts the element with nothing but the address to go on. */
async function openFromLink(url: URL) {
  openAddress(url);
  const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`);
  return element;
}

async function openEstimateLink() {
  const { url, token } = await sendLink('estimate', 'est-2001');
  const element = await openFromLink(url);
  await untilText(element, 'Estimate E-2001');
  await untilText(element, 'Choose an option');
  return { element, token };
}

/** The value beside a label in the estimate's facts. */
function fact(element: Element, label: string): string | undefined {
  const row = $$(element, '[part~="facts"] > div').find((d) => d.querySelector('dt')!.textContent === label);
  return row?.querySelector('dd')!.textContent!.trim();
}

function radio(element: Element, optionId: string) {
  return $(element, `input[type="radio"][value="${optionId}"]`) as HTMLInputElement;
}

/**
 * Opens est-2001's link through `adapter`, ready to approve (an option chosen, consents ticked, signed),
 * counting the `portal-estimate-approved` events it fires.
 */
async function readyToApprove(adapter: HttpAdapter) {
  const { url } = await sendLink('estimate', 'est-2001');
  openAddress(url);
  const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { adapter });
  await untilText(element, 'Choose an option');
  const approved = { events: 0 };
  element.addEventListener('portal-estimate-approved', () => approved.events++);
  await fillApproval(element);
  return { element, approved };
}

/** What the focused control in the element says (its tag when it says nothing): compared as text, not as a node. */
function focusedText(element: Element): string | null {
  const focused = element.shadowRoot!.activeElement;
  return focused ? focused.textContent!.trim() || focused.tagName : null;
}

function otherAnswerButton(element: Element, label: 'Decline' | 'Ask for changes') {
  return $$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === label) as HTMLButtonElement;
}

/** Picks an option, ticks every consent and signs, by clicks and typing. */
async function fillApproval(element: Estimate, optionId = 'opt-better', name = 'Dana Whitfield') {
  radio(element, optionId).click();
  for (const box of $$(element, '[part~="sign"] input[type="checkbox"]') as HTMLInputElement[]) box.click();
  type($(element, 'input[name="signer"]'), name);
  await element.updateComplete;
}

describe('<portal-estimate>', () => {
  // The first test of a file loads SQLite (WebAssembly) and migrates it: slow on a busy two-core machine.
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  afterEach(() => leaveLinkAddress());

  it('opens from the link’s address: every option side by side as a card with a heading, its items and total', async () => {
    const { element } = await openEstimateLink();
    const cards = $$(element, '[part~="option"]');
    expect(cards.map((c) => c.querySelector('h4')!.textContent)).to.deep.equal(['Good', 'Better', 'Best']);
    const better = cards[1]!;
    expect(better.getAttribute('aria-labelledby')).to.equal('option-opt-better');
    expect(better.textContent).to.contain('Recommended');
    expect(better.textContent).to.contain('96% AFUE two-stage gas furnace, 80,000 BTU');
    expect(better.textContent).to.contain('8 × $115.00');
    expect(better.querySelector('tr.strong')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Total ?\$6,451\.09$/);
    expect(textOf(element)).to.contain('I agree to sign this estimate electronically; my typed name is my signature.');
    expect(textOf(element)).to.contain('Terms version 2026-01');
    // Side by side on a wide page: the three cards share one row.
    await settled();
    const tops = cards.map((c) => Math.round(c.getBoundingClientRect().top));
    expect(new Set(tops).size).to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('changes nothing when opened, even twice before anyone acts (a mail scanner, then the customer)', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    const first = await openFromLink(url);
    await untilText(first, 'Choose an option');
    first.remove();
    const second = await openFromLink(url);
    await untilText(second, 'Choose an option');
    expect(await signatureRecords()).to.have.length(0);
    const shown = await api('GET', '/office/estimates', { headers: office });
    expect(shown.body[0]).to.include({ id: 'est-2001', status: 'Open', version: 1 });
    expect(shown.body[0].signatures).to.deep.equal([]);
  });

  it('takes the token as a property and the estimate from its attribute', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const { element } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001" .token=${token}></portal-estimate>`);
    await untilText(element, 'Estimate E-2001');
    expect(textOf(element)).to.contain('Replace the furnace and improve comfort');
  });

  it('finds its estimate from the token alone when the address names none', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    openAddress(new URL(`http://x/#porchlight-link=${token}`));
    const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`);
    await untilText(element, 'Estimate E-2001');
  });

  it('is approved by keyboard alone: option, consents, name, Enter — recorded once, with its record and the signed PDF', async function () {
    // Drawing the PDF and reading it back takes pdf-lib twice: seconds on a busy machine.
    this.timeout(60_000);
    const { element } = await openEstimateLink();
    const approved = oneEvent(element, 'portal-estimate-approved');
    // Tab into the options (the radio group is one stop), arrow to Better, tick each box, sign, Enter.
    radio(element, 'opt-good').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(radio(element, 'opt-better').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Dana Whitfield' });
    await sendKeys({ press: 'Enter' });
    const event = (await approved) as PortalEstimateApprovedEvent;
    expect(event.detail).to.deep.equal({ estimateId: 'est-2001', version: 1, optionId: 'opt-better' });
    expect(event.bubbles && event.composed).to.equal(true);
    await untilText(element, 'Approved: Better');
    expect($$(element, '[part~="decision"] dd')[0]!.textContent).to.equal('Dana Whitfield');
    expect(element.shadowRoot!.activeElement?.id).to.equal('decision-heading');
    expect(liveRegionAround($(element, '#decision-heading')), 'read on focus, and again as a status').to.equal(null);
    const records = await signatureRecords();
    expect(records).to.have.length(1);
    expect(records[0]).to.include({ estimate_id: 'est-2001', version: 1, option_id: 'opt-better', signer_name: 'Dana Whitfield' });
    expect(records[0]!.via).to.match(/^link:[0-9a-f]{8}$/);
    await expect(element).to.be.accessible();

    element.addEventListener('portal-document-download', (e) => e.preventDefault(), { once: true });
    const downloaded = oneEvent(element, 'portal-document-download');
    $(element, '[part~="pdf-button"]').click();
    const file = ((await downloaded) as PortalDocumentDownloadEvent).detail;
    expect(file.kind).to.equal('estimate');
    expect(file.estimateId).to.equal('est-2001');
    const pdf = await readPdf(new Uint8Array(await file.blob.arrayBuffer()));
    expect(pdf.text).to.contain('Dana Whitfield');
    expect(pdf.text).to.contain(records[0]!.content_sha256);
    await untilText(element, `Downloaded ${file.fileName}`);
  });

  it('approves and downloads in its own language: the record’s message and the PDF in it (en-GB here, not the browser’s)', async function () {
    this.timeout(60_000);
    const seen: string[] = [];
    useHandlers(
      http.post('*/api/links/estimates/:estimateId/approve', ({ request }) => {
        seen.push(`approve ${request.headers.get('Accept-Language')}`);
        return undefined;
      }),
      http.get('*/api/links/estimates/:estimateId/pdf', ({ request }) => {
        seen.push(`pdf ${request.headers.get('Accept-Language')}`);
        return undefined;
      }),
    );
    const { url } = await sendLink('estimate', 'est-2001');
    openAddress(url);
    const { element } = await mount<Estimate>(html`<portal-estimate lang="en-GB"></portal-estimate>`);
    await untilText(element, 'Choose an option');
    await fillApproval(element);
    const approved = oneEvent(element, 'portal-estimate-approved');
    $(element, '[part~="approve-button"]').click();
    await approved;
    await untilText(element, 'Approved: Better');
    element.addEventListener('portal-document-download', (e) => e.preventDefault(), { once: true });
    const downloaded = oneEvent(element, 'portal-document-download');
    $(element, '[part~="pdf-button"]').click();
    const file = ((await downloaded) as PortalDocumentDownloadEvent).detail;
    expect((await readPdf(new Uint8Array(await file.blob.arrayBuffer()))).language).to.equal('en-US');
    expect(seen).to.deep.equal(['approve en-GB', 'pdf en-GB']);
  });

  it('shows a Spanish reader the consents in Spanish, and records them as shown', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    openAddress(url);
    const { element } = await mount<Estimate>(html`<portal-estimate lang="es"></portal-estimate>`);
    await untilText(element, 'Acepto firmar este presupuesto electrónicamente; mi nombre escrito es mi firma.');
    expect(textOf(element)).not.to.contain('I agree to sign this estimate electronically');
    await fillApproval(element);
    $(element, '[part~="approve-button"]').click();
    await waitUntil(async () => (await signatureRecords()).length === 1, 'never approved');
    const [record] = await signatureRecords();
    expect(JSON.parse(record!.consents as string)[1].text).to.equal('Acepto firmar este presupuesto electrónicamente; mi nombre escrito es mi firma.');
  });

  it('shows a Spanish reader the contractor’s own words in the office’s Spanish, and switches with lang', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    openAddress(url);
    const { element } = await mount<Estimate>(html`<portal-estimate lang="es"></portal-estimate>`);
    await untilText(element, 'Cambiar el calefactor y mejorar el confort');
    for (const words of ['Mejor', 'Ventilación nueva (PVC) y drenaje de condensado', 'Los precios incluyen el equipo']) expect(textOf(element)).to.contain(words);
    for (const words of ['Replace the furnace', 'New venting', 'Prices include']) expect(textOf(element)).not.to.contain(words);
    await expect(element).to.be.accessible();
    element.lang = 'en';
    await untilText(element, 'Replace the furnace and improve comfort');
    expect(textOf(element)).not.to.contain('Ventilación nueva');
  });

  it('says what is missing before approving, and focuses it', async () => {
    const { element } = await openEstimateLink();
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Some fields need a change.');
    expect(textOf(element)).to.contain('Choose one of the options.');
    expect(textOf(element)).to.contain('Tick this box to approve.');
    expect(textOf(element)).to.contain('Type your full name to sign.');
    expect(element.shadowRoot!.activeElement).to.equal(radio(element, 'opt-good'));
    await expect(element).to.be.accessible();
    expect(await signatureRecords()).to.have.length(0);
  });

  it('says each failed attempt anew, naming the problem: the first of several, or the only one', async () => {
    const { element } = await openEstimateLink();
    const alert = () => $(element, '[part~="approve-error"]');
    expect(alert().getAttribute('role')).to.equal('alert');
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Some fields need a change.');
    const first = alert().querySelector('p')!;
    expect(textOf(first)).to.equal('Some fields need a change. The first: Choose one of the options.');
    // Pressed again with nothing changed: the same words, in a new node, so they are said again.
    $(element, '[part~="approve-button"]').click();
    await waitUntil(() => alert().querySelector('p') !== first, 'the second attempt left the first alert in place', { timeout: 5000 });
    expect(textOf(alert().querySelector('p')!)).to.equal('Some fields need a change. The first: Choose one of the options.');
    expect(first.isConnected).to.equal(false);
    // One problem left: the alert is that problem, and focus is on its field.
    radio(element, 'opt-good').click();
    for (const box of $$(element, '[part~="sign"] input[type="checkbox"]') as HTMLInputElement[]) box.click();
    await element.updateComplete;
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Type your full name to sign.');
    await waitUntil(() => textOf(alert()) === 'Type your full name to sign.', `the alert says ${textOf(alert())}`, { timeout: 5000 });
    expect(element.shadowRoot!.activeElement?.getAttribute('name')).to.equal('signer');
    // Shown once, beside the field; said by the alert.
    expect(alert().querySelector('p')!.className).to.equal('visually-hidden');
    await expect(element).to.be.accessible();
    // Mended: the field's words go, and the alert with them (never left behind, shown and stale).
    type($(element, 'input[name="signer"]'), 'Dana Whitfield');
    await element.updateComplete;
    expect(textOf(element)).not.to.contain('Type your full name to sign.');
    expect(alert().querySelector('p')).to.equal(null);
  });

  it('names each text field by its label alone: the hint and the problem are its description', async () => {
    const { element } = await openEstimateLink();
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Type your full name to sign.');
    expect(nameAndDescription($(element, 'input[name="signer"]') as HTMLInputElement)).to.deep.equal({
      name: 'Your full name',
      description: 'Typing your name is your electronic signature on this estimate. Type your full name to sign.',
    });
    otherAnswerButton(element, 'Decline').click();
    await element.updateComplete;
    ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
    await untilText(element, 'Tell us why, in a few words.');
    expect(nameAndDescription($(element, 'textarea[name="reason"]') as HTMLTextAreaElement)).to.deep.equal({
      name: 'Why are you declining?',
      description: 'Tell us why, in a few words.',
    });
    otherAnswerButton(element, 'Ask for changes').click();
    await element.updateComplete;
    expect(nameAndDescription($(element, 'textarea[name="message"]') as HTMLTextAreaElement)).to.deep.equal({
      name: 'What would you like changed?',
      description: 'We’ll send you an updated estimate to review. Until then, this one can’t be approved online.',
    });
    await expect(element).to.be.accessible();
  });

  it('a refused name that arrives after the customer moved on leaves focus where they are; unmoved, it goes to the name', async () => {
    for (const moveOn of [true, false]) {
      const adapter = new HttpAdapter({ apiBase: '/api' });
      let refuse!: () => void;
      adapter.approveEstimate = () =>
        new Promise((_resolve, reject) => (refuse = () => reject(new PortalError('VALIDATION', 'Type your full name to sign.', { field: 'signerName' }))));
      const { element } = await readyToApprove(adapter);
      const button = $(element, '[part~="approve-button"]');
      button.focus();
      button.click();
      await waitUntil(() => refuse, 'the approval was never sent', { timeout: 5000 });
      const box = $(element, '[part~="sign"] input[type="checkbox"]');
      if (moveOn) box.focus();
      refuse();
      await untilText(element, 'Check this: it was not accepted.');
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const focused = element.shadowRoot!.activeElement;
      expect(moveOn ? focused === box : focused === $(element, 'input[name="signer"]'), moveOn ? 'moved on: focus stays on the box' : 'unmoved: focus goes to the name').to.equal(true);
      element.remove();
    }
  });

  it('sends one approval however fast Approve is pressed twice', async () => {
    const adapter = new HttpAdapter({ apiBase: '/api' });
    let sent = 0;
    const approve = adapter.approveEstimate.bind(adapter);
    adapter.approveEstimate = (...args) => (sent++, approve(...args));
    const { element, approved } = await readyToApprove(adapter);
    const button = $(element, '[part~="approve-button"]');
    button.click();
    button.click();
    await untilText(element, 'Approved: Better');
    expect(sent).to.equal(1);
    expect(approved.events).to.equal(1);
    expect(textOf(element)).not.to.contain('changed since you opened it');
    expect(await signatureRecords()).to.have.length(1);
  });

  it('after an approval whose answer was lost, Approve again shows it approved and tells the page once, not "changed"', async () => {
    const adapter = new HttpAdapter({ apiBase: '/api' });
    const approve = adapter.approveEstimate.bind(adapter);
    let lost = true;
    // The first approval reaches the backend; its answer does not reach the page.
    adapter.approveEstimate = async (...args) => {
      const answer = await approve(...args);
      if (lost) {
        lost = false;
        throw new PortalError('NETWORK', 'The connection dropped.');
      }
      return answer;
    };
    const { element, approved } = await readyToApprove(adapter);
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'couldn’t connect');
    expect(approved.events).to.equal(0);
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Approved: Better');
    expect(approved.events).to.equal(1);
    expect(textOf(element)).not.to.contain('changed since you opened it');
    expect(await signatureRecords()).to.have.length(1);
  });

  it('approved in another tab meanwhile: says it was already answered (not "changed") and shows the approval', async () => {
    const { element, token } = await openEstimateLink();
    await fillApproval(element, 'opt-good');
    // The other tab approves "Better" first.
    const shown = (await api('GET', '/links/estimates/est-2001', { headers: { 'X-Porchlight-Link': token } })).body.estimate;
    const better = shown.options.find((o: any) => o.id === 'opt-better');
    const other = await api('POST', '/links/estimates/est-2001/approve', {
      headers: { 'X-Porchlight-Link': token },
      body: { optionId: 'opt-better', signerName: 'Dana Whitfield', version: shown.version, contentSha256: better.contentSha256, consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })) },
    });
    expect(other.status, JSON.stringify(other.body)).to.equal(200);
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'This estimate was already answered');
    await untilText(element, 'Approved: Better');
    expect(textOf(element)).not.to.contain('changed since you opened it');
    expect(await signatureRecords()).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('says before a request for changes is sent that this version then can’t be approved online', async () => {
    const { element } = await openEstimateLink();
    ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Ask for changes') as HTMLButtonElement).click();
    await element.updateComplete;
    const message = $(element, 'textarea[name="message"]');
    const hint = element.shadowRoot!.getElementById(message.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(hint?.textContent).to.contain('can’t be approved online');
  });

  it('shows the new version when the office edited the estimate while it was open, and takes the approval of that one', async () => {
    const { element } = await openEstimateLink();
    await fillApproval(element, 'opt-good');
    await editEstimate();
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'This estimate changed since you opened it');
    await untilText(element, 'Furnace, now with a 12-year warranty');
    // Read once: focus is on the notice, which no live region also says.
    const notice = $(element, '[part="notice"]');
    expect(element.shadowRoot!.activeElement).to.equal(notice);
    expect(notice.closest('[role="status"], [role="alert"], [aria-live]')).to.equal(null);
    expect(fact(element, 'Version')).to.equal('2');
    // The name stays; the consents are ticked again for the new content.
    expect(($(element, 'input[name="signer"]') as HTMLInputElement).value).to.equal('Dana Whitfield');
    expect(($$(element, '[part~="sign"] input[type="checkbox"]') as HTMLInputElement[]).map((b) => b.checked)).to.deep.equal([false, false]);
    await expect(element).to.be.accessible();
    await fillApproval(element, 'opt-good');
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Approved: Good');
    expect((await signatureRecords()).map((r) => r.version)).to.deep.equal([2]);
  });

  it('after an edit following approval, shows the new version to approve again', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    let element = await openFromLink(url);
    await untilText(element, 'Choose an option');
    await fillApproval(element);
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Approved: Better');
    await editEstimate();
    element.remove();
    element = await openFromLink(url);
    await untilText(element, 'Approve and sign');
    expect(fact(element, 'Version')).to.equal('2');
    expect(element.shadowRoot!.querySelector('[part~="decision"]')).to.equal(null);
    expect(textOf(element)).to.contain('Furnace, now with a 12-year warranty');
    // The earlier approval is said, with who signed it, and that it does not carry over to version 2.
    const earlier = $(element, '[part~="earlier-answer"]').textContent!.replace(/\s+/g, ' ');
    expect(earlier).to.contain('You approved version 1 on');
    expect(earlier).to.contain('signed Dana Whitfield');
    expect(earlier).to.contain('This is version 2: review it, and approve it again');
    await expect(element).to.be.accessible();
    await fillApproval(element, 'opt-good');
    $(element, '[part~="approve-button"]').click();
    await untilText(element, 'Approved: Good');
    expect((await signatureRecords()).map((r) => [r.version, r.option_id])).to.deep.equal([
      [1, 'opt-better'],
      [2, 'opt-good'],
    ]);
  });

  it('after asking for changes and the office’s edit, says what was asked and takes an answer to the new version', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    let element = await openFromLink(url);
    await untilText(element, 'Choose an option');
    ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Ask for changes') as HTMLButtonElement).click();
    await element.updateComplete;
    type($(element, 'textarea[name="message"]'), 'Can you add a <i>12-year</i> warranty?');
    ($(element, '[part~="changes-form"] button[type="submit"]') as HTMLButtonElement).click();
    await untilText(element, 'You asked for changes');
    await editEstimate();
    element.remove();
    element = await openFromLink(url);
    await untilText(element, 'Approve and sign');
    const earlier = $(element, '[part~="earlier-answer"]');
    expect(earlier.textContent!.replace(/\s+/g, ' ')).to.contain('You asked for changes to version 1 on');
    // The customer's own words, as text.
    expect(earlier.querySelector('.customer-text')!.textContent).to.equal('Can you add a <i>12-year</i> warranty?');
    expect(earlier.querySelector('i')).to.equal(null);
    expect(textOf(element)).to.contain('This is version 2: review it, and approve it if it suits you.');
    await expect(element).to.be.accessible();
  });

  it('a decline after the office changed the estimate: says it changed, shows the new version, and records nothing', async () => {
    const { element } = await openEstimateLink();
    await editEstimate();
    ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Decline') as HTMLButtonElement).click();
    await element.updateComplete;
    type($(element, 'textarea[name="reason"]'), 'Too dear for us.');
    ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
    await untilText(element, 'This estimate changed since you opened it.');
    await untilText(element, 'Furnace, now with a 12-year warranty');
    expect(textOf(element)).not.to.contain('You declined this estimate');
    await expect(element).to.be.accessible();
  });

  it('Cancel in the decline form gives focus back to Decline, not to the top of the page', async () => {
    const { element } = await openEstimateLink();
    otherAnswerButton(element, 'Decline').click();
    await element.updateComplete;
    const cancel = $$(element, '[part~="decline-form"] button').find((b) => b.textContent!.trim() === 'Cancel') as HTMLButtonElement;
    cancel.focus();
    cancel.click();
    await waitUntil(() => !element.shadowRoot!.querySelector('[part~="decline-form"]'), 'the form stayed', { timeout: 5000 });
    await element.updateComplete;
    expect(document.activeElement === element, 'focus left the estimate').to.equal(true);
    expect(focusedText(element)).to.equal('Decline');
    expect(otherAnswerButton(element, 'Decline').getAttribute('aria-expanded')).to.equal('false');
  });

  it('Escape in the changes form (or the decline form) is Cancel: it closes, and focus goes back to the button that opened it', async () => {
    const { element } = await openEstimateLink();
    for (const [label, part, field] of [
      ['Ask for changes', 'changes-form', 'message'],
      ['Decline', 'decline-form', 'reason'],
    ] as const) {
      otherAnswerButton(element, label).click();
      await element.updateComplete;
      expect(element.shadowRoot!.activeElement?.getAttribute('name')).to.equal(field);
      await sendKeys({ type: 'Not now' });
      const outside = oneEvent(document, 'keydown');
      let reachedPage = false;
      void outside.then(() => (reachedPage = true));
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !element.shadowRoot!.querySelector(`[part~="${part}"]`), `${part} stayed open`, { timeout: 5000 });
      await element.updateComplete;
      expect(focusedText(element), `focus after Escape in ${part}`).to.equal(label);
      expect(reachedPage, 'Escape went on to the page').to.equal(false);
    }
    // Escape on the page, outside the form, closes nothing and is left to the page.
    await sendKeys({ press: 'Escape' });
    expect(focusedText(element)).to.equal('Decline');
  });

  it('declines with a reason', async () => {
    const { element } = await openEstimateLink();
    const declined = oneEvent(element, 'portal-estimate-declined');
    ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Decline') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.getAttribute('name')).to.equal('reason');
    ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
    await untilText(element, 'Tell us why, in a few words.');
    await expect(element).to.be.accessible();
    type($(element, 'textarea[name="reason"]'), 'We are moving <b>next spring</b>.');
    ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
    expect((await declined).detail).to.deep.equal({ estimateId: 'est-2001', version: 1 });
    await untilText(element, 'You declined this estimate');
    // Focus goes to the decision, which is read then; a live region around it would say it twice.
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'decision-heading', 'focus never reached the decision', { timeout: 5000 });
    expect(liveRegionAround($(element, '#decision-heading'))).to.equal(null);
    expect($(element, '.customer-text').textContent).to.equal('We are moving <b>next spring</b>.');
    expect($(element, '.customer-text').querySelector('b')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('asks for changes with a message', async () => {
    const { element } = await openEstimateLink();
    const asked = oneEvent(element, 'portal-estimate-changes-requested');
    ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Ask for changes') as HTMLButtonElement).click();
    await element.updateComplete;
    type($(element, 'textarea[name="message"]'), 'Can you quote a 100,000 BTU unit?');
    ($(element, '[part~="changes-form"] button[type="submit"]') as HTMLButtonElement).click();
    expect((await asked).detail).to.deep.equal({ estimateId: 'est-2001', version: 1 });
    await untilText(element, 'You asked for changes');
    expect(textOf(element)).to.contain('Can you quote a 100,000 BTU unit?');
    await expect(element).to.be.accessible();
  });

  describe('a link that does not work', () => {
    it('expired (past the valid-until day): says so with the company phone, and offers no fresh link, which would not work either', async () => {
      const { url } = await sendLink('estimate', 'est-2001');
      clock.advance(40 * DAY);
      const element = await openFromLink(url);
      await untilText(element, 'This estimate has expired');
      expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      expect(element.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('revoked (a newer link was sent): says so, with the company phone', async () => {
      const { url } = await sendLink('estimate', 'est-2001');
      await sendLink('estimate', 'est-2001');
      const element = await openFromLink(url);
      await untilText(element, 'This link is no longer valid');
      expect(textOf(element)).to.contain('A newer link was sent to you.');
      expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      expect(($(element, '[part~="link-problem"] a') as HTMLAnchorElement).getAttribute('href')).to.equal('tel:5550104477');
      expect(element.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('withdrawn by the office: says the estimate was withdrawn, with the company phone; nothing to answer', async () => {
      const { url } = await sendLink('estimate', 'est-2001');
      expect((await api('POST', '/office/estimates/est-2001/withdraw', { headers: office, body: {} })).status).to.equal(200);
      const element = await openFromLink(url);
      await untilText(element, 'This estimate was withdrawn');
      expect(textOf(element)).to.contain('We withdrew this estimate, so there is nothing to approve here.');
      expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      expect(element.shadowRoot!.querySelector('[part~="approve-form"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('forged: says it doesn’t work, with the company phone', async () => {
      const element = await openFromLink(new URL('http://x/?estimate=est-2001#porchlight-link=AAAAAAAAAAAAAAAAAAAAAA'));
      await untilText(element, 'This link doesn’t work');
      expect(textOf(element)).to.contain('(555) 010-4477');
      expect(textOf(element)).not.to.contain('E-2001');
      await expect(element).to.be.accessible();
    });

    it('for another document: the same words, and nothing of either document', async () => {
      const { token } = await sendLink('estimate', 'est-2001');
      const element = await openFromLink(new URL(`http://x/?estimate=est-9999#porchlight-link=${token}`));
      await untilText(element, 'This link doesn’t work');
      expect(textOf(element)).not.to.contain('E-2001');
      await expect(element).to.be.accessible();
    });

    it('for another purpose (a pay link on the estimate page): the same words', async () => {
      const pay = await sendLink('pay', 'inv-10412');
      const named = await openFromLink(new URL(`http://x/?estimate=est-2001#porchlight-link=${pay.token}`));
      await untilText(named, 'This link doesn’t work');
      named.remove();
      // With no estimate in the address, the token alone says it is for a payment page.
      const unnamed = await openFromLink(new URL(`http://x/#porchlight-link=${pay.token}`));
      await untilText(unnamed, 'This link doesn’t work');
      expect(textOf(unnamed)).not.to.contain('10412');
    });

    it('expired between opening and approving: says so instead of a failed approval', async () => {
      const { element } = await openEstimateLink();
      await fillApproval(element);
      await sendLink('estimate', 'est-2001');
      $(element, '[part~="approve-button"]').click();
      await untilText(element, 'This link is no longer valid');
      expect(await signatureRecords()).to.have.length(0);
    });
  });

  describe('signed in, with no link', () => {
    it('refused as expired by the backend while this device’s date is behind: says it expired, and moves focus there', async () => {
      // Valid through tomorrow by this device's calendar, in the contractor's zone (the one the element reads), so
      // the form still shows if the device's midnight passes while the test runs. ("Today" would turn expired on
      // the device at that midnight, and the form this test fills would never show.)
      const { timeZone } = (await backend.inspect()).settings;
      const validUntil = addDays(todayIn(timeZone), 1);
      expect((await api('PUT', '/office/estimates/est-2001', { headers: office, body: { validUntil } })).status).to.equal(200);
      // Three days on, the backend's calendar is past that day at any hour. Two days could end on that day when a
      // 25-hour day (daylight saving time ending) falls in between.
      clock.advance(3 * DAY);
      const { element } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'Choose an option');
      await fillApproval(element);
      $(element, '[part~="approve-button"]').click();
      await untilText(element, `This estimate expired on ${formatDate(validUntil, 'en-US')}.`);
      expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="expired"]'));
      expect(element.shadowRoot!.querySelector('[part~="approve-form"]')).to.equal(null);
      expect(await signatureRecords()).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('past its valid-until day: says it expired, with the phone, in place of the answer form', async () => {
      // A day well past, in the browser's calendar and the backend's.
      expect((await api('PUT', '/office/estimates/est-2001', { headers: office, body: { validUntil: '2025-12-31' } })).status).to.equal(200);
      const { element } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'This estimate expired on Dec 31, 2025.');
      expect(textOf($(element, '[part~="expired"]'))).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
      expect(element.shadowRoot!.querySelector('[part~="approve-form"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('the session ends as a decline is sent: says it was not sent, and signed in again the reason typed is all there', async () => {
      const session = await sessionFor(DANA);
      const { element, provider } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, { session });
      await untilText(element, 'Choose an option');
      ($$(element, '[part~="other-answers"] button').find((b) => b.textContent!.trim() === 'Decline') as HTMLButtonElement).click();
      await element.updateComplete;
      type($(element, 'textarea[name="reason"]'), 'We are moving next spring.');
      // Ended elsewhere (signed out on another device) before the answer goes.
      expect((await api('POST', '/auth/sign-out', { token: session.token })).status).to.equal(204);
      ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
      await untilText(element, 'Your session ended before your answer was sent. Sign in again to send it: what you entered is kept.');
      await expect(element).to.be.accessible();

      provider.session = await sessionFor(DANA);
      await waitUntil(() => element.shadowRoot!.querySelector('textarea[name="reason"]'), 'the decline form never came back', { timeout: 5000 });
      expect(($(element, 'textarea[name="reason"]') as HTMLTextAreaElement).value).to.equal('We are moving next spring.');
      const declined = oneEvent(element, 'portal-estimate-declined');
      ($(element, '[part~="decline-form"] button[type="submit"]') as HTMLButtonElement).click();
      await declined;
      await untilText(element, 'You declined this estimate');
    });

    it('shows the same estimate through the account, and takes the approval as the portal’s', async () => {
      const { element } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'Estimate E-2001');
      await untilText(element, 'Choose an option');
      await fillApproval(element, 'opt-good');
      $(element, '[part~="approve-button"]').click();
      await untilText(element, 'Approved: Good');
      expect((await signatureRecords())[0]!.via).to.match(/^portal:/);
    });

    it('says a sign-in without billing access has no estimates here: they are with the account holder', async () => {
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await samSession() });
      await untilText(element, 'Estimates for this account are with the account holder.');
      expect($(element, '[part~="no-billing"]').getAttribute('role')).to.equal('status');
      await expect(element).to.be.accessible();
    });

    it('lists the account’s estimates when none is named, and opens one', async () => {
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
      expect(textOf(element)).to.match(/Waiting for your answer · valid until \w+ \d+, \d{4}/);
      await expect(element).to.be.accessible();
      ($(element, '[part~="list"] button') as HTMLButtonElement).click();
      await untilText(element, 'Choose an option');
      expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
    });

    it('lists an approved estimate with the option chosen and its amount, not a valid-until day that no longer matters', async () => {
      const { element: opened } = await openEstimateLink();
      await fillApproval(opened, 'opt-better');
      $(opened, '[part~="approve-button"]').click();
      await untilText(opened, 'Approved: Better');
      const total = $(opened, '[part~="decision"]').textContent!.match(/\$[\d,]+\.\d{2}/)![0];
      opened.remove();
      leaveLinkAddress();
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'Approved · Better, ');
      expect(textOf(element)).to.contain(`Approved · Better, ${total}`);
      expect(textOf(element)).not.to.contain('valid until');
    });

    it('back on the list from an estimate opened by keyboard, focus is on that estimate’s button; the heading when it has left the list', async () => {
      const state = await backend.inspect();
      const first = state.estimates.find((e) => e.id === 'est-2001')!;
      for (const n of ['2002', '2003']) state.estimates.push({ ...structuredClone(first), id: `est-${n}`, number: `E-${n}` });
      await backend.restore(state);
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await sessionFor(DANA) });
      const focused = () => element.shadowRoot!.activeElement as HTMLElement | null;
      const listButton = (number: string) => $$(element, '[part~="list"] button').find((b) => textOf(b) === `Estimate ${number}`);
      const openAndGoBack = async (number: string, meanwhile = async () => {}) => {
        await waitUntil(() => listButton(number), `no Estimate ${number} in the list`, { timeout: 5000 });
        listButton(number)!.focus();
        await sendKeys({ press: 'Enter' });
        await untilText(element, 'Choose an option');
        await meanwhile();
        ($$(element, 'button').find((b) => textOf(b) === 'All your estimates') as HTMLButtonElement).focus();
        await sendKeys({ press: 'Enter' });
        await untilText(element, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
      };
      await openAndGoBack('E-2002');
      await waitUntil(() => focused() !== null && focused() === listButton('E-2002'), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
      // Gone from the account's estimates while it was open: the heading, as before.
      await openAndGoBack('E-2003', async () => {
        const now = await backend.inspect();
        now.estimates = now.estimates.filter((e) => e.id !== 'est-2003');
        await backend.restore(now);
      });
      expect(textOf(element)).not.to.contain('Estimate E-2003');
      expect(focused()?.id).to.equal('heading');
    });

    it('an estimate from the list that fails to load offers the way back to the list as well as Try again', async () => {
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await sessionFor(DANA) });
      await untilText(element, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
      useHandlers(http.get('*/api/customers/:customerId/estimates/:estimateId', () => HttpResponse.json({ surprise: true })));
      ($(element, '[part~="list"] button') as HTMLButtonElement).click();
      await untilText(element, 'Something went wrong on our side');
      await expect(element).to.be.accessible();
      ($$(element, 'button').find((b) => b.textContent!.trim() === 'All your estimates') as HTMLButtonElement).click();
      await untilText(element, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
      expect(textOf(element)).to.contain('Waiting for your answer');
    });

    it('the account’s list failing to load is still headed “Your estimates”, with Try again', async () => {
      const adapter = new HttpAdapter({ apiBase: '/api' });
      adapter.listEstimates = () => Promise.reject(new PortalError('NETWORK', 'offline'));
      const { element } = await mount<Estimate>(html`<portal-estimate></portal-estimate>`, { session: await sessionFor(DANA), adapter });
      await untilText(element, 'couldn’t connect');
      expect($(element, '#heading').textContent!.trim()).to.equal('Your estimates');
    });

    it('signed out and without a link, says how to open it', async () => {
      const { element } = await mount<Estimate>(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`);
      await untilText(element, 'Open the link in the message we sent you');
      await expect(element).to.be.accessible();
    });
  });

  it('fits 320 px with no sideways scroll, open and approved; the options stack', async () => {
    await atPhoneWidth(async () => {
      const { element } = await openEstimateLink();
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
      const tops = $$(element, '[part~="option"]').map((c) => Math.round(c.getBoundingClientRect().top));
      expect(new Set(tops).size).to.equal(3);
      await fillApproval(element);
      $(element, '[part~="approve-button"]').click();
      await untilText(element, 'Approved: Better');
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
    });
  });
});
