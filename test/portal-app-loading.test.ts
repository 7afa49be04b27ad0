/**
 * `<portal-app>` loads each section's code the first time the section opens. This file has a page of
 * its own (web-test-runner gives each file one) and imports no element but the app, so what the page
 * fetched, and which tags are registered, is what the app loaded.
 */
import { expect, html } from '@open-wc/testing';
import type { PortalApp } from '../src/elements/portal-app/portal-app.js';
import { sectionLoaders } from '../src/elements/portal-app/sections.js';
import '../src/define/portal-app.js';
import { clearAddress, deep, focused, linkTo, until, untilSection } from './helpers/app.js';
import { startTestBackend } from './helpers/backend.js';
import { DANA, mount, sessionFor, untilText } from './helpers/portal-fixture.js';

/** Every module the page fetched from `src/`, as paths (`/src/define/portal-visits.ts`). */
const fetched = new Set<string>();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) fetched.add(new URL(entry.name).pathname);
}).observe({ type: 'resource', buffered: true });

const SECTION_TAGS = ['portal-invoices', 'portal-history', 'portal-memberships', 'portal-equipment', 'portal-visits', 'portal-scheduler'];

function defined(): string[] {
  return [...SECTION_TAGS, 'portal-account-switcher'].filter((tag) => customElements.get(tag));
}

/** The define modules and element folders the page fetched, by tag. */
function fetchedTags(): string[] {
  const tags = new Set<string>();
  for (const path of fetched) {
    const match = /^\/src\/(?:define\/(portal-[a-z-]+)\.ts|elements\/(portal-[a-z-]+)\/)/.exec(path);
    if (match) tags.add(match[1] ?? match[2]!);
  }
  return [...tags].sort();
}

describe('<portal-app> loads each section when it first opens', () => {
  before(() => clearAddress());
  after(() => clearAddress());

  it('signing in loads the sign-in and the first section only; another section loads when opened', async () => {
    await startTestBackend();
    expect(defined(), 'registered before anyone signed in').to.deep.equal([]);
    expect(fetchedTags()).to.deep.equal(['portal-app', 'portal-login', 'portal-provider']);

    const { element } = await mount<PortalApp>(html`<portal-app></portal-app>`, { session: await sessionFor(DANA) });
    const invoices = await untilSection(element, 'portal-invoices');
    await untilText(invoices, 'Outstanding invoices');
    expect(defined()).to.deep.equal(['portal-invoices']);
    expect(fetchedTags()).to.deep.equal(['portal-app', 'portal-invoices', 'portal-login', 'portal-provider']);

    linkTo(element, 'Visits').click();
    const visits = await untilSection(element, 'portal-visits');
    await untilText(visits, 'Fall furnace tune-up');
    expect(defined()).to.deep.equal(['portal-invoices', 'portal-visits']);
    // The visits section's "Request a visit" does not pull the scheduler in.
    expect(fetchedTags()).to.deep.equal(['portal-app', 'portal-invoices', 'portal-login', 'portal-provider', 'portal-visits']);

    linkTo(element, 'Request a visit').click();
    await untilSection(element, 'portal-scheduler');
    expect(defined()).to.deep.equal(['portal-invoices', 'portal-visits', 'portal-scheduler']);
    expect(fetchedTags()).to.include('portal-scheduler');
    expect(fetchedTags()).not.to.include.members(['portal-history', 'portal-memberships', 'portal-equipment', 'portal-account-switcher']);
  });

  it('a section whose code does not arrive says so, and Try again loads it', async () => {
    await startTestBackend();
    const original = sectionLoaders.equipment;
    let offline = true;
    sectionLoaders.equipment = () => (offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : original());
    try {
      const { element } = await mount<PortalApp>(html`<portal-app routing="none"></portal-app>`, { session: await sessionFor(DANA) });
      await untilSection(element, 'portal-invoices');
      linkTo(element, 'Equipment').click();
      await until(() => deep(element, '[part="error"]'), 'no message when the section did not load');
      const alert = deep(element, '[part="error"]')!;
      // The words are announced; Try again is a button beside them, not part of the announcement.
      expect(alert.querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
      expect(alert.querySelector('[role="alert"] button')).to.equal(null);
      expect(customElements.get('portal-equipment')).to.equal(undefined);
      await expect(element).to.be.accessible();

      offline = false;
      const retry = alert.querySelector('button')!;
      retry.focus();
      retry.click();
      const equipment = await untilSection(element, 'portal-equipment');
      await until(() => focused() === equipment.shadowRoot!.querySelector('#heading'), 'focus was lost with the Try again button');
    } finally {
      sectionLoaders.equipment = original;
    }
  });
});
