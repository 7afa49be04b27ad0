import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { PortalApp } from '../src/elements/portal-app/portal-app.js';
import type { PortalSectionChangedEvent } from '../src/events/portal-section-changed.js';
import { PortalState } from '../src/internal/portal-state.js';
import { keptSessionKey } from '../src/internal/session-key.js';
import '../src/define/portal-app.js';
import { changeSettings, samSession } from './helpers/account.js';
import { clearAddress, currentLink, deep, deepAll, deepText, focused, linkTo, navLinks, until, untilSection } from './helpers/app.js';
import { http, HttpResponse } from 'msw';
import { startTestBackend, useHandlers } from './helpers/backend.js';
import { leaveLinkAddress, openAddress, sendLink, signatureRecords } from './helpers/links.js';
import { DANA, PRIYA, mount, sessionFor, untilText } from './helpers/portal-fixture.js';
import type { Session } from '../src/model/session.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const ALL_SECTIONS = ['Invoices and payments', 'Estimates', 'Service history', 'Memberships', 'Equipment', 'Visits', 'Request a visit'];

async function mountApp(session: Session | null, template = html`<portal-app></portal-app>`) {
  const { element, provider } = await mount<PortalApp>(template, { session });
  return { app: element, provider };
}

/** Billing notes said anywhere in the app: the app's own, and any an element inside says. */
function billingNotes(app: PortalApp) {
  return deepAll(app, '[part~="billing-note"], [part~="access-note"], [part~="no-billing"]').filter(
    (note) => !note.closest('[part~="billing-note"]') || note.matches('[part~="billing-note"]'),
  );
}

describe('<portal-app>', () => {
  beforeEach(async () => {
    clearAddress();
    await startTestBackend();
  });
  afterEach(() => clearAddress());

  it('signed out: the sign-in alone, no sections', async () => {
    const { app } = await mountApp(null);
    const login = deep(app, 'portal-login')!;
    await untilText(login, 'Sign in');
    expect(navLinks(app)).to.have.length(0);
    expect(deep(app, 'portal-invoices')).to.equal(null);
    expect(app.section).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('signed in: every section in a list of links, the first current, its section shown', async () => {
    const { app } = await mountApp(await sessionFor(DANA));
    const invoices = await untilSection(app, 'portal-invoices');
    expect(navLinks(app).map((a) => a.textContent!.trim())).to.deep.equal(ALL_SECTIONS);
    expect(app.shadowRoot!.querySelectorAll('nav ul > li > a')).to.have.length(ALL_SECTIONS.length);
    expect(currentLink(app)?.textContent?.trim()).to.equal('Invoices and payments');
    expect(navLinks(app).filter((a) => a.hasAttribute('aria-current'))).to.have.length(1);
    await untilText(invoices, 'Outstanding invoices');
    expect(app.section).to.equal('invoices');
    // One account: no switcher.
    expect(deep(app, 'portal-account-switcher')).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('follows the settings: no memberships when hidden, no request form when scheduling is off, no pay buttons when payments are off', async () => {
    await changeSettings({ membershipsVisible: false, schedulerEnabled: false, onlinePaymentsEnabled: false });
    const { app } = await mountApp(await sessionFor(DANA));
    const invoices = await untilSection(app, 'portal-invoices');
    expect(navLinks(app).map((a) => a.textContent!.trim())).to.deep.equal(['Invoices and payments', 'Estimates', 'Service history', 'Equipment', 'Visits']);
    await untilText(invoices, 'To pay, call Northwind');
    expect(deepAll(invoices, 'button').map((b) => b.textContent!.trim())).not.to.include.members(['Pay balance']);
    expect(deepAll(invoices, 'button').some((b) => /^Pay /.test(b.textContent!.trim()))).to.equal(false);
    await expect(app).to.be.accessible();

    linkTo(app, 'Visits').click();
    const visits = await untilSection(app, 'portal-visits');
    await untilText(visits, 'Fall furnace tune-up');
    expect(deepText(visits)).not.to.contain('Request a visit');
    await expect(app).to.be.accessible();
  });

  it('a section the contractor hides while it is open gives way to the first one, in the address too, with focus on its heading', async () => {
    location.hash = 'portal=memberships';
    const { app, provider } = await mountApp(await sessionFor(DANA));
    const memberships = await untilSection(app, 'portal-memberships');
    (memberships.shadowRoot!.querySelector('#heading') as HTMLElement).focus();
    await changeSettings({ membershipsVisible: false });
    const changed = oneEvent(app, 'portal-section-changed');
    provider.portalState.reloadSettings();
    const event = (await changed) as PortalSectionChangedEvent;
    expect(event.detail).to.deep.equal({ section: 'invoices', previous: 'memberships', via: 'settings' });
    const invoices = await untilSection(app, 'portal-invoices');
    expect(location.hash).to.equal('#portal=invoices');
    expect(navLinks(app).map((a) => a.textContent!.trim())).not.to.include('Memberships');
    await until(() => focused() === invoices.shadowRoot!.querySelector('#heading'), 'focus was lost with the hidden section');
  });

  it('a sign-in without billing sees one note where billing would be, and none in the other sections', async function () {
    this.timeout(60000);
    const { app } = await mountApp(await samSession());
    await until(() => deep(app, '[part~="billing-note"]'), 'no billing note');
    const note = deep(app, '[part~="billing-note"]')!;
    expect(deepText(note)).to.contain('Invoices and payments');
    expect(deepText(note)).to.contain('billing is handled by the account holder');
    expect(deepText(note)).to.contain('Harbor Point Apartments');
    expect(billingNotes(app)).to.have.length(1);
    // No invoices element: nothing there this sign-in may see.
    expect(deep(app, 'portal-invoices')).to.equal(null);
    await expect(app).to.be.accessible();

    for (const [name, tag] of [
      ['Service history', 'portal-history'],
      ['Equipment', 'portal-equipment'],
      ['Visits', 'portal-visits'],
      ['Memberships', 'portal-memberships'],
    ] as const) {
      linkTo(app, name).click();
      const section = await untilSection(app, tag);
      // Once the section's data has loaded, it says nothing more about billing or access.
      await until(() => !/Loading/.test(deepText(section)), `${name} never loaded`);
      expect(billingNotes(app), `${name} repeats the billing note`).to.have.length(0);
      await expect(app).to.be.accessible();
    }
  });

  it('the portal turned off: the sign-in card alone says so, once, and no section shows', async () => {
    const session = await sessionFor(DANA);
    await changeSettings({ portalEnabled: false });
    const { app } = await mountApp(session);
    const login = deep(app, 'portal-login')!;
    await untilText(login, 'Online account access is turned off');
    expect(navLinks(app)).to.have.length(0);
    expect(deepAll(app, '[part~="portal-off"]')).to.have.length(1);
    expect(app.section).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('settings that do not load, signed in: a clear message and Try again, not a blank', async () => {
    let down = true;
    useHandlers(http.get('*/api/settings', () => (down ? HttpResponse.error() : undefined)));
    const { app } = await mountApp(await sessionFor(DANA));
    await until(() => app.shadowRoot!.querySelector('.main [part~="error"]'), 'no message when the settings did not load');
    const alert = app.shadowRoot!.querySelector<HTMLElement>('.main [part~="error"]')!;
    expect(alert.textContent!.trim()).not.to.equal('');
    await expect(app).to.be.accessible();
    down = false;
    alert.querySelector('button')!.click();
    await untilSection(app, 'portal-invoices');
  });

  it('a sign-in with several accounts gets the account switcher; the sections follow the choice', async () => {
    const { app, provider } = await mountApp(await sessionFor(PRIYA));
    await until(() => deep(app, 'portal-account-switcher')?.shadowRoot?.querySelector('select'), 'no account switcher');
    const select = deep(app, 'portal-account-switcher')!.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.have.length(2);
    await untilSection(app, 'portal-invoices');
    await expect(app).to.be.accessible();
    const other = provider.portalState.value.session!.accounts[1]!;
    select.value = other.customerId;
    select.dispatchEvent(new Event('change'));
    await until(() => provider.portalState.value.account?.customerId === other.customerId, 'the account did not change');
    expect(app.section).to.equal('invoices');
  });

  it('deep link: the address opens a section, Back returns, and the host page’s own fragment parts stay', async () => {
    location.hash = 'tab=2&portal=visits';
    const { app } = await mountApp(await sessionFor(DANA));
    const visits = await untilSection(app, 'portal-visits');
    expect(currentLink(app)?.textContent?.trim()).to.equal('Visits');
    // Opening the page on a link moves no focus.
    expect(focused()).not.to.equal(visits.shadowRoot!.querySelector('#heading'));

    const changed = oneEvent(app, 'portal-section-changed');
    linkTo(app, 'Service history').click();
    expect(((await changed) as PortalSectionChangedEvent).detail).to.deep.equal({ section: 'history', previous: 'visits', via: 'navigation' });
    expect(location.hash).to.equal('#tab=2&portal=history');
    const historyElement = await untilSection(app, 'portal-history');
    await until(() => focused() === historyElement.shadowRoot!.querySelector('#heading'), 'focus is not on the section heading');

    const back = oneEvent(app, 'portal-section-changed');
    history.back();
    expect(((await back) as PortalSectionChangedEvent).detail).to.deep.equal({ section: 'visits', previous: 'history', via: 'address' });
    expect(location.hash).to.equal('#tab=2&portal=visits');
    const visitsAgain = await untilSection(app, 'portal-visits');
    await until(() => focused() === visitsAgain.shadowRoot!.querySelector('#heading'), 'focus is not on the heading after Back');

    // A change to the host's own part of the fragment is not the portal's business.
    location.hash = 'tab=3&portal=visits';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.section).to.equal('visits');

    // The links are real links to their section's address.
    expect(linkTo(app, 'Equipment').getAttribute('href')).to.match(/#tab=3&portal=equipment$/);
    await expect(app).to.be.accessible();
  });

  it('a link to an unknown section shows the first one and corrects the address', async () => {
    location.hash = 'portal=nowhere';
    const { app } = await mountApp(await sessionFor(DANA));
    await untilSection(app, 'portal-invoices');
    expect(location.hash).to.equal('#portal=invoices');
  });

  it('an open invoice lives in the address: a link opens it, Back closes it', async () => {
    const session = await sessionFor(DANA);
    const { app } = await mountApp(session);
    const invoices = await untilSection(app, 'portal-invoices');
    await untilText(invoices, 'Outstanding invoices');
    const open = deepAll(invoices, '[part~="row"] button, [part~="row"] a').find((b) => /INV|Invoice/i.test(b.textContent ?? ''));
    expect(open, 'an invoice to open').to.exist;
    open!.click();
    await until(() => /^#portal=invoices\/.+/.test(location.hash), `the address does not name the invoice: ${location.hash}`);
    const invoiceId = decodeURIComponent(location.hash.split('/')[1]!);
    await until(() => invoices.shadowRoot!.querySelector('#view-heading'), 'the invoice did not open');
    const number = invoices.shadowRoot!.querySelector('#view-heading')!.textContent!.trim();

    history.back();
    await until(() => location.hash === '', 'Back did not return');
    await until(() => !invoices.shadowRoot!.querySelector('#view-heading'), 'Back did not close the invoice');
    await untilText(invoices, 'Outstanding invoices');

    // The same address in a fresh page opens that invoice straight away.
    app.remove();
    clearAddress();
    location.hash = `portal=invoices/${encodeURIComponent(invoiceId)}`;
    const again = await mountApp(session);
    const reopened = await untilSection(again.app, 'portal-invoices');
    await until(() => reopened.shadowRoot!.querySelector('#view-heading')?.textContent?.trim() === number, 'the link did not open the invoice');
    await expect(again.app).to.be.accessible();
  });

  it('signing out takes the open invoice out of the address: the next person starts at the default section', async () => {
    const { app, provider } = await mountApp(await sessionFor(DANA));
    const invoices = await untilSection(app, 'portal-invoices');
    await untilText(invoices, 'Outstanding invoices');
    location.hash = 'portal=invoices/inv-10377';
    await until(() => invoices.shadowRoot!.querySelector('#view-heading'), 'the invoice did not open');
    await provider.portalState.value.signOut();
    await until(() => location.hash === '', `the address still names Dana's invoice: ${location.hash}`);
    provider.session = await sessionFor(PRIYA);
    const next = await untilSection(app, 'portal-invoices');
    await untilText(next, 'Outstanding invoices');
    expect(deepText(app)).not.to.contain('couldn’t find');
    expect(location.hash).to.equal('');
    // An invoice that is not there (another person's id typed in): said, with the way back and no Try
    // again, which could never work.
    location.hash = 'portal=invoices/inv-10377';
    await untilText(next, 'We couldn’t find that');
    expect(deepAll(next, 'button').map((b) => b.textContent!.trim())).to.include('Back to invoices').and.not.to.include('Try again');
  });

  it('another account chosen closes the open invoice in place: Back does not return to the other account’s invoice', async () => {
    const { app, provider } = await mountApp(await sessionFor(PRIYA));
    const invoices = await untilSection(app, 'portal-invoices');
    await untilText(invoices, 'Outstanding invoices');
    location.hash = 'portal=invoices/inv-10602';
    await until(() => invoices.shadowRoot!.querySelector('#view-heading'), 'the invoice did not open');
    const entries = history.length;
    const other = provider.portalState.value.session!.accounts.find((a) => a.customerId !== provider.portalState.value.account!.customerId)!;
    provider.portalState.value.selectAccount(other.customerId);
    await until(() => location.hash === '#portal=invoices', `the address still names the invoice: ${location.hash}`);
    expect(history.length, 'no new history entry').to.equal(entries);
  });

  it('estimates: the account’s estimates; one opened lives in the address, Back returns to the list', async () => {
    const { app } = await mountApp(await sessionFor(DANA));
    await untilSection(app, 'portal-invoices');
    const changed = oneEvent(app, 'portal-section-changed');
    linkTo(app, 'Estimates').click();
    expect(((await changed) as PortalSectionChangedEvent).detail).to.deep.equal({ section: 'estimates', previous: 'invoices', via: 'navigation' });
    expect(location.hash).to.equal('#portal=estimates');
    const estimates = await untilSection(app, 'portal-estimate');
    await untilText(estimates, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
    await until(() => focused() === estimates.shadowRoot!.querySelector('#heading'), 'focus is not on the estimates heading');
    await expect(app).to.be.accessible();

    (estimates.shadowRoot!.querySelector('[part~="list"] button') as HTMLButtonElement).click();
    await untilText(estimates, 'Choose an option');
    expect(location.hash).to.equal('#portal=estimates/est-2001');
    await expect(app).to.be.accessible();

    history.back();
    await until(() => location.hash === '#portal=estimates', `Back did not return to the list: ${location.hash}`);
    await untilText(estimates, 'Waiting for your answer'); // the list itself: the heading shows while it loads too

    // The same address in a fresh page opens that estimate, through the account.
    app.remove();
    location.hash = 'portal=estimates/est-2001';
    const again = await mountApp(await sessionFor(DANA));
    const reopened = await untilSection(again.app, 'portal-estimate');
    await untilText(reopened, 'Estimate E-2001');
    await untilText(reopened, 'Choose an option');
    // "All your estimates" goes back to the list, and the address follows.
    (deepAll(reopened, 'button').find((b) => b.textContent!.trim() === 'All your estimates') as HTMLButtonElement).click();
    await untilText(reopened, 'Waiting for your answer'); // the list itself: the heading shows while it loads too
    await until(() => location.hash === '#portal=estimates', `the address still names the estimate: ${location.hash}`);
  });

  it('an estimate link’s address opened on the portal’s page shows that estimate to the signed-in customer, through the account', async () => {
    const { url } = await sendLink('estimate', 'est-2001');
    openAddress(url);
    try {
      const { app } = await mountApp(await sessionFor(DANA));
      const estimate = await untilSection(app, 'portal-estimate');
      await untilText(estimate, 'Estimate E-2001');
      await untilText(estimate, 'Choose an option');
      expect(currentLink(app)?.textContent?.trim()).to.equal('Estimates');
      // The link's parts give way to the portal's own: no token left in the address or its history entry.
      expect(location.hash).to.equal('#portal=estimates/est-2001');
      expect(location.search).not.to.contain('estimate=');
      expect(location.href).not.to.contain('porchlight-link');
      // An approval made here is the portal's (the signed-in login), not the link's.
      (estimate.shadowRoot!.querySelector('input[type="radio"][value="opt-good"]') as HTMLInputElement).click();
      for (const box of deepAll<HTMLInputElement>(estimate, '[part~="sign"] input[type="checkbox"]')) box.click();
      const signer = estimate.shadowRoot!.querySelector('input[name="signer"]') as HTMLInputElement;
      signer.value = 'Dana Whitfield';
      signer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      (estimate.shadowRoot!.querySelector('[part~="approve-button"]') as HTMLButtonElement).click();
      await untilText(estimate, 'Approved: Good');
      expect((await signatureRecords()).map((r) => r.via.split(':')[0])).to.deep.equal(['portal']);
      await expect(app).to.be.accessible();
    } finally {
      leaveLinkAddress();
    }
  });

  it('signed out, a link’s address opens its page above the sign-in card, and is left as it is', async () => {
    // An office that sends links without naming a page sends them to the portal's page: a customer
    // without an account still pays, answers the estimate or follows the visit there.
    const cases: [Parameters<typeof sendLink>, string, string][] = [
      [['estimate', 'est-2001'], 'portal-estimate', 'Choose an option'],
      [['pay', 'inv-10412'], 'portal-pay', 'Pay invoice 10412'],
      [['visit', 'appt-job-u1'], 'portal-visit-status', 'Fall furnace tune-up'],
    ];
    for (const [link, tag, shown] of cases) {
      const { url } = await sendLink(...link);
      openAddress(url);
      try {
        const { app } = await mountApp(null);
        await untilText(deep(app, 'portal-login')!, 'Sign in');
        await until(() => deep(app, tag) !== null, `no <${tag}> for a ${link[0]} link`);
        await untilText(deep(app, tag)!, shown);
        expect(navLinks(app)).to.have.length(0);
        expect(location.href).to.contain('porchlight-link=');
        await expect(app).to.be.accessible();
      } finally {
        leaveLinkAddress();
      }
    }
  });

  it('signed out, an address without a link’s token, or with routing="none", shows the sign-in alone', async () => {
    history.replaceState(null, '', `${location.pathname}?estimate=est-2001`);
    try {
      const { app } = await mountApp(null);
      await untilText(deep(app, 'portal-login')!, 'Sign in');
      // The link's page is in the first render that has it (its code loads into it): none here.
      await app.updateComplete;
      expect(app.shadowRoot!.querySelector('.link-page')).to.equal(null);
    } finally {
      leaveLinkAddress();
    }
    // routing="none": the address is the host page's, and the app does not read it.
    const { url } = await sendLink('estimate', 'est-2001');
    openAddress(url);
    try {
      const { app } = await mountApp(null, html`<portal-app routing="none"></portal-app>`);
      await untilText(deep(app, 'portal-login')!, 'Sign in');
      await app.updateComplete;
      expect(app.shadowRoot!.querySelector('.link-page')).to.equal(null);
    } finally {
      leaveLinkAddress();
    }
  });

  it('path routing: the section is the segment after base-path; search and fragment stay', async () => {
    const start = `${location.pathname}${location.search}`;
    history.replaceState(null, '', `/account/equipment${location.search}#host-anchor`);
    try {
      const { app } = await mountApp(await sessionFor(DANA), html`<portal-app routing="path" base-path="/account/"></portal-app>`);
      await untilSection(app, 'portal-equipment');
      expect(linkTo(app, 'Visits').getAttribute('href')).to.match(/\/account\/visits\?.*#host-anchor$/);
      linkTo(app, 'Visits').click();
      await untilSection(app, 'portal-visits');
      expect(location.pathname).to.equal('/account/visits');
      expect(location.hash).to.equal('#host-anchor');
      history.back();
      await untilSection(app, 'portal-equipment');
      expect(location.pathname).to.equal('/account/equipment');
    } finally {
      history.replaceState(null, '', start);
    }
  });

  it('routing="none" leaves the address alone', async () => {
    const { app } = await mountApp(await sessionFor(DANA), html`<portal-app routing="none"></portal-app>`);
    await untilSection(app, 'portal-invoices');
    const before = location.href;
    linkTo(app, 'Equipment').click();
    await untilSection(app, 'portal-equipment');
    expect(location.href).to.equal(before);
  });

  it('keyboard: Tab reaches the section links, Enter opens one and focus lands on its heading', async () => {
    const { app } = await mountApp(await sessionFor(DANA));
    await untilSection(app, 'portal-invoices');
    linkTo(app, 'Invoices and payments').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(linkTo(app, 'Memberships'));
    await sendKeys({ press: 'Enter' });
    const memberships = await untilSection(app, 'portal-memberships');
    await until(() => focused() === memberships.shadowRoot!.querySelector('#heading'), 'focus is not on the Memberships heading');
    expect(currentLink(app)?.textContent?.trim()).to.equal('Memberships');
    await expect(app).to.be.accessible();
  });

  it('"Request a visit" in the visits section opens the request form', async () => {
    location.hash = 'portal=visits';
    const { app } = await mountApp(await sessionFor(DANA));
    const visits = await untilSection(app, 'portal-visits');
    await untilText(visits, 'Request a visit');
    const button = deepAll<HTMLButtonElement>(visits, 'button').find((b) => b.textContent!.trim() === 'Request a visit')!;
    button.click();
    const scheduler = await untilSection(app, 'portal-scheduler');
    expect(location.hash).to.equal('#portal=request');
    expect(currentLink(app)?.textContent?.trim()).to.equal('Request a visit');
    await until(() => focused() === scheduler.shadowRoot!.querySelector('#heading'), 'focus is not on the request form');
    await expect(app).to.be.accessible();
  });

  it('works with an api-base alone, sharing the sign-in of the page', async () => {
    const session = await sessionFor(DANA);
    const app = await fixture<PortalApp>(html`<portal-app api-base="/api" routing="none"></portal-app>`);
    const state = PortalState.shared('/api', keptSessionKey('/api'));
    try {
      state.adoptSession(session);
      const invoices = await untilSection(app, 'portal-invoices');
      await untilText(invoices, 'Outstanding invoices');
      linkTo(app, 'Equipment').click();
      await untilSection(app, 'portal-equipment');
      await expect(app).to.be.accessible();
    } finally {
      await state.value.signOut();
    }
    await until(() => navLinks(app).length === 0, 'still showing sections after signing out');
  });

  describe('narrow and zoomed', () => {
    afterEach(async () => {
      document.body.style.margin = '';
      await setViewport({ width: 800, height: 600 });
    });

    /** What scrolls sideways: the page, the app, or anything inside it past the app's edges. */
    function sideways(app: PortalApp): string[] {
      const problems: string[] = [];
      const page = document.documentElement;
      if (page.scrollWidth > page.clientWidth) problems.push(`the page: ${page.scrollWidth} > ${page.clientWidth}`);
      if (app.scrollWidth > app.clientWidth) problems.push(`the app: ${app.scrollWidth} > ${app.clientWidth}`);
      const box = app.getBoundingClientRect();
      for (const element of deepAll(app, '*')) {
        const rect = element.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) continue;
        if (rect.right > box.right + 0.5) problems.push(`<${element.localName} class="${element.getAttribute('class') ?? ''}"> ends at ${rect.right} > ${box.right}`);
      }
      return problems;
    }

    async function settle() {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }

    it('reads and tabs in the order a phone shows: the navigation, the section, then the signed-in card', async () => {
      await setViewport({ width: 320, height: 700 });
      const { app } = await mountApp(await sessionFor(DANA));
      await untilText(await untilSection(app, 'portal-invoices'), 'Outstanding invoices');
      await settle();
      const parts = ['.nav', '.main', 'portal-login'].map((selector) => app.shadowRoot!.querySelector<HTMLElement>(selector)!);
      const tops = parts.map((part) => part.getBoundingClientRect().top);
      expect([...tops].sort((a, b) => a - b), 'shown top to bottom').to.deep.equal(tops);
      // The same order in the document, which is what reading and Tab follow.
      for (let i = 1; i < parts.length; i++) {
        expect(parts[i - 1]!.compareDocumentPosition(parts[i]!) & Node.DOCUMENT_POSITION_FOLLOWING, `${i}`).to.not.equal(0);
      }
    });

    for (const width of [320, 640]) {
      it(`${width} px wide${width === 640 ? ' (a 1280 px screen at 200 % zoom)' : ''}: no sideways scrolling in any section`, async function () {
        this.timeout(60000);
        await setViewport({ width, height: 700 });
        document.body.style.margin = '0';
        const { app } = await mountApp(await sessionFor(PRIYA));
        await untilText(await untilSection(app, 'portal-invoices'), 'Outstanding invoices');
        await settle();
        expect(sideways(app)).to.deep.equal([]);
        await expect(app).to.be.accessible();
        for (const [name, tag] of [
          ['Estimates', 'portal-estimate'],
          ['Service history', 'portal-history'],
          ['Memberships', 'portal-memberships'],
          ['Equipment', 'portal-equipment'],
          ['Visits', 'portal-visits'],
          ['Request a visit', 'portal-scheduler'],
        ] as const) {
          linkTo(app, name).click();
          await untilSection(app, tag);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await settle();
          expect(sideways(app), name).to.deep.equal([]);
        }
      });
    }

    it('signed out at 320 px: the sign-in fits', async () => {
      await setViewport({ width: 320, height: 700 });
      document.body.style.margin = '0';
      const { app } = await mountApp(null);
      await untilText(deep(app, 'portal-login')!, 'Sign in');
      await settle();
      expect(sideways(app)).to.deep.equal([]);
      await expect(app).to.be.accessible();
    });

    it('wide, signed out: the sign-in card at the start of the line, at its own width', async () => {
      await setViewport({ width: 1280, height: 800 });
      const { app } = await mountApp(null);
      const login = deep(app, 'portal-login')!;
      await untilText(login, 'Sign in');
      await settle();
      const box = app.getBoundingClientRect();
      const card = login.getBoundingClientRect();
      expect(card.left).to.be.closeTo(box.left, 1);
      expect(card.width).to.be.closeTo(28 * 16, 1);
    });

    it('wide: the links beside the section', async () => {
      await setViewport({ width: 1280, height: 800 });
      const { app } = await mountApp(await sessionFor(DANA));
      await untilSection(app, 'portal-invoices');
      await settle();
      const nav = app.shadowRoot!.querySelector('nav')!.getBoundingClientRect();
      const panel = app.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
      expect(nav.right).to.be.at.most(panel.left);
      expect(Math.abs(nav.top - panel.top)).to.be.below(2);
    });
  });
});
