import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalSignedInEvent } from '../src/events/portal-signed-in.js';
import '../src/define/portal-login.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { customerLanguage } from '../backend/rules/languages.js';
import { PortalError } from '../src/adapter/portal-error.js';
import { http, HttpResponse } from 'msw';
import { api, backend, failedSignIns, httpAdapter, lastMailTo, startTestBackend, useHandlers } from './helpers/backend.js';
import { $, $$, DANA, MARCUS, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';

const GOOD_PASSWORD = 'a quiet house on birch court';

async function mountLogin(template = html`<portal-login></portal-login>`) {
  const { element, provider } = await mount<PortalLogin>(template);
  await untilText(element, /Sign in|Create your account|Choose|Reset/);
  return { login: element, provider };
}

function fill(login: PortalLogin, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) type($(login, `[name="${name}"]`), value);
}

function submit(login: PortalLogin) {
  ($(login, 'form') as HTMLFormElement).requestSubmit();
}

/**
 * A card in a provider whose settings request waits for `release()`; then `answer` replies, or, when it
 * returns nothing, the backend's own handler does.
 */
async function mountWithSettingsHeld(answer: () => Response | undefined = () => undefined) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  useHandlers(
    http.get('*/api/settings', async () => {
      await held;
      return answer();
    }),
  );
  const provider = await fixture<PortalProvider>(
    html`<portal-provider api-base="/api" session-persistence="memory"><portal-login></portal-login></portal-provider>`,
  );
  const login = provider.querySelector('portal-login') as PortalLogin;
  await untilText(login, 'Sign in');
  return { provider, login, release };
}

describe('<portal-login>', () => {
  beforeEach(() => startTestBackend());

  it('a view it does not have (a typo in the attribute) shows the sign-in form and tells the developer, not an empty card', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const { element } = await mount<PortalLogin>(html`<portal-login view="Forgot"></portal-login>`);
      await untilText(element, 'Forgot your password?');
      expect(element.shadowRoot!.querySelector('form input[name="password"]')).not.to.equal(null);
      expect(element.getAttribute('view')).to.equal('sign-in');
      expect(warnings.some((w) => w.includes('has no view "Forgot"'))).to.equal(true);
      element.setAttribute('view', 'forgot');
      await untilText(element, 'Email me a reset link');
    } finally {
      console.warn = warn;
    }
  });

  it('promises paying online only where the contractor has it on', async () => {
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'See your invoices, pay online and manage your account with Northwind Heating & Air.');
    const settings = (await backend.inspect()).settings;
    const saved = await api('PUT', '/office/settings', { headers: { 'X-Porchlight-Office-Key': backend.config.officeKey }, body: { ...settings, onlinePaymentsEnabled: false } });
    expect(saved.status).to.equal(200);
    const off = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(off.element, 'See your invoices and manage your account with Northwind Heating & Air.');
  });

  it('signs in with Enter in a native form, fires portal-signed-in and shows who is signed in', async () => {
    const { login } = await mountLogin();
    await expect(login).to.be.accessible();
    fill(login, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    const signedIn = oneEvent(login, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    // Enter in the password field submits the form, as in any native form.
    const password = $(login, '[name="password"]') as HTMLInputElement;
    password.form!.requestSubmit();
    const event = await signedIn;
    expect(event.composed).to.equal(true);
    expect(event.detail.email).to.equal(DANA);
    expect(event.detail.newAccount).to.equal(false);
    await untilText(login, 'Signed in as dana.whitfield@example.com');
    expect(textOf(login)).to.contain('Dana Whitfield');
    await expect(login).to.be.accessible();
  });

  it('with two cards, tells the page of another tab’s sign-in once, and of its sign-out (reason: elsewhere) once', async () => {
    const { provider } = await mount<PortalLogin>(html`<portal-login></portal-login><portal-login></portal-login>`);
    const cards = [...provider.querySelectorAll('portal-login')] as PortalLogin[];
    await untilText(cards[1]!, /Sign in/);
    const heard: string[] = [];
    const onIn = (event: Event) => heard.push(`in:${(event as PortalSignedInEvent).detail.restored}`);
    const onOut = (event: Event) => heard.push(`out:${(event as CustomEvent & { detail: { reason: string } }).detail.reason}`);
    document.addEventListener('portal-signed-in', onIn);
    document.addEventListener('portal-signed-out', onOut);
    try {
      // A sign-in in one card: that card tells it (restored: false); the other card tells nothing more.
      fill(cards[0]!, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
      submit(cards[0]!);
      await untilText(cards[1]!, 'Signed in as dana.whitfield@example.com');
      await aTimeout(200);
      expect(heard).to.deep.equal(['in:false']);
      // Signed out in another tab (its storage entry removed): told once, as elsewhere.
      provider.portalState.setPersistence('local');
      const key = Object.keys(localStorage).find((k) => k.startsWith('porchlight.session:'))!;
      localStorage.removeItem(key);
      window.dispatchEvent(new StorageEvent('storage', { key, oldValue: 'x', newValue: null, storageArea: localStorage }));
      await untilText(cards[1]!, /Sign in/);
      await aTimeout(200);
      expect(heard).to.deep.equal(['in:false', 'out:elsewhere']);
    } finally {
      document.removeEventListener('portal-signed-in', onIn);
      document.removeEventListener('portal-signed-out', onOut);
    }
  });

  it('tells the page once about a session it did not make (handed over by the page): restored: true', async () => {
    const session = await sessionFor(DANA);
    const heard: PortalSignedInEvent[] = [];
    const listener = (event: Event) => heard.push(event as PortalSignedInEvent);
    document.addEventListener('portal-signed-in', listener);
    try {
      const { element: login, provider } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
      // The page hands a session of its own to the provider (its `session` property).
      provider.session = session;
      await untilText(login, 'Signed in as dana.whitfield@example.com');
      await waitUntil(() => heard.length === 1, 'the kept session was never told to the page', { timeout: 5000 });
      expect(heard[0]!.detail).to.include({ email: DANA, restored: true, newAccount: false });
      expect(heard[0]!.target).to.equal(login);
      // Re-rendering, or the backend confirming the same session, tells nothing new.
      login.requestUpdate();
      await login.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).to.have.length(1);
    } finally {
      document.removeEventListener('portal-signed-in', listener);
    }
  });

  it('with an api-base where no portal answers (settings 404): says something went wrong, and tells the developer to check api-base', async () => {
    useHandlers(http.get('*/api/settings', () => Response.json({ error: { code: 'NOT_FOUND', message: 'No such endpoint.', details: {} } }, { status: 404 })));
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
      const { element: login } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
      await untilText(login, 'Something went wrong on our side.');
      expect(textOf(login)).not.to.contain('couldn’t find that');
      expect(logged.some((line) => line.includes('api-base'))).to.equal(true);
      await expect(login).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('is ready to type before the settings arrive: signing in does not wait for them, and what was typed stays when they come', async () => {
    const { provider, login, release } = await mountWithSettingsHeld();
    await untilText(login, 'See your invoices and manage your account.');
    expect(provider.portalState.value.settings).to.equal(null);
    await expect(login).to.be.accessible();

    const email = $(login, '[name="email"]') as HTMLInputElement;
    email.focus();
    fill(login, { email: DANA });
    release();
    await waitUntil(() => provider.portalState.value.settings, 'settings never arrived', { timeout: 5000 });
    await untilText(login, `manage your account with ${provider.portalState.value.settings!.companyName}.`);
    // The same field, with what was typed and the focus.
    expect($(login, '[name="email"]')).to.equal(email);
    expect(email.value).to.equal(DANA);
    expect(login.shadowRoot!.activeElement).to.equal(email);
    fill(login, { password: SEEDED_PASSWORDS[DANA]! });
    submit(login);
    await untilText(login, 'Signed in as dana.whitfield@example.com');
  });

  it('keeps the form and what was typed when the settings fail: says so above it, and Try again reads them again', async () => {
    let failures = 1;
    const { provider, login, release } = await mountWithSettingsHeld(() => (failures-- > 0 ? HttpResponse.error() : undefined));
    const email = $(login, '[name="email"]') as HTMLInputElement;
    email.focus();
    fill(login, { email: DANA });
    release();
    await waitUntil(() => login.shadowRoot!.querySelector('[role="alert"]'), 'no alert', { timeout: 5000 });
    expect(textOf(login)).to.contain('We couldn’t connect');
    expect($(login, '[name="email"]')).to.equal(email);
    expect(email.value).to.equal(DANA);
    expect(login.shadowRoot!.activeElement).to.equal(email);
    await expect(login).to.be.accessible();

    ($$(login, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
    await waitUntil(() => provider.portalState.value.settings, 'settings never arrived', { timeout: 5000 });
    await untilText(login, `manage your account with ${provider.portalState.value.settings!.companyName}.`);
    expect(login.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(($(login, '[name="email"]') as HTMLInputElement).value).to.equal(DANA);
  });

  it('from another step while the settings fail, leads back to the sign-in form', async () => {
    const { login, release } = await mountWithSettingsHeld(() => HttpResponse.error());
    ($$(login, 'button.link').find((b) => b.textContent!.includes('Forgot your password?')) as HTMLButtonElement).click();
    await untilText(login, 'Loading…');
    release();
    await untilText(login, 'We couldn’t connect');
    await expect(login).to.be.accessible();
    ($$(login, 'button.link').find((b) => b.textContent!.includes('Back to sign in')) as HTMLButtonElement).click();
    await untilText(login, 'See your invoices and manage your account.');
    expect($(login, '[name="email"]')).to.exist;
  });

  it('signs in while the settings are still on their way', async () => {
    const { provider, login, release } = await mountWithSettingsHeld();
    fill(login, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    const signedIn = oneEvent(login, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    submit(login);
    expect((await signedIn).detail.email).to.equal(DANA);
    await untilText(login, 'Signed in as dana.whitfield@example.com');
    expect(provider.portalState.value.settings).to.equal(null);
    release();
  });

  it('gives password managers the right autocomplete hints', async () => {
    const { login } = await mountLogin();
    expect($(login, '[name="email"]').getAttribute('autocomplete')).to.equal('username');
    expect($(login, '[name="password"]').getAttribute('autocomplete')).to.equal('current-password');
    login.view = 'sign-up-password';
    login.email = 'marcus.reyes@example.com';
    await login.updateComplete;
    expect($(login, '[name="new-password"]').getAttribute('autocomplete')).to.equal('new-password');
    // Named by its label's words alone; the hint is its description, not part of its name too.
    const field = $(login, '[name="new-password"]');
    expect(login.shadowRoot!.getElementById(field.getAttribute('aria-labelledby')!)!.textContent!.trim()).to.match(/^[^.]*password$/i);
    expect(field.getAttribute('aria-describedby')).to.contain('password-hint');
    expect(($(login, '[name="username"]') as HTMLInputElement).value).to.equal('marcus.reyes@example.com');
  });

  it('creates an account with the email on file typed in another case with spaces', async () => {
    const { login } = await mountLogin();
    ($$(login, 'button.link').find((b) => b.textContent!.includes('Create an account')) as HTMLButtonElement).click();
    await untilText(login, 'Create your account');
    await expect(login).to.be.accessible();
    fill(login, { email: '  Marcus.REYES@example.com  ' });
    submit(login);
    await untilText(login, 'Choose a password');
    await expect(login).to.be.accessible();
    fill(login, { 'new-password': GOOD_PASSWORD });
    submit(login);
    // New accounts are confirmed by email (the default): the link in the mailbox finishes the job.
    await untilText(login, 'We sent a link to marcus.reyes@example.com');
    await expect(login).to.be.accessible();
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    const fresh = await fixture<PortalLogin>(html`<portal-login api-base="/api"></portal-login>`);
    // The link asks for the password chosen a moment ago.
    await untilText(fresh, 'enter the password you chose when you signed up');
    fill(fresh, { password: GOOD_PASSWORD });
    const signedIn = oneEvent(fresh, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    submit(fresh);
    expect((await signedIn).detail.newAccount).to.equal(true);
    await untilText(fresh, 'Signed in as marcus.reyes@example.com');
  });

  it('refuses an unknown email with a clear message, announced, and creates no account', async () => {
    const { login } = await mountLogin(html`<portal-login view="sign-up"></portal-login>`);
    fill(login, { email: 'someone@example.com' });
    submit(login);
    await untilText(login, 'We don’t have that email on file');
    expect(textOf($(login, '[role="alert"]'))).to.contain('(555) 010-4477');
    expect($(login, '[name="email"]').getAttribute('aria-invalid')).to.equal('true');
    await expect(login).to.be.accessible();
    expect((await backend.inspect()).logins).to.have.length(2);
  });

  it('explains why a password was refused, client-side for length and server-side for the rest', async () => {
    const { login } = await mountLogin(html`<portal-login view="sign-up-password" email="marcus.reyes@example.com"></portal-login>`);
    fill(login, { 'new-password': 'too short' });
    submit(login);
    await untilText(login, 'Use at least 12 characters');
    fill(login, { 'new-password': 'password1234' });
    submit(login);
    await untilText(login, 'most common passwords');
    await expect(login).to.be.accessible();
  });

  it('locks after five wrong passwords and says when to retry', async () => {
    const { login } = await mountLogin();
    for (let i = 1; i <= 5; i++) {
      fill(login, { email: DANA, password: `wrong password ${i}` });
      submit(login);
      await login.updateComplete;
      await waitUntil(() => !login.shadowRoot!.querySelector('button[type=submit][aria-disabled="true"]'), 'the submit button stayed busy', { timeout: 5000 });
      if (i < 5) expect(textOf(login)).to.contain('don’t match');
    }
    await untilText(login, /Too many failed sign-in attempts\. Try again in 15 minutes/);
    await expect(login).to.be.accessible();
  });

  it('sends one request for a double click on submit', async () => {
    const { login } = await mountLogin();
    fill(login, { email: DANA, password: 'wrong password here' });
    submit(login);
    submit(login);
    await untilText(login, 'don’t match');
    expect(await failedSignIns(DANA)).to.equal(1);
  });

  it('on a page the backend sends no links to: says a link cannot be emailed from here (not the email’s fault), and tells the developer why', async () => {
    await startTestBackend({ config: { linkOrigins: ['https://www.elsewhere.example'] } });
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
      const { login } = await mountLogin(html`<portal-login view="forgot"></portal-login>`);
      fill(login, { email: DANA });
      submit(login);
      await untilText(login, 'We can’t email you a link from this page yet. Call Northwind Heating & Air at (555) 010-4477.');
      expect($(login, '[name="email"]').getAttribute('aria-invalid')).not.to.equal('true');
      login.requestUpdate();
      await login.updateComplete;
      const about = logged.filter((line) => line.includes('--link-origin'));
      expect(about).to.have.length(1);
      expect(about[0]).to.contain(location.origin);
      await expect(login).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('speaks its language to the backend: a Spanish card’s reset email is in Spanish, and its sign-in makes the office write in Spanish', async () => {
    const { element: login } = await mount<PortalLogin>(html`<portal-login view="forgot" lang="es"></portal-login>`);
    await untilText(login, 'Restablezca su contraseña');
    fill(login, { email: DANA });
    submit(login);
    await waitUntil(async () => (await lastMailTo(DANA))?.kind === 'password-reset', 'no reset email');
    expect((await lastMailTo(DANA))!.subject).to.equal('Restablezca su contraseña del portal de Northwind Heating & Air');

    const language = () => customerLanguage(backend.database.db, 'cust-1001');
    expect(await language()).to.equal('en');
    const { element: card } = await mount<PortalLogin>(html`<portal-login lang="es"></portal-login>`);
    await untilText(card, /Inici/);
    fill(card, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    const signedIn = oneEvent(card, 'portal-signed-in');
    submit(card);
    await signedIn;
    expect(await language()).to.equal('es');
  });

  it('resets a forgotten password from the emailed link', async () => {
    const { login } = await mountLogin(html`<portal-login view="forgot"></portal-login>`);
    fill(login, { email: DANA });
    const requested = oneEvent(login, 'portal-password-reset');
    submit(login);
    expect((await requested).detail.stage).to.equal('requested');
    await untilText(login, 'a reset link is on its way');
    await expect(login).to.be.accessible();

    const link = new URL((await lastMailTo(DANA))!.link!);
    history.replaceState(null, '', link.hash);
    const fresh = await fixture<PortalLogin>(html`<portal-login api-base="/api"></portal-login>`);
    await untilText(fresh, 'New password');
    // The backend says whose link it is: said, and given to a password manager beside the new password.
    expect(textOf(fresh)).to.contain(`For the account ${DANA}.`);
    expect(($(fresh, 'input[autocomplete="username"]') as HTMLInputElement).value).to.equal(DANA);
    expect(location.hash).to.equal('');
    fill(fresh, { 'new-password': 'the furnace hums in winter' });
    const completed = oneEvent(fresh, 'portal-password-reset');
    submit(fresh);
    expect((await completed).detail.stage).to.equal('completed');
    await untilText(fresh, 'Your password has been changed');
    const { status } = await api('POST', '/auth/sign-in', { body: { email: DANA, password: 'the furnace hums in winter' } });
    expect(status).to.equal(200);
  });

  it('names the account of a reset link by the backend’s word, never by an address written into the link', async () => {
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `${location.origin}/` } });
    const token = new URL((await lastMailTo(DANA))!.link!).hash.split(/[=&]/)[1]!;
    history.replaceState(null, '', `#porchlight-reset=${token}&porchlight-email=${encodeURIComponent('victim@example.com')}`);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, `For the account ${DANA}.`);
    expect(textOf(element)).not.to.contain('victim');
    expect(($(element, 'input[autocomplete="username"]') as HTMLInputElement).value).to.equal(DANA);
    await expect(element).to.be.accessible();
  });

  it('checks a reset link when it is opened: a used one asks for a new link at once, with no form to fill', async () => {
    await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `${location.origin}/` } });
    const link = new URL((await lastMailTo(DANA))!.link!);
    const token = link.hash.split(/[=&]/)[1]!;
    expect((await api('POST', '/auth/password-reset/confirm', { body: { token, password: 'the furnace hums in winter' } })).status).to.equal(204);

    history.replaceState(null, '', link.hash);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'This reset link no longer works');
    expect(textOf(element)).to.contain('expired or was already used');
    expect($$(element, 'input[name="new-password"]'), 'no password field').to.have.length(0);
    await expect(element).to.be.accessible();
    ($$(element, 'button').find((b) => b.textContent!.includes('Send me a new link')) as HTMLButtonElement).click();
    await untilText(element, 'Reset your password');
  });

  it('says an email without an @ is not a complete address, before sending anything', async () => {
    const adapter = httpAdapter();
    let checks = 0;
    const check = adapter.checkSignUpEmail.bind(adapter);
    adapter.checkSignUpEmail = (...args) => {
      checks++;
      return check(...args);
    };
    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up"></portal-login>`, { adapter });
    await untilText(element, 'Create your account');
    fill(element, { email: 'marcus' });
    submit(element);
    await untilText(element, '“marcus” is not a complete email address');
    expect(checks, 'nothing sent').to.equal(0);
    // A sign-up takes the backend's own rule: one mailbox, name@domain.tld, no list of addresses.
    for (const email of ['marcus@example', 'marcus@example.com,dana@example.com']) {
      fill(element, { email });
      submit(element);
      await untilText(element, `“${email}” is not a complete email address`);
    }
    expect(checks, 'nothing sent').to.equal(0);
    expect(textOf(element)).not.to.contain('Some of the information');
    expect($(element, '[name="email"]').getAttribute('aria-invalid')).to.equal('true');
    expect($(element, '[name="email"]').getAttribute('aria-describedby')).to.equal('problem');
    await expect(element).to.be.accessible();
  });

  it('says the same when the backend refuses the email as incomplete', async () => {
    const adapter = httpAdapter();
    // A backend with a stricter rule of its own answers 400 VALIDATION on the email field.
    adapter.checkSignUpEmail = () => Promise.reject(new PortalError('VALIDATION', 'Bad email.', { field: 'email' }, { status: 400 }));
    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up"></portal-login>`, { adapter });
    await untilText(element, 'Create your account');
    fill(element, { email: 'marcus@example.test' });
    submit(element);
    await untilText(element, '“marcus@example.test” is not a complete email address');
    expect(textOf(element)).not.to.contain('Some of the information');
    expect($(element, '[name="email"]').getAttribute('aria-invalid')).to.equal('true');
  });

  it('shows the email on file as the account holds it, in one spelling from the choose-password screen to the signed-in card', async () => {
    const { login } = await mountLogin(html`<portal-login view="sign-up"></portal-login>`);
    fill(login, { email: '  MARCUS.reyes@EXAMPLE.com ' });
    submit(login);
    await untilText(login, 'Choose a password');
    // The office keeps Marcus's address as Marcus.Reyes@Example.com; his account (and so his session) holds it in lower case.
    expect(textOf(login)).to.contain('Choose a password for marcus.reyes@example.com.');
    expect(($(login, '[name="username"]') as HTMLInputElement).value).to.equal('marcus.reyes@example.com');
    fill(login, { 'new-password': GOOD_PASSWORD });
    submit(login);
    await untilText(login, 'We sent a link to marcus.reyes@example.com.');
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await untilText(login, 'enter the password you chose when you signed up');
    fill(login, { password: GOOD_PASSWORD });
    submit(login);
    await untilText(login, 'Signed in as marcus.reyes@example.com.');
    for (const shown of ['MARCUS.reyes', 'Marcus.Reyes', 'Example.com']) expect(textOf(login)).not.to.contain(shown);
  });

  it('signs out, revoking the session, and fires portal-signed-out', async () => {
    const { login } = await mountLogin();
    fill(login, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    submit(login);
    await untilText(login, 'Signed in as');
    const signedOut = oneEvent(login, 'portal-signed-out');
    ($$(login, 'button').find((b) => b.textContent!.includes('Sign out')) as HTMLButtonElement).click();
    expect((await signedOut).detail.reason).to.equal('user');
    await untilText(login, 'You have signed out');
    // Revoking finishes in the background: the form is back at once.
    for (let tries = 0; (await backend.inspect()).sessions.length > 0 && tries < 50; tries++) await aTimeout(20);
    expect((await backend.inspect()).sessions).to.have.length(0);
  });

  it('keeps the form the customer turned to after signing out, when the revoke answers later', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Holds the revoke back; answering nothing hands it on to the backend.
    useHandlers(http.post('*/api/auth/sign-out', async () => void (await released)));
    const { login } = await mountLogin();
    fill(login, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    submit(login);
    await untilText(login, 'Signed in as');
    ($$(login, 'button').find((b) => b.textContent!.includes('Sign out')) as HTMLButtonElement).click();
    await untilText(login, 'You have signed out');
    ($$(login, 'button').find((b) => b.textContent!.includes('Create an account')) as HTMLButtonElement).click();
    await waitUntil(() => login.view === 'sign-up', 'never switched to sign-up', { timeout: 5000 });
    release();
    for (let tries = 0; (await backend.inspect()).sessions.length > 0 && tries < 50; tries++) await aTimeout(20);
    expect((await backend.inspect()).sessions).to.have.length(0);
    await aTimeout(50);
    expect(login.view).to.equal('sign-up');
  });

  it('says plainly when the portal is turned off', async () => {
    const state = await backend.inspect();
    state.settings.portalEnabled = false;
    await backend.restore(state);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'turned off');
    await expect(element).to.be.accessible();
  });
});

describe('<portal-login> focus', () => {
  beforeEach(() => startTestBackend());

  it('keeps focus in the element through a failed and a successful sign-in, and a sign-out', async () => {
    const { login } = await mountLogin();
    fill(login, { email: DANA, password: 'not the right one' });
    const submitButton = $(login, 'button[type="submit"]');
    submitButton.focus();
    submit(login);
    await untilText(login, 'don’t match');
    expect(login.shadowRoot!.activeElement, 'after a failed sign-in').to.equal(submitButton);
    fill(login, { email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    submit(login);
    await untilText(login, 'Signed in as');
    await login.updateComplete;
    expect(login.shadowRoot!.activeElement?.localName, 'after signing in').to.equal('h2');
    ($$(login, 'button').find((b) => b.textContent!.includes('Sign out')) as HTMLButtonElement).click();
    await untilText(login, 'You have signed out');
    await login.updateComplete;
    expect(login.shadowRoot!.activeElement?.localName, 'after signing out').to.equal('h2');
  });

  it('does not take focus on page load with a kept session', async () => {
    const { provider } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { session: await sessionFor(DANA) });
    await untilText(provider.querySelector('portal-login')!, 'Signed in as');
    expect(document.activeElement).to.equal(document.body);
  });
});
