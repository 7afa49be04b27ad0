import { expect, html, waitUntil } from '@open-wc/testing';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalVisitStatus } from '../src/elements/portal-visit-status/portal-visit-status.js';
import { zoneName } from '../src/elements/portal-visits/visit-text.js';
import { formatWindow } from '../src/internal/format.js';
import '../src/define/portal-visit-status.js';
import { http, HttpResponse } from 'msw';
import { backend, clock, startTestBackend, useHandlers } from './helpers/backend.js';
import { DAY, atPhoneWidth, leaveLinkAddress, moveVisit, openAddress, sendLink, settled, sidewaysProblems } from './helpers/links.js';
import { $, $$, mount, textOf, untilText } from './helpers/portal-fixture.js';

/** An HTTP adapter that counts the visit-status requests it makes. */
function countingAdapter() {
  const adapter = new HttpAdapter({ apiBase: '/api' });
  const counter = { calls: 0 };
  const original = adapter.getVisitStatus.bind(adapter);
  adapter.getVisitStatus = (...args) => {
    counter.calls++;
    return original(...args);
  };
  return { adapter, counter };
}

async function openVisitLink(template = html`<portal-visit-status></portal-visit-status>`, adapter?: HttpAdapter) {
  const { url, token } = await sendLink('visit', 'appt-job-u1');
  openAddress(url);
  const { element } = await mount<PortalVisitStatus>(template, adapter ? { adapter } : {});
  await untilText(element, 'Fall furnace tune-up');
  return { element, url, token };
}

function steps(element: Element) {
  return $$(element, '[part="step"]').map((step) => ({ name: step.querySelector('.name')!.textContent, current: step.getAttribute('aria-current') }));
}

/** Pretends the page was hidden (another tab, a locked phone) or shown again. */
function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<portal-visit-status>', () => {
  // The first test of a file loads SQLite (WebAssembly) and migrates it: slow on a busy two-core machine.
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  afterEach(() => {
    leaveLinkAddress();
    delete (document as unknown as Record<string, unknown>).visibilityState;
  });

  it('shows the technician’s first name, the arrival window in the contractor’s zone (named), and the steps', async () => {
    const { element } = await openVisitLink();
    const appointment = (await backend.inspect()).jobs.find((j) => j.id === 'job-u1')!.appointments[0]!;
    const window = formatWindow(appointment.arrivalWindowStart, appointment.arrivalWindowEnd, 'America/Chicago', 'en-US');
    const facts = $(element, '[part="facts"]').textContent!.replace(/\s+/g, ' ');
    expect(facts).to.contain('Luis');
    expect(facts).not.to.contain('Ortega');
    expect(facts).to.contain(window);
    // The test browser's clock is not on Chicago time: the zone is named.
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).not.to.equal('America/Chicago');
    expect(facts).to.contain(`Times are in ${zoneName('America/Chicago', 'en-US', new Date(appointment.arrivalWindowStart))}.`);
    expect(steps(element)).to.deep.equal([
      { name: 'Scheduled', current: 'step' },
      { name: 'On the way', current: null },
      { name: 'Arrived', current: null },
      { name: 'Done', current: null },
    ]);
    const status = $(element, '[part="status"]');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.equal('Your visit is scheduled. Luis will arrive in the arrival window.');
    await expect(element).to.be.accessible();
  });

  it('does not name the zone when the reader’s clock shows the same times', async () => {
    const state = await backend.inspect();
    state.settings = { ...state.settings, timeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone };
    await backend.restore(state);
    const { element } = await openVisitLink();
    expect(textOf(element)).not.to.contain('Times are in');
  });

  it('moves through the steps as the office moves the visit, announcing each politely, then stops checking', async () => {
    const { adapter, counter } = countingAdapter();
    const { element } = await openVisitLink(html`<portal-visit-status refresh-seconds="1"></portal-visit-status>`, adapter);
    await moveVisit('appt-job-u1', 'OnTheWay');
    await untilText(element, 'Luis is on the way.', 4000);
    expect(steps(element).map((s) => s.current)).to.deep.equal([null, 'step', null, null]);
    expect($$(element, '[part="step"]')[0]!.textContent).to.contain('(completed)');
    await expect(element).to.be.accessible();
    await moveVisit('appt-job-u1', 'Arrived');
    await untilText(element, 'Luis has arrived.', 4000);
    await moveVisit('appt-job-u1', 'Done');
    await untilText(element, 'Your visit is done. Thank you!', 4000);
    expect(steps(element).map((s) => s.current)).to.deep.equal([null, null, null, 'step']);
    // Done: no more checks.
    const after = counter.calls;
    await wait(2500);
    expect(counter.calls).to.equal(after);
    await expect(element).to.be.accessible();
  });

  it('checks only while the page is visible, at once when it shows again, and never once removed', async () => {
    const { adapter, counter } = countingAdapter();
    const { element } = await openVisitLink(html`<portal-visit-status refresh-seconds="1"></portal-visit-status>`, adapter);
    await waitUntil(() => counter.calls >= 2, 'it never checked again', { timeout: 4000 });
    setVisibility('hidden');
    const hidden = counter.calls;
    await wait(2500);
    expect(counter.calls).to.equal(hidden);
    await moveVisit('appt-job-u1', 'OnTheWay');
    setVisibility('visible');
    expect(counter.calls).to.equal(hidden + 1);
    await untilText(element, 'Luis is on the way.');
    element.remove();
    const removed = counter.calls;
    await wait(2500);
    expect(counter.calls).to.equal(removed);
  });

  it('keeps the visit on screen when a check fails, says when it was last checked, and goes on checking', async () => {
    const { element } = await openVisitLink(html`<portal-visit-status refresh-seconds="1"></portal-visit-status>`);
    useHandlers(http.get('*/api/links/visits/:id', () => HttpResponse.json({ error: { code: 'BAD_RESPONSE', message: 'x', details: {} } }, { status: 502 }), { once: true }));
    element.refresh();
    await untilText(element, 'We couldn’t check for news just now');
    expect(textOf(element)).to.contain('Fall furnace tune-up');
    expect(textOf(element)).to.contain('Luis');
    await expect(element).to.be.accessible();
    // The next check works: the note goes.
    await moveVisit('appt-job-u1', 'OnTheWay');
    await waitUntil(() => steps(element).find((s) => s.current)?.name === 'On the way', 'the next check never showed the new step', { timeout: 5000 });
    expect(textOf(element)).not.to.contain('couldn’t check');
  });

  it('in Spanish, ends the time it was last checked with one full stop ("12:18 p.m.", not "p.m..")', async () => {
    const { element } = await openVisitLink(html`<portal-visit-status lang="es" refresh-seconds="1"></portal-visit-status>`);
    await untilText(element, /Última verificación a las .*[ap]\.\s?m\./);
    const checked = $(element, '.checked')!.textContent!.replace(/\s+/g, ' ');
    expect(checked).not.to.match(/m\.\./);
  });

  it('checks every 30 seconds by default', async () => {
    const { element } = await openVisitLink();
    expect(textOf(element)).to.contain('This page checks again every 30 seconds.');
  });

  it('says a canceled visit was canceled, with whom to call, and no steps', async () => {
    await moveVisit('appt-job-u1', 'Canceled');
    const { element } = await openVisitLink();
    expect($(element, '[part="status"]').textContent).to.equal('This visit was canceled.');
    expect(textOf(element)).to.contain('Call Northwind Heating & Air at (555) 010-4477.');
    expect($$(element, '[part="step"]')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('a day after the visit, the link has expired: a fresh one would too, so it gives the phone', async () => {
    const { url } = await sendLink('visit', 'appt-job-u1');
    clock.advance(7 * DAY);
    openAddress(url);
    const { element } = await mount<PortalVisitStatus>(html`<portal-visit-status></portal-visit-status>`);
    await untilText(element, 'This link has expired');
    expect(element.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
    expect(textOf(element)).to.contain('(555) 010-4477');
    await expect(element).to.be.accessible();
  });

  it('a forged link, or a link for an estimate, doesn’t work', async () => {
    openAddress(new URL('http://x/?visit=appt-job-u1#porchlight-link=AAAAAAAAAAAAAAAAAAAAAA'));
    const { element: forged } = await mount<PortalVisitStatus>(html`<portal-visit-status></portal-visit-status>`);
    await untilText(forged, 'This link doesn’t work');
    forged.remove();
    const { token } = await sendLink('estimate', 'est-2001');
    openAddress(new URL(`http://x/#porchlight-link=${token}`));
    const { element: other } = await mount<PortalVisitStatus>(html`<portal-visit-status></portal-visit-status>`);
    await untilText(other, 'This link doesn’t work');
    await expect(other).to.be.accessible();
  });

  it('keeps each step’s name inside its box, at any width (the current one is bold)', async () => {
    const { element } = await openVisitLink();
    await untilText(element, 'Scheduled');
    for (const width of ['18rem', '30rem', '40rem', '60rem']) {
      element.style.width = width;
      await settled();
      for (const step of element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="step"]')) {
        const box = step.getBoundingClientRect();
        const name = step.querySelector('.name')!;
        const range = document.createRange();
        range.selectNodeContents(name);
        const text = range.getBoundingClientRect();
        expect(text.right, `“${name.textContent}” at ${width}`).to.be.at.most(box.right - 1);
        expect(text.left, `“${name.textContent}” at ${width}`).to.be.at.least(box.left + 1);
      }
    }
    element.style.width = '';
  });

  for (const lang of ['en', 'es']) {
    it(`shows the four steps in a row at the card's own width, one under another on a phone (${lang})`, async () => {
      const rows = (element: Element) => new Set($$(element, '[part="step"]').map((step) => Math.round(step.getBoundingClientRect().top))).size;
      const { element } = await openVisitLink(html`<portal-visit-status lang=${lang}></portal-visit-status>`);
      await settled();
      expect(rows(element), 'rows at the card’s own width').to.equal(1);
      element.remove();
      await atPhoneWidth(async () => {
        const { element: narrow } = await openVisitLink(html`<portal-visit-status lang=${lang}></portal-visit-status>`);
        await settled();
        expect(rows(narrow), 'rows at 320 px').to.equal(4);
        expect(sidewaysProblems(narrow)).to.deep.equal([]);
      });
    });
  }

  it('fits 320 px with no sideways scroll', async () => {
    await atPhoneWidth(async () => {
      const { element } = await openVisitLink();
      await settled();
      expect(sidewaysProblems(element)).to.deep.equal([]);
    });
  });
});
