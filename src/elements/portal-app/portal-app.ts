import { msg } from '../../i18n/msg.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PortalSectionChangedEvent, type PortalSection, type PortalSectionChangedDetail } from '../../events/portal-section-changed.js';
import { accessNote } from '../../internal/access-note.js';
import { describeError } from '../../internal/error-messages.js';
import { localeOf } from '../../internal/format.js';
import { readLinkToken } from '../../internal/link-token.js';
import { PortalElement, type NoticeClaims } from '../../internal/portal-element.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import { APP_EXPORTED_PARTS } from '../../internal/theme.js';
import type { AccountGrant } from '../../model/session.js';
import type { PublicSettings } from '../../model/settings.js';
// Types only: each section's code loads when the section first opens (see sections.ts).
import type {} from '../portal-account-switcher/portal-account-switcher.js';
import type {} from '../portal-equipment/portal-equipment.js';
import type {} from '../portal-estimate/portal-estimate.js';
import type {} from '../portal-history/portal-history.js';
import type {} from '../portal-invoices/portal-invoices.js';
import type {} from '../portal-login/portal-login.js';
import type {} from '../portal-memberships/portal-memberships.js';
import type {} from '../portal-pay/portal-pay.js';
import type {} from '../portal-scheduler/portal-scheduler.js';
import type {} from '../portal-visit-status/portal-visit-status.js';
import type {} from '../portal-visits/portal-visits.js';
import {
  addressFor,
  linkRoute,
  NO_ROUTE,
  normalizeBasePath,
  readRoute,
  sameRoute,
  withoutLink,
  type Route,
  type RouteOptions,
  type Routing,
} from './app-route.js';
import { appStyles } from './portal-app.styles.js';
import { seesBilling } from '../../internal/access-note.js';
import { isSection, linkPageLoaders, loadAccountSwitcher, sectionLabel, sectionLoaders, sectionsFor } from './sections.js';

/** A link's page shown signed out (docs/contract/links.md): the estimates section's element, or one of its own. */
type LinkPage = 'pay' | 'estimates' | 'visit-status';
type ModuleKey = PortalSection | 'switcher' | LinkPage;
type ModuleState = 'loading' | 'ready' | 'failed';

/**
 * The switcher above a section is no card of its own here: a page's `portal-app::part(section)` styles the
 * sections' cards, not it, so its `section` is not forwarded.
 */
const SWITCHER_EXPORTED_PARTS = APP_EXPORTED_PARTS.split(', ').filter((part) => part !== 'section').join(', ');

const TAGS: Record<ModuleKey, string> = {
  invoices: 'portal-invoices',
  estimates: 'portal-estimate',
  history: 'portal-history',
  memberships: 'portal-memberships',
  equipment: 'portal-equipment',
  visits: 'portal-visits',
  request: 'portal-scheduler',
  switcher: 'portal-account-switcher',
  pay: 'portal-pay',
  'visit-status': 'portal-visit-status',
};

/** Which page a link's document opens signed out, by the section it opens signed in. */
const LINK_PAGES: Partial<Record<PortalSection, LinkPage>> = { invoices: 'pay', estimates: 'estimates', visits: 'visit-status' };

/** The element showing a section's documents, and its attribute naming the one open (kept in the address). */
const DOCUMENT_ATTRIBUTE: Partial<Record<PortalSection, string>> = { invoices: 'invoice', estimates: 'estimate-id' };

/**
 * The whole customer portal in one tag: the sign-in, then the account's sections — balance and
 * invoices, estimates, service history, memberships, equipment, visits and "Request a visit" — in a navigation
 * that follows the contractor's settings (no memberships when they are hidden, no request form when
 * online scheduling is off) and the sign-in's access (a sign-in without billing finds one note where
 * billing would be). A sign-in that reaches several accounts gets the account switcher.
 *
 * The section, and an invoice or estimate open in it, live in the page address, so Back works and a
 * link opens a section: `#portal=visits` or `#portal=estimates/est-2001` (`routing="hash"`, the default,
 * touching only its own `portal=` part of the fragment) or `/account/visits` (`routing="path"
 * base-path="/account"`). A document link's address (`?estimate=est-2001#porchlight-link=…`) opened on
 * the portal's page shows that document to the signed-in customer, through their account; signed out, the
 * link's own page (`<portal-pay>`, `<portal-estimate>`, `<portal-visit-status>`) above the sign-in card,
 * so a link the office sent to the portal's page works without an account. Each
 * section's code loads the first time it opens. Works inside `<portal-provider>` or alone with an `api-base`.
 *
 * @summary The whole customer portal: sign-in, then every section of the account.
 * @fires {PortalSectionChangedEvent} portal-section-changed - Another section is shown: `detail.section`, `detail.previous`, `detail.via`.
 * @csspart nav - The list of sections.
 * @csspart nav-link - One section's link; the current one has `aria-current="page"`.
 * @csspart panel - Where the current section shows.
 * @csspart billing-note - What a sign-in without billing sees where billing would be.
 * @csspart error - A section's code or the contractor's settings could not be loaded (also forwarded from each section).
 * @csspart heading - The billing note's title, and each section's title (forwarded).
 * @csspart button - Every button (a secondary one is also `secondary-button`; also forwarded from each section).
 * @csspart secondary-button - A secondary button (also `button`; also forwarded from each section).
 * @csspart access-note - What the sign-in may see at each location, above the section (when no account switcher on the page says it).
 * @csspart section - Forwarded (`exportparts`): each section's outer region.
 * @csspart header - Forwarded: each section's heading row.
 * @csspart card - Forwarded: the sign-in card.
 * @csspart record - Forwarded: one record's quiet panel (a membership, a piece of equipment, a visit).
 * @csspart link-button - Forwarded: buttons that look like links.
 * @csspart input - Forwarded: every text field and select.
 * @csspart empty - Forwarded: a section's "nothing here yet" message.
 * @csspart loading - Forwarded: a section's loading message.
 * @cssprop --portal-app-max-width - Widest the element grows (72em).
 * @cssprop --portal-app-nav-width - Width of the navigation column on a wide screen (15em).
 * @cssprop --portal-app-gap - Space between the navigation and the section (2em on a wide screen).
 * @cssstate signed-in - A customer is signed in and the sections are shown.
 */
export class PortalApp extends PortalElement {
  static override styles = [hostStyles, controlStyles, appStyles];

  static {
    // The sign-in and the sections connect while this element renders and offer their page notices
    // (PortalElement's claims), which updates the shared state and this element once more: expected.
    this.disableWarning?.('change-in-update');
  }

  /**
   * Where the section lives in the page address: `hash` (a `portal=` part of the fragment), `path`
   * (segments after `base-path`) or `none` (not in the address).
   */
  @property() routing: Routing = 'hash';

  /** With `routing="path"`: the address of the page the portal is on (`/account`). */
  @property({ attribute: 'base-path' }) basePath = '';

  /** With `routing="hash"`: the fragment key the element reads and writes (`portal`). */
  @property({ attribute: 'hash-key' }) hashKey = 'portal';

  /** The section shown when the address names none (or names one the settings hide). */
  @property({ attribute: 'default-section' }) defaultSection: PortalSection = 'invoices';

  /** @internal What the address says (or, with `routing="none"`, where the customer went). */
  @state() private route: Route = NO_ROUTE;
  /** @internal Each section's code: loading, ready or failed. */
  @state() private modules = new Map<ModuleKey, ModuleState>();

  /** The section shown now, or `null` while no one is signed in. */
  get section(): PortalSection | null {
    return this.#current;
  }

  #current: PortalSection | null = null;
  #sections: PortalSection[] = [];
  /** Signed out on a link's address: the link's page shown above the sign-in card (set as it updates). */
  #linked: LinkPage | null = null;
  /** The section last announced with `portal-section-changed`. */
  #shown: PortalSection | null = null;
  #via: PortalSectionChangedDetail['via'] | null = null;
  /** Move focus to the section's heading once it has rendered (the customer moved). */
  #focusPending = false;
  /** The section element whose open document the address follows (`<portal-invoices>`, `<portal-estimate>`). */
  #observedDocuments: Element | null = null;
  /** Who was signed in at the last update, and in which account: a change of either moves the address. */
  #lastEmail: string | null = null;
  #lastAccount: string | null = null;
  #documentObserver = new MutationObserver(() => this.#onDocumentChanged());
  #warnedBasePath = false;

  constructor() {
    super();
    // "Request a visit" in the visits section opens the app's own request form.
    this.addEventListener('portal-appointment-requested', (event) => {
      if (!this.#sections.includes('request')) return;
      event.preventDefault();
      this.#navigate({ section: 'request', document: null }, 'navigation');
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    globalThis.addEventListener('popstate', this.#onAddressChanged);
    globalThis.addEventListener('hashchange', this.#onAddressChanged);
    this.route = this.#readAddress();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    globalThis.removeEventListener('popstate', this.#onAddressChanged);
    globalThis.removeEventListener('hashchange', this.#onAddressChanged);
    this.#documentObserver.disconnect();
    this.#observedDocuments = null;
  }

  #routeOptions(): RouteOptions {
    let routing = this.routing;
    if (routing === 'path' && !this.basePath) {
      if (!this.#warnedBasePath) console.warn('[porchlight] <portal-app routing="path"> needs a base-path; using the fragment instead.');
      this.#warnedBasePath = true;
      routing = 'hash';
    }
    if (routing !== 'hash' && routing !== 'path') routing = 'none';
    return { routing, hashKey: this.hashKey || 'portal', basePath: this.basePath };
  }

  #readAddress(): Route {
    const href = globalThis.location?.href;
    return href ? readRoute(new URL(href), this.#routeOptions()) : NO_ROUTE;
  }

  /** Writes `route` into the address: a new history entry for the customer's moves, else in place. */
  #writeAddress(route: Route, mode: 'push' | 'replace') {
    const href = globalThis.location?.href;
    if (!href) return;
    const next = addressFor(new URL(href), route, this.#routeOptions());
    if (!next || next.href === href) return;
    // The host's history state goes along, so its own router finds what it left there.
    if (mode === 'push') globalThis.history.pushState(globalThis.history.state, '', next);
    else globalThis.history.replaceState(globalThis.history.state, '', next);
  }

  #onAddressChanged = () => {
    // The links carry the rest of the address (the host's own fragment parts): keep them current.
    this.requestUpdate();
    const route = this.#readAddress();
    if (sameRoute(route, this.route) || this.#routeOptions().routing === 'none') return;
    const sectionMoved = route.section !== this.route.section;
    this.route = route;
    if (sectionMoved) {
      this.#via = 'address';
      this.#focusPending = true;
    }
  };

  #navigate(route: Route, via: 'navigation') {
    this.#focusPending = true;
    if (sameRoute(route, this.route) && route.section === this.#current) {
      // The section already shown: only its heading takes focus.
      this.requestUpdate();
      return;
    }
    this.#via = via;
    this.route = route;
    this.#writeAddress(route, 'push');
  }

  #onNavClick(event: MouseEvent, section: PortalSection) {
    // A new tab or window (modifier keys, middle button) follows the link's href as usual.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#navigate({ section, document: null }, 'navigation');
  }

  /** `<portal-invoices>` or `<portal-estimate>` opened or closed a document: the address follows. */
  #onDocumentChanged() {
    const element = this.#observedDocuments;
    const section = this.#current;
    const attribute = section ? DOCUMENT_ATTRIBUTE[section] : undefined;
    if (!element || !section || !attribute) return;
    const document = element.getAttribute(attribute) || null;
    if (document === this.route.document) return;
    this.route = { section, document };
    // Closed because another account was chosen, not by the customer: in place, so Back does not
    // return to a document of the other account.
    const accountChanged = (this.portal?.account?.customerId ?? null) !== this.#lastAccount;
    this.#writeAddress(this.route, accountChanged ? 'replace' : 'push');
  }

  /**
   * A document link's address opened on this page while signed in: its section and document become
   * the portal's own address (in place of the link's parts), so the customer sees it through the
   * account and Back, the list and the other sections work as anywhere in the portal.
   */
  #followLink() {
    const href = globalThis.location?.href;
    if (!href || this.#routeOptions().routing === 'none') return;
    const url = new URL(href);
    const linked = linkRoute(url);
    if (!linked) return;
    const cleaned = withoutLink(url);
    globalThis.history.replaceState(globalThis.history.state, '', cleaned);
    this.route = linked;
    this.#writeAddress(linked, 'replace');
  }

  #load(key: ModuleKey) {
    // Once asked for, a module is not asked for again until the customer presses Try again.
    if (this.modules.has(key)) return;
    // Already registered (the page loaded the whole bundle): nothing to fetch.
    if (customElements.get(TAGS[key])) {
      this.modules = new Map(this.modules).set(key, 'ready');
      return;
    }
    this.modules = new Map(this.modules).set(key, 'loading');
    // Looked up when asked for (the loaders' maps are where tests make a section's code fail to arrive).
    const loader = key === 'switcher' ? loadAccountSwitcher : key === 'pay' || key === 'visit-status' ? linkPageLoaders[key] : sectionLoaders[key];
    loader().then(
      () => (this.modules = new Map(this.modules).set(key, 'ready')),
      (error: unknown) => {
        console.warn(`[porchlight] could not load <${TAGS[key]}>`, error);
        this.modules = new Map(this.modules).set(key, 'failed');
      },
    );
  }

  #retry(key: ModuleKey) {
    const modules = new Map(this.modules);
    modules.delete(key);
    this.modules = modules;
    this.#focusPending = true;
    this.#load(key);
  }

  /**
   * A link without a sign-in opened on the portal's page (an office that sends links without naming a
   * page sends them here): signed out, its page shows above the sign-in card, so the customer can pay,
   * answer the estimate or follow the visit without an account. Signed in, #followLink shows the
   * document through the account instead.
   */
  #linkPage(): LinkPage | null {
    const href = globalThis.location?.href;
    // routing="none": the page's address is the host's, not read here.
    if (!href || !readLinkToken() || this.#routeOptions().routing === 'none') return null;
    const section = linkRoute(new URL(href))?.section ?? null;
    return isSection(section) ? (LINK_PAGES[section] ?? null) : null;
  }

  /** Signed in, with settings that show the portal: the sections (else the sign-in card alone). */
  #showsSections(): boolean {
    const portal = this.portal;
    return Boolean(portal?.session && portal.account && portal.settings?.portalEnabled !== false);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if ((changed.has('routing') || changed.has('basePath') || changed.has('hashKey')) && this.hasUpdated) {
      this.route = this.#readAddress();
    }
    const portal = this.portal;
    this.#followPerson();
    const settings = portal?.settings;
    const previous = this.#current;
    if (!this.#showsSections() || !settings || !portal?.account) {
      this.#current = null;
      this.#sections = [];
      this.#linked = this.#linkPage();
      if (this.#linked) this.#load(this.#linked);
      return;
    }
    this.#linked = null;
    this.#sections = sectionsFor(settings);
    this.#followLink();
    const wanted = this.route.section;
    const fallback = this.#sections.includes(this.defaultSection) ? this.defaultSection : this.#sections[0]!;
    this.#current = isSection(wanted) && this.#sections.includes(wanted) ? wanted : fallback;
    // An address naming a section this portal does not show (hidden by the settings, misspelt): it now
    // names the one shown.
    if (wanted !== null && wanted !== this.#current) {
      this.route = { section: this.#current, document: null };
      this.#writeAddress(this.route, 'replace');
    }
    // The settings took the section away under the customer: focus goes to the one shown instead.
    if (previous && previous !== this.#current && !this.#via && this.#panelHasFocus()) this.#focusPending = true;
    if (this.#current !== 'invoices' || seesBilling(portal.account)) this.#load(this.#current);
    if ((portal.session?.accounts.length ?? 0) > 1) this.#load('switcher');
  }

  /**
   * The address belongs to whoever is signed in. When they sign out (or their session ends, or someone
   * else signs in), the portal's part of it goes: the next person starts at the default section, not
   * on the last one's invoice, and the address bar keeps no id of theirs. Another account chosen closes
   * an open document in place. (A link opened while signed out stays, for whoever signs in.)
   */
  #followPerson() {
    const email = this.portal?.session?.email ?? null;
    const account = this.portal?.account?.customerId ?? null;
    if (this.#lastEmail === null && email !== null && this.shadowRoot?.activeElement?.localName === 'portal-login') {
      // Signed in by keyboard here: the customer goes on in the section, whose heading takes focus. The
      // card's own "You are signed in" sits under the section on a phone, out of sight.
      this.#focusPending = true;
    }
    if (this.#lastEmail !== null && email !== this.#lastEmail) {
      this.route = NO_ROUTE;
      this.#writeAddress(NO_ROUTE, 'replace');
    } else if (this.#lastAccount !== null && account !== null && account !== this.#lastAccount && this.route.document) {
      this.route = { section: this.route.section, document: null };
      this.#writeAddress(this.route, 'replace');
    }
    this.#lastEmail = email;
    this.#lastAccount = email === null ? null : account;
  }

  #panelHasFocus(): boolean {
    const active = this.shadowRoot?.activeElement;
    return Boolean(active && this.renderRoot.querySelector('.panel')?.contains(active));
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    this.setCustomState('signed-in', this.#current !== null);
    const current = this.#current;
    if (current !== this.#shown) {
      const previous = this.#shown;
      this.#shown = current;
      if (current) {
        const via = previous === null ? 'start' : (this.#via ?? 'settings');
        this.dispatchEvent(new PortalSectionChangedEvent({ section: current, previous, via }));
      }
    }
    this.#via = null;
    this.#observeDocuments();
    if (this.#focusPending && current) {
      const module = this.modules.get(current);
      const needsModule = current !== 'invoices' || seesBilling(this.portal!.account!);
      if (!needsModule || module === 'ready') {
        this.#focusPending = false;
        void this.#focusHeading();
      } else if (module === 'failed') {
        this.#focusPending = false;
      }
    } else if (!current) {
      this.#focusPending = false;
    }
  }

  #observeDocuments() {
    const element = this.renderRoot.querySelector('portal-invoices, portal-estimate');
    if (element === this.#observedDocuments) return;
    this.#documentObserver.disconnect();
    this.#observedDocuments = element;
    if (element) this.#documentObserver.observe(element, { attributes: true, attributeFilter: ['invoice', 'estimate-id'] });
  }

  /** The section's own heading (`<h2>` in its shadow root) takes focus once it has rendered. */
  async #focusHeading() {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    const element = panel?.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('[data-section]');
    if (element?.updateComplete) await element.updateComplete;
    const heading = element?.shadowRoot?.querySelector<HTMLElement>('#heading') ?? panel?.querySelector<HTMLElement>('#section-heading');
    heading?.focus();
  }

  protected override render() {
    const portal = this.portal;
    // Its own state on the way: the signed-out layout, whose sign-in card is ready to type meanwhile.
    if (!portal && this.ownState !== 'loading') return this.renderWithoutPortal();
    const signedIn = this.#showsSections();
    // One template for both states, so the sign-in card stays the same element (and keeps focus) as
    // the customer signs in or out.
    const linked = signedIn ? null : this.#linked;
    const nav = signedIn && portal?.settings && this.#current ? this.#renderNav(this.#current) : null;
    // Without the navigation (the settings not read yet, or not at all) its row goes too: the sign-in
    // card and the section's first line start level. The section comes before the signed-in card, as a
    // phone shows them, so reading and Tab go navigation, section, Sign out at every width.
    return html`<div class=${signedIn ? (nav ? 'layout signed-in' : 'layout signed-in no-nav') : 'layout'}>
      ${nav ?? nothing}
      ${linked ? html`<div class="link-page">${this.#renderLinkPage(linked)}</div>` : nothing}
      ${signedIn ? html`<div class="main">${this.#renderMain()}</div>` : nothing}
      <portal-login exportparts=${APP_EXPORTED_PARTS} class="login" api-base=${ifDefined(this.apiBase)}></portal-login>
    </div>`;
  }

  #renderNav(current: PortalSection) {
    const options = this.#routeOptions();
    const here = new URL(globalThis.location.href);
    // Real links (a new tab opens the section); with no address to write, the page itself.
    const hrefOf = (section: PortalSection) =>
      addressFor(here, { section, document: null }, options)?.href ??
      (options.routing === 'path' ? `${normalizeBasePath(options.basePath)}/${section}` : here.href);
    return html`<nav class="nav" aria-label=${msg('Your account')}>
      <ul part="nav">
        ${this.#sections.map((section) => {
          const href = hrefOf(section);
          return html`<li>
            <a
              part="nav-link"
              href=${href}
              aria-current=${section === current ? 'page' : nothing}
              @click=${(event: MouseEvent) => this.#onNavClick(event, section)}
              >${sectionLabel(section)}</a
            >
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  #renderMain(): TemplateResult {
    const portal = this.portal!;
    const settings = portal.settings;
    if (!settings) {
      return portal.settingsError
        ? this.renderRetryable(describeError(portal.settingsError, null), () => portal.reloadSettings())
        : html`<p class="muted" role="status">${msg('Loading…')}</p>`;
    }
    const account = portal.account!;
    const several = (portal.session?.accounts.length ?? 0) > 1;
    return html`${several && this.modules.get('switcher') === 'ready'
        ? html`<portal-account-switcher exportparts=${SWITCHER_EXPORTED_PARTS} api-base=${ifDefined(this.apiBase)}></portal-account-switcher>`
        : nothing}
      <div class="panel" part="panel">${this.#renderSection(this.#current!, account, settings)}</div>`;
  }

  /**
   * Until a module has loaded: "Loading…", or what failed and Try again (a link's page is not part of
   * an account: whoever opened it may have none). Null once it is ready.
   */
  #renderModuleState(key: ModuleKey, linkPage = false): TemplateResult | null {
    const module = this.modules.get(key);
    if (module === 'failed') {
      return this.renderRetryable(
        linkPage
          ? msg('This page could not be loaded. Check your connection and try again.')
          : msg('This part of your account could not be loaded. Check your connection and try again.'),
        () => this.#retry(key),
      );
    }
    return module === 'ready' ? null : html`<p class="muted" role="status">${msg('Loading…')}</p>`;
  }

  /** A link's page, signed out: each element reads the link's token and document from the page address. */
  #renderLinkPage(page: LinkPage): TemplateResult {
    const state = this.#renderModuleState(page, true);
    if (state) return state;
    const apiBase = ifDefined(this.apiBase);
    switch (page) {
      case 'pay':
        return html`<portal-pay exportparts=${APP_EXPORTED_PARTS} api-base=${apiBase}></portal-pay>`;
      case 'estimates':
        return html`<portal-estimate exportparts=${APP_EXPORTED_PARTS} api-base=${apiBase}></portal-estimate>`;
      case 'visit-status':
        return html`<portal-visit-status exportparts=${APP_EXPORTED_PARTS} api-base=${apiBase}></portal-visit-status>`;
    }
  }

  #renderSection(section: PortalSection, account: AccountGrant, settings: PublicSettings) {
    if (section === 'invoices' && !seesBilling(account)) return this.#renderBillingNote(account, settings);
    const state = this.#renderModuleState(section);
    if (state) return state;
    const apiBase = ifDefined(this.apiBase);
    switch (section) {
      case 'invoices':
        // Some locations without billing: the same note, once, above what this sign-in may pay.
        return html`${this.#accessNote(account, settings)}
          <portal-invoices exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase} .invoice=${this.route.document ?? ''}></portal-invoices>`;
      case 'estimates':
        // The account's estimates, or the one the address names (`estimates/<id>`).
        return html`<portal-estimate
          exportparts=${APP_EXPORTED_PARTS}
          data-section
          api-base=${apiBase}
          .estimateId=${this.route.document ?? undefined}
        ></portal-estimate>`;
      case 'history':
        return html`<portal-history exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase}></portal-history>`;
      case 'memberships':
        return html`<portal-memberships exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase}></portal-memberships>`;
      case 'equipment':
        return html`<portal-equipment exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase}></portal-equipment>`;
      case 'visits':
        return html`<portal-visits exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase}></portal-visits>`;
      case 'request':
        return html`<portal-scheduler exportparts=${APP_EXPORTED_PARTS} data-section api-base=${apiBase}></portal-scheduler>`;
    }
  }

  /**
   * The one place a sign-in without billing learns why there are no invoices: where billing would
   * be. The sections themselves leave it out (the app says the page's access notice).
   */
  #renderBillingNote(account: AccountGrant, settings: PublicSettings) {
    const note = this.#accessNote(account, settings);
    return html`<section class="billing-note frame" part="section billing-note" aria-labelledby="section-heading">
      <h2 id="section-heading" tabindex="-1" part="heading">${msg('Invoices and payments')}</h2>
      ${note === nothing
        ? html`<p class="message info">${msg('Invoices and payments for this account are handled by the account holder.')}</p>`
        : note}
    </section>`;
  }

  #accessNote(account: AccountGrant, settings: PublicSettings) {
    return this.saysNotice('access') ? accessNote(account, settings, localeOf(this)) : nothing;
  }

  /**
   * The app says what the sign-in may see at each location (ahead of the account switcher and the
   * sections, which then leave it out), so it is said once, where billing would be.
   */
  protected override noticeClaims(): NoticeClaims {
    return { access: -1 };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}
