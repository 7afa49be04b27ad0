import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import type { AccountScope } from '../../adapter/portal-adapter.js';
import { formatDate, localeOf, todayIn } from '../../internal/format.js';
import { safeHttpUrl } from '../../internal/linkify.js';
import { PortalDataElement } from '../../internal/portal-data-element.js';
import { recordStyles } from '../../internal/record-styles.js';
import { contentStyles } from '../../internal/content-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { InstalledEquipment } from '../../model/installed-equipment.js';
import type { AccountGrant } from '../../model/session.js';
import { ageText, warrantyState, warrantyStateText, warrantyTone } from './equipment-facts.js';
import { equipmentStyles } from './portal-equipment.styles.js';

/**
 * The equipment installed at each location the customer can see: what it is, make, model and serial
 * number, when it was installed and its age, the manufacturer's and the contractor's warranty
 * (active, ending within 90 days, or expired), predicted replacement, last service, and manuals.
 *
 * @summary Installed equipment, by location.
 * @csspart section - The element's card: the labelled region around the list.
 * @csspart header - The heading row.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart location - The group of one location's equipment.
 * @csspart record - One piece of equipment.
 * @csspart empty - The message shown when there is no equipment on file.
 * @csspart access-note - Why some locations' data is missing.
 * @csspart error - The error message.
 * @csspart signed-out - "Sign in to see …", when no one is signed in.
 * @csspart loading - The loading message.
 * @csspart portal-off - Said when the contractor has turned the portal off (by the first data element on a page without `<portal-login>`).
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @cssprop --portal-record-max-width - Widest the element grows (48em).
 * @cssprop --portal-record-padding - Space inside each record's panel.
 * @cssprop --portal-record-label-width - Width of the label column (11em).
 * @cssprop --portal-record-value-width - Narrowest a value gets beside its label before values move under the labels (12em).
 * @cssstate loading - Equipment is loading.
 * @cssstate error - Loading failed.
 * @cssstate signed-out - No one is signed in.
 */
export class PortalEquipment extends PortalDataElement<InstalledEquipment[]> {
  static override styles = [hostStyles, controlStyles, contentStyles, recordStyles, equipmentStyles];
  protected override showsLocationData = true;

  protected load(scope: AccountScope, signal: AbortSignal) {
    return this.adapterMethod('listEquipment')(scope, { signal });
  }

  protected heading() {
    return msg('Equipment');
  }

  protected signedOutText() {
    return msg('Sign in to see the equipment we look after for you.');
  }

  protected override loadingText() {
    return msg('Loading your equipment…');
  }

  protected renderData(items: InstalledEquipment[], account: AccountGrant) {
    const locale = localeOf(this);
    const note = this.accessNote(account);
    if (items.length === 0) {
      return this.frame(html`${note}<p class="muted" role="status" part="empty">${msg('We have no equipment on file for you yet.')}</p>`);
    }
    const today = todayIn(this.portal?.settings?.timeZone ?? 'UTC');
    const byLocation = new Map<string, InstalledEquipment[]>();
    for (const item of items) byLocation.set(item.location.id, [...(byLocation.get(item.location.id) ?? []), item]);
    const several = byLocation.size > 1 || account.locations.length > 1;
    return this.frame(html`${note}
      ${[...byLocation.values()].map(
        (group) => html`<div class="location-group" part="location">
          ${several ? html`<h3>${group[0]!.location.name}</h3>` : nothing}
          <ul class="records" aria-label=${group[0]!.location.name}>
            ${group.map((item) => this.#renderItem(item, locale, today, several))}
          </ul>
        </div>`,
      )}`);
  }

  #renderItem(item: InstalledEquipment, locale: string, today: string, several: boolean) {
    const date = (value: string) => formatDate(value, locale);
    return html`<li class="record quiet" part="record">
      <div class="record-title">
        ${several ? html`<h4>${item.name}</h4>` : html`<h3>${item.name}</h3>`}
        <span class="muted">${item.type}</span>
      </div>
      <dl>
        <div class="fact">
          <dt>${msg('Make and model')}</dt>
          <dd>${[item.manufacturer, item.model].filter(Boolean).join(' ') || msg('Not recorded')}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Serial number')}</dt>
          <dd>${item.serialNumber || msg('Not recorded')}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Installed')}</dt>
          <dd>
            ${item.installedOn ? msg(str`${date(item.installedOn)} (${ageText(item.installedOn, today)} old)`) : msg('Not recorded')}
          </dd>
        </div>
        <div class="fact">
          <dt>${msg('Manufacturer warranty')}</dt>
          <dd>${this.#warranty(item.manufacturerWarrantyEnd, today, date)}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Service warranty')}</dt>
          <dd>${this.#warranty(item.serviceProviderWarrantyEnd, today, date)}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Expected replacement')}</dt>
          <dd>${item.predictedReplacementOn ? date(item.predictedReplacementOn) : msg('Not estimated')}</dd>
        </div>
        <div class="fact">
          <dt>${msg('Last serviced')}</dt>
          <dd>${item.lastServicedOn ? date(item.lastServicedOn) : msg('No service on record')}</dd>
        </div>
        ${item.attachments.length
          ? html`<div class="fact">
                <dt>${msg('Documents')}</dt>
                <dd>
                  <ul class="attachments">
                    ${item.attachments.map((a) => this.#attachment(a))}
                  </ul>
                </dd>
              </div>`
          : nothing}
      </dl>
    </li>`;
  }

  #warranty(end: string | null, today: string, date: (value: string) => string) {
    if (!end) return msg('None on file');
    const state = warrantyState(end, today);
    const when = state === 'expired' ? msg(str`ended ${date(end)}`) : msg(str`until ${date(end)}`);
    return html`<span class="warranty"
      ><span class="badge ${warrantyTone(state)}">${warrantyStateText(state)}</span> <span>${when}</span></span
    >`;
  }

  #attachment(attachment: { name: string; url: string }) {
    const href = safeHttpUrl(attachment.url);
    return href
      ? html`<li><a href=${href} target="_blank" rel="noopener noreferrer">${attachment.name}</a></li>`
      : html`<li>${attachment.name} <span class="muted">${msg('(not available online)')}</span></li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-equipment': PortalEquipment;
  }
}
