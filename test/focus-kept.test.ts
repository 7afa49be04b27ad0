// A keyboard customer's focus survives what the elements redraw: a Try again that becomes "Loading…",
// a declined card, signing in inside <portal-app> on a phone (where the card sits under the section).
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalApp } from '../src/elements/portal-app/portal-app.js';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import type { PortalMemberships } from '../src/elements/portal-memberships/portal-memberships.js';
import '../src/define/portal-app.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-memberships.js';
import { startTestBackend } from './helpers/backend.js';
import { deep, focused, untilSection } from './helpers/app.js';
import { $, $$, DANA, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const button = (element: Element, text: string) => $$(element, 'button').find((b) => textOf(b).includes(text)) as HTMLButtonElement;

describe('focus kept through a redraw', () => {
  beforeEach(() => startTestBackend());
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('Try again, replaced by "Loading…" and then the data, leaves focus on the element’s heading', async () => {
    const adapter = new HttpAdapter({ apiBase: '/api' });
    const real = adapter.listMemberships.bind(adapter);
    let calls = 0;
    adapter.listMemberships = (scope, options) =>
      ++calls === 1 ? Promise.reject(new PortalError('NETWORK', 'offline')) : new Promise((resolve) => setTimeout(resolve, 200)).then(() => real(scope, options));
    const { element } = await mount<PortalMemberships>(html`<portal-memberships></portal-memberships>`, { adapter, session: await sessionFor(DANA) });
    await untilText(element, 'couldn’t connect');
    const tryAgain = button(element, 'Try again');
    tryAgain.focus();
    tryAgain.click();
    await untilText(element, 'Comfort Club');
    expect(document.activeElement, 'focus fell to the page').not.to.equal(document.body);
    expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
  });

  it('a declined card leaves focus on Pay (busy, it is aria-disabled, never disabled)', async () => {
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { session: await sessionFor(DANA) });
    await untilText(element, 'Invoice 10412');
    button(element, 'Invoice 10412').click();
    await untilText(element, 'Line items');
    button(element, 'Pay invoice 10412').click();
    await waitUntil(() => element.shadowRoot!.querySelector('form'), 'no pay form', { timeout: 5000 });
    type($(element, '[name=number]') as HTMLInputElement, TEST_CARDS.declined);
    type($(element, '[name=expiry]') as HTMLInputElement, `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
    type($(element, '[name=cvc]') as HTMLInputElement, '123');
    type($(element, '[name=postalCode]') as HTMLInputElement, '62704');
    const pay = $(element, 'button[type="submit"]') as HTMLButtonElement;
    pay.focus();
    pay.click();
    await untilText(element, 'declined');
    expect(element.shadowRoot!.activeElement).to.equal(pay);
  });

  it('signing in by keyboard inside <portal-app> on a phone takes focus to the section shown, not the card below it', async () => {
    await setViewport({ width: 320, height: 640 });
    const { element: app } = await mount<PortalApp>(html`<portal-app></portal-app>`);
    await waitUntil(() => deep(app, 'portal-login')?.shadowRoot?.querySelector('form'), 'no sign-in form', { timeout: 5000 });
    const login = deep(app, 'portal-login')!;
    const email = $(login, '[name=email]') as HTMLInputElement;
    email.focus();
    type(email, DANA);
    type($(login, '[name=password]') as HTMLInputElement, 'maple street furnace 1987');
    ($(login, 'form') as HTMLFormElement).requestSubmit();
    const invoices = await untilSection(app, 'portal-invoices');
    await waitUntil(() => focused() === invoices.shadowRoot!.querySelector('#heading'), `focus is on ${focused()?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
  });
});
