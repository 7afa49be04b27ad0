import { expect, html, oneEvent } from '@open-wc/testing';
import type { PortalVisits } from '../src/elements/portal-visits/portal-visits.js';
import type { PortalAppointmentRequestedEvent } from '../src/events/portal-appointment-requested.js';
import { zoneName } from '../src/elements/portal-visits/visit-text.js';
import { formatWindow } from '../src/internal/format.js';
import '../src/define/portal-visits.js';
import { backend, clock, startTestBackend } from './helpers/backend.js';
import { changeSettings, samSession } from './helpers/account.js';
import { runDataElementContract } from './helpers/data-element-contract.js';
import { DANA, PRIYA, $, $$, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

runDataElementContract({
  tag: 'portal-visits',
  template: () => html`<portal-visits></portal-visits>`,
  signedInAs: DANA,
  adapterMethod: 'listVisits',
  endpoint: '/customers/*/visits',
  loadedText: 'Fall furnace tune-up',
  signedOutText: 'Sign in to see your upcoming and past visits',
  empty: {
    async setup() {
      const state = await backend.inspect();
      state.jobs = state.jobs.filter((j) => j.customerId !== 'cust-1001');
      await backend.restore(state);
    },
    text: /No upcoming visits are scheduled.*No visits in the past year/,
  },
});

async function upcomingAppointment(jobId: string) {
  return (await backend.inspect()).jobs.find((j) => j.id === jobId)!.appointments[0]!;
}

describe('<portal-visits>', () => {
  beforeEach(() => startTestBackend());

  it('shows each upcoming visit’s arrival window in the contractor’s zone, technician, status and location', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Fall furnace tune-up');
    const appointment = await upcomingAppointment('job-u1');
    const window = formatWindow(appointment.arrivalWindowStart, appointment.arrivalWindowEnd, 'America/Chicago', 'en-US');
    const upcoming = $$(element, '[aria-labelledby="upcoming"] [part="record"]');
    expect(upcoming).to.have.length(1);
    const text = upcoming[0]!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain(window);
    expect(text).to.contain('Scheduled');
    expect(text).to.contain('Luis Ortega');
    expect(text).to.contain('Location Home');
    expect(textOf(element)).to.contain(`Arrival windows are in ${zoneName('America/Chicago', 'en-US')}`);
    await expect(element).to.be.accessible();
  });

  it('formats arrival windows in the zone the contractor sets', async () => {
    await changeSettings({ timeZone: 'America/New_York' });
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Fall furnace tune-up');
    const appointment = await upcomingAppointment('job-u1');
    expect(textOf(element)).to.contain(
      formatWindow(appointment.arrivalWindowStart, appointment.arrivalWindowEnd, 'America/New_York', 'en-US'),
    );
  });

  it('lists recent completed visits, newest first, within the past year', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Thermostat replacement');
    const recent = $$(element, '[aria-labelledby="recent"] [part="record"]').map((r) => r.textContent!);
    expect(recent).to.have.length(6);
    expect(recent[0]).to.contain('Thermostat replacement');
    expect(textOf(element)).not.to.contain('Spring A/C tune-up');
  });

  it('says when no visit is coming up', async () => {
    clock.advance(6 * 86_400_000);
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'No upcoming visits are scheduled');
    expect(textOf(element)).to.contain('Thermostat replacement');
    await expect(element).to.be.accessible();
  });

  it('shows the contractor’s message with phone numbers and web addresses as links', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Fall furnace tune-up');
    const message = $(element, '[part="message"]');
    expect(message.textContent).to.equal(
      'Call us at (555) 010-4477 or visit https://northwindair.example/schedule to request your next visit.',
    );
    expect([...message.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'tel:5550104477',
      'https://northwindair.example/schedule',
    ]);
  });

  it('shows the office’s Spanish message on a Spanish page, and the message as written where there is none', async () => {
    const { element } = await mount(html`<portal-visits lang="es"></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Llámenos al (555) 010-4477');
    expect($(element, '[part="message"]').textContent).to.equal(
      'Llámenos al (555) 010-4477 o visite https://northwindair.example/schedule para pedir su próxima visita.',
    );
    await changeSettings({ visitsMessage: 'Closed Friday.', translations: { es: { visitsMessage: '   ' } } });
    const blank = await mount(html`<portal-visits lang="es"></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(blank.element, 'Closed Friday.');
    const english = await mount(html`<portal-visits lang="en"></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(english.element, 'Closed Friday.');
  });

  it('shows markup in the message as text, never as markup', async () => {
    const markup = '<b>Closed Friday</b> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">book</a>';
    await changeSettings({ visitsMessage: markup });
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Closed Friday');
    const message = $(element, '[part="message"]');
    expect(message.textContent).to.equal(markup);
    expect(message.querySelector('b, img, a')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('offers a call link with the company phone', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Fall furnace tune-up');
    const call = $(element, '[part="actions"] a') as HTMLAnchorElement;
    expect(call.getAttribute('href')).to.equal('tel:5550104477');
    expect(call.textContent).to.contain('(555) 010-4477');
  });

  it('fires a cancelable, composed portal-appointment-requested a scheduler can take over', async () => {
    const { element, provider } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Request a visit');
    provider.addEventListener('portal-appointment-requested', (e) => e.preventDefault(), { once: true });
    const heard = oneEvent(provider, 'portal-appointment-requested');
    const button = $(element, '[part="actions"] button');
    button.focus();
    button.click();
    const event = (await heard) as PortalAppointmentRequestedEvent;
    expect(event.composed).to.equal(true);
    expect(event.cancelable).to.equal(true);
    expect(event.detail).to.deep.equal({ customerId: 'cust-1001', locations: [{ id: 'loc-1', name: 'Home' }] });
    await (element as unknown as PortalVisits).updateComplete;
    expect(textOf(element)).not.to.contain('Online booking is not available');
  });

  it('tells the customer to call when no one takes the request over', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Request a visit');
    $(element, '[part="actions"] button').click();
    await untilText(element, 'Online booking is not available on this page. Call Northwind Heating & Air at (555) 010-4477');
    await expect(element).to.be.accessible();
  });

  it('offers no request button when the contractor has no online scheduling', async () => {
    await changeSettings({ schedulerEnabled: false });
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Fall furnace tune-up');
    expect($$(element, '[part="actions"] button')).to.have.length(0);
    expect($$(element, '[part="actions"] a')).to.have.length(1);
  });

  it('shows a nonBilling contact the visits at his location only, and why', async () => {
    const { element } = await mount(html`<portal-visits></portal-visits>`, { session: await samSession() });
    await untilText(element, 'Quarterly boiler inspection');
    expect(textOf(element)).not.to.contain('Leasing office thermostat');
    expect(textOf(element)).not.to.contain('LED retrofit');
    expect(textOf(element)).to.contain(
      'You can see visits, equipment and memberships at Harbor Point Apartments; billing is handled by the account holder.',
    );
    await expect(element).to.be.accessible();
  });

  it('follows the chosen account', async () => {
    const { element, provider } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Quarterly boiler inspection');
    provider.portalState.value.selectAccount('cust-1004');
    await untilText(element, 'Heat pump filter change');
    expect(textOf(element)).not.to.contain('Quarterly boiler inspection');
  });
});
