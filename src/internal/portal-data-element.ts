import { msg } from '../i18n/msg.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { AccountScope, PortalAdapter } from '../adapter/portal-adapter.js';

/** The data methods a custom adapter may leave out. */
type OptionalAdapterMethod = {
  [K in keyof PortalAdapter]-?: undefined extends PortalAdapter[K] ? K : never;
}[keyof PortalAdapter];
import { PortalError, toPortalError } from '../adapter/portal-error.js';
import type { AccountGrant } from '../model/session.js';
import { accessNote, seesBilling } from './access-note.js';
import { canRetry, describeError } from './error-messages.js';
import { localeOf } from './format.js';
import { KeptValue } from './kept-value.js';
import { PortalElement, type NoticeClaims } from './portal-element.js';
import { portalOffMessage } from './portal-off.js';

/** Whose data: the person signed in and the account. */
const scopeOf = (email: string, customerId: string) => `${email}\u0000${customerId}`;

/**
 * Base of the elements that show the signed-in customer's data. One `@lit/task` per element, keyed
 * by session, account and the shared data version, rendering every state with a message:
 * not connected, signed out, loading, error (with retry), and the data itself.
 *
 * Subclasses give `load` and `renderData`, and the wording of their signed-out and loading states.
 */
export abstract class PortalDataElement<T> extends PortalElement {
  /** Whether the element shows billing (invoices, payments): needs billing access at a location. */
  protected needsBilling = false;
  /**
   * Whether the element shows per-location data (visits, equipment …), so it may be the one to say
   * what the sign-in sees at each location when no `<portal-account-switcher>` on the page says it.
   */
  protected showsLocationData = false;

  /** A data element says "the portal is off" only when no `<portal-login>` is there to say it. */
  protected override noticeClaims(): NoticeClaims {
    return this.showsLocationData ? { 'portal-off': 1, access: 1 } : { 'portal-off': 1 };
  }

  /**
   * The data last loaded, and whose (the person and the account): a reload that fails (after a
   * payment, from the retry button) must not take away what the customer is looking at, a receipt or
   * the list. It stays, with the problem said above it.
   */
  #kept = new KeptValue<T>();

  protected readonly dataTask = new Task(this, {
    // Waits for the public settings too: they decide what may be asked (and the time zone to show).
    args: () =>
      [
        this.portal?.adapter,
        this.portal?.session,
        this.portal?.account,
        this.portal?.dataVersion,
        Boolean(this.portal?.settings || this.portal?.settingsError),
        // Turned off: nothing is asked; turned back on: everything loads again.
        this.portal?.settings?.portalEnabled !== false,
      ] as const,
    task: async ([adapter, session, account, , settingsKnown, portalOn], { signal }) => {
      if (!adapter || !session || !account || !settingsKnown || !portalOn) return undefined;
      if (this.needsBilling && !seesBilling(account)) return undefined;
      // Whose data this run loads: the task completes only its latest run, which set this last.
      this.#runScope = scopeOf(session.email, account.customerId);
      try {
        return await this.load({ session, customerId: account.customerId }, signal);
      } catch (error) {
        const portalError = toPortalError(error);
        if (portalError.code === 'SESSION_EXPIRED') this.portal?.sessionExpired();
        // The page's settings are older than the backend's: fetch them, and every element follows.
        if (portalError.code === 'PORTAL_DISABLED') this.portal?.reloadSettings();
        throw portalError;
      }
    },
    onComplete: (data) => {
      if (data !== undefined && this.#runScope) this.#kept.keep(this.#runScope, data);
    },
  });

  #runScope: string | null = null;

  #scope(): string | null {
    const { session, account } = this.portal ?? {};
    return session && account ? scopeOf(session.email, account.customerId) : null;
  }

  /**
   * This account's data as last loaded: kept while a reload runs and when it fails. Never another
   * account's, nor another person's signed in since.
   */
  protected shownData(): T | undefined {
    return this.#kept.for(this.#scope());
  }

  /**
   * A reload that failed while this account's data is on screen: said at the top of the frame, the
   * data kept below it. An ended session or a portal turned off are not notes: they change the element.
   */
  protected refreshError(): PortalError | null {
    if (this.dataTask.status !== TaskStatus.ERROR || this.shownData() === undefined) return null;
    const error = toPortalError(this.dataTask.error);
    return error.code === 'SESSION_EXPIRED' || error.code === 'PORTAL_DISABLED' ? null : error;
  }

  protected abstract load(scope: AccountScope, signal: AbortSignal): Promise<T>;
  protected abstract renderData(data: T, account: AccountGrant): TemplateResult | typeof nothing;
  /** The title shown in every state. */
  protected abstract heading(): string;
  /** "Sign in to see your invoices." */
  protected abstract signedOutText(): string;

  protected loadingText(): string {
    return msg('Loading…');
  }

  /** Reload the data (after a change, or from the retry button). */
  reload() {
    void this.dataTask.run();
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const status = this.dataTask.status;
    this.setCustomState('loading', status === 1);
    this.setCustomState('error', status === 3);
    this.setCustomState('signed-out', Boolean(this.portal) && !this.portal?.session);
    this.setCustomState('portal-off', this.portal?.settings?.portalEnabled === false);
  }

  /**
   * Why some of the account's data is missing (the sign-in's access at each location), when this
   * element is the one on the page to say it; otherwise nothing.
   */
  protected accessNote(account: AccountGrant) {
    if (!this.saysNotice('access')) return nothing;
    return accessNote(account, this.portal?.settings ?? null, localeOf(this));
  }

  /**
   * One of the adapter's optional data methods, bound; a FEATURE_DISABLED error when the adapter has
   * none, so an element says the feature is not available rather than failing.
   */
  protected adapterMethod<K extends OptionalAdapterMethod>(name: K): NonNullable<PortalAdapter[K]> {
    const adapter = this.portal?.adapter;
    const method = adapter?.[name];
    if (typeof method !== 'function') {
      throw new PortalError('FEATURE_DISABLED', `This portal's backend does not provide ${name}.`);
    }
    return (method as (...args: never[]) => unknown).bind(adapter) as NonNullable<PortalAdapter[K]>;
  }

  protected scopeOf(): AccountScope | null {
    const session = this.portal?.session;
    const account = this.portal?.account;
    return session && account ? { session, customerId: account.customerId } : null;
  }

  /** The shell every state shares: a labelled region with its heading, in the element's card. */
  protected frame(body: TemplateResult | typeof nothing, headerExtra: TemplateResult | typeof nothing = nothing) {
    const refreshError = this.refreshError();
    return html`<section class="frame" aria-labelledby="heading" part="section" aria-busy=${this.dataTask.status === TaskStatus.PENDING && this.shownData() !== undefined ? 'true' : 'false'}>
      <div class="header" part="header">
        <h2 id="heading" tabindex="-1" part="heading">${this.heading()}</h2>
        ${headerExtra}
      </div>
      ${refreshError ? this.renderError(refreshError) : nothing} ${body}
    </section>`;
  }

  /** The problem in words, with Try again where trying again can help (not for what is not there). */
  protected renderError(error: PortalError) {
    return this.renderRetryable(describeError(error, this.portal?.settings ?? null), canRetry(error) ? () => this.reload() : undefined);
  }

  protected override render() {
    const portal = this.portal;
    if (!portal) {
      return this.frame(this.renderWithoutPortal());
    }
    if (portal.settings && !portal.settings.portalEnabled) {
      // Said once on the page: by <portal-login> when there is one, else by the first data element.
      return this.saysNotice('portal-off') ? this.frame(portalOffMessage(portal.settings, Boolean(portal.session))) : nothing;
    }
    if (!portal.session || !portal.account) {
      return this.frame(html`<p class="message info" part="signed-out" role="status">${this.signedOutText()}</p>`);
    }
    const account = portal.account;
    if (this.needsBilling && !seesBilling(account)) {
      return this.frame(
        html`<p class="message info" role="status" part="no-billing">
          ${msg('Invoices and payments for this account are with the account holder.')}
        </p>`,
      );
    }
    const shown = this.shownData();
    return this.dataTask.render({
      initial: () => this.frame(html`<p class="muted" role="status">${this.loadingText()}</p>`),
      // A reload keeps what is on screen, the same nodes (focus stays where it is), marked busy by the
      // frame, rather than flashing "Loading…".
      pending: () =>
        shown !== undefined
          ? this.renderData(shown, account)
          : this.frame(html`<p class="muted" role="status" part="loading">${this.loadingText()}</p>`),
      // A failed reload keeps the data, the problem said in its frame (refreshError).
      error: (error) => (shown !== undefined && this.refreshError() ? this.renderData(shown, account) : this.frame(this.renderError(toPortalError(error)))),
      complete: (data) => (data === undefined ? this.frame(html`<p class="muted" role="status">${this.loadingText()}</p>`) : this.renderData(data, account)),
    });
  }
}
