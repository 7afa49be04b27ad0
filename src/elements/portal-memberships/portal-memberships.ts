import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { AccountScope } from '../../adapter/portal-adapter.js';
import { toPortalError } from '../../adapter/portal-error.js';
import { formatDate, formatMoney, localeOf, todayIn } from '../../internal/format.js';
import { PortalDataElement } from '../../internal/portal-data-element.js';
import { recordStyles } from '../../internal/record-styles.js';
import { contentStyles } from '../../internal/content-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { Membership } from '../../model/membership.js';
import type { AccountGrant } from '../../model/session.js';
import { hasNextVisit, priceText, statusText, statusTone, visitsText } from './membership-text.js';
import { membershipsStyles } from './portal-memberships.styles.js';

/** What the element loaded: the memberships, or word that the contractor does not show them online. */
export type MembershipsData = { unavailable: true } | { unavailable: false; items: Membership[] };

/**
 * The customer's memberships (maintenance plans): plan, status, location, dates, price, what the
 * plan covers, included visits used and remaining, and the next maintenance visit. Only the statuses
 * the contractor shows online arrive; the backend filters them.
 *
 * When the contractor turns membership visibility off, the element says so plainly — or, with
 * `hide-when-unavailable`, renders nothing at all.
 *
 * @summary The customer's membership plans.
 * @csspart section - The element's card: the labelled region around the list.
 * @csspart header - The heading row.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart record - One membership.
 * @csspart empty - The message shown when there are no memberships.
 * @csspart unavailable - The message shown when memberships are not shown online.
 * @csspart access-note - Why some locations' data is missing.
 * @csspart error - The error message.
 * @csspart signed-out - "Sign in to see …", when no one is signed in.
 * @csspart loading - The loading message.
 * @csspart portal-off - Said when the contractor has turned the portal off (by the first data element on a page without `<portal-login>`).
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @cssprop --portal-record-max-width - Widest the element grows (48em).
 * @cssprop --portal-record-padding - Space inside each membership's panel.
 * @cssprop --portal-record-label-width - Width of the label column (11em).
 * @cssprop --portal-record-value-width - Narrowest a value gets beside its label before values move under the labels (12em).
 * @cssstate loading - Memberships are loading.
 * @cssstate error - Loading failed.
 * @cssstate signed-out - No one is signed in.
 * @cssstate unavailable - The contractor does not show memberships online.
 */
export class PortalMemberships extends PortalDataElement<MembershipsData> {
  static override styles = [hostStyles, controlStyles, contentStyles, recordStyles, membershipsStyles];
  protected override showsLocationData = true;

  /** Render nothing (rather than a notice) when the contractor does not show memberships online. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-when-unavailable' }) hideWhenUnavailable = false;

  protected async load(scope: AccountScope, signal: AbortSignal): Promise<MembershipsData> {
    // The base task runs only once the public settings are known: they may say not to ask at all.
    if (this.portal?.settings?.membershipsVisible === false) return { unavailable: true };
    try {
      const items = await this.adapterMethod('listMemberships')(scope, { signal });
      return { unavailable: false, items };
    } catch (error) {
      if (toPortalError(error).code === 'FEATURE_DISABLED') return { unavailable: true };
      throw error;
    }
  }

  protected heading() {
    return msg('Memberships');
  }

  protected signedOutText() {
    return msg('Sign in to see your memberships.');
  }

  protected override loadingText() {
    return msg('Loading your memberships…');
  }

  #unavailable(): boolean {
    const data = this.shownData();
    return this.portal?.settings?.membershipsVisible === false || (data !== undefined && data.unavailable);
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    this.setCustomState('unavailable', Boolean(this.portal?.session) && this.#unavailable());
  }

  protected override render() {
    // Settings say "not online": no request, the same notice whatever the data task holds.
    if (this.portal?.session && this.portal.account && this.portal.settings?.membershipsVisible === false) {
      return this.#renderUnavailable();
    }
    return super.render();
  }

  #renderUnavailable() {
    if (this.hideWhenUnavailable) return nothing;
    const settings = this.portal?.settings;
    const call = settings ? msg(str`To ask about your plan, call ${settings.companyName} at ${settings.companyPhone}.`) : '';
    return this.frame(html`<p class="message info" role="status" part="unavailable">
      ${msg('Memberships are not shown online.')} ${call}
    </p>`);
  }

  protected renderData(data: MembershipsData, account: AccountGrant) {
    if (data.unavailable) return this.#renderUnavailable();
    const locale = localeOf(this);
    const note = this.accessNote(account);
    if (data.items.length === 0) {
      return this.frame(html`${note}<p class="muted" role="status" part="empty">${msg('You have no memberships to show.')}</p>`);
    }
    const today = todayIn(this.portal?.settings?.timeZone ?? 'UTC');
    return this.frame(html`${note}
      <ul class="records">
        ${data.items.map((m) => this.#renderMembership(m, locale, today))}
      </ul>`);
  }

  #renderMembership(m: Membership, locale: string, today: string) {
    const date = (value: string) => formatDate(value, locale);
    let endLabel: string | null = null;
    let endValue: string | null = null;
    if (m.renewsOn) {
      endLabel = msg('Renews on');
      endValue = date(m.renewsOn);
    } else if (m.to) {
      endLabel = m.to < today ? msg('Ended on') : msg('Ends on');
      endValue = date(m.to);
    }
    return html`<li class="record quiet" part="record">
      <div class="record-title">
        <h3>${m.plan.name}</h3>
        <span class="badge ${statusTone(m.status)}">${statusText(m.status)}</span>
      </div>
      ${m.plan.description ? html`<p class="plan-description">${m.plan.description}</p>` : nothing}
      <dl>
        <div class="fact">
          <dt>${msg('Location')}</dt>
          <dd>${m.location.name}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Started')}</dt>
          <dd>${date(m.from)}</dd>
        </div>
        ${endLabel
          ? html`<div class="fact">
                <dt>${endLabel}</dt>
                <dd>${endValue}</dd>
              </div>`
          : nothing}
        <div class="fact">
          <dt>${msg('Price')}</dt>
          <dd>${priceText(m.billingFrequency, formatMoney(m.price, m.currency, locale))}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Included visits')}</dt>
          <dd>${visitsText(m.recurringVisits)}</dd>
        </div>
        ${hasNextVisit(m.status)
          ? html`<div class="fact">
                <dt>${msg('Next maintenance visit')}</dt>
                <dd>${m.nextVisitOn ? date(m.nextVisitOn) : msg('Not scheduled yet')}</dd>
              </div>`
          : nothing}
      </dl>
      <div class="covers">
        ${m.benefits.length
          ? html`<div>
              <h4>${msg('What the plan covers')}</h4>
              <ul class="plain">
                ${m.benefits.map((b) => html`<li>${b}</li>`)}
              </ul>
            </div>`
          : nothing}
        ${m.discounts.length
          ? html`<div>
              <h4>${msg('Member discounts')}</h4>
              <ul class="plain">
                ${m.discounts.map((d) => html`<li>${msg(str`${d.percent}% off ${d.description}`)}</li>`)}
              </ul>
            </div>`
          : nothing}
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-memberships': PortalMemberships;
  }
}
