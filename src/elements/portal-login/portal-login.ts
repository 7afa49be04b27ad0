import { msg, str } from '../../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadOnce } from '../../adapter/load-once.js';
import type { PortalError } from '../../adapter/portal-error.js';
import { PortalSignedInEvent } from '../../events/portal-signed-in.js';
import { PortalElement, unreachableText, type NoticeClaims } from '../../internal/portal-element.js';
import { keptSessionKey } from '../../internal/session-key.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { Session } from '../../model/session.js';
import { incompleteEmailText, isCompleteEmail } from './email-check.js';
import { loginStyles } from './portal-login.styles.js';
import { readLinkFragment, clearLinkFragment } from './link-fragment.js';
import type * as StepsModule from './login-steps.js';
import type { StepHost } from './login-steps.js';

const LOGIN_VIEWS = ['sign-in', 'sign-up', 'sign-up-password', 'sign-up-sent', 'verify', 'forgot', 'forgot-sent', 'reset'] as const;
export type LoginView = (typeof LOGIN_VIEWS)[number];
export type ResetLinkState = 'unchecked' | 'checking' | 'valid' | 'invalid';

type Steps = typeof StepsModule;
/**
 * Everything past the sign-in form (the other steps, the signed-in card, refusals in words), loaded
 * once for every instance soon after the first paint (tried again after a failure): the form the page
 * shows first does not wait for it, so the card is ready to type within its size budget (issue 10).
 */
const loadSteps = loadOnce((): Promise<Steps> => import('./login-steps.js'));

/** Whether this browser keeps a session for a lone card's `api-base` (its state not yet loaded to say so). */
function keepsSession(apiBase: string | undefined): boolean {
  try {
    return Boolean(apiBase) && globalThis.localStorage?.getItem(keptSessionKey(apiBase!)) != null;
  } catch {
    return false;
  }
}

/**
 * Sign in, create an account with the email on file, reset a forgotten password, and sign out.
 * A native form inside, so Enter submits and password managers fill it.
 *
 * Opened from an emailed link, it picks up `#porchlight-reset=…` (set a new password),
 * `#porchlight-sign-up=…` (create an account) or `#porchlight-verify=…` (confirm a new account with
 * the password chosen for it) from the page address, then removes it.
 *
 * @summary The customer's sign-in, sign-up and password reset.
 * @fires {PortalSignedInEvent} portal-signed-in - A customer signed in or created an account here (`restored: false`), or the card found a session it did not make: kept from an earlier visit, from another tab, or handed over by the page (`restored: true`, once per session).
 * @fires {PortalSignedOutEvent} portal-signed-out - The customer pressed "Sign out" (`reason: 'user'`), or signed out in another tab (`reason: 'elsewhere'`).
 * @fires {PortalPasswordResetEvent} portal-password-reset - A reset email was requested, or a new password set.
 * @csspart card - The box around the form.
 * @csspart heading - The title of the current step.
 * @csspart error - The error message.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart link-button - A button that looks like a link.
 * @csspart input - Every text field and select.
 * @csspart portal-off - Said when the contractor has turned the portal off (with "Sign out on this device" for a customer signed in).
 * @cssprop --portal-login-max-width - Widest the element grows (28em).
 * @cssprop --portal-login-padding - Space inside the card.
 * @cssstate busy - A request is under way.
 * @cssstate signed-in - A customer is signed in.
 */
export class PortalLogin extends PortalElement {
  static override styles = [hostStyles, controlStyles, loginStyles];

  /** The sign-in card is where a page says the portal is turned off; the data elements then stay quiet. */
  protected override noticeClaims(): NoticeClaims {
    return { 'portal-off': 0 };
  }

  /** The step shown when no one is signed in. Links and buttons inside move between steps. */
  @property({ reflect: true }) view: LoginView = 'sign-in';

  /** Prefills the email field (a host page that already knows the customer's address). */
  @property() email = '';
  /** @internal */
  @state() private busy = false;
  /** @internal */
  @state() private error: PortalError | null = null;
  /** @internal */
  @state() private notice = '';
  /** @internal */
  @state() private showPassword = false;
  /** @internal A problem found before sending, and the field it is about. */
  @state() private clientProblem: { field: 'email' | 'password'; text: string } | null = null;
  /** @internal The steps' code did not arrive (a dropped connection): said, with Try again. */
  @state() private stepsFailed = false;
  /** @internal Whether the reset link in hand is still good: checked as soon as it is opened. */
  @state() private resetLink: ResetLinkState = 'unchecked';

  #resetToken = '';

  override connectedCallback() {
    super.connectedCallback();
    this.#followLink();
    // A link opened in a tab that already shows the page changes only the fragment.
    globalThis.addEventListener('hashchange', this.#followLink);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    globalThis.removeEventListener('hashchange', this.#followLink);
  }

  #followLink = () => {
    const link = readLinkFragment();
    // A reset link's account is the backend's word (checkResetLink), never the fragment's.
    this.#linkEmail = link?.kind === 'verify' ? (link.email ?? '') : '';
    if (link?.kind === 'reset') {
      this.#resetToken = link.value;
      this.resetLink = 'unchecked';
      this.view = 'reset';
      clearLinkFragment();
    } else if (link?.kind === 'sign-up') {
      this.email = link.value;
      this.view = 'sign-up';
      clearLinkFragment();
    } else if (link?.kind === 'verify') {
      this.#verifyToken = link.value;
      // A newer link in the same tab: what was said about the last one no longer holds.
      this.error = null;
      this.clientProblem = null;
      this.notice = '';
      this.view = 'verify';
      clearLinkFragment();
    }
  };

  /** A confirmation link's token: used with the password the customer types (the verify step). */
  #verifyToken = '';
  /** The address the link in hand is for: named by a confirmation link, or by the backend for a reset link. */
  #linkEmail = '';

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    super.willUpdate(changed);
    // A view the card does not have (a typo in the attribute): the sign-in form, not an empty card.
    if (!(LOGIN_VIEWS as readonly string[]).includes(this.view)) {
      console.warn(`[porchlight] <portal-login> has no view "${this.view}"; it shows sign-in. Views: ${LOGIN_VIEWS.join(', ')}.`);
      this.view = 'sign-in';
    }
    if (this.view === 'reset' && this.resetLink === 'unchecked' && this.portal?.settings?.portalEnabled) {
      // No link in hand (the view set by hand): nothing to set a password with. A link is checked by the
      // steps' code (the reset step waits for it, and this runs again when it arrives).
      if (!this.#resetToken) this.resetLink = 'invalid';
      else if (this.#steps) void this.#steps.checkResetLink(this.#host);
    }
  }

  #wasSignedIn = false;

  protected override updated(changed: Map<PropertyKey, unknown>) {
    const signedIn = Boolean(this.portal?.session);
    this.setCustomState('busy', this.busy);
    this.setCustomState('signed-in', signedIn);
    // A new step, or signing in or out, replaces the whole card: move focus to its heading rather
    // than leave it on a button that no longer exists.
    // Only after the customer acted here: never on page load, never for a sign-in in another tab.
    const viewChanged = changed.has('view') && changed.get('view') !== undefined;
    if ((this.#acted && (viewChanged || signedIn !== this.#wasSignedIn)) || this.#focusHeading) this.renderRoot.querySelector('h2')?.focus();
    this.#focusHeading = false;
    this.#wasSignedIn = signedIn;
    // A session found here (or one that ended elsewhere) is told to the page by the steps' code, which
    // the card loads to show it.
    this.#steps?.announceKeptSession(this.#host);
  }

  /** The session this card last told the page about: its own sign-in, or one it found already there. */
  #announced: string | null = null;

  /** Set when the card changed under the customer's focus without a new step (a link found dead at submit). */
  #focusHeading = false;

  /** Set once the customer has used this element. */
  #acted = false;

  /** The less frequent steps, once loaded. */
  #steps: Steps | undefined;

  #loadSteps() {
    void loadSteps().then(
      (loaded) => {
        this.stepsFailed = false;
        if (this.#steps) return;
        this.#steps = loaded;
        this.requestUpdate();
      },
      () => (this.stepsFailed = true),
    );
  }

  protected override firstUpdated() {
    // Soon after the first paint, so "Create an account" or a reset link opens without a wait.
    setTimeout(() => this.#loadSteps(), 0);
  }

  /**
   * Also waits for the steps' code when what the card shows needs it (another step, the signed-in card,
   * the portal turned off): tests and hosts awaiting updateComplete see that, not "Loading…".
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const portal = this.portal;
    const needsSteps = this.view !== 'sign-in' || Boolean(portal?.session) || portal?.settings?.portalEnabled === false;
    if (!needsSteps || this.#steps) return done;
    // Not arrived: the card says so (stepsFailed), and this settles with it.
    await loadSteps().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve));
    return super.getUpdateComplete();
  }

  /** What the steps module sees of this element. */
  readonly #host: StepHost = this.#makeHost();

  #makeHost(): StepHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors below read this element's private state
    const element = this;
    return {
      get portal() {
        return element.portal!;
      },
      get elementLocale() {
        return element.elementLocale;
      },
      get view() {
        return element.view;
      },
      get busy() {
        return element.busy;
      },
      get announced() {
        return element.#announced;
      },
      set announced(token: string | null) {
        element.#announced = token;
      },
      get email() {
        return element.email;
      },
      set email(value: string) {
        element.email = value;
      },
      get error() {
        return element.error;
      },
      get resetLink() {
        return element.resetLink;
      },
      get showPassword() {
        return element.showPassword;
      },
      get resetToken() {
        return element.#resetToken;
      },
      get verifyToken() {
        return element.#verifyToken;
      },
      get linkEmail() {
        return element.#linkEmail;
      },
      set linkEmail(email) {
        element.#linkEmail = email;
      },
      card: (title, body, intro) => element.#card(title, body, intro),
      emailField: (autocomplete) => element.#emailField(autocomplete),
      passwordField: () => element.#passwordField(),
      showPasswordToggle: () => element.#showPasswordToggle(),
      submit: (label) => element.#submit(label),
      invalid: (field) => element.#invalid(field),
      go: (view, notice) => element.#go(view, notice),
      run: (work) => element.#run(work),
      field: (form, name) => element.#field(form, name),
      emailIncomplete: (email, rule) => element.#emailIncomplete(email, rule),
      problem: (field, text) => element.#problem(field, text),
      passwordMissing: (password) => element.#passwordMissing(password),
      signedIn: (session, newAccount) => element.#signedIn(session, newAccount),
      tellSignedIn: (session, newAccount, restored) => element.#tellSignedIn(session, newAccount, restored),
      setResetLink: (state, error) => {
        element.resetLink = state;
        if (error) element.error = error;
      },
      resetDone: () => {
        element.#resetToken = '';
        element.resetLink = 'unchecked';
      },
      verifyDone: () => {
        element.#verifyToken = '';
      },
      dispatchEvent: (event) => element.dispatchEvent(event),
      retryable: (text, retry) => element.renderRetryable(text, retry),
    };
  }

  /** A problem found before sending, said in place of anything said before. */
  #problem(field: 'email' | 'password', text: string) {
    this.error = null;
    this.notice = '';
    this.clientProblem = { field, text };
  }

  /** An empty password: said before anything is sent (it would count as a failed sign-in). */
  #passwordMissing(password: string): boolean {
    if (password !== '') return false;
    this.#problem('password', msg('Enter your password.'));
    return true;
  }

  #go(view: LoginView, notice = '') {
    this.#acted = true;
    this.error = null;
    this.clientProblem = null;
    this.notice = notice;
    this.showPassword = false;
    this.view = view;
  }

  /** Runs one request at a time: a second press while busy does nothing. */
  async #run(work: () => Promise<void>) {
    if (this.busy) return;
    this.#acted = true;
    this.busy = true;
    this.error = null;
    this.notice = '';
    this.clientProblem = null;
    this.stepsFailed = false;
    const startedOn = this.view;
    try {
      // Submitted before the card's own state arrived (a lone card, typed into at once): wait for it.
      if (!this.portal) {
        this.reconnect();
        await this.updateComplete;
      }
      if (!this.portal) return;
      await work();
    } catch (error) {
      const steps = await loadSteps().catch(() => undefined);
      // The customer went to another step meanwhile: this step's refusal is not about that one.
      if (this.view !== startedOn) return;
      if (!steps) {
        this.stepsFailed = true;
        return;
      }
      // Arrived now (its first load had failed): kept, so the card can say the refusal in words.
      this.#steps ??= steps;
      this.error = steps.toPortalError(error);
      // A dead link replaces the form the customer was in: take focus to the card's new heading.
      if (this.error.code === 'INVALID_VERIFY_LINK' || this.error.code === 'INVALID_RESET_LINK') this.#focusHeading = true;
      if (this.error.code === 'ACCOUNT_EXISTS' && this.view === 'sign-up-password') this.view = 'sign-up';
      // Turned off since the page loaded its settings: load them again, so the whole page says so once.
      if (this.error.code === 'PORTAL_DISABLED') this.portal?.reloadSettings();
    } finally {
      this.busy = false;
    }
  }

  #field(form: HTMLFormElement, name: string): string {
    const value = new FormData(form).get(name);
    return typeof value === 'string' ? value : '';
  }

  /** `marcus` or an empty field: said before anything is sent. */
  #emailIncomplete(email: string, rule: (email: string) => boolean = isCompleteEmail): boolean {
    if (rule(email)) return false;
    this.#problem('email', incompleteEmailText(email));
    return true;
  }

  #signedIn(session: Session, newAccount: boolean) {
    this.#announced = session.token;
    this.portal?.signedIn(session, { newAccount });
    this.#go('sign-in');
    this.#tellSignedIn(session, newAccount, false);
  }

  #tellSignedIn(session: Session, newAccount: boolean, restored: boolean) {
    this.dispatchEvent(new PortalSignedInEvent({ email: session.email, accounts: session.accounts, newAccount, restored }));
  }

  #onSignIn = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = this.#field(form, 'email');
    const password = this.#field(form, 'password');
    this.email = email;
    if (this.#emailIncomplete(email) || this.#passwordMissing(password)) return;
    void this.#run(async () => {
      const session = await this.portal!.adapter.signIn({ email, password }, { language: this.elementLocale.tag });
      this.#signedIn(session, false);
    });
  };

  protected override render() {
    const portal = this.portal;
    if (!portal) {
      // A lone card's state on the way: the form is ready to type meanwhile (submitting waits for it),
      // unless this browser keeps a session, which the card will show instead. Failed to arrive: the
      // form stays, with what was typed, under the message and its Try again.
      if (this.view === 'sign-in' && (this.ownState === 'failed' || (this.ownState === 'loading' && !keepsSession(this.apiBase)))) {
        return this.#renderSignIn();
      }
      return this.#card(msg('Customer portal'), this.renderWithoutPortal());
    }
    // Turned off by the contractor: one message, signed in or not. A session is kept for when it is back.
    const off = Boolean(portal.settings && !portal.settings.portalEnabled);
    // A reset link wins over a session in this browser: its owner asked for it from their inbox. A
    // confirmation link does not: signed in, the account it confirms most likely already works (its
    // email opened twice), and the card says who is signed in.
    const signedIn = Boolean(portal.session && !(this.view === 'reset' && this.#resetToken));
    if (off || signedIn) {
      if (this.#steps) return off ? this.#steps.renderPortalOff(this.#host) : this.#steps.renderSignedIn(this.#host);
      return this.#renderLoadingSteps();
    }
    // The sign-in form needs nothing from the settings: it is ready to type while they (and the REST
    // client and schemas that read them) load beside it, and submitting waits for the client. If they
    // fail, it stays, with what was typed, under the message. The other steps follow the settings
    // (password rules, the company's phone), so they wait.
    if (this.view === 'sign-in') return this.#renderSignIn();
    // Another step, waiting for the settings or unable to read them: the way back to the form, which
    // works without them, is always there.
    const settingsProblem = this.#settingsProblem(portal);
    if (settingsProblem) return this.#card(msg('Sign in'), html`${settingsProblem} ${this.#backToSignIn()}`);
    if (!portal.settings) {
      return this.#card(msg('Sign in'), html`<p class="muted" role="status">${msg('Loading…')}</p> ${this.#backToSignIn()}`);
    }
    if (this.#steps) return this.#steps.renderStep(this.view, this.#host);
    return this.#renderLoadingSteps();
  }

  /**
   * The settings could not be read: said in words with Try again, once the steps' code that words it is
   * here; if that code did not arrive either, a dropped connection, and Try again loads both. Undefined
   * while there is nothing to say yet.
   */
  #settingsProblem(portal: NonNullable<PortalLogin['portal']>): TemplateResult | undefined {
    if (!portal.settingsError) return undefined;
    if (this.#steps) return this.#steps.problemWithRetry(this.#host, portal.settingsError, () => portal.reloadSettings());
    if (!this.stepsFailed) return undefined;
    return this.renderUnreachable(() => {
      portal.reloadSettings();
      this.#loadSteps();
    });
  }

  /** A face of the card whose code is on its way ("Loading…"), or did not arrive (Try again). */
  #renderLoadingSteps() {
    if (this.stepsFailed) {
      const retry = () => {
        this.stepsFailed = false;
        this.#loadSteps();
      };
      return this.#card(
        msg('Customer portal'),
        html`${this.renderUnreachable(retry)} ${this.view === 'sign-in' ? nothing : this.#backToSignIn()}`,
      );
    }
    this.#loadSteps();
    return this.#card(msg('Customer portal'), html`<p class="muted" role="status">${msg('Loading…')}</p>`);
  }

  #card(title: string, body: TemplateResult, intro: TemplateResult | typeof nothing = nothing) {
    return html`<section class="frame" part="card" aria-labelledby="heading" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 id="heading" part="heading" tabindex="-1">${title}</h2>
      ${intro} ${this.#renderMessages()} ${body}
    </section>`;
  }

  /** What went wrong, in words: the backend's refusal, a problem found before sending, or the steps' code lost. */
  #problemText(): string {
    const error = this.error;
    if (error) {
      // An email the backend found incomplete is said as the card says its own finding.
      if (error.code === 'VALIDATION' && error.details.field === 'email') return incompleteEmailText(this.email);
      // An error is turned into a PortalError by the steps' code, so that code is here to say it in words.
      return this.#steps?.describe(this.#host, error) ?? unreachableText();
    }
    if (this.clientProblem) return this.clientProblem.text;
    return this.stepsFailed && this.view === 'sign-in' && this.#acted ? unreachableText() : '';
  }

  #renderMessages() {
    const problem = this.#problemText();
    // Signed out because the session ran out (its time, or the backend's word): the sign-in form says why
    // it is back, until the customer signs in again or the card has something of its own to say. (Not
    // on the card that says the portal is off: signing in is not what to do then.)
    const portal = this.portal;
    const expired =
      !problem && !this.notice && this.view === 'sign-in' && !portal?.session && portal?.sessionEndedBy === 'expired' && portal.settings?.portalEnabled !== false;
    // Inserted when there is something to say: a new role="alert" node is what screen readers announce.
    if (!problem && !this.notice && !expired) return nothing;
    return html`<div class="messages">
      ${problem ? html`<p class="message error" role="alert" part="error" id="problem">${problem}</p>` : nothing}
      ${this.notice ? html`<p class="message success" role="status">${this.notice}</p>` : nothing}
      ${expired
        ? // An alert: the card changed without the customer doing anything, and focus stays where it was.
          html`<p class="message info" role="alert">${msg('Your session has ended. Please sign in again.')}</p>`
        : nothing}
    </div>`;
  }

  #invalid(field: 'email' | 'password') {
    if (this.clientProblem) return this.clientProblem.field === field;
    return Boolean(this.error && this.#steps?.isAbout(this.error, field, this.view));
  }

  #emailField(autocomplete: 'username' | 'email') {
    const invalid = this.#invalid('email');
    return html`<label>
      ${msg('Email')}
      <input part="input"
        name="email"
        type="email"
        inputmode="email"
        autocomplete=${autocomplete}
        required
        spellcheck="false"
        autocapitalize="none"
        .value=${this.email}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'problem' : nothing}
      />
    </label>`;
  }

  /** The password the customer already has (sign-in, confirming a new account), with its show toggle. */
  #passwordField() {
    const invalid = this.#invalid('password');
    return html`<label>
        ${msg('Password')}
        <input part="input"
          name="password"
          type=${this.showPassword ? 'text' : 'password'}
          autocomplete="current-password"
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'problem' : nothing}
        />
      </label>
      ${this.#showPasswordToggle()}`;
  }

  #showPasswordToggle() {
    return html`<label class="show-password">
      <input type="checkbox" .checked=${this.showPassword} @change=${(e: Event) => (this.showPassword = (e.target as HTMLInputElement).checked)} />
      ${msg('Show password')}
    </label>`;
  }

  #submit(label: string) {
    return html`<div class="actions">
      <button part="button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
        ${this.busy ? msg('Please wait…') : label}
      </button>
    </div>`;
  }

  #backToSignIn() {
    return html`<div class="links">
      <button part="link-button" class="link" type="button" @click=${() => this.#go('sign-in')}>${msg('Back to sign in')}</button>
    </div>`;
  }

  #renderSignIn() {
    const portal = this.portal;
    const company = portal?.settings?.companyName;
    // Said once, above the form, unless the card has something of its own to say (its sign-in's answer):
    // the card's own state did not arrive, or the settings could not be read.
    const quiet = this.error || this.clientProblem;
    const settingsProblem = quiet
      ? nothing
      : this.ownState === 'failed'
        ? this.renderWithoutPortal()
        : ((portal && this.#settingsProblem(portal)) ?? nothing);
    return this.#card(
      msg('Sign in'),
      html`<form @submit=${this.#onSignIn} novalidate>
          ${this.#emailField('username')} ${this.#passwordField()} ${this.#submit(msg('Sign in'))}
        </form>
        <div class="links">
          <button part="link-button" class="link" type="button" @click=${() => this.#go('forgot')}>${msg('Forgot your password?')}</button>
          <button part="link-button" class="link" type="button" @click=${() => this.#go('sign-up')}>${msg('First time here? Create an account')}</button>
        </div>`,
      html`<p class="muted">
          ${!company
            ? msg('See your invoices and manage your account.')
            : portal.settings!.onlinePaymentsEnabled
              ? msg(str`See your invoices, pay online and manage your account with ${company}.`)
              : msg(str`See your invoices and manage your account with ${company}.`)}
        </p>
        ${settingsProblem}`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
