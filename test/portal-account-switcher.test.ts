import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalAccountChangedEvent } from '../src/events/portal-account-changed.js';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-visits.js';
import { startTestBackend } from './helpers/backend.js';
import { samSession } from './helpers/account.js';
import { DANA, PRIYA, $, $$, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

describe('<portal-account-switcher>', () => {
  beforeEach(() => startTestBackend());

  it('renders nothing when no one is signed in, and passes axe', async () => {
    const { element } = await mount(html`<portal-account-switcher></portal-account-switcher>`);
    expect(textOf(element)).to.equal('');
    await expect(element).to.be.accessible();
  });

  it('says it is not connected when there is no provider and no api-base', async () => {
    const element = await fixture(html`<portal-account-switcher></portal-account-switcher>`);
    expect($(element, '[role="alert"]').textContent).to.contain('not connected to a portal');
  });

  it('names the one account as text, with no list to choose from', async () => {
    const { element } = await mount(html`<portal-account-switcher></portal-account-switcher>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Bill to Dana Whitfield');
    expect($$(element, 'select')).to.have.length(0);
    expect(textOf(element)).to.contain('Home Everything, including invoices and payments');
    await expect(element).to.be.accessible();
  });

  it('offers each account in a labelled native select, and explains each location’s access', async () => {
    const { element } = await mount(html`<portal-account-switcher></portal-account-switcher>`, { session: await sessionFor(PRIYA) });
    const select = $(element, 'select') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).to.deep.equal([
      ['cust-1003', 'Harbor Point Properties LLC'],
      ['cust-1004', 'Priya & Arjun Nair'],
    ]);
    expect(select.value).to.equal('cust-1003');
    expect(select.closest('label')?.textContent).to.contain('Bill to');
    // Named by the label's words alone; the hint is its description, read once.
    const byId = (ids: string | null) => ids!.split(' ').map((id) => element.shadowRoot!.getElementById(id)!.textContent!.trim()).join(' ');
    expect(byId(select.getAttribute('aria-labelledby'))).to.equal('Bill to');
    expect(byId(select.getAttribute('aria-describedby'))).to.equal('Your sign-in reaches 2 accounts. Everything on this page follows your choice.');
    expect(textOf(element)).to.contain('Harbor Point Apartments Everything, including invoices and payments');
    await expect(element).to.be.accessible();
  });

  it('explains nonBilling and no access for a site contact', async () => {
    const { element } = await mount(html`<portal-account-switcher></portal-account-switcher>`, { session: await samSession() });
    await untilText(element, 'Bill to Harbor Point Properties LLC');
    const text = textOf(element);
    expect(text).to.contain(
      'Harbor Point Apartments Visits, equipment and memberships; billing is handled by the account holder',
    );
    expect(text).to.contain('Harbor Point Leasing Office Not included in your sign-in');
    await expect(element).to.be.accessible();
  });

  it('switches by keyboard, fires portal-account-changed, and every element follows', async () => {
    const { provider } = await mount(
      html`<portal-account-switcher></portal-account-switcher>
        <portal-visits></portal-visits>
        <portal-equipment></portal-equipment>
        <portal-memberships></portal-memberships>`,
      { session: await sessionFor(PRIYA) },
    );
    const switcher = provider.querySelector('portal-account-switcher')!;
    const visits = provider.querySelector('portal-visits')!;
    const equipment = provider.querySelector('portal-equipment')!;
    const memberships = provider.querySelector('portal-memberships')!;
    await untilText(visits, 'Quarterly boiler inspection');
    await untilText(equipment, 'Hot water boiler');
    await untilText(memberships, 'Commercial Preventive Maintenance');

    const changed = oneEvent(provider, 'portal-account-changed');
    $(switcher, 'select').focus();
    // An arrow on a closed list steps to the next account; the switch follows a pause in the keys.
    await sendKeys({ press: 'ArrowDown' });
    const event = (await changed) as PortalAccountChangedEvent;
    expect(event.detail).to.deep.equal({ customerId: 'cust-1004', name: 'Priya & Arjun Nair' });
    expect(event.composed).to.equal(true);
    expect(provider.portalState.value.account?.customerId).to.equal('cust-1004');

    await untilText(visits, 'Heat pump filter change');
    await untilText(equipment, 'Heat pump');
    await untilText(memberships, 'You have no memberships to show');
    expect(textOf(visits)).not.to.contain('Quarterly boiler inspection');
    expect(textOf(equipment)).not.to.contain('Hot water boiler');
    expect(textOf(switcher)).to.contain('Home Everything, including invoices and payments');
    await expect(switcher).to.be.accessible();
  });

  it('switches nothing for accounts stepped over with the arrow keys, and at once when focus leaves', async () => {
    const { provider, element } = await mount(html`<portal-account-switcher></portal-account-switcher><button>after</button>`, {
      session: await sessionFor(PRIYA),
    });
    await untilText(element, 'Bill to');
    const changes: string[] = [];
    provider.addEventListener('portal-account-changed', (e) => changes.push((e as PortalAccountChangedEvent).detail.customerId));
    const select = $(element, 'select') as HTMLSelectElement;
    select.focus();
    // Down and back up, as Chromium does it for arrows on a closed list (a change at each press, in the
    // key's own task), in one go so a slow machine cannot put a pause between them: nothing is switched.
    const step = (key: string, index: number) => {
      select.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      select.selectedIndex = index;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    step('ArrowDown', 1);
    step('ArrowUp', 0);
    expect(changes).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(changes).to.deep.equal([]);
    expect(provider.portalState.value.account?.customerId).to.equal('cust-1003');

    // Down, then focus leaves: the switch happens then, not after the pause.
    step('ArrowDown', 1);
    select.blur();
    expect(changes).to.deep.equal(['cust-1004']);
    expect(provider.portalState.value.account?.customerId).to.equal('cust-1004');

    // Up, then Enter: at once too.
    select.focus();
    step('ArrowUp', 0);
    select.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(changes).to.deep.equal(['cust-1004', 'cust-1003']);
  });

  it('switches to the account stepped to, by id, even when the list changes while it waits', async () => {
    const { provider, element } = await mount(html`<portal-account-switcher></portal-account-switcher>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Bill to');
    const select = $(element, 'select') as HTMLSelectElement;
    select.focus();
    select.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    select.selectedIndex = 1;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    // The sign-in's accounts come again with one more ahead of the chosen one (a session checked again).
    const session = provider.portalState.value.session!;
    const extra = { ...session.accounts[0]!, customerId: 'cust-9999', name: 'Another account' };
    provider.portalState.value.signedIn({ ...session, accounts: [session.accounts[0]!, extra, ...session.accounts.slice(1)] });
    await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    select.blur();
    expect(provider.portalState.value.account?.customerId).to.equal('cust-1004');
  });

  it('switches at once when chosen with the mouse', async () => {
    const { provider, element } = await mount(html`<portal-account-switcher></portal-account-switcher>`, { session: await sessionFor(PRIYA) });
    await untilText(element, 'Bill to');
    const select = $(element, 'select') as HTMLSelectElement;
    select.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    select.value = 'cust-1004';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(provider.portalState.value.account?.customerId).to.equal('cust-1004');
  });

  it('never shows the previous account’s data while the next one loads', async () => {
    const real = new HttpAdapter({ apiBase: '/api' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The second account's visits are held back, as on a slow network.
    const adapter = new Proxy(real, {
      get(target, property) {
        if (property === 'listVisits') {
          return async (...args: Parameters<HttpAdapter['listVisits']>) => {
            if (args[0].customerId === 'cust-1004') await held;
            return target.listVisits(...args);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const { element: visits, provider } = await mount(html`<portal-visits></portal-visits>`, { session: await sessionFor(PRIYA), adapter });
    await untilText(visits, 'Quarterly boiler inspection');
    provider.portalState.value.selectAccount('cust-1004');
    await untilText(visits, 'Loading');
    expect(textOf(visits)).not.to.contain('Quarterly boiler inspection');
    release();
    await untilText(visits, 'Heat pump filter change');
    expect(textOf(visits)).not.to.contain('Quarterly boiler inspection');
  });

  it('follows a choice made elsewhere on the page', async () => {
    const { element, provider } = await mount(html`<portal-account-switcher></portal-account-switcher>`, {
      session: await sessionFor(PRIYA),
    });
    provider.portalState.value.selectAccount('cust-1004');
    await untilText(element, 'Home Everything');
    expect(($(element, 'select') as HTMLSelectElement).value).to.equal('cust-1004');
  });
});
