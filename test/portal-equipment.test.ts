import { expect, html } from '@open-wc/testing';
import { ageText, warrantyState } from '../src/elements/portal-equipment/equipment-facts.js';
import { formatDate } from '../src/internal/format.js';
import '../src/define/portal-equipment.js';
import { backend, startTestBackend } from './helpers/backend.js';
import { samSession } from './helpers/account.js';
import { runDataElementContract } from './helpers/data-element-contract.js';
import { DANA, PRIYA, $$, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

runDataElementContract({
  tag: 'portal-equipment',
  template: () => html`<portal-equipment></portal-equipment>`,
  signedInAs: DANA,
  adapterMethod: 'listEquipment',
  endpoint: '/customers/*/equipment',
  loadedText: 'Gas furnace',
  signedOutText: 'Sign in to see the equipment',
  empty: {
    async setup() {
      const state = await backend.inspect();
      state.equipment = state.equipment.filter((e) => e.customerId !== 'cust-1001');
      await backend.restore(state);
    },
    text: 'We have no equipment on file for you yet',
  },
});

function record(element: Element, name: string): string {
  const found = $$(element, '[part="record"]').find((r) => r.textContent?.includes(name));
  if (!found) throw new Error(`no record for ${name}`);
  return (found.textContent ?? '').replace(/\s+/g, ' ');
}

describe('equipment facts', () => {
  it('calls a warranty active, ending within 90 days, or expired', () => {
    expect(warrantyState('2026-04-15', '2026-01-01')).to.equal('active');
    expect(warrantyState('2026-03-31', '2026-01-01')).to.equal('ending');
    expect(warrantyState('2026-01-01', '2026-01-01')).to.equal('ending');
    expect(warrantyState('2025-12-31', '2026-01-01')).to.equal('expired');
  });

  it('gives an age in years, months, or less than a month', () => {
    expect(ageText('2013-01-01', '2026-01-02')).to.equal('13 years');
    expect(ageText('2025-01-01', '2026-01-02')).to.equal('1 year');
    expect(ageText('2025-08-01', '2026-01-02')).to.equal('5 months');
    expect(ageText('2025-12-20', '2026-01-02')).to.equal('Less than a month');
    // On the anniversary, a whole year more (730 days / 365.25 said 1 year here); the day before, not yet.
    expect(ageText('2024-11-27', '2026-11-27')).to.equal('2 years');
    expect(ageText('2024-11-27', '2026-11-26')).to.equal('1 year');
    expect(ageText('2026-10-27', '2026-11-27')).to.equal('1 month');
    expect(ageText('2026-10-28', '2026-11-27')).to.equal('Less than a month');
    // Installed on the 31st: a month later is the last day of a shorter month at the earliest.
    expect(ageText('2026-01-31', '2026-02-28')).to.equal('Less than a month');
    expect(ageText('2026-01-31', '2026-03-01')).to.equal('1 month');
  });
});

describe('<portal-equipment>', () => {
  beforeEach(() => startTestBackend());

  it('shows make, model, serial, age, warranties, replacement, last service and manuals', async () => {
    const { element } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Gas furnace');
    const state = await backend.inspect();
    const furnace = state.equipment.find((e) => e.id === 'eq-1')!;
    // The newest completed job that worked on the furnace (the igniter repair), not the newest job at
    // the house (a thermostat replacement three days ago serviced no furnace).
    const lastJob = state.jobs
      .filter((j) => j.equipmentIds?.includes('eq-1') && j.completedOn)
      .map((j) => j.completedOn!)
      .sort()
      .at(-1)!;
    const newestAtHouse = state.jobs.filter((j) => j.location.id === 'loc-1' && j.completedOn).map((j) => j.completedOn!).sort().at(-1)!;
    expect(lastJob).not.to.equal(newestAtHouse);
    const text = record(element, 'Gas furnace');
    expect(text).to.contain('Carrier 59SC5A080S17');
    expect(text).to.contain('2412A51234');
    expect(text).to.contain(`${formatDate(furnace.installedOn!, 'en-US')} (12 years old)`);
    expect(text).to.contain(`Manufacturer warranty Expired ended ${formatDate(furnace.manufacturerWarrantyEnd!, 'en-US')}`);
    expect(text).to.contain(`Expected replacement ${formatDate(furnace.predictedReplacementOn!, 'en-US')}`);
    expect(text).to.contain(`Last serviced ${formatDate(lastJob, 'en-US')}`);
    const manual = $$(element, 'a').find((a) => a.textContent === 'Owner manual (PDF)') as HTMLAnchorElement;
    expect(manual.href).to.equal('https://example.com/manuals/carrier-59sc5.pdf');
    expect(manual.rel).to.equal('noopener noreferrer');
    await expect(element).to.be.accessible();
  });

  it('marks warranties ending within 90 days, with their dates', async () => {
    const { element } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Central air conditioner');
    const ac = (await backend.inspect()).equipment.find((e) => e.id === 'eq-2')!;
    expect(record(element, 'Central air conditioner')).to.contain(
      `Service warranty Ending soon until ${formatDate(ac.serviceProviderWarrantyEnd!, 'en-US')}`,
    );
    expect(record(element, 'Central air conditioner')).to.contain('Manufacturer warranty Active');
    expect(record(element, 'Water heater')).to.contain('Manufacturer warranty Ending soon');
    expect(record(element, 'Water heater')).to.contain('Service warranty None on file');
  });

  it('links only http(s) attachments; any other address stays text', async () => {
    const state = await backend.inspect();
    state.equipment.find((e) => e.id === 'eq-2')!.attachments = [
      { name: 'Warranty card', url: 'javascript:alert(1)' },
      { name: '<b>Install guide</b>', url: 'http://example.com/install.pdf' },
    ];
    await backend.restore(state);
    const { element } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Warranty card');
    expect($$(element, 'a').map((a) => a.getAttribute('href')).sort()).to.deep.equal([
      'http://example.com/install.pdf',
      'https://example.com/manuals/carrier-59sc5.pdf',
    ]);
    expect(record(element, 'Central air conditioner')).to.contain('Warranty card (not available online)');
    expect(record(element, 'Central air conditioner')).to.contain('<b>Install guide</b>');
    await expect(element).to.be.accessible();
  });

  it('groups equipment by location for an account with several', async () => {
    const { element } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Rooftop unit');
    const groups = $$(element, '[part="location"]').map((g) => g.querySelector('h3')?.textContent);
    expect(groups).to.deep.equal(['Harbor Point Apartments', 'Harbor Point Leasing Office']);
    await expect(element).to.be.accessible();
  });

  it('shows a nonBilling contact his location’s equipment only, and why', async () => {
    const { element } = await mount(html`<portal-equipment></portal-equipment>`, { session: await samSession() });
    await untilText(element, 'Hot water boiler');
    expect(textOf(element)).not.to.contain('Rooftop unit');
    expect(textOf(element)).to.contain('billing is handled by the account holder');
    expect(textOf(element)).to.contain('Your sign-in does not include Harbor Point Leasing Office');
    await expect(element).to.be.accessible();
  });

  it('follows the chosen account', async () => {
    const { element, provider } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Hot water boiler');
    provider.portalState.value.selectAccount('cust-1004');
    await untilText(element, 'Heat pump');
    expect(textOf(element)).not.to.contain('Hot water boiler');
    expect(textOf(element)).not.to.contain('account holder');
  });
});
