/**
 * Everything of `<portal-login>` past the sign-in form: the steps a visitor sees less often (creating
 * an account: email on file, password, confirmation sent, the confirmation link; a forgotten password:
 * request, sent; a reset link), the signed-in card, the card that says the portal is off, and the
 * backend's refusals in words. Loaded soon after the element first renders (and on first use), so the
 * sign-in form the page shows first does not wait for it: the card is ready to type within its size
 * budget.
 */
import { msg, str } from '../../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { isVerificationSent } from '../../adapter/portal-adapter.js';
import { toPortalError, type PortalError } from '../../adapter/portal-error.js';
import type { PortalContextValue } from '../../context/portal-context.js';
import { PortalPasswordResetEvent } from '../../events/portal-password-reset.js';
import { PortalSignedOutEvent } from '../../events/portal-signed-out.js';
import { describeError } from '../../internal/error-messages.js';
import { portalOffMessage } from '../../internal/portal-off.js';
import type { Session } from '../../model/session.js';
import type { LoginView, ResetLinkState } from './portal-login.js';
import { normaliseEmail } from '../../model/email.js';
import { isMailbox } from '../../model/mailbox.js';


/** What a step needs from the element: its state, its shared pieces of form, and its actions. */
export interface StepHost {
  readonly portal: PortalContextValue;
  /** The card's language: the backend writes the emails a step sends in it (CallOptions.language). */
  readonly elementLocale: { readonly tag: string };
  readonly view: LoginView;
  readonly busy: boolean;
  /** The session this card last told the page about: its own sign-in, or one it found already there. */
  announced: string | null;
  email: string;
  readonly error: PortalError | null;
  readonly resetLink: ResetLinkState;
  readonly showPassword: boolean;
  /** The token of the reset link in hand. */
  readonly resetToken: string;
  /** The token of the confirmation link in hand. */
  readonly verifyToken: string;
  /** The address the link in hand is for, when known ('' else): named by a confirmation link, or the backend's answer for a reset link. */
  linkEmail: string;
  card(title: string, body: TemplateResult, intro?: TemplateResult | typeof nothing): TemplateResult;
  emailField(autocomplete: 'username' | 'email'): TemplateResult;
  /** The password the customer already has, with its show toggle. */
  passwordField(): TemplateResult;
  showPasswordToggle(): TemplateResult;
  submit(label: string): TemplateResult;
  /** Whether a field is the one a problem is about (aria-invalid). */
  invalid(field: 'email' | 'password'): boolean;
  go(view: LoginView, notice?: string): void;
  run(work: () => Promise<void>): Promise<void>;
  field(form: HTMLFormElement, name: string): string;
  /** Says so on the field when `email` is not whole by `rule` (isCompleteEmail by default). */
  emailIncomplete(email: string, rule?: (email: string) => boolean): boolean;
  /** Says what is wrong with a field, before anything is sent. */
  problem(field: 'email' | 'password', text: string): void;
  /** Says a password is needed; returns whether it was empty. */
  passwordMissing(password: string): boolean;
  signedIn(session: Session, newAccount: boolean): void;
  /** Fires `portal-signed-in`. */
  tellSignedIn(session: Session, newAccount: boolean, restored: boolean): void;
  /** What checking the reset link in hand found (and, when it is dead, the backend's word). */
  setResetLink(state: ResetLinkState, error?: PortalError): void;
  resetDone(): void;
  verifyDone(): void;
  dispatchEvent(event: Event): boolean;
  /** A problem in words, with Try again (the element's own markup for it). */
  retryable(text: string, retry: () => void): TemplateResult;
}

export { toPortalError };

/** A new password shorter than the contractor's minimum: said before anything is sent; returns whether it was. */
function passwordTooShort(host: StepHost, password: string): boolean {
  const min = host.portal.settings?.passwordPolicy.minLength ?? 12;
  if ([...password].length >= min) return false;
  host.problem('password', msg(str`Use at least ${min} characters. Spaces and any letters are welcome; a short sentence works well.`));
  return true;
}

/** The page the emailed links should open: this one, without its fragment. */
function here(): string {
  const url = new URL(globalThis.location.href);
  url.hash = '';
  return url.toString();
}

function back(host: StepHost, to: LoginView, label: string) {
  return html`<button part="link-button" class="link" type="button" @click=${() => host.go(to)}>${label}</button>`;
}

function newPasswordField(host: StepHost, label: string) {
  const min = host.portal.settings?.passwordPolicy.minLength ?? 12;
  const invalid = host.invalid('password');
  // The field's name is the label's words alone: the hint is its description, read once after them.
  return html`<label>
      <span id="new-password-label">${label}</span>
      <span class="hint" id="password-hint">${msg(str`At least ${min} characters. Spaces and any letters are fine; a short sentence is easy to remember.`)}</span>
      <input part="input"
        name="new-password"
        type=${host.showPassword ? 'text' : 'password'}
        autocomplete="new-password"
        required
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-labelledby="new-password-label"
        aria-describedby=${invalid ? 'password-hint problem' : 'password-hint'}
      />
    </label>
    ${host.showPasswordToggle()}`;
}

/** A form that asks for an email: read and remember it, stop at an incomplete one, else `send` it. */
function onEmailSubmit(host: StepHost, send: (email: string) => Promise<void>, rule?: (email: string) => boolean) {
  return (event: SubmitEvent) => {
    event.preventDefault();
    const email = host.field(event.currentTarget as HTMLFormElement, 'email');
    host.email = email;
    if (host.emailIncomplete(email, rule)) return;
    void host.run(() => send(email));
  };
}

// Every address the card shows is spelt as the account holds it (normaliseEmail), from the step that
// finds it on file (where the office may have written `Marcus.Reyes@Example.com`) to the signed-in
// card: the session carries only that spelling, so the office's could not be kept throughout.
/** Where this card's sign-up sent a confirmation link: the address the link, opened here, confirms. */
const linkSentTo = new WeakMap<StepHost, string>();

function signUpEmail(host: StepHost) {
  const company = host.portal.settings?.companyName ?? '';
  const onSubmit = onEmailSubmit(host, async (email) => {
    const check = await host.portal.adapter.checkSignUpEmail?.(email);
    // From here on, the address on file (not as it was typed), as the account will hold it.
    host.email = normaliseEmail(check?.email ?? email);
    host.go('sign-up-password');
  }, (email) => isMailbox(email.trim()));
  return host.card(
    msg('Create your account'),
    html`<form @submit=${onSubmit} novalidate>${host.emailField('email')} ${host.submit(msg('Continue'))}</form>
      <div class="links">${back(host, 'sign-in', msg('I already have an account'))}</div>`,
    html`<p class="muted">${msg(str`Enter the email address ${company} has on file for you — the one your invoices and appointment reminders go to.`)}</p>`,
  );
}

function signUpPassword(host: StepHost) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const password = host.field(event.currentTarget as HTMLFormElement, 'new-password');
    if (passwordTooShort(host, password)) return;
    void host.run(async () => {
      const result = await host.portal.adapter.signUp({ email: host.email, password, verifyUrl: here() }, { language: host.elementLocale.tag });
      if (isVerificationSent(result)) {
        // The backend's word on the address the link went to.
        host.email = result.email;
        linkSentTo.set(host, normaliseEmail(result.email));
        host.go('sign-up-sent');
      } else host.signedIn(result, true);
    });
  };
  return host.card(
    msg('Choose a password'),
    html`<form @submit=${onSubmit} novalidate>
        <input type="email" name="username" autocomplete="username" .value=${normaliseEmail(host.email)} hidden readonly />
        ${newPasswordField(host, msg('Password'))} ${host.submit(msg('Create account'))}
      </form>
      <div class="links">${back(host, 'sign-up', msg('Use a different email'))}</div>`,
    html`<p class="muted">
      ${checkedOnFile(host)
        ? msg(str`We found your account. Choose a password for ${normaliseEmail(host.email)}.`)
        : msg(str`Choose a password for ${normaliseEmail(host.email)}.`)}
    </p>`,
  );
}

/**
 * Whether the email step asked the backend about the address: an adapter without checkSignUpEmail
 * (a developer's own) has not, so the card does not say it found the account.
 */
function checkedOnFile(host: StepHost): boolean {
  return typeof host.portal.adapter.checkSignUpEmail === 'function';
}

function signUpSent(host: StepHost) {
  return host.card(
    msg('Confirm your email'),
    html`<p class="message success" role="status">
        ${msg(str`We sent a link to ${normaliseEmail(host.email)}. Open it within 24 hours to confirm it is your email and finish creating your account.`)}
      </p>
      <div class="links">${back(host, 'sign-up', msg('Use a different email'))}</div>`,
  );
}

/**
 * The confirmation link, opened: the customer types the password they chose at sign-up. The link
 * proves the mailbox, the password who signed up (someone else may have used this address; without
 * their password, opening the link confirms nothing). The address is named when this card sent the
 * link; a link opened on a fresh page carries only its token, so the step cannot say whose it is.
 */
function verify(host: StepHost) {
  const toSignIn = back(host, 'sign-in', msg('Back to sign in'));
  if (!host.portal.adapter.verifyEmail) {
    const settings = host.portal.settings;
    return host.card(
      msg('Confirm your email'),
      html`<p class="message error" role="alert" part="error">
          ${msg(str`This portal cannot confirm accounts online. Call ${settings?.companyName ?? ''} at ${settings?.companyPhone ?? ''}.`)}
        </p>
        <div class="links">${toSignIn}</div>`,
    );
  }
  if (!host.verifyToken || host.error?.code === 'INVALID_VERIFY_LINK') {
    // A dead link (used, or expired): most often opened again after it worked, so signing in comes first.
    return host.card(
      msg('This confirmation link no longer works'),
      html`<p class="muted">${msg('If you already confirmed your account, sign in. If not, sign up again to get a new link.')}</p>
        <div class="actions">
          <button part="button" type="button" @click=${() => host.go('sign-in')}>${msg('Sign in')}</button>
        </div>
        <div class="links">${back(host, 'sign-up', msg('Sign up again'))}</div>`,
    );
  }
  // Named by the link in hand (opened on a fresh page, or a newer one in this tab), else signed up in this
  // tab. Only an address: anyone can write a link's fragment, and it must not put other words on the page.
  const named = host.linkEmail.length <= 254 && isMailbox(host.linkEmail) ? normaliseEmail(host.linkEmail) : '';
  const email = named || linkSentTo.get(host);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const password = host.field(event.currentTarget as HTMLFormElement, 'password');
    if (host.passwordMissing(password)) return;
    // Made during the submit, in the element's language; said once, on the signed-in card that follows.
    const confirmed = msg('Your email is confirmed. You’re signed in.');
    void host.run(async () => {
      const session = await host.portal.adapter.verifyEmail!(host.verifyToken, password, { language: host.elementLocale.tag });
      host.verifyDone();
      linkSentTo.delete(host);
      host.signedIn(session, true);
      host.go('sign-in', confirmed);
    });
  };
  return host.card(
    msg('Confirm your email'),
    html`<form @submit=${onSubmit} novalidate>
        ${email ? html`<input type="email" name="username" autocomplete="username" .value=${email} hidden readonly />` : nothing}
        ${host.passwordField()} ${host.submit(msg('Confirm and sign in'))}
      </form>
      <div class="links">
        <button part="link-button" class="link" type="button" @click=${() => host.go('forgot')}>${msg('Forgot your password?')}</button>
        ${toSignIn}
      </div>`,
    html`<p class="muted">
      ${email
        ? msg(str`To finish creating your account for ${email}, enter the password you chose when you signed up. If you did not sign up, close this page: nothing happens without that password.`)
        : msg('To finish creating your account, enter the password you chose when you signed up. If you did not sign up, close this page: nothing happens without that password.')}
    </p>`,
  );
}

function forgot(host: StepHost) {
  const onSubmit = onEmailSubmit(host, async (email) => {
    await host.portal.adapter.requestPasswordReset(email, here(), { language: host.elementLocale.tag });
    host.go('forgot-sent');
    host.dispatchEvent(new PortalPasswordResetEvent({ stage: 'requested' }));
  });
  return host.card(
    msg('Reset your password'),
    html`<form @submit=${onSubmit} novalidate>${host.emailField('username')} ${host.submit(msg('Email me a reset link'))}</form>
      <div class="links">${back(host, 'sign-in', msg('Back to sign in'))}</div>`,
    html`<p class="muted">${msg('Enter the email you sign in with. We will send you a link to choose a new password.')}</p>`,
  );
}

function forgotSent(host: StepHost) {
  return host.card(
    msg('Check your email'),
    html`<p class="message success" role="status">
        ${msg(str`If ${normaliseEmail(host.email)} has an account, a reset link is on its way. The link works for 30 minutes. Check your spam folder if it doesn’t arrive.`)}
      </p>
      <div class="links">${back(host, 'sign-in', msg('Back to sign in'))}</div>`,
  );
}

function reset(host: StepHost) {
  const toSignIn = back(host, 'sign-in', msg('Back to sign in'));
  if (host.resetLink === 'invalid' || host.error?.code === 'INVALID_RESET_LINK') {
    // A dead link: no form to fill in for nothing, only the way to a new link.
    return host.card(
      msg('This reset link no longer works'),
      html`<div class="actions">
          <button part="button" type="button" @click=${() => host.go('forgot')}>${msg('Send me a new link')}</button>
        </div>
        <div class="links">${toSignIn}</div>`,
    );
  }
  if (host.resetLink === 'checking' || host.resetLink === 'unchecked') {
    return host.card(msg('Choose a new password'), html`<p class="muted" role="status">${msg('Checking your link…')}</p>`);
  }
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const password = host.field(event.currentTarget as HTMLFormElement, 'new-password');
    if (passwordTooShort(host, password)) return;
    // Made during the submit, in the element's language; shown after the await.
    const changed = msg('Your password has been changed. Sign in with your new password.');
    void host.run(async () => {
      await host.portal.adapter.resetPassword(host.resetToken, password);
      host.resetDone();
      host.go('sign-in', changed);
      host.dispatchEvent(new PortalPasswordResetEvent({ stage: 'completed' }));
    });
  };
  return host.card(
    msg('Choose a new password'),
    html`<form @submit=${onSubmit} novalidate>
        ${host.linkEmail
          ? html`<p class="muted">${msg(str`For the account ${normaliseEmail(host.linkEmail)}.`)}</p>
              <input type="email" name="username" autocomplete="username" .value=${normaliseEmail(host.linkEmail)} hidden readonly />`
          : nothing}
        ${newPasswordField(host, msg('New password'))} ${host.submit(msg('Save new password'))}
      </form>
      <div class="links">${toSignIn}</div>`,
  );
}

/** A used or expired reset link says so when it is opened, not after a new password was typed. */
export async function checkResetLink(host: StepHost) {
  const token = host.resetToken;
  const adapter = host.portal.adapter;
  if (!adapter.checkResetLink) {
    host.setResetLink('valid');
    return;
  }
  host.setResetLink('checking');
  try {
    const answer = await adapter.checkResetLink(token);
    if (token !== host.resetToken) return;
    host.linkEmail = answer?.email ?? '';
    host.setResetLink('valid');
  } catch (error) {
    if (token !== host.resetToken) return;
    const portalError = toPortalError(error);
    // Only the backend's word that the link is dead closes the form; a network hiccup leaves it to the final step.
    if (portalError.code === 'INVALID_RESET_LINK') host.setResetLink('invalid', portalError);
    else host.setResetLink('valid');
  }
}

/** The card for a step other than the sign-in form. */
export function renderStep(view: Exclude<LoginView, 'sign-in'>, host: StepHost): TemplateResult {
  switch (view) {
    case 'sign-up':
      return signUpEmail(host);
    case 'sign-up-password':
      return signUpPassword(host);
    case 'sign-up-sent':
      return signUpSent(host);
    case 'verify':
      return verify(host);
    case 'forgot':
      return forgot(host);
    case 'forgot-sent':
      return forgotSent(host);
    case 'reset':
      return reset(host);
  }
}

/**
 * An email with line-break opportunities after the @ and before each dot of the domain, so a long
 * address on a phone breaks as `dana.whitfield@` / `example.com`, not mid-word. Text only, never HTML.
 */
export function breakableEmail(email: string) {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  const domain = email.slice(at + 1).split('.');
  return html`${email.slice(0, at + 1)}<wbr />${domain.map((part, i) => (i === 0 ? part : html`<wbr />.${part}`))}`;
}

/** The signed-in card: who, which accounts, and Sign out. */
export function renderSignedIn(host: StepHost): TemplateResult {
  const session = host.portal.session!;
  const accounts = session.accounts;
  return host.card(
    msg('You are signed in'),
    html`<p class="email">${msg(html`Signed in as <strong>${breakableEmail(normaliseEmail(session.email))}</strong>.`)}</p>
      ${accounts.length > 0
        ? html`<div>
            <p class="muted">${accounts.length === 1 ? msg('Account:') : msg('Accounts:')}</p>
            <ul>
              ${accounts.map((a) => html`<li>${a.name}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="actions">
        <button part="button secondary-button" class="secondary" type="button" aria-disabled=${host.busy ? 'true' : 'false'} @click=${() => signOut(host)}>${msg('Sign out')}</button>
      </div>`,
  );
}

/** Turned off by the contractor: the one message a page shows, and Sign out for a customer signed in. */
export function renderPortalOff(host: StepHost): TemplateResult {
  const portal = host.portal;
  const session = portal.session;
  return host.card(
    msg('Online account access is off'),
    html`${portalOffMessage(portal.settings!, Boolean(session))}
    ${session
      ? html`<div class="links">
          <button part="link-button" class="link" type="button" @click=${() => signOut(host)}>${msg('Sign out on this device')}</button>
        </div>`
      : nothing}`,
  );
}

/** Something the card needs could not be had (the settings): what went wrong, in words, and Try again. */
export function problemWithRetry(host: StepHost, error: PortalError, retry: () => void): TemplateResult {
  return host.retryable(describeError(error, null), retry);
}

/** A refusal of the page address the card sends for an emailed link (a sign-up's or a reset's). */
function refusesThisPage(error: PortalError): boolean {
  return error.code === 'VALIDATION' && (error.details.field === 'resetUrl' || error.details.field === 'verifyUrl');
}

/** Whether a refusal is about the field (its aria-invalid). */
export function isAbout(error: PortalError, field: 'email' | 'password', view: LoginView): boolean {
  const code = error.code;
  if (field === 'email') return ['EMAIL_NOT_ON_FILE', 'ACCOUNT_EXISTS', 'VALIDATION'].includes(code) && !refusesThisPage(error);
  return code === 'WEAK_PASSWORD' || (code === 'INVALID_CREDENTIALS' && view === 'verify');
}

/** Refusals of this page's own address, told to the developer once each (the customer gets words). */
const reported = new WeakSet<PortalError>();

/** The backend's refusal in words (an email it found incomplete is said by the element, as it says its own finding). */
export function describe(host: StepHost, error: PortalError): string {
  const settings = host.portal.settings;
  if (refusesThisPage(error)) {
    // The backend sends links only to the contractor's own site: this page is not one of its
    // addresses (porchlight-server's --link-origin, or the hostname setting). Nothing the customer
    // typed is wrong.
    if (!reported.has(error)) {
      reported.add(error);
      console.error(
        location.href.length > 2048
          ? `[porchlight] The backend refused this page's address (${error.details.field}) for emailed links: it is over 2,048 characters. Put the sign-in card on a page with a shorter address.`
          : `[porchlight] The backend refused this page's address (${error.details.field}) for emailed links: ${location.origin} is not the portal's site. With porchlight-server, add --link-origin ${location.origin} (or set the hostname setting).`,
      );
    }
    return settings
      ? msg(str`We can’t email you a link from this page yet. Call ${settings.companyName} at ${settings.companyPhone}.`)
      : msg('We can’t email you a link from this page yet. Call our office for help.');
  }
  if (error.code === 'RATE_LIMITED' && error.details.field === 'email') {
    // Sign-up, past the cap on confirmation emails to one address: the link is already in the inbox,
    // and a reset (which confirms the address) is the way in when those sign-ups were not the owner's.
    return msg('We’ve sent several confirmation emails to this address in the last hour. Open the newest one, or use “Forgot your password?” to choose a password, which confirms the address too.');
  }
  if (error.code === 'INVALID_CREDENTIALS' && host.view === 'verify') {
    return msg('That is not the password chosen for this account. Enter the one you chose when you signed up.');
  }
  return describeError(error, settings);
}

/** The "Sign out" button's action. */
function signOut(host: StepHost) {
  // The session is forgotten at once and the sign-in form shown; revoking it on the server finishes in
  // the background, so it cannot replace a form the customer has already turned to (Create an account).
  // (The provider's signOut forgets the local session before its first await, and never rejects; a
  // host's own context value is held to the same, and its failure is not the customer's problem.)
  host.portal.signOut().catch(() => undefined);
  host.go('sign-in', msg('You have signed out.'));
  host.dispatchEvent(new PortalSignedOutEvent({ reason: 'user' }));
}

/**
 * A session this card did not make (kept from an earlier visit, signed in from another tab, or
 * handed over by the page) is told to the page once, as `portal-signed-in` with `restored: true`:
 * a page that follows sign-in through the event then agrees with the card after a reload.
 */
export function announceKeptSession(host: StepHost) {
  const portal = host.portal as PortalContextValue | undefined;
  const session = portal?.session ?? null;
  if (session) {
    if (session.token === host.announced) return;
    host.announced = session.token;
    if (portal!.tellOnce(`in:${session.token}`)) host.tellSignedIn(session, false, true);
    return;
  }
  // Signed out in another tab: the page hears it too (an expiry is told by the provider, and this
  // card's own button tells its own).
  const ended = host.announced;
  host.announced = null;
  if (ended && portal?.sessionEndedBy === 'elsewhere' && portal.tellOnce(`out:${ended}`)) {
    host.dispatchEvent(new PortalSignedOutEvent({ reason: 'elsewhere' }));
  }
}
