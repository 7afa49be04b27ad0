/**
 * One look across the elements, as a designer sees them side by side: every element that stands alone
 * is one card (the same border, corners, colour and padding); inside <portal-app> each section is
 * exactly one card, with its heading where every other section's is; error banners, "nothing here"
 * messages, badges, typed text and disabled buttons look the same wherever they are.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalApp } from '../src/elements/portal-app/portal-app.js';
import { PortalElement } from '../src/internal/portal-element.js';
import { controlStyles, hostStyles } from '../src/internal/shared-styles.js';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-app.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-estimate.js';
import '../src/define/portal-history.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-pay.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visit-status.js';
import '../src/define/portal-visits.js';
import { clearAddress, deep, deepAll, navLinks, until, untilSection } from './helpers/app.js';
import { backend, startTestBackend, useHandlers } from './helpers/backend.js';
import { ELEMENT_CASES, contrastRatio, deepElements, frames, mountCase, painted, paintedChannels } from './helpers/every-element.js';
import { $, $$, DANA, PRIYA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

/** What makes a card a card, as painted. */
function frameLook(box: Element) {
  const style = getComputedStyle(box);
  return {
    border: `${style.borderTopWidth} ${style.borderTopStyle}`,
    radius: style.borderTopLeftRadius,
    padding: `${style.paddingTop} ${style.paddingInlineStart}`,
    background: painted(style.backgroundColor),
  };
}

/** The element's own root: the first thing its shadow root renders. */
function rootOf(element: Element): HTMLElement {
  return element.shadowRoot!.firstElementChild as HTMLElement;
}

/** Boxes with a border of their own inside `root` (its descendants, nested shadow roots included). */
function bordered(root: Element, selector: string): HTMLElement[] {
  return deepElements(root).filter((e) => e.matches(selector) && getComputedStyle(e).borderTopWidth !== '0px') as HTMLElement[];
}

/** A banner's shape: its tags, classes and parts, and its children's. */
function shape(element: Element): string {
  const one = (e: Element) => `${e.localName}.${[...e.classList].sort().join('.')}[${e.getAttribute('part') ?? ''}]`;
  return [one(element), ...[...element.children].map(one)].join(' > ');
}

/** renderRetryable, drawn on its own. */
class RetryProbe extends PortalElement {
  static override styles = [hostStyles, controlStyles];
  override render() {
    return this.renderRetryable('It did not work.', () => undefined);
  }
}
customElements.define('one-look-retry-probe', RetryProbe);

describe('one look', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    clearAddress();
    await startTestBackend();
  });
  afterEach(async () => {
    fixtureCleanup();
    document.querySelectorAll('.one-look').forEach((e) => e.remove());
    clearAddress();
    await setViewport({ width: 800, height: 600 });
  });

  function container(width?: string): HTMLElement {
    const element = document.createElement('div');
    element.className = 'one-look';
    if (width) element.style.width = width;
    document.body.append(element);
    return element;
  }

  it('every element alone is one card: the same border, corners, colour and padding, a phone’s padding on a phone, and no card inside it', async function () {
    this.timeout(120_000);
    await setViewport({ width: 1024, height: 800 });
    const alone = ELEMENT_CASES.filter((c) => c.tag !== 'portal-app');
    const mounted = [];
    for (const testCase of alone) mounted.push((await mountCase(testCase, container())).element);
    const looks = mounted.map((element) => ({ tag: element.localName, ...frameLook(rootOf(element)) }));
    const [first] = looks;
    expect(first).to.include({ border: '1px solid', padding: '24px 24px' });
    expect(first!.background).not.to.equal('rgb(0, 0, 0)');
    for (const look of looks) expect(look, look.tag).to.deep.equal({ ...first, tag: look.tag });
    for (const element of mounted) {
      // One frame: nothing inside the card draws the card again (records, terms, payments are quiet panels).
      expect(deepElements(element).filter((e) => e.classList.contains('frame')), element.localName).to.have.length(1);
      for (const panel of deepElements(element).filter((e) => e.matches('[part~="record"], [part~="terms"], .quiet'))) {
        expect(getComputedStyle(panel).borderTopWidth, `${element.localName}: a panel inside the card`).to.equal('0px');
      }
    }

    // Status badges: one size, shape and weight everywhere, each on a tint of its own colour.
    const badges = mounted.flatMap((element) => deepElements(element).filter((e) => e.classList.contains('badge')));
    expect([...new Set(badges.map((b) => (b.getRootNode() as ShadowRoot).host.localName))]).to.include.members([
      'portal-invoices',
      'portal-estimate',
      'portal-memberships',
      'portal-equipment',
      'portal-visits',
    ]);
    const badgeLook = (badge: Element) => {
      const style = getComputedStyle(badge);
      return [style.fontSize, style.fontWeight, style.paddingInlineStart, style.borderTopLeftRadius, style.borderTopWidth].join(' ');
    };
    expect(new Set(badges.map(badgeLook)).size, [...new Set(badges.map(badgeLook))].join(' | ')).to.equal(1);
    for (const badge of badges) {
      const style = getComputedStyle(badge);
      expect(style.backgroundColor, `“${badge.textContent!.trim()}” has a tint behind it`).not.to.equal('rgba(0, 0, 0, 0)');
    }

    // Typed text is not bold like the label around it.
    const login = mounted.find((e) => e.localName === 'portal-login')!;
    const email = deepElements(login).find((e) => e.matches('input[type="email"]'))!;
    expect(getComputedStyle(email.closest('label')!).fontWeight).to.equal('600');
    expect(getComputedStyle(email).fontWeight).to.equal('400');

    // A disabled button reads as off, and its words still read: not a faded copy of the live one.
    const invoices = mounted.find((e) => e.localName === 'portal-invoices')!;
    const paySelected = deepElements(invoices).find((e) => e.matches('button:disabled')) as HTMLButtonElement;
    expect(paySelected.textContent).to.contain('Pay selected (0)');
    const off = getComputedStyle(paySelected);
    expect(off.opacity).to.equal('1');
    expect(contrastRatio(paintedChannels(off.color), paintedChannels(off.backgroundColor))).to.be.at.least(4.5);
    const live = getComputedStyle(deepElements(invoices).find((e) => e.matches('button[data-action="pay-all"]'))!);
    expect(painted(off.backgroundColor)).not.to.equal(painted(live.backgroundColor));
    // A button that looks like a link reads from the start, as a link does.
    for (const link of deepElements(invoices).filter((e) => e.matches('button.link'))) expect(getComputedStyle(link).textAlign).to.equal('start');

    await setViewport({ width: 320, height: 640 });
    await frames(3);
    for (const element of mounted) expect(getComputedStyle(rootOf(element)).paddingTop, `${element.localName} on a phone`).to.equal('16px');

    // The padding knobs still reach the one card, each its own element's only.
    const knobs = { 'portal-login': 7, 'portal-invoices': 8, 'portal-pay': 8, 'portal-estimate': 9, 'portal-visit-status': 10 } as Record<string, number>;
    for (const page of document.querySelectorAll<HTMLElement>('.one-look')) {
      page.style.setProperty('--portal-login-padding', '7px');
      page.style.setProperty('--portal-invoices-padding', '8px');
      page.style.setProperty('--portal-estimate-padding', '9px');
      page.style.setProperty('--portal-visit-status-padding', '10px');
    }
    await frames(2);
    for (const element of mounted) {
      expect(getComputedStyle(rootOf(element)).paddingTop, `${element.localName}'s knob`).to.equal(`${knobs[element.localName] ?? 16}px`);
    }
  });

  it('inside <portal-app> each section is exactly one card, its heading where every other section’s is; the account switcher above it is not a card', async function () {
    this.timeout(120_000);
    await setViewport({ width: 1024, height: 800 });
    const { element: app } = await mount<PortalApp>(html`<portal-app></portal-app>`, { session: await sessionFor(PRIYA) });
    await untilSection(app, 'portal-invoices');
    await until(() => deep(app, 'portal-account-switcher')?.shadowRoot?.querySelector('select'), 'no account switcher');
    const switcher = deep(app, 'portal-account-switcher')!;
    const switcherLook = getComputedStyle(rootOf(switcher));
    expect([switcherLook.borderTopWidth, switcherLook.paddingTop, switcherLook.backgroundColor]).to.deep.equal(['0px', '0px', 'rgba(0, 0, 0, 0)']);

    const panel = app.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    const headingOffsets = new Map<string, number>();
    const words = new Map<string, string>();
    for (const link of navLinks(app)) {
      const name = link.textContent!.trim();
      link.click();
      await until(() => deepAll(panel, '#heading, #section-heading').length > 0 && !/Loading/.test(textOf(deepAll(panel, '[data-section]')[0] ?? panel)), `${name} never loaded`);
      await frames(3);
      const cards = deepAll(panel, '.frame');
      expect(cards, `${name}: one card`).to.have.length(1);
      expect(bordered(panel, '.frame *').filter((e) => e.matches('.quiet, [part~="record"]')), `${name}: a card in the card`).to.deep.equal([]);
      const card = cards[0]!;
      expect(frameLook(card), name).to.deep.include({ border: '1px solid', padding: '24px 24px' });
      const heading = deepAll(panel, '#heading, #section-heading')[0]!;
      headingOffsets.set(name, Math.round(heading.getBoundingClientRect().left - panel.getBoundingClientRect().left));
      // The header row starts where the card's padding ends, in every section.
      expect(heading.parentElement!.getBoundingClientRect().top - card.getBoundingClientRect().top, name).to.be.closeTo(25, 1);
      words.set(name, heading.textContent!.trim());
      if (name === 'Service history') {
        // Beside the navigation the list is too narrow for six columns: each job is a card of its own.
        // (The heading can come before the list's first page on a busy machine: wait for the list.)
        await until(() => deepAll(panel, '[part~="header-row"]')[0], 'the history list never came');
        expect(getComputedStyle(deepAll(panel, '[part~="header-row"]')[0]!).display).to.equal('none');
      }
    }
    expect(new Set(headingOffsets.values()).size, JSON.stringify([...headingOffsets])).to.equal(1);
    // The navigation and the section's heading say the same words.
    for (const name of ['Service history', 'Memberships', 'Equipment', 'Visits', 'Request a visit']) expect(words.get(name), name).to.equal(name);
    // The sign-in card beside them is the same card.
    expect(frameLook(rootOf(deep(app, 'portal-login')!))).to.deep.include({ border: '1px solid', padding: '24px 24px' });
  });

  it('<portal-app> whose settings do not load: the sign-in card and the message start level, with no empty row for the navigation', async () => {
    await setViewport({ width: 1024, height: 800 });
    useHandlers(http.get('*/api/settings', () => HttpResponse.error()));
    const { element: app } = await mount<PortalApp>(html`<portal-app></portal-app>`, { session: await sessionFor(DANA) });
    await until(() => app.shadowRoot!.querySelector('.main [part~="error"]'), 'no message when the settings did not load');
    await until(() => deep(app, 'portal-login')?.shadowRoot?.querySelector('.frame'), 'no sign-in card');
    await frames(2);
    const alert = app.shadowRoot!.querySelector('.main [part~="error"]')!.getBoundingClientRect();
    const card = deep(app, 'portal-login')!.getBoundingClientRect();
    expect(card.top).to.be.closeTo(alert.top, 1);
    expect(card.right).to.be.lessThan(alert.left);
  });

  it('an error banner is the same everywhere: the words, then Try again inside it as a secondary button', async () => {
    const probe = await fixture<RetryProbe>(html`<one-look-retry-probe></one-look-retry-probe>`);
    const retryable = $(probe, '[part~="error"]');
    const adapter = new HttpAdapter({ apiBase: '/api' });
    adapter.listEquipment = () => Promise.reject(new PortalError('NETWORK', 'offline'));
    const { element: equipment } = await mount(html`<portal-equipment></portal-equipment>`, { session: await sessionFor(DANA), adapter });
    await untilText(equipment, 'Try again');
    const failed = $(equipment, '[part~="error"]');
    expect(shape(retryable)).to.equal(shape(failed));
    expect(shape(failed)).to.equal('div.error.message[error] > p.[] > button.secondary[button secondary-button]');
    // A screen reader announces the words, not "Try again, button" with them.
    expect(failed.querySelector('[role="alert"]')!.textContent).not.to.contain('Try again');
    expect(failed.querySelector('[role="alert"] button')).to.equal(null);
    // The button sits inside the banner, at its start, a small gap under the words.
    const [words, button] = [failed.querySelector('p')!.getBoundingClientRect(), failed.querySelector('button')!.getBoundingClientRect()];
    const style = getComputedStyle(failed);
    expect(button.left).to.be.closeTo(words.left, 0.5);
    expect(button.top - words.bottom).to.be.closeTo(parseFloat(style.rowGap), 0.5);
    expect(button.width).to.be.lessThan(failed.getBoundingClientRect().width / 2);
  });

  it('“nothing here” is the same quiet words in history, memberships, equipment and visits', async () => {
    const state = await backend.inspect();
    state.jobs = state.jobs.filter((j) => j.customerId !== 'cust-1001');
    state.memberships = state.memberships.filter((m) => m.customerId !== 'cust-1001');
    state.equipment = state.equipment.filter((e) => e.customerId !== 'cust-1001');
    await backend.restore(state);
    const { provider } = await mount(
      html`<portal-history></portal-history><portal-memberships></portal-memberships><portal-equipment></portal-equipment><portal-visits></portal-visits>`,
      { session: await sessionFor(DANA) },
    );
    const elements = [...provider.children] as HTMLElement[];
    await waitUntil(() => elements.every((e) => e.shadowRoot?.querySelector('[part~="empty"]')), 'an element never said it had nothing', { timeout: 10_000 });
    const look = (empty: Element) => {
      const style = getComputedStyle(empty);
      return [painted(style.color), style.backgroundColor, style.borderTopWidth, style.fontSize, style.fontWeight].join(' ');
    };
    const empties = elements.flatMap((e) => $$(e, '[part~="empty"]'));
    const muted = getComputedStyle($(elements[0]!, '.muted')).color;
    expect(empties.length).to.be.at.least(4);
    expect([...new Set(empties.map(look))]).to.deep.equal([[painted(muted), 'rgba(0, 0, 0, 0)', '0px', '16px', '400'].join(' ')]);
  });

  it('an invoice row on a narrow card keeps its checkbox beside the invoice, the balance moving under', async () => {
    // A 240 px card: a phone at 125 % zoom, or a narrow column.
    const { element: host } = await mount(html`<div style="width: 240px"><portal-invoices></portal-invoices></div>`, {
      session: await sessionFor(DANA),
      select: 'div > portal-invoices',
    });
    await untilText(host, 'Outstanding invoices');
    await frames(2);
    const rows = $$(host, '[part~="row"]');
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) {
      const box = row.querySelector('input[type="checkbox"]')!.getBoundingClientRect();
      const what = row.querySelector('.what')!.getBoundingClientRect();
      const amount = row.querySelector('.amount')!.getBoundingClientRect();
      expect(what.top, 'the invoice beside its checkbox').to.be.closeTo(box.top, 6);
      expect(what.left).to.be.greaterThan(box.right);
      expect(amount.top, 'the balance under the invoice').to.be.at.least(what.bottom - 0.5);
    }
  });
});
