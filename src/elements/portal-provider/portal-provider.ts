import { provide } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { checkedAdapter } from '../../adapter/checked-adapter.js';
import { lazyHttpAdapter } from '../../adapter/lazy-http-adapter.js';
import { restClientBase } from '../../adapter/adapter-kinds.js';
import type { PortalAdapter } from '../../adapter/portal-adapter.js';
import { portalContext, type PortalContextValue } from '../../context/portal-context.js';
import { PortalSignedOutEvent } from '../../events/portal-signed-out.js';
import { PortalState, type SessionPersistence } from '../../internal/portal-state.js';
import { keptSessionKey } from '../../internal/session-key.js';
import type { Session } from '../../model/session.js';

/** What picks the backend: the page's own adapter, else the REST contract at `api-base`. */
interface BackendChoice {
  adapter: PortalAdapter | undefined;
  apiBase: string;
}

/** Sessions kept per backend: a custom backend's token is never offered to `api-base`'s, nor the other way round. */
function storageKeyOf({ adapter, apiBase }: BackendChoice): string {
  if (!adapter) return apiBase;
  return restClientBase(adapter) ?? 'custom-adapter';
}

/**
 * Holds what every Porchlight element below it shares: the backend adapter, the contractor's public
 * settings, the customer's session and the chosen account. Renders its children as they are.
 *
 * @summary Connects the portal elements inside it to one backend and one sign-in.
 * @slot - Any Porchlight elements, at any depth, among the host page's own markup.
 * @fires {PortalSignedOutEvent} portal-signed-out - The session ended on its own (`reason: 'expired'`).
 */
export class PortalProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    /* theme="light|dark" themes every element inside (docs/theming.md): custom properties inherit. */
    :host([theme='light']) {
      --portal-color-scheme: light;
    }
    :host([theme='dark']) {
      --portal-color-scheme: dark;
    }
  `;

  /** Base URL of the REST contract (`docs/rest-contract.md`), e.g. `/api`. Ignored when `adapter` is set. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /**
   * `light` or `dark`: this element and every Porchlight element inside it in that colour scheme.
   * Without it (or with another value) they inherit `--portal-color-scheme`, else follow the reader's
   * system setting (docs/theming.md).
   */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** A custom backend adapter; takes precedence over `api-base`. */
  @property({ attribute: false }) adapter: PortalAdapter | undefined;

  /**
   * Where the session is kept: `local` (survives reloads, shared by tabs), `session` (this tab only)
   * or `memory` (gone on reload).
   */
  @property({ attribute: 'session-persistence' }) sessionPersistence: SessionPersistence = 'local';

  /**
   * A session the host page got by itself (for example from its own sign-in, exchanged server-side
   * for a Porchlight token). Setting it signs the customer in without `<portal-login>`.
   */
  @property({ attribute: false }) session: Session | undefined;

  /** @internal */
  @provide({ context: portalContext })
  @state()
  protected portal!: PortalContextValue;

  #state: PortalState | undefined;
  /** What the state was built with: a state built before the page set its adapter is built again. */
  #builtFrom: BackendChoice | undefined;
  #unsubscribe: (() => void) | undefined;

  /** The state this provider shares; created on first use. */
  get portalState(): PortalState {
    if (!this.#state) {
      this.#builtFrom = { adapter: this.adapter, apiBase: this.apiBase };
      this.#state = new PortalState(this.#adapterInUse(), { storageKey: keptSessionKey(storageKeyOf(this)), persistence: this.sessionPersistence });
    }
    return this.#state;
  }

  /**
   * The REST client for `api-base`, or the page's own adapter. One that is not the REST client (which
   * checks its answers itself) is held to the same promises: answers checked, failures as PortalError,
   * no call waiting forever (checked-adapter.ts).
   */
  #adapterInUse(): PortalAdapter {
    const given = this.adapter;
    // The REST client's code loads with the first request, beside the first paint.
    if (!given) return lazyHttpAdapter(this.apiBase);
    return restClientBase(given) === undefined ? checkedAdapter(given) : given;
  }

  override connectedCallback() {
    super.connectedCallback();
    // A first connection starts the state at the first update instead, once the page has set what it
    // sets right after creating or upgrading the element (`provider.adapter = …`, the README's way):
    // the first requests go to that adapter, never to the default `/api`.
    if (this.hasUpdated) this.#connectState();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#state?.stop();
  }

  #connectState() {
    const built = this.#builtFrom;
    if (this.#state && (built?.adapter !== this.adapter || built?.apiBase !== this.apiBase)) {
      if (!this.hasUpdated || storageKeyOf(this) !== storageKeyOf(built!)) {
        // Read before the page set its adapter (nothing was asked yet), or another kind of backend chosen
        // while the element was out of the page: start over with the one it set, under its own key.
        this.#state = undefined;
      } else {
        // Changed while the element was out of the page.
        this.#builtFrom = { adapter: this.adapter, apiBase: this.apiBase };
        this.#state.setAdapter(this.#adapterInUse());
      }
    }
    const portalState = this.portalState;
    portalState.events = {
      signedOut: (reason) => {
        if (reason === 'expired') this.dispatchEvent(new PortalSignedOutEvent({ reason }));
      },
    };
    this.#unsubscribe = portalState.subscribe((value) => {
      this.portal = value;
    });
    portalState.start();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!this.#unsubscribe) {
      // The first update (the state is built from the values now set); a provider already taken out of
      // the page starts when it is put back (connectedCallback).
      if (!this.hasUpdated && this.isConnected) this.#connectState();
    } else if (changed.has('adapter') || (changed.has('apiBase') && !this.adapter)) {
      if (storageKeyOf(this) !== storageKeyOf(this.#builtFrom!)) {
        // Another kind of backend: a state of its own, whose sessions are kept under its own key (a
        // custom backend's token is never kept where the REST client would send it, nor the reverse).
        this.#unsubscribe();
        this.#state!.stop();
        this.#state = undefined;
        this.#connectState();
      } else {
        this.#builtFrom = { adapter: this.adapter, apiBase: this.apiBase };
        this.#state!.setAdapter(this.#adapterInUse());
      }
    }
    if (this.hasUpdated && changed.has('sessionPersistence')) this.#state?.setPersistence(this.sessionPersistence);
    if (changed.has('session') && this.session) this.portalState.adoptSession(this.session);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-provider': PortalProvider;
  }
}
