/**
 * "Confirm new accounts by email", on by default: knowing an address on file is not enough, the
 * account works only once the link sent to that mailbox is opened. A contractor may turn it off.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalSignedInEvent } from '../src/events/portal-signed-in.js';
import '../src/define/portal-login.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../backend/index.js';
import { changeSettings } from './helpers/account.js';
import { api, backend, failedSignIns, lastMailTo, startTestBackend } from './helpers/backend.js';
import { $, DANA, mount, sessionFor, textOf, untilText, type } from './helpers/portal-fixture.js';

const MARCUS = 'marcus.reyes@example.com';
const PASSWORD = 'a quiet house on birch court';
const verifyUrl = () => `${location.origin}/demo/`;

describe('email confirmation (on by default)', () => {
  beforeEach(() => startTestBackend());

  it('is on in a new portal’s settings', async () => {
    expect((await backend.inspect()).settings.requireEmailVerification).to.equal(true);
    const { status, body } = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD } });
    // Without a page for the link, no account can be made.
    expect(status).to.equal(400);
    expect(body.error.details.field).to.equal('verifyUrl');
  });

  it('stays on when the settings are saved without it (an office tool that leaves it out, an older row)', async () => {
    const withoutIt: Record<string, unknown> = { ...(await backend.inspect()).settings };
    delete withoutIt.requireEmailVerification;
    const saved = await api('PUT', '/office/settings', { body: withoutIt, headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY } });
    expect(saved.status).to.equal(200);
    expect((await backend.inspect()).settings).not.to.have.property('requireEmailVerification');
    const signUp = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    expect(signUp.status).to.equal(202);
    expect(signUp.body).to.deep.equal({ verificationSent: true, email: MARCUS });
    expect((await backend.inspect()).sessions).to.have.length(0);
  });

  it('creates no session at sign-up, mails a link, and the link signs in once', async () => {
    const signUp = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    expect(signUp.status).to.equal(202);
    expect(signUp.body).to.deep.equal({ verificationSent: true, email: MARCUS });
    expect((await backend.inspect()).sessions).to.have.length(0);
    const early = await api('POST', '/auth/sign-in', { body: { email: MARCUS, password: PASSWORD } });
    expect(early.status).to.equal(403);
    expect(early.body.error.code).to.equal('EMAIL_NOT_VERIFIED');

    const link = (await lastMailTo(MARCUS))!.link!;
    expect(link.startsWith(`${verifyUrl()}#porchlight-verify=`)).to.equal(true);
    const token = new URL(link).hash.split(/[=&]/)[1]!;
    const verified = await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } });
    expect(verified.status).to.equal(200);
    expect(verified.body.accounts[0].customerId).to.equal('cust-1002');
    expect((await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } })).body.error.code).to.equal('INVALID_VERIFY_LINK');
    expect((await api('POST', '/auth/sign-in', { body: { email: MARCUS, password: PASSWORD } })).status).to.equal(200);
  });

  it('does not let an unconfirmed sign-up hold the address: the mailbox owner starts again', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: 'an intruder’s password', verifyUrl: verifyUrl() } });
    const intruderLink = (await lastMailTo(MARCUS))!.link!;
    const owner = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    expect(owner.status).to.equal(202);
    const intruderToken = new URL(intruderLink).hash.split(/[=&]/)[1]!;
    expect((await api('POST', '/auth/verify-email', { body: { token: intruderToken, password: 'an intruder’s password' } })).status).to.equal(400);
    expect((await backend.inspect()).logins.filter((l) => l.email === MARCUS)).to.have.length(1);
  });

  it('mails one address at most five confirmation links an hour: the sixth sign-up is refused and the last link still works', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } })).status).to.equal(202);
    }
    const lastLink = (await lastMailTo(MARCUS))!.link!;
    const sixth = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: 'someone else entirely 42', verifyUrl: verifyUrl() } });
    expect([sixth.status, sixth.body.error.code, sixth.body.error.details.field]).to.deep.equal([429, 'RATE_LIMITED', 'email']);
    expect(sixth.body.error.details.retryAfterSeconds).to.be.within(60, 3600);
    expect((await lastMailTo(MARCUS))!.link).to.equal(lastLink);

    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up-password" email=${MARCUS}></portal-login>`);
    type($(element, '[name="new-password"]'), PASSWORD);
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'We’ve sent several confirmation emails to this address in the last hour. Open the newest one, or use “Forgot your password?”');
    await expect(element).to.be.accessible();

    const token = new URL(lastLink).hash.split(/[=&]/)[1]!;
    expect((await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } })).status).to.equal(200);
  });

  it('confirms only with the password chosen at sign-up: the mailbox owner opening a stranger’s sign-up confirms nothing', async () => {
    // A stranger who knows the address signs up with their own password; the owner gets the email.
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: 'an intruder’s password', verifyUrl: verifyUrl() } });
    const token = new URL((await lastMailTo(MARCUS))!.link!).hash.split(/[=&]/)[1]!;
    const opened = await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } });
    expect([opened.status, opened.body.error?.code, opened.body.error?.details?.field]).to.deep.equal([401, 'INVALID_CREDENTIALS', 'password']);
    expect((await backend.inspect()).logins.find((l) => l.email === MARCUS)?.verifiedAt).to.equal(null);
    expect((await backend.inspect()).sessions).to.have.length(0);
    expect((await api('POST', '/auth/verify-email', { body: { token } })).status, 'no password at all').to.equal(400);
    // Wrong passwords count towards the sign-in lockout; the link stays good for the right one until then.
    for (let i = 0; i < 3; i++) expect((await api('POST', '/auth/verify-email', { body: { token, password: `guess number ${i}` } })).status).to.equal(401);
    expect((await api('POST', '/auth/verify-email', { body: { token, password: 'an intruder’s password' } })).status).to.equal(200);
  });

  it('locks the address after five wrong passwords at confirmation, as at sign-in', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    const token = new URL((await lastMailTo(MARCUS))!.link!).hash.split(/[=&]/)[1]!;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await api('POST', '/auth/verify-email', { body: { token, password: `guess number ${i}` } })).status);
    expect(answers).to.deep.equal([401, 401, 401, 401, 423]);
    expect((await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } })).body.error.code).to.equal('LOCKED_OUT');
  });

  it('points confirmation links only at the portal’s own pages', async () => {
    const { status } = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: 'https://evil.example/' } });
    expect(status).to.equal(400);
    expect((await backend.inspect()).logins.some((l) => l.email === MARCUS)).to.equal(false);
  });

  it('portal-login says to check the inbox, then signs in from the link', async () => {
    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up-password" email=${MARCUS}></portal-login>`);
    type($(element, '[name="new-password"]'), PASSWORD);
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'We sent a link to marcus.reyes@example.com');
    await expect(element).to.be.accessible();

    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    const fresh = await fixture<PortalLogin>(html`<portal-login api-base="/api"></portal-login>`);
    // The link asks for the password chosen at sign-up; a wrong one is said, on the field.
    await untilText(fresh, 'enter the password you chose when you signed up');
    // A fresh page knows the address from the link itself.
    expect(textOf(fresh)).to.contain(`To finish creating your account for ${MARCUS}`);
    expect(($(fresh, 'input[autocomplete="username"]') as HTMLInputElement).value).to.equal(MARCUS);
    expect(location.hash).to.equal('');
    await expect(fresh).to.be.accessible();
    type($(fresh, '[name="password"]'), 'not what I chose');
    ($(fresh, 'form') as HTMLFormElement).requestSubmit();
    await untilText(fresh, 'That is not the password chosen for this account');
    expect($(fresh, '[name="password"]').getAttribute('aria-invalid')).to.equal('true');
    await expect(fresh).to.be.accessible();
    type($(fresh, '[name="password"]'), PASSWORD);
    const signedIn = oneEvent(fresh, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    ($(fresh, 'form') as HTMLFormElement).requestSubmit();
    expect((await signedIn).detail.newAccount).to.equal(true);
    await untilText(fresh, 'Signed in as marcus.reyes@example.com');
  });
});

describe('email confirmation: what the confirm step says', () => {
  beforeEach(() => startTestBackend());

  /** The card's polite and assertive lines: what a screen reader hears of it without moving there. */
  function liveText(element: PortalLogin): string[] {
    return [...element.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].map((r) => textOf(r)).filter(Boolean);
  }

  it('names the address when this card sent the link, and says once that the email is confirmed and he is signed in', async () => {
    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up"></portal-login>`);
    type($(element, '[name="email"]'), 'MARCUS.reyes@example.com');
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'Choose a password');
    type($(element, '[name="new-password"]'), PASSWORD);
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'We sent a link to marcus.reyes@example.com.');
    // The link, opened in the same tab.
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await untilText(element, 'To finish creating your account for marcus.reyes@example.com, enter the password you chose when you signed up.');
    // A password manager offers the password it saved for that address.
    expect(($(element, '[name="username"]') as HTMLInputElement).value).to.equal(MARCUS);
    await expect(element).to.be.accessible();
    type($(element, '[name="password"]'), PASSWORD);
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'Signed in as marcus.reyes@example.com.');
    expect(liveText(element)).to.deep.equal(['Your email is confirmed. You’re signed in.']);
    await expect(element).to.be.accessible();
    // Said once: the next thing the customer does replaces it.
    ($(element, 'button.secondary') as HTMLButtonElement).click();
    await untilText(element, 'You have signed out.');
    expect(textOf(element)).not.to.contain('Your email is confirmed');
  });

  it('opened on a fresh page: names the address the link went to, never the page’s prefilled one', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    const { element } = await mount<PortalLogin>(html`<portal-login email="elena.kowalski@example.com"></portal-login>`);
    await untilText(element, `To finish creating your account for ${MARCUS}, enter the password you chose when you signed up.`);
    expect(textOf(element)).not.to.contain('elena');
  });

  it('takes only an address from a link: other words written into it are not put on the page', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    const token = new URL((await lastMailTo(MARCUS))!.link!).hash.split(/[=&]/)[1]!;
    history.replaceState(null, '', `#porchlight-verify=${token}&porchlight-email=${encodeURIComponent('Call 555-0100 to claim your refund')}&utm_source=mail`);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'To finish creating your account, enter the password you chose when you signed up.');
    expect(textOf(element)).not.to.contain('refund');
    expect(location.hash).to.equal('');
  });

  it('opened on a fresh page from a link with only its token (another backend’s): names no address it cannot know, and says the same once confirmed', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash.split('&')[0]);
    // The page prefills someone else's address: the link carries only its token, so the step names none.
    const { element } = await mount<PortalLogin>(html`<portal-login email="elena.kowalski@example.com"></portal-login>`);
    await untilText(element, 'To finish creating your account, enter the password you chose when you signed up.');
    expect(textOf(element)).not.to.contain('elena');
    expect(liveText(element)).to.deep.equal([]);
    type($(element, '[name="password"]'), PASSWORD);
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'Signed in as marcus.reyes@example.com.');
    expect(liveText(element)).to.deep.equal(['Your email is confirmed. You’re signed in.']);
  });
});

describe('email confirmation: the link opened again, empty, or signed in', () => {
  beforeEach(() => startTestBackend());

  async function openLink(): Promise<PortalLogin> {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    history.replaceState(null, '', new URL((await lastMailTo(MARCUS))!.link!).hash);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'enter the password you chose when you signed up');
    return element;
  }

  it('asks for the password without sending an empty one (it would count as a failed sign-in)', async () => {
    const element = await openLink();
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'Enter your password.');
    expect($(element, '[name="password"]').getAttribute('aria-invalid')).to.equal('true');
    expect(await failedSignIns(MARCUS)).to.equal(0);
  });

  it('opened again after it worked: says so with signing in first, and takes focus to the new heading', async () => {
    const element = await openLink();
    const token = new URL((await lastMailTo(MARCUS))!.link!).hash.split(/[=&]/)[1]!;
    expect((await api('POST', '/auth/verify-email', { body: { token, password: PASSWORD } })).status).to.equal(200);
    type($(element, '[name="password"]'), PASSWORD);
    $(element, 'button[type="submit"]').focus();
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    await untilText(element, 'This confirmation link no longer works');
    expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
    expect($(element, '.actions button').textContent!.trim()).to.equal('Sign in');
    await expect(element).to.be.accessible();
    ($(element, '.actions button') as HTMLButtonElement).click();
    await untilText(element, 'Forgot your password?');
  });

  it('opened in a browser already signed in: shows who is signed in, not a password form', async () => {
    await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: PASSWORD, verifyUrl: verifyUrl() } });
    const link = (await lastMailTo(MARCUS))!.link!;
    const { element: signedIn } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { session: await sessionFor(DANA) });
    await untilText(signedIn, 'Signed in as dana.whitfield@example.com');
    history.replaceState(null, '', new URL(link).hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await signedIn.updateComplete;
    expect(textOf(signedIn)).to.contain('Signed in as dana.whitfield@example.com');
    expect(signedIn.shadowRoot!.querySelector('[name="password"]')).to.equal(null);
  });
});

describe('email confirmation turned off by the contractor', () => {
  beforeEach(async () => {
    await startTestBackend();
    await changeSettings({ requireEmailVerification: false });
  });

  it('answers the session at once, and portal-login signs the customer in', async () => {
    const { status, body } = await api('POST', '/auth/sign-up', { body: { email: '  MARCUS.reyes@EXAMPLE.com ', password: PASSWORD } });
    expect(status).to.equal(201);
    expect(body.email).to.equal(MARCUS);
    expect(body.accounts.map((a: { customerId: string }) => a.customerId)).to.deep.equal(['cust-1002']);
    expect((await lastMailTo(MARCUS))).to.equal(undefined);

    const { element } = await mount<PortalLogin>(html`<portal-login view="sign-up-password" email="elena.kowalski@example.com"></portal-login>`);
    type($(element, '[name="new-password"]'), PASSWORD);
    const signedIn = oneEvent(element, 'portal-signed-in') as Promise<PortalSignedInEvent>;
    ($(element, 'form') as HTMLFormElement).requestSubmit();
    expect((await signedIn).detail.newAccount).to.equal(true);
    await untilText(element, 'Signed in as elena.kowalski@example.com');
  });
});
