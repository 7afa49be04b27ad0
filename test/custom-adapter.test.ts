// A developer's own backend behind the elements, as the README's "Your own backend" tells them to
// plug it in: the hand-off, and what the customer sees when that backend misbehaves as real ones do.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { checkedAdapter } from '../src/adapter/checked-adapter.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import '../src/define/portal-provider.js';
import { startTestBackend } from './helpers/backend.js';
import { $, $$, ACME_SETTINGS, DANA, mount, sessionFor, submitSignIn, textOf, type, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });


/** A plain object (not an HttpAdapter) answering from the test backend, with some methods replaced. */
function ownAdapter(overrides: Partial<PortalAdapter> = {}): PortalAdapter {
  const real = new HttpAdapter({ apiBase: '/api' });
  const own: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(HttpAdapter.prototype)) {
    if (name !== 'constructor') own[name] = (...args: unknown[]) => (real as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
  }
  return Object.assign(own, overrides) as unknown as PortalAdapter;
}

/** The requests the page sends to the default `/api`. */
function watchDefaultApi() {
  const sent: string[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url, location.href).pathname.startsWith('/api/')) sent.push(url);
    return original(input, init);
  };
  return { sent, restore: () => (window.fetch = original) };
}

describe('a developer’s own adapter', () => {
  beforeEach(() => startTestBackend());
  afterEach(() => localStorage.clear());

  it('handed over the README’s way (markup first, then provider.adapter = …) is the only backend asked', async () => {
    const watch = watchDefaultApi();
    try {
      const signIns: string[] = [];
      const session = await sessionFor(DANA);
      watch.sent.length = 0;
      const adapter = ownAdapter({
        getSettings: async () => ACME_SETTINGS,
        signIn: async ({ email }) => (signIns.push(email), session),
        refreshSession: async (s) => s,
      });
      const page = await fixture<HTMLDivElement>(html`<div></div>`);
      // What a page's markup and module script do: the tags upgrade, then the script sets the adapter.
      page.innerHTML = '<portal-provider session-persistence="local"><portal-login></portal-login></portal-provider>';
      (page.querySelector('portal-provider') as PortalProvider).adapter = adapter;
      const login = page.querySelector('portal-login') as PortalLogin;
      await untilText(login, 'Acme Plumbing');
      submitSignIn(login, DANA, 'anything the own backend checks');
      await untilText(login, 'Signed in as dana.whitfield@example.com');
      expect(signIns).to.deep.equal([DANA]);
      expect(watch.sent, 'requests to the default /api').to.deep.equal([]);
      // Its session is kept apart from api-base's: never offered to the default REST client.
      expect(localStorage.getItem('porchlight.session:/api')).to.equal(null);
      expect(localStorage.getItem('porchlight.session:custom-adapter')).to.contain(session.token);
    } finally {
      watch.restore();
    }
  });

  it('set on the provider before its code loaded (the CDN file) is the one asked, too', async () => {
    const watch = watchDefaultApi();
    try {
      const { PortalProvider: Provider } = await import('../src/elements/portal-provider/portal-provider.js');
      const page = await fixture<HTMLDivElement>(html`<div></div>`);
      const provider = document.createElement('later-portal-provider') as PortalProvider;
      provider.setAttribute('session-persistence', 'memory');
      provider.adapter = ownAdapter({ getSettings: async () => ACME_SETTINGS });
      provider.append(document.createElement('portal-login'));
      page.append(provider);
      watch.sent.length = 0;
      customElements.define('later-portal-provider', class extends Provider {});
      await untilText(provider.querySelector('portal-login')!, 'Acme Plumbing');
      expect(watch.sent, 'requests to the default /api').to.deep.equal([]);
    } finally {
      watch.restore();
    }
  });

  it('set late, after the provider started on api-base: its session is still kept apart, with the backend’s own fields', async () => {
    const session = await sessionFor(DANA);
    const provider = await fixture<PortalProvider>(html`<portal-provider api-base="/api"><portal-login></portal-login></portal-provider>`);
    await provider.updateComplete;
    provider.adapter = ownAdapter({ getSettings: async () => ACME_SETTINGS, signIn: async () => ({ ...session, refreshToken: 'own-field' }) as never });
    const login = provider.querySelector('portal-login') as PortalLogin;
    await untilText(login, 'Acme Plumbing');
    submitSignIn(login, DANA, 'anything the own backend checks');
    await untilText(login, 'Signed in as dana.whitfield@example.com');
    expect(localStorage.getItem('porchlight.session:/api')).to.equal(null);
    expect((provider.portalState.value.session as unknown as { refreshToken?: string }).refreshToken).to.equal('own-field');
    expect(localStorage.getItem('porchlight.session:custom-adapter')).to.contain('own-field');
  });

  it('an answer of the wrong shape is a clear error with Try again, not a list loading forever', async () => {
    const adapter = ownAdapter({ listInvoices: async () => ({ data: { rows: [] } }) as never });
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
    await untilText(element, 'Something went wrong on our side');
    expect(textOf(element)).not.to.contain('Loading your invoices');
    expect($$(element, 'button').map((b) => textOf(b))).to.include('Try again');
    await expect(element).to.be.accessible();
  });

  it('amounts as text and a date with a time are refused, not drawn as NaN or Invalid Date', async () => {
    const real = new HttpAdapter({ apiBase: '/api' });
    const adapter = ownAdapter({
      listInvoices: async (scope, query) => {
        const page = await real.listInvoices(scope, query);
        return { ...page, items: page.items.map((i) => ({ ...i, balance: (i.balance / 100).toFixed(2), dueDate: `${i.dueDate}T10:00:00` })) } as never;
      },
    });
    const logged: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
      await untilText(element, 'Something went wrong on our side');
      expect(textOf(element)).not.to.match(/NaN|Invalid/);
    } finally {
      console.error = consoleError;
    }
    // The developer is told which method, where, and what came instead.
    const [, cause] = logged.find(([text]) => String(text).includes("the adapter's listInvoices() resolved to something")) ?? [];
    const issues = (cause as { issues?: { path: PropertyKey[]; input?: unknown }[] } | undefined)?.issues ?? [];
    expect(issues.some((issue) => issue.path.join('.') === 'items.0.balance' && typeof issue.input === 'string' && /^\d+\.\d\d$/.test(issue.input))).to.equal(true);
  });

  it('a failed fetch thrown as it is reads as a network problem; another copy’s PortalError keeps its code', async () => {
    const adapter = ownAdapter({ listInvoices: () => Promise.reject(new TypeError('Failed to fetch')) });
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
    await untilText(element, 'We couldn’t connect');

    // The CDN file and an npm bundle on one page: a PortalError class that is not this copy's.
    const lookAlike = Object.assign(new Error('Wrong password'), { name: 'PortalError', code: 'INVALID_CREDENTIALS', details: {} });
    const { element: login } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { adapter: ownAdapter({ signIn: () => Promise.reject(lookAlike) }) });
    await waitUntil(() => login.shadowRoot!.querySelector('form'), 'no sign-in form', { timeout: 5000 });
    submitSignIn(login, DANA, 'not the password');
    await untilText(login, 'That email and password don’t match');
  });

  it('a payment answered with something that is not a payment fires no success and says the outcome is unknown', async () => {
    const adapter = ownAdapter({ getSettings: async () => ACME_SETTINGS, pay: async () => ({ status: 'ok' }) as never });
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
    await untilText(element, 'Invoice 10412');
    let succeeded = false;
    element.addEventListener('portal-payment-succeeded', () => (succeeded = true));
    const failed = oneEvent(element, 'portal-payment-failed');
    ($$(element, 'button').find((b) => textOf(b).includes('Invoice 10412')) as HTMLButtonElement).click();
    await untilText(element, 'Line items');
    ($$(element, 'button').find((b) => textOf(b).includes('Pay invoice 10412')) as HTMLButtonElement).click();
    await waitUntil(() => element.shadowRoot!.querySelector('form'), 'no pay form', { timeout: 5000 });
    type($(element, '[name=number]') as HTMLInputElement, '4242424242424242');
    type($(element, '[name=expiry]') as HTMLInputElement, `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
    type($(element, '[name=cvc]') as HTMLInputElement, '123');
    type($(element, '[name=postalCode]') as HTMLInputElement, '62704');
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    expect((await failed).detail.code).to.equal('BAD_RESPONSE');
    expect(succeeded).to.equal(false);
    await waitUntil(() => !$$(element, 'button').some((b) => textOf(b).includes('Paying')), 'still paying', { timeout: 5000 });
  });

  it('without pay(), offers no Pay button (a card form whose button did nothing) but the office’s number, and tells the developer', async () => {
    const own = ownAdapter({ getSettings: async () => ({ ...ACME_SETTINGS, onlinePaymentsEnabled: true }) });
    delete (own as Partial<PortalAdapter>).pay;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter: own, session: await sessionFor(DANA) });
      await untilText(element, 'Invoice 10412');
      await untilText(element, `To pay, call ${ACME_SETTINGS.companyName}`);
      expect($$(element, 'button').map((b) => textOf(b)).filter((label) => label.startsWith('Pay'))).to.deep.equal([]);
      ($$(element, 'button').find((b) => textOf(b).includes('Invoice 10412')) as HTMLButtonElement).click();
      await untilText(element, 'Line items');
      expect($$(element, 'button').some((b) => textOf(b).includes('Pay invoice'))).to.equal(false);
      expect(warnings.some((w) => w.includes('the adapter has no pay()'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('a plain Error thrown by a method: the customer reads "went wrong on our side", the console names the method', async () => {
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const adapter = ownAdapter({ listInvoices: () => Promise.reject(new Error('db is down')) });
      const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
      await untilText(element, 'Something went wrong on our side');
      expect(textOf(element)).not.to.contain('db is down');
      expect(errors.some((e) => e.includes("the adapter's listInvoices() failed with something other than a PortalError") && e.includes('db is down'))).to.equal(true);
    } finally {
      console.error = consoleError;
    }
  });

  it('a PortalError with a code this version does not know: "went wrong on our side", and the console names the code', async () => {
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const adapter = ownAdapter({ listInvoices: () => Promise.reject(new PortalError('MY_OWN_CODE' as never, 'custom')) });
      const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
      await untilText(element, 'Something went wrong on our side');
      expect(textOf(element)).not.to.contain('connect');
      expect(errors.some((e) => e.includes(`the adapter's listInvoices() failed with the code "MY_OWN_CODE", which is not a PortalErrorCode`))).to.equal(true);
    } finally {
      console.error = consoleError;
    }
  });

  it('without getSettings() (plain JavaScript): the console says it is required, the card still shows, nothing is thrown out', async () => {
    const errors: string[] = [];
    const thrown: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    const onRejection = (event: PromiseRejectionEvent) => thrown.push(event.reason);
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
    try {
      const own = ownAdapter();
      delete (own as Partial<PortalAdapter>).getSettings;
      const { element: login } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { adapter: own });
      await waitUntil(() => login.shadowRoot!.querySelector('form'), 'no sign-in form', { timeout: 5000 });
      await waitUntil(() => errors.some((e) => e.includes('the adapter has no getSettings(), which every PortalAdapter must have')), 'nothing said to the developer', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(thrown).to.deep.equal([]);
    } finally {
      console.error = consoleError;
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    }
  });

  it('FORBIDDEN: says the sign-in does not include it, and offers no Try again (the office changes that)', async () => {
    const adapter = ownAdapter({ getSettings: async () => ACME_SETTINGS, listInvoices: () => Promise.reject(new PortalError('FORBIDDEN', 'no access here')) });
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { adapter, session: await sessionFor(DANA) });
    await untilText(element, 'Your sign-in does not include this.');
    expect($$(element, '[part~="error"] button').map((b) => textOf(b))).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('without checkSignUpEmail, sign-up does not say it found an account it never looked for', async () => {
    const own = ownAdapter({ getSettings: async () => ACME_SETTINGS });
    delete (own as Partial<PortalAdapter>).checkSignUpEmail;
    const { element: login } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { adapter: own });
    await waitUntil(() => login.shadowRoot!.querySelector('form'), 'no sign-in form', { timeout: 5000 });
    ($$(login, 'button').find((b) => textOf(b).includes('Create an account')) as HTMLButtonElement).click();
    await untilText(login, 'Create your account');
    type($(login, '[name=email]') as HTMLInputElement, 'new.customer@example.com');
    ($(login, 'form') as HTMLFormElement).requestSubmit();
    await untilText(login, 'Choose a password for new.customer@example.com.');
    expect(textOf(login)).not.to.contain('We found your account');
  });

  it('sign-up turned off as the README shows (checkSignUpEmail refuses): said at the email step, before a password', async () => {
    const refuse = async () => Promise.reject(new PortalError('FEATURE_DISABLED', 'No online sign-up.'));
    const own = ownAdapter({ getSettings: async () => ACME_SETTINGS, checkSignUpEmail: refuse, signUp: refuse });
    const { element: login } = await mount<PortalLogin>(html`<portal-login view="sign-up"></portal-login>`, { adapter: own });
    await untilText(login, 'Create your account');
    type($(login, '[name=email]') as HTMLInputElement, 'new.customer@example.com');
    ($(login, 'form') as HTMLFormElement).requestSubmit();
    await untilText(login, 'This isn’t available online.');
    expect(login.shadowRoot!.querySelector('[name="new-password"]')).to.equal(null);
  });

  it('a call that never settles fails as a network problem after the time limit', async () => {
    const hanging = checkedAdapter(ownAdapter({ getBalance: () => new Promise(() => undefined) }), { timeoutMs: 50 });
    const error = await hanging.getBalance!({ session: await sessionFor(DANA), customerId: 'cust-1001' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PortalError);
    expect((error as PortalError).code).to.equal('NETWORK');
  });

  it('keeps a method the adapter lacks missing, and uses one replaced after the hand-off', async () => {
    const own = ownAdapter();
    delete (own as Partial<PortalAdapter>).listMemberships;
    const checked = checkedAdapter(own);
    expect(checked.listMemberships).to.equal(undefined);
    own.getSettings = async () => ACME_SETTINGS;
    expect((await checked.getSettings()).companyName).to.equal('Acme Plumbing');
  });
});
