import { expect, html } from '@open-wc/testing';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalMemberships } from '../src/elements/portal-memberships/portal-memberships.js';
import { formatDate } from '../src/internal/format.js';
import '../src/define/portal-memberships.js';
import { backend, startTestBackend } from './helpers/backend.js';
import { changeSettings, samSession } from './helpers/account.js';
import { runDataElementContract } from './helpers/data-element-contract.js';
import { DANA, PRIYA, $$, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

runDataElementContract({
  tag: 'portal-memberships',
  template: () => html`<portal-memberships></portal-memberships>`,
  signedInAs: DANA,
  adapterMethod: 'listMemberships',
  endpoint: '/customers/*/memberships',
  loadedText: 'Comfort Club Gold',
  signedOutText: 'Sign in to see your memberships',
  empty: {
    async setup() {
      const state = await backend.inspect();
      state.memberships = state.memberships.filter((m) => m.customerId !== 'cust-1001');
      await backend.restore(state);
    },
    text: 'You have no memberships to show',
  },
});

/** An adapter that counts membership requests. */
function countingAdapter() {
  const adapter = new HttpAdapter({ apiBase: '/api' });
  const counter = { calls: 0, adapter };
  const original = adapter.listMemberships.bind(adapter);
  adapter.listMemberships = (...args) => {
    counter.calls++;
    return original(...args);
  };
  return counter;
}

describe('<portal-memberships>', () => {
  beforeEach(() => startTestBackend());

  it('shows plan, status, location, dates, price, coverage, visits and the next maintenance visit', async () => {
    const { element } = await mount<PortalMemberships>(html`<portal-memberships></portal-memberships>`, {
      session: await sessionFor(DANA),
    });
    await untilText(element, 'Comfort Club Gold');
    const mem = (await backend.inspect()).memberships.find((m) => m.id === 'mem-1')!;
    const text = textOf(element);
    for (const expected of [
      'Active',
      'Home',
      `Started ${formatDate(mem.from, 'en-US')}`,
      `Renews on ${formatDate(mem.renewsOn!, 'en-US')}`,
      '$19.95 a month',
      '1 of 2 used, 1 remaining',
      `Next maintenance visit ${formatDate(mem.nextVisitOn!, 'en-US')}`,
      'Priority scheduling',
      '15% off Repairs',
    ]) {
      expect(text).to.contain(expected);
    }
    // Expired is not among the statuses the contractor shows.
    expect(text).not.to.contain('Comfort Club Basic');
    await expect(element).to.be.accessible();
  });

  it('shows the statuses the contractor allows, and only those', async () => {
    await changeSettings({ membershipStatuses: ['Expired'] });
    const { element } = await mount(html`<portal-memberships></portal-memberships>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Comfort Club Basic');
    expect(textOf(element)).to.contain('Expired');
    expect(textOf(element)).to.contain('Ended on');
    expect(textOf(element)).not.to.contain('Comfort Club Gold');
    expect($$(element, '[part="record"]')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('shows no next maintenance visit for an expired or a canceled plan', async () => {
    await changeSettings({ membershipStatuses: ['Active', 'Expired', 'Canceled'] });
    // Even when the office's record still carries a date, an ended plan has no next visit.
    const state = await backend.inspect();
    for (const m of state.memberships) if (m.id === 'mem-2' || m.id === 'mem-5') m.nextVisitOn = m.from;
    await backend.restore(state);
    const { element } = await mount(html`<portal-memberships></portal-memberships>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Comfort Club Basic');
    const [gold, basic] = $$(element, '[part="record"]');
    expect(textOf(gold!)).to.contain('Next maintenance visit');
    expect(textOf(basic!)).to.contain('Expired');
    expect(textOf(basic!)).not.to.contain('Next maintenance visit');
    expect(textOf(basic!)).not.to.contain('Not scheduled yet');
    await expect(element).to.be.accessible();

    const priya = await mount(html`<portal-memberships></portal-memberships>`, { session: await sessionFor(PRIYA) });
    priya.provider.portalState.value.selectAccount('cust-1004');
    await untilText(priya.element, 'Canceled');
    expect(textOf(priya.element)).not.to.contain('Next maintenance visit');
  });

  it('says memberships are not shown online when the contractor hides them, without asking the backend', async () => {
    await changeSettings({ membershipsVisible: false });
    const counter = countingAdapter();
    const { element } = await mount(html`<portal-memberships></portal-memberships>`, {
      session: await sessionFor(DANA),
      adapter: counter.adapter,
    });
    await untilText(element, 'Memberships are not shown online');
    expect(textOf(element)).to.contain('(555) 010-4477');
    expect(textOf(element)).not.to.contain('Comfort Club');
    expect(counter.calls).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('renders nothing at all with hide-when-unavailable', async () => {
    await changeSettings({ membershipsVisible: false });
    const { element } = await mount<PortalMemberships>(html`<portal-memberships hide-when-unavailable></portal-memberships>`, {
      session: await sessionFor(DANA),
    });
    await element.updateComplete;
    expect(textOf(element)).to.equal('');
    expect(getComputedStyle(element).display).to.equal('none');
    expect(element.matches(':state(unavailable)')).to.equal(true);
  });

  it('shows the notice when the backend refuses after the page loaded its settings', async () => {
    const { element, provider } = await mount(html`<portal-memberships></portal-memberships>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Comfort Club Gold');
    await changeSettings({ membershipsVisible: false });
    // The page still holds the old public settings; the backend's refusal decides.
    provider.portalState.value.dataChanged();
    await untilText(element, 'Memberships are not shown online');
    expect(textOf(element)).not.to.contain('Comfort Club Gold');
    await expect(element).to.be.accessible();
  });

  it('shows a nonBilling contact his location’s membership only, and why the other is missing', async () => {
    const { element } = await mount(html`<portal-memberships></portal-memberships>`, { session: await samSession() });
    await untilText(element, 'Commercial Preventive Maintenance');
    const text = textOf(element);
    expect(text).not.to.contain('Plumbing Protection');
    expect(text).to.contain(
      'You can see visits, equipment and memberships at Harbor Point Apartments; billing is handled by the account holder.',
    );
    expect(text).to.contain('Your sign-in does not include Harbor Point Leasing Office');
    await expect(element).to.be.accessible();
  });

  it('follows the chosen account', async () => {
    const { element, provider } = await mount(html`<portal-memberships></portal-memberships>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Commercial Preventive Maintenance');
    expect(textOf(element)).to.contain('Plumbing Protection');
    provider.portalState.value.selectAccount('cust-1004');
    // The Nairs' only membership is Canceled, a status the contractor does not show.
    await untilText(element, 'You have no memberships to show');
    expect(textOf(element)).not.to.contain('Commercial');
  });
});
