import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import type { Session } from '../src/model/session.js';
import '../src/define/portal-login.js';
import '../src/define/portal-provider.js';
import '../src/index.js';
import { changeSettings } from './helpers/account.js';
import { api, startTestBackend } from './helpers/backend.js';
import { ACME_SETTINGS, DANA, PRIYA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

describe('<portal-provider>', () => {
  beforeEach(() => startTestBackend());

  it('keeps the session across a reload (local storage by default) and confirms it with the backend', async () => {
    const session = await sessionFor(DANA);
    const first = await fixture<PortalProvider>(html`<portal-provider api-base="/api"><portal-login></portal-login></portal-provider>`);
    first.portalState.value.signedIn(session);
    first.remove();
    // A new page load: a new provider reads the kept session.
    const second = await fixture<PortalProvider>(html`<portal-provider api-base="/api"><portal-login></portal-login></portal-provider>`);
    const login = second.querySelector('portal-login') as PortalLogin;
    await untilText(login, 'Signed in as dana.whitfield@example.com');
  });

  it('drops a kept session the backend no longer knows, and tells the page it expired', async () => {
    const session = await sessionFor(DANA);
    localStorage.setItem('porchlight.session:/api', JSON.stringify({ session, customerId: null }));
    await api('POST', '/auth/sign-out', { token: session.token });
    const provider = await fixture<PortalProvider>(html`<portal-provider api-base="/api"><portal-login></portal-login></portal-provider>`);
    const event = await oneEvent(provider, 'portal-signed-out');
    expect(event.detail.reason).to.equal('expired');
    await untilText(provider.querySelector('portal-login')!, 'Sign in');
    expect(localStorage.getItem('porchlight.session:/api')).to.equal(null);
  });

  it('reaches an element that connected before <portal-provider> was defined (chunks loaded in any order)', async () => {
    const { PortalProvider: Provider } = await import('../src/elements/portal-provider/portal-provider.js');
    const host = await fixture<HTMLElement>(html`<late-portal-provider api-base="/api"><portal-login></portal-login></late-portal-provider>`);
    const login = host.querySelector('portal-login') as PortalLogin;
    await untilText(login, 'not connected to a portal');
    customElements.define('late-portal-provider', class extends Provider {});
    await untilText(login, 'Email');
    expect(textOf(login)).not.to.contain('not connected');
  });

  it('keeps nothing when session-persistence is memory', async () => {
    const { provider } = await mount(html`<portal-login></portal-login>`);
    provider.portalState.value.signedIn(await sessionFor(DANA));
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
  });

  it('ignores a corrupted kept session', async () => {
    localStorage.setItem('porchlight.session:/api', '{"session": {"token": 5}}');
    const provider = await fixture<PortalProvider>(html`<portal-provider api-base="/api"><portal-login></portal-login></portal-provider>`);
    await untilText(provider.querySelector('portal-login')!, 'Sign in');
    expect(provider.portalState.value.session).to.equal(null);
  });

  it('signs out on its own when the session’s time is up', async () => {
    const session = await sessionFor(DANA);
    const { provider, element } = await mount(html`<portal-login></portal-login>`);
    const signedOut = oneEvent(provider, 'portal-signed-out');
    provider.portalState.value.signedIn({ ...session, expiresAt: new Date(Date.now() + 1500).toISOString() });
    await untilText(element, 'Signed in as');
    expect((await signedOut).detail.reason).to.equal('expired');
    await untilText(element, 'Sign in');
    // The form is back with a word on why, until the customer signs in again.
    await untilText(element, 'Your session has ended. Please sign in again.');
    await expect(element).to.be.accessible();
    provider.portalState.value.signedIn(session);
    await untilText(element, 'Signed in as');
    provider.portalState.value.signOut();
    await untilText(element, 'Sign in');
    expect(textOf(element)).not.to.contain('Your session has ended');
  });

  it('a sign-out the server did not hear (offline) is sent again when the browser is back online, once', async () => {
    const session = await sessionFor(DANA);
    const revoked: string[] = [];
    let reachable = false;
    const never = () => Promise.reject(new Error('not used'));
    const adapter: PortalAdapter = {
      getSettings: async () => ACME_SETTINGS,
      signIn: never,
      signUp: never,
      signOut: async (s: Session) => {
        revoked.push(s.token);
        if (!reachable) throw new PortalError('NETWORK', 'offline');
      },
      refreshSession: async (s: Session) => s,
      requestPasswordReset: async () => undefined,
      resetPassword: async () => undefined,
    };
    const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
    await untilText(element, 'Signed in as');
    provider.portalState.value.signOut();
    // Signed out on this device at once, whatever the network says.
    await untilText(element, 'Sign in');
    await waitUntil(() => revoked.length === 1, 'sign-out never sent');
    expect(localStorage.getItem(Object.keys(localStorage).find((k) => k.includes('sign-out')) ?? ''), 'a signed-out token left in storage').to.equal(null);
    reachable = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => revoked.length === 2, 'not sent again once online');
    expect(revoked).to.deep.equal([session.token, session.token]);
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(revoked, 'sent again after it was heard').to.have.length(2);
  });

  it('a sign-out refused as already ended is not sent again', async () => {
    const session = await sessionFor(DANA);
    let sent = 0;
    const never = () => Promise.reject(new Error('not used'));
    const adapter: PortalAdapter = {
      getSettings: async () => ACME_SETTINGS,
      signIn: never,
      signUp: never,
      signOut: async () => {
        sent += 1;
        throw new PortalError('SESSION_EXPIRED', 'already ended');
      },
      refreshSession: async (s: Session) => s,
      requestPasswordReset: async () => undefined,
      resetPassword: async () => undefined,
    };
    const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
    await untilText(element, 'Signed in as');
    provider.portalState.value.signOut();
    await waitUntil(() => sent === 1, 'sign-out never sent');
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).to.equal(1);
  });

  it('a session that runs out while the portal is turned off: the card says the portal is off, not "sign in again"', async () => {
    const session = await sessionFor(DANA);
    const { provider, element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await changeSettings({ portalEnabled: false });
    provider.portalState.value.reloadSettings();
    await untilText(element, 'turned off');
    provider.portalState.value.signedIn({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() });
    await waitUntil(() => provider.portalState.value.sessionEndedBy === 'expired', 'the session did not end');
    await element.updateComplete;
    expect(textOf(element)).to.contain('turned off');
    expect(textOf(element)).not.to.contain('Your session has ended');
  });

  it('chooses the first account and lets elements switch to another the session reaches', async () => {
    const { provider } = await mount(html`<portal-login></portal-login>`, { session: await sessionFor(PRIYA) });
    expect(provider.portalState.value.account!.customerId).to.equal('cust-1003');
    provider.portalState.value.selectAccount('cust-1004');
    expect(provider.portalState.value.account!.customerId).to.equal('cust-1004');
    provider.portalState.value.selectAccount('cust-1001');
    expect(provider.portalState.value.account!.customerId, 'an account the session does not reach').to.equal('cust-1004');
  });

  it('takes a custom adapter in place of api-base', async () => {
    const never = () => Promise.reject(new Error('not used'));
    const adapter: PortalAdapter = {
      getSettings: async () => ACME_SETTINGS,
      signIn: never,
      signUp: never,
      signOut: async () => undefined,
      refreshSession: async (s: Session) => s,
      requestPasswordReset: async () => undefined,
      resetPassword: async () => undefined,
    };
    const { element } = await mount(html`<portal-login></portal-login>`, { adapter });
    await untilText(element, 'Acme Plumbing');

    // Data elements over an adapter without their method say so, instead of failing.
    const session = await sessionFor(DANA);
    const templates = [
      html`<portal-memberships></portal-memberships>`,
      html`<portal-equipment></portal-equipment>`,
      html`<portal-visits></portal-visits>`,
      html`<portal-invoices></portal-invoices>`,
      html`<portal-history></portal-history>`,
    ];
    for (const template of templates) {
      const { element: data } = await mount(template, { adapter, session });
      await untilText(data, /isn’t available online|not shown online/);
      expect(textOf(data)).to.contain('(555) 000-1111');
      await expect(data).to.be.accessible();
    }
  });
});

describe('a lone element with api-base (no provider)', () => {
  beforeEach(() => startTestBackend());

  it('works on its own, and two lone elements with one api-base share a sign-in', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <portal-login id="a" api-base="/api"></portal-login>
      <portal-login id="b" api-base="/api"></portal-login>
    </div>`);
    const [a, b] = [page.querySelector('#a') as PortalLogin, page.querySelector('#b') as PortalLogin];
    await waitUntil(() => a.shadowRoot!.querySelector('form'), 'the sign-in form never showed', { timeout: 5000 });
    (a.shadowRoot!.querySelector('[name=email]') as HTMLInputElement).value = DANA;
    (a.shadowRoot!.querySelector('[name=password]') as HTMLInputElement).value = 'maple street furnace 1987';
    a.shadowRoot!.querySelector('form')!.requestSubmit();
    await untilText(b, 'Signed in as dana.whitfield@example.com');
    ([...b.shadowRoot!.querySelectorAll('button')].find((x) => x.textContent!.includes('Sign out')) as HTMLButtonElement).click();
    await waitUntil(() => textOf(a).includes('Sign in'), 'never showed Sign in', { timeout: 5000 });
  });
});
