/**
 * The steps of `<portal-login>` a visitor sees less often than the sign-in form: creating an account
 * (email on file, password, confirmation sent, the confirmation link), a forgotten password (request,
 * sent) and a reset link. Loaded on first use (and soon after the element first renders), so the sign-in form the page
 * shows first does not wait for them: the element keeps within its size budget.
 */
import { msg, str } from '../../i18n/msg.js';
import { html, type nothing, type TemplateResult } from 'lit';
import { isVerificationSent } from '../../adapter/portal-adapter.js';
import type { PortalError } from '../../adapter/portal-error.js';
import type { PortalContextValue } from '../../context/portal-context.js';
import { PortalPasswordResetEvent } from '../../events/portal-password-reset.js';
import type { Session } from '../../model/session.js';
import type { LoginView, ResetLinkState } from './portal-login.js';


/** What a step needs from the element: its state, its shared pieces of form, and its actions. */
export interface StepHost {
  readonly portal: PortalContextValue;
  email: string;
  readonly error: PortalError | null;
  readonly resetLink: ResetLinkState;
  readonly showPassword: boolean;
  /** The token of the reset link in hand. */
  readonly resetToken: string;
  /** The token of the confirmation link in hand. */
  readonly verifyToken: string;
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
  emailIncomplete(email: string): boolean;
  /** Says the password is too short; returns whether it was. */
  passwordTooShort(password: string): boolean;
  /** Says a password is needed; returns whether it was empty. */
  passwordMissing(password: string): boolean;
  signedIn(session: Session, newAccount: boolean): void;
  resetDone(): void;
  verifyDone(): void;
  dispatchEvent(event: Event): boolean;
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
  return html`<label>
      ${label}
      <span class="hint" id="password-hint">${msg(str`At least ${min} characters. Spaces and any letters are fine; a short sentence is easy to remember.`)}</span>
      <input part="input"
        name="new-password"
        type=${host.showPassword ? 'text' : 'password'}
        autocomplete="new-password"
        required
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'password-hint problem' : 'password-hint'}
      />
    </label>
    ${host.showPasswordToggle()}`;
}

/** A form that asks for an email: read and remember it, stop at an incomplete one, else `send` it. */
function onEmailSubmit(host: StepHost, send: (email: string) => Promise<void>) {
  return (event: SubmitEvent) => {
    event.preventDefault();
    const email = host.field(event.currentTarget as HTMLFormElement, 'email');
    host.email = email;
    if (host.emailIncomplete(email)) return;
    void host.run(() => send(email));
  };
}

function signUpEmail(host: StepHost) {
  const company = host.portal.settings?.companyName ?? '';
  const onSubmit = onEmailSubmit(host, async (email) => {
    const check = await host.portal.adapter.checkSignUpEmail?.(email);
    // From here on, the address as the contractor has it on file (not as it was typed).
    host.email = check?.email ?? email.trim();
    host.go('sign-up-password');
  });
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
    if (host.passwordTooShort(password)) return;
    void host.run(async () => {
      const result = await host.portal.adapter.signUp({ email: host.email, password, verifyUrl: here() });
      if (isVerificationSent(result)) host.go('sign-up-sent');
      else host.signedIn(result, true);
    });
  };
  return host.card(
    msg('Choose a password'),
    html`<form @submit=${onSubmit} novalidate>
        <input type="email" name="username" autocomplete="username" .value=${host.email} hidden readonly />
        ${newPasswordField(host, msg('Password'))} ${host.submit(msg('Create account'))}
      </form>
      <div class="links">${back(host, 'sign-up', msg('Use a different email'))}</div>`,
    html`<p class="muted">
      ${checkedOnFile(host)
        ? msg(str`We found your account. Choose a password for ${host.email.trim()}.`)
        : msg(str`Choose a password for ${host.email.trim()}.`)}
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
        ${msg(str`We sent a link to ${host.email.trim()}. Open it within 24 hours to confirm it is your email and finish creating your account.`)}
      </p>
      <div class="links">${back(host, 'sign-up', msg('Use a different email'))}</div>`,
  );
}

/**
 * The confirmation link, opened: the customer types the password they chose at sign-up. The link
 * proves the mailbox, the password who signed up (someone else may have used this address; without
 * their password, opening the link confirms nothing).
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
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const password = host.field(event.currentTarget as HTMLFormElement, 'password');
    if (host.passwordMissing(password)) return;
    void host.run(async () => {
      const session = await host.portal.adapter.verifyEmail!(host.verifyToken, password);
      host.verifyDone();
      host.signedIn(session, true);
    });
  };
  return host.card(
    msg('Confirm your email'),
    html`<form @submit=${onSubmit} novalidate>${host.passwordField()} ${host.submit(msg('Confirm and sign in'))}</form>
      <div class="links">
        <button part="link-button" class="link" type="button" @click=${() => host.go('forgot')}>${msg('Forgot your password?')}</button>
        ${toSignIn}
      </div>`,
    html`<p class="muted">
      ${msg('To finish creating your account, enter the password you chose when you signed up. If you did not sign up, close this page: nothing happens without that password.')}
    </p>`,
  );
}

function forgot(host: StepHost) {
  const onSubmit = onEmailSubmit(host, async (email) => {
    await host.portal.adapter.requestPasswordReset(email, here());
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
        ${msg(str`If ${host.email.trim()} has an account, a reset link is on its way. The link works for 30 minutes. Check your spam folder if it doesn’t arrive.`)}
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
    if (host.passwordTooShort(password)) return;
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
    html`<form @submit=${onSubmit} novalidate>${newPasswordField(host, msg('New password'))} ${host.submit(msg('Save new password'))}</form>
      <div class="links">${toSignIn}</div>`,
  );
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
