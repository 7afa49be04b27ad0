/**
 * Things a page says once, not once per element: that the contractor turned the portal off, and what
 * a sign-in may see at each location. The elements agree among themselves through the provider; a
 * page without the element that usually says it still hears it, from the first data element.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/index.js';
import { changeSettings, samSession } from './helpers/account.js';
import { startTestBackend } from './helpers/backend.js';
import { $$, DANA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const DATA_ELEMENTS = ['portal-invoices', 'portal-visits', 'portal-memberships', 'portal-equipment', 'portal-history'];

function wholePage(withLogin = true, withSwitcher = true) {
  return html`<div class="page">
    ${withLogin ? html`<portal-login></portal-login>` : ''} ${withSwitcher ? html`<portal-account-switcher></portal-account-switcher>` : ''}
    <portal-invoices></portal-invoices>
    <portal-visits></portal-visits>
    <portal-memberships></portal-memberships>
    <portal-equipment></portal-equipment>
    <portal-history></portal-history>
  </div>`;
}

function el(provider: PortalProvider, tag: string): HTMLElement {
  return provider.querySelector(tag)!;
}

/** How many elements on the page say a sentence. */
function sayers(provider: PortalProvider, text: string): string[] {
  return [...provider.querySelectorAll('*')].filter((e) => e.shadowRoot && textOf(e).includes(text)).map((e) => e.localName);
}

describe('the portal turned off', () => {
  beforeEach(() => startTestBackend());

  it('is said once, by the sign-in card, with the phone on one line; the customer stays signed in and is back when it is', async () => {
    const { provider } = await mount(wholePage(), { session: await sessionFor(DANA), select: '.page' });
    await untilText(el(provider, 'portal-invoices'), 'Outstanding invoices');
    await changeSettings({ portalEnabled: false });
    provider.portalState.reloadSettings();
    const login = el(provider, 'portal-login');
    await untilText(login, 'Online account access is turned off right now');
    await waitUntil(() => DATA_ELEMENTS.every((tag) => textOf(el(provider, tag)) === ''), 'data elements still speak', { timeout: 5000 });
    expect(sayers(provider, 'turned off')).to.deep.equal(['portal-login']);
    expect(textOf(login)).not.to.contain('You are signed in');
    expect(textOf(login)).to.contain('You are still signed in');
    expect(textOf(el(provider, 'portal-account-switcher'))).to.equal('');
    const phone = login.shadowRoot!.querySelector('.nowrap')!;
    expect(phone.textContent).to.equal('(555) 010-4477');
    expect(getComputedStyle(phone).whiteSpace).to.equal('nowrap');
    await expect(login).to.be.accessible();
    expect(provider.portalState.value.session, 'still signed in').not.to.equal(null);

    await changeSettings({ portalEnabled: true });
    provider.portalState.reloadSettings();
    await untilText(login, 'Signed in as dana.whitfield@example.com');
    await untilText(el(provider, 'portal-invoices'), 'Outstanding invoices');
  });

  it('keeps a kept session through a page load while the portal is off', async () => {
    const session = await sessionFor(DANA);
    localStorage.setItem('porchlight.session:/api', JSON.stringify({ session, customerId: null }));
    await changeSettings({ portalEnabled: false });
    const provider = await fixture<PortalProvider>(html`<portal-provider api-base="/api">${wholePage()}</portal-provider>`);
    await untilText(el(provider, 'portal-login'), 'You are still signed in');
    // The backend answers 503 to the session check: that is not "signed out".
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(provider.portalState.value.session?.token).to.equal(session.token);
    expect(localStorage.getItem('porchlight.session:/api')).to.contain(session.token);
  });

  it('is said once by the first data element when the page has no sign-in card', async () => {
    const session = await sessionFor(DANA);
    await changeSettings({ portalEnabled: false });
    const { provider } = await mount(wholePage(false, false), { session, select: '.page' });
    await untilText(el(provider, 'portal-invoices'), 'turned off');
    expect(sayers(provider, 'turned off')).to.deep.equal(['portal-invoices']);
    await expect(el(provider, 'portal-invoices')).to.be.accessible();
  });

  it('is said once when signed out too', async () => {
    await changeSettings({ portalEnabled: false });
    const { provider } = await mount(wholePage(), { select: '.page' });
    await untilText(el(provider, 'portal-login'), 'turned off');
    expect(sayers(provider, 'turned off')).to.deep.equal(['portal-login']);
    expect(textOf(el(provider, 'portal-login'))).not.to.contain('still signed in');
  });
});

/** History with its rows on screen: a windowed list renders only the rows in view. */
async function historyRows(provider: PortalProvider) {
  const history = el(provider, 'portal-history');
  await untilText(history, /completed jobs/, 15_000);
  history.scrollIntoView();
  await untilText(history, 'Invoice with the account holder', 15_000);
  return history;
}

describe('what a non-billing sign-in may see', function () {
  this.timeout(60_000);
  beforeEach(() => startTestBackend());

  it('is said once, by the account switcher, and history says the invoices are with the account holder', async () => {
    const { provider } = await mount(wholePage(), { session: await samSession(), select: '.page' });
    await untilText(el(provider, 'portal-visits'), 'Upcoming', 15_000);
    await untilText(el(provider, 'portal-equipment'), 'Hot water boiler', 15_000);
    await untilText(el(provider, 'portal-memberships'), 'Commercial Preventive Maintenance', 15_000);
    const history = await historyRows(provider);
    // Only the switcher explains the access and how to get more.
    expect(sayers(provider, 'ask the account holder')).to.deep.equal(['portal-account-switcher']);
    expect(sayers(provider, 'billing is handled by the account holder')).to.deep.equal(['portal-account-switcher']);
    expect(textOf(el(provider, 'portal-invoices'))).to.contain('Invoices and payments for this account are with the account holder.');
    // Jobs whose invoices the office does not show online at all still say "No invoice".
    expect(textOf(history)).to.contain('No invoice');
    await expect(el(provider, 'portal-account-switcher')).to.be.accessible();
  });

  it('is said by the first element with location data when the page has no switcher', async () => {
    const { provider } = await mount(wholePage(true, false), { session: await samSession(), select: '.page' });
    await untilText(el(provider, 'portal-visits'), 'ask the account holder');
    await untilText(el(provider, 'portal-visits'), 'Upcoming', 15_000);
    await historyRows(provider);
    expect(sayers(provider, 'ask the account holder')).to.deep.equal(['portal-visits']);
    expect($$(el(provider, 'portal-visits'), '[part="access-note"]')).to.have.length(1);
  });
});
