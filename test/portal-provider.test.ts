import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import { revokeTimings, unrevokedCount } from '../src/internal/revoke-later.js';
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

  describe('a sign-out the server did not hear', () => {
    /** An adapter whose signOut() fails as offline until `reachable`, recording each token it is sent. */
    function flakyAdapter(failure: () => PortalError) {
      const sent: string[] = [];
      const control = { reachable: false, sent };
      const never = () => Promise.reject(new Error('not used'));
      const adapter: PortalAdapter = {
        getSettings: async () => ACME_SETTINGS,
        signIn: never,
        signUp: never,
        signOut: async (s: Session) => {
          sent.push(s.token);
          if (!control.reachable) throw failure();
        },
        refreshSession: async (s: Session) => s,
        requestPasswordReset: async () => undefined,
        resetPassword: async () => undefined,
      };
      return { adapter, control };
    }
    const offline = () => new PortalError('NETWORK', 'offline');
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const stored = () => [localStorage, sessionStorage].flatMap((storage) => Object.keys(storage).map((key) => storage.getItem(key) ?? ''));

    afterEach(() => {
      revokeTimings.firstDelayMs = 30_000;
    });

    it('is sent again when the browser is back online, once; no signed-out token is left in storage', async () => {
      const session = await sessionFor(DANA);
      const { adapter, control } = flakyAdapter(offline);
      const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
      await untilText(element, 'Signed in as');
      provider.portalState.value.signOut();
      // Signed out on this device at once, whatever the network says.
      await untilText(element, 'Sign in');
      await waitUntil(() => control.sent.length === 1, 'sign-out never sent');
      expect(stored().some((value) => value.includes(session.token)), 'a signed-out token left in storage').to.equal(false);
      control.reachable = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => control.sent.length === 2, 'not sent again once online');
      expect(control.sent).to.deep.equal([session.token, session.token]);
      window.dispatchEvent(new Event('online'));
      await settle();
      expect(control.sent, 'sent again after it was heard').to.have.length(2);
      expect(unrevokedCount()).to.equal(0);
    });

    it('is sent again after a while with no online event, and after the provider is gone', async () => {
      revokeTimings.firstDelayMs = 60;
      const session = await sessionFor(DANA);
      const { adapter, control } = flakyAdapter(offline);
      const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
      await untilText(element, 'Signed in as');
      provider.portalState.value.signOut();
      await waitUntil(() => control.sent.length === 1, 'sign-out never sent');
      // The page removes the provider on sign-out: the server still hears it.
      provider.remove();
      await waitUntil(() => control.sent.length === 2, 'not sent again after a while');
      control.reachable = true;
      await waitUntil(() => control.sent.length === 3, 'not sent a third time');
      await settle();
      expect(control.sent).to.have.length(3);
      expect(unrevokedCount()).to.equal(0);
    });

    it('two sign-outs waiting are both sent again, each through the adapter that signed it in', async () => {
      const first = flakyAdapter(offline);
      const second = flakyAdapter(offline);
      const dana = await sessionFor(DANA);
      const priya = await sessionFor(PRIYA);
      const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter: first.adapter, session: dana });
      await untilText(element, 'Signed in as');
      provider.portalState.value.signOut();
      await waitUntil(() => first.control.sent.length === 1, 'first sign-out never sent');
      provider.adapter = second.adapter;
      provider.portalState.value.signedIn(priya);
      await untilText(element, 'Signed in as');
      provider.portalState.value.signOut();
      await waitUntil(() => second.control.sent.length === 1, 'second sign-out never sent');
      first.control.reachable = true;
      second.control.reachable = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => first.control.sent.length === 2 && second.control.sent.length === 2, 'not both sent again');
      expect(first.control.sent).to.deep.equal([dana.token, dana.token]);
      expect(second.control.sent).to.deep.equal([priya.token, priya.token]);
      expect(unrevokedCount()).to.equal(0);
    });

    it('listens for the browser coming back online only while a sign-out waits', async () => {
      const listening = new Set<unknown>();
      const { addEventListener: add, removeEventListener: remove } = window;
      window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
        if (args[0] === 'online') listening.add(args[1]);
        return add.apply(this, args);
      } as Window['addEventListener'];
      window.removeEventListener = function (this: Window, ...args: Parameters<Window['removeEventListener']>) {
        if (args[0] === 'online') listening.delete(args[1]);
        return remove.apply(this, args);
      } as Window['removeEventListener'];
      try {
        const session = await sessionFor(DANA);
        const { adapter, control } = flakyAdapter(offline);
        const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
        await untilText(element, 'Signed in as');
        expect(listening.size, 'listening before any sign-out').to.equal(0);
        provider.portalState.value.signOut();
        await waitUntil(() => control.sent.length === 1, 'sign-out never sent');
        await settle();
        expect(listening.size, 'not listening while a sign-out waits').to.equal(1);
        control.reachable = true;
        window.dispatchEvent(new Event('online'));
        await waitUntil(() => unrevokedCount() === 0, 'not sent again once online');
        expect(listening.size, 'still listening with nothing waiting').to.equal(0);
      } finally {
        window.addEventListener = add;
        window.removeEventListener = remove;
      }
    });

    it('refused as already ended: not sent again', async () => {
      const session = await sessionFor(DANA);
      const { adapter, control } = flakyAdapter(() => new PortalError('SESSION_EXPIRED', 'already ended'));
      const { provider, element } = await mount(html`<portal-login></portal-login>`, { adapter, session });
      await untilText(element, 'Signed in as');
      provider.portalState.value.signOut();
      await waitUntil(() => control.sent.length === 1, 'sign-out never sent');
      window.dispatchEvent(new Event('online'));
      await settle();
      expect(control.sent).to.have.length(1);
      expect(unrevokedCount()).to.equal(0);
    });
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
