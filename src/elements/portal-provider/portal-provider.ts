import { provide } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HttpAdapter } from '../../adapter/http-adapter.js';
import type { PortalAdapter } from '../../adapter/portal-adapter.js';
import { portalContext, type PortalContextValue } from '../../context/portal-context.js';
import { PortalSignedOutEvent } from '../../events/portal-signed-out.js';
import { PortalState, type SessionPersistence } from '../../internal/portal-state.js';
import type { Session } from '../../model/session.js';

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
  #unsubscribe: (() => void) | undefined;

  /** The state this provider shares; created on first connection. */
  get portalState(): PortalState {
    this.#state ??= new PortalState(this.adapter ?? new HttpAdapter({ apiBase: this.apiBase }), {
      storageKey: this.apiBase,
      persistence: this.sessionPersistence,
    });
    return this.#state;
  }

  override connectedCallback() {
    super.connectedCallback();
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

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#state?.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('session') && this.session) this.portalState.adoptSession(this.session);
    // The first render's "changes" are the initial values the state was built from.
    if (!this.#state || !this.hasUpdated) return;
    if (changed.has('adapter') || changed.has('apiBase')) {
      this.#state.setAdapter(this.adapter ?? new HttpAdapter({ apiBase: this.apiBase }));
    }
    if (changed.has('sessionPersistence')) this.#state.setPersistence(this.sessionPersistence);
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
