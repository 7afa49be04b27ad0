import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { PortalAccountChangedEvent } from '../../events/portal-account-changed.js';
import { accessText } from '../../internal/access-note.js';
import { PortalElement, type NoticeClaims } from '../../internal/portal-element.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { AccountGrant } from '../../model/session.js';
import { switcherStyles } from './portal-account-switcher.styles.js';

/**
 * On a closed select, arrow keys (and Home, End, Page keys, type-ahead letters) change the value at
 * every press in Chromium and Firefox on Windows and Linux. Switching the account at each would reload
 * every element on the page for accounts stepped over: the switch waits for a pause this long, and
 * happens at once on Enter or when focus leaves.
 */
const KEYBOARD_PAUSE_MS = 600;

/**
 * "Bill to": which of the sign-in's customer accounts every element shows. A landlord or property
 * manager may reach several; the choice goes through the provider, so every element follows it.
 * Lists the chosen account's locations and what the sign-in may see at each, so a missing invoice
 * or location has a reason on screen. A native `<select>`: keyboard and screen readers work as usual;
 * arrow keys step through the accounts and the switch follows a short pause, Enter or leaving the list,
 * so the accounts stepped over are not loaded.
 * Renders nothing when no one is signed in.
 *
 * @summary Chooses the customer account ("Bill to") the portal shows.
 * @fires {PortalAccountChangedEvent} portal-account-changed - The customer chose another account.
 * @csspart section - The element's card (none inside `<portal-app>`, where it sits above the section's card).
 * @csspart select - The account list (when there are several accounts).
 * @csspart locations - The chosen account's locations and their access.
 * @csspart input - Every text field and select.
 * @csspart access-note - What the sign-in may see at the chosen account's locations, and why some are missing.
 * @csspart error - Said when the element is not connected to a portal, or cannot reach it.
 * @csspart button - Try again, when the portal could not be reached (also `secondary-button`).
 * @csspart secondary-button - Try again (also `button`).
 * @cssprop --portal-account-switcher-max-width - Widest the element grows (32em).
 * @cssprop --portal-account-switcher-rule - The line beside each location.
 */
export class PortalAccountSwitcher extends PortalElement {
  static override styles = [hostStyles, controlStyles, switcherStyles];

  /** The switcher lists each location's access, so it is where the page says what the sign-in sees. */
  protected override noticeClaims(): NoticeClaims {
    return { access: 0 };
  }

  /** Whether the key being handled steps through a closed list (its change comes in the same task). */
  #stepping = false;
  /** The account chosen by stepping, by id (the options may change while it waits), and its timer. */
  #pendingId: string | undefined;
  #pendingSwitch: ReturnType<typeof setTimeout> | undefined;

  #onKeydown = (event: KeyboardEvent) => {
    // Alt+arrow opens the list instead; a choice in the open list reaches the select without a key.
    this.#stepping = !event.altKey && !event.ctrlKey && !event.metaKey && (event.key.length === 1 || /^(Arrow|Home|End|Page)/.test(event.key));
    setTimeout(() => (this.#stepping = false));
    if (event.key === 'Enter') this.#switchNow();
  };

  #onPointerDown = () => {
    this.#stepping = false;
  };

  #onChange = (event: Event) => {
    const customerId = (event.currentTarget as HTMLSelectElement).value;
    clearTimeout(this.#pendingSwitch);
    this.#pendingSwitch = undefined;
    this.#pendingId = undefined;
    if (!this.#stepping) {
      this.#switchTo(customerId);
      return;
    }
    this.#pendingId = customerId;
    this.#pendingSwitch = setTimeout(this.#switchNow, KEYBOARD_PAUSE_MS);
  };

  /** A switch waiting for a pause happens now (Enter, focus leaving, the element leaving, the pause over). */
  #switchNow = () => {
    const customerId = this.#pendingId;
    clearTimeout(this.#pendingSwitch);
    this.#pendingSwitch = undefined;
    this.#pendingId = undefined;
    if (customerId !== undefined) this.#switchTo(customerId);
  };

  #onBlur = () => this.#switchNow();

  override disconnectedCallback() {
    this.#switchNow();
    super.disconnectedCallback();
  }

  #switchTo(customerId: string) {
    const portal = this.portal;
    const account = portal?.session?.accounts.find((a) => a.customerId === customerId);
    if (!portal || !account || account.customerId === portal.account?.customerId) return;
    portal.selectAccount(customerId);
    this.dispatchEvent(new PortalAccountChangedEvent({ customerId, name: account.name }));
  }

  protected override render() {
    const portal = this.portal;
    // Its own state on the way: nothing yet, as for a sign-in with one account (no "Loading…" flash).
    if (!portal) return this.ownState === 'loading' ? nothing : html`<div class="switcher frame" part="section">${this.renderWithoutPortal()}</div>`;
    const session = portal.session;
    const current = portal.account;
    // Turned off by the contractor: the sign-in (or the first data element) says so; nothing to choose.
    if (!session || !current || portal.settings?.portalEnabled === false) return nothing;
    const accounts = session.accounts;
    return html`<div class="switcher frame" part="section">
      ${accounts.length > 1
        ? html`<label>
            <span id="bill-to">${msg('Bill to')}</span>
            <select
              part="select input"
              aria-labelledby="bill-to"
              aria-describedby="reach"
              @change=${this.#onChange}
              @keydown=${this.#onKeydown}
              @pointerdown=${this.#onPointerDown}
              @blur=${this.#onBlur}
              .value=${current.customerId}
            >
              ${accounts.map(
                (a) => html`<option value=${a.customerId} ?selected=${a.customerId === current.customerId}>${a.name}</option>`,
              )}
            </select>
            <span class="hint" id="reach">${msg(str`Your sign-in reaches ${accounts.length} accounts. Everything on this page follows your choice.`)}</span>
          </label>`
        : html`<p class="single"><span class="label">${msg('Bill to')}</span> <span>${current.name}</span></p>`}
      ${this.#renderLocations(current)}
    </div>`;
  }

  #renderLocations(account: AccountGrant) {
    const limited = account.locations.some((l) => l.access !== 'billing');
    const settings = this.portal?.settings;
    // One item of the card's grid, the note close under the list. No live region: the select says which
    // account is chosen; its locations are there to read.
    return html`<div>
      <ul part="locations" aria-label=${msg(str`Locations of ${account.name}`)}>
        ${account.locations.map(
          (l) => html`<li class=${l.access}>
            <span class="location-name">${l.name}</span>
            <span>${accessText(l.access)}</span>
          </li>`,
        )}
      </ul>
      ${limited && this.saysNotice('access')
        ? html`<p class="ask muted" part="access-note">
            ${settings
              ? msg(html`To see more, ask the account holder or call ${settings.companyName} at <span class="nowrap">${settings.companyPhone}</span>.`)
              : msg('To see more, ask the account holder.')}
          </p>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-account-switcher': PortalAccountSwitcher;
  }
}
