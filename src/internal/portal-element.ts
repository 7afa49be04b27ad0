import { ContextConsumer, ContextRoot } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadOnce } from '../adapter/load-once.js';
import { portalContext, type NoticeTopic, type PortalContextValue } from '../context/portal-context.js';
import { msg } from '../i18n/msg.js';
import { Localized } from '../i18n/localized-element.js';
import { FocusKeeper } from './focus-keeper.js';
import { keptSessionKey } from './session-key.js';

/**
 * The shared state of elements used without a provider (`api-base` on the element), loaded when the
 * first such element connects rather than with the element: the sign-in form is ready to type while it
 * arrives (issue 10's first-load budget). A provider loads it with itself.
 */
const loadState = loadOnce(() => import('./portal-state.js'));

/**
 * Elements whose state's code did not arrive (each says so, with Try again). When it arrives for one of
 * them (a Try again, a sign-in), the others take it too instead of staying on their failure.
 */
const stateFailed = new Set<PortalElement>();

const CONTEXT_ROOT = Symbol.for('porchlight.context-root');

/** A dropped connection, in the words of a NETWORK error (src/internal/error-messages.ts). */
export const unreachableText = () => msg('We couldn’t connect. Check your internet connection and try again.');

/** The page-wide notices an element offers to say, each with its rank (see `noticeClaims`). */
export type NoticeClaims = Partial<Record<NoticeTopic, number>>;

/**
 * A page may define an element before `<portal-provider>` (a CDN's autoloader, chunks arriving in any
 * order): its request for the portal finds no provider yet. A context root on the document keeps such
 * requests and asks again when a provider connects. One per page, shared by every copy of Porchlight;
 * made by the first element created, so importing a class module changes nothing on the page. (It holds
 * two weak references per element that asked and found no provider, such as a lone `api-base` element,
 * until a provider connects: small, and never keeping an element alive.)
 */
function ensureContextRoot() {
  const page = globalThis as { [CONTEXT_ROOT]?: true };
  if (page[CONTEXT_ROOT] || typeof document === 'undefined') return;
  page[CONTEXT_ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}

/**
 * Base of every Porchlight element: receives the shared portal state from `<portal-provider>`, or,
 * when there is none above it, from its own `api-base` attribute, so a lone element works with no wrapper.
 * It speaks its own language (`Localized`): its `lang`, else the nearest ancestor's, else the page's.
 */
export class PortalElement extends Localized(LitElement) {
  /**
   * Used only when no `<portal-provider>` is above the element: the REST contract's base URL.
   * Elements on one page with the same `api-base` share one sign-in.
   */
  @property({ attribute: 'api-base' }) apiBase: string | undefined;

  /**
   * `light` or `dark`: this element and every Porchlight element inside it in that colour scheme.
   * Without it (or with another value) they inherit `--portal-color-scheme`, else follow the reader's
   * system setting (docs/theming.md).
   */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** @internal */
  @state() protected portal: PortalContextValue | undefined;

  /**
   * @internal Whether the element is waiting for its own state's code (`api-base`, no provider): it says
   * "Loading…", not that it is unconnected. `failed` when the code did not arrive (a dropped connection).
   */
  @state() protected ownState: 'loading' | 'failed' | undefined;

  #internals = this.attachInternals();

  /** A render that removes the focused control leaves focus on the heading, not on the page's <body>. */
  protected readonly focusKeeper = new FocusKeeper(this);

  /** Mirrors a state to CSS (`:host(:state(loading))`), so host pages can style it. */
  protected setCustomState(name: string, on: boolean) {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers without CustomStateSet: states are a styling convenience only.
    }
  }

  #fromProvider = false;
  #unsubscribe: (() => void) | undefined;
  #claimedWith: PortalContextValue['claimNotice'] | undefined;
  #releases: (() => void)[] = [];

  /**
   * The page-wide notices this element offers to say, each with its rank: of the elements that offer,
   * the lowest rank says it (the sign-in says the portal is off; the account switcher says what the
   * sign-in may see), so a page with several elements says each thing once.
   */
  protected noticeClaims(): NoticeClaims {
    return {};
  }

  /** Whether this element is the one to say `topic` on this page. */
  protected saysNotice(topic: NoticeTopic): boolean {
    const owners = this.portal?.noticeOwners;
    return !owners || owners[topic] === this;
  }

  #syncClaims() {
    const claim = this.portal?.claimNotice;
    if (!this.isConnected || claim === this.#claimedWith) return;
    this.#releaseClaims();
    this.#claimedWith = claim;
    if (!claim) return;
    for (const [topic, rank] of Object.entries(this.noticeClaims()) as [NoticeTopic, number][]) {
      this.#releases.push(claim(topic, this, rank));
    }
  }

  #releaseClaims() {
    const releases = this.#releases;
    this.#releases = [];
    this.#claimedWith = undefined;
    for (const release of releases) release();
  }

  constructor() {
    super();
    ensureContextRoot();
    new ContextConsumer(this, {
      context: portalContext,
      subscribe: true,
      callback: (value) => {
        this.#fromProvider = true;
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
        // A provider connected after its own state failed or while it loaded: the provider's is the one now.
        this.ownState = undefined;
        stateFailed.delete(this);
        this.portal = value;
      },
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    // The context request above is answered synchronously when a provider exists.
    if (!this.#fromProvider && this.apiBase) this.#useOwnState(this.apiBase);
    this.#syncClaims();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    stateFailed.delete(this);
    this.#releaseClaims();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('apiBase') && !this.#fromProvider && this.apiBase && this.isConnected) {
      this.#useOwnState(this.apiBase);
    }
    this.#syncClaims();
  }

  #stateArrival: Promise<unknown> | undefined;

  #useOwnState(apiBase: string) {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.ownState = 'loading';
    // The REST client is what the state asks for first (the settings): fetched beside it, not after it.
    import('../adapter/http-adapter.js').catch(() => undefined);
    const arrival = loadState().then(
      ({ PortalState }) => {
        for (const other of stateFailed) other.reconnect();
        stateFailed.clear();
        // Disconnected, given another api-base or adopted by a provider meanwhile: not ours any more.
        if (arrival !== this.#stateArrival || this.#fromProvider || !this.isConnected) return;
        this.ownState = undefined;
        this.#unsubscribe = PortalState.shared(apiBase, keptSessionKey(apiBase)).subscribe((value) => {
          this.portal = value;
        });
      },
      () => {
        if (arrival !== this.#stateArrival || this.#fromProvider) return;
        this.ownState = 'failed';
        if (this.isConnected) stateFailed.add(this);
      },
    );
    this.#stateArrival = arrival;
  }

  /** Loads the element's own state again after its code did not arrive (a Try again, a new attempt to sign in). */
  protected reconnect() {
    if (this.ownState === 'failed' && this.apiBase && !this.#fromProvider) this.#useOwnState(this.apiBase);
  }

  /** Also waits for the element's own state, when it is loading (tests, hosts awaiting the first real render). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#stateArrival;
    return super.getUpdateComplete();
  }

  /**
   * Something the element needs could not be had: what went wrong, and Try again (without `retry`, when
   * trying again cannot help). Every element's error banner, so they all look alike: the button is in the
   * banner, a secondary one (the banner is the news, not the button).
   */
  protected renderRetryable(text: string, retry?: () => void): TemplateResult {
    return html`<div class="message error" part="error">
      <p role="alert">${text}</p>
      ${retry ? html`<button part="button secondary-button" type="button" class="secondary" @click=${retry}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }

  /** Code or data the element needs did not arrive (a dropped connection): said, with Try again. */
  protected renderUnreachable(retry: () => void): TemplateResult {
    return this.renderRetryable(unreachableText(), retry);
  }

  /**
   * What an element shows with no portal state: "Loading…" while its own is on the way, a dropped
   * connection with Try again, or how to connect it (no provider above it and no `api-base`).
   */
  protected renderWithoutPortal(): TemplateResult {
    if (this.ownState === 'loading') return html`<p class="muted" role="status">${msg('Loading…')}</p>`;
    if (this.ownState === 'failed') return this.renderUnreachable(() => this.reconnect());
    return this.renderRetryable(msg('This element is not connected to a portal. Place it inside <portal-provider> or give it an api-base.'));
  }
}
