import { msg, str } from '../../i18n/msg.js';
import { visitsMessageIn } from '../../i18n/contractor-words.js';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AccountScope } from '../../adapter/portal-adapter.js';
import { PortalAppointmentRequestedEvent } from '../../events/portal-appointment-requested.js';
import { formatDate, formatWindow, localeOf } from '../../internal/format.js';
import { linkify, telHref } from '../../internal/linkify.js';
import { PortalDataElement } from '../../internal/portal-data-element.js';
import { recordStyles } from '../../internal/record-styles.js';
import { contentStyles } from '../../internal/content-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { Job } from '../../model/job.js';
import type { AccountGrant } from '../../model/session.js';
// Types only: the visits element opens a scheduler on the page without loading its code.
import type {} from '../portal-scheduler/portal-scheduler.js';
import { visitsStyles } from './portal-visits.styles.js';
import { appointmentStatusText, appointmentTone, zoneName } from './visit-text.js';

export interface VisitsData {
  upcoming: Job[];
  recent: Job[];
}

/**
 * Upcoming visits (date, arrival window in the contractor's time zone, technician, status, location)
 * and recent past ones, the contractor's message for this tab (plain text; phone numbers and web
 * addresses become links), and a way to book: a link to call the office and, when the contractor
 * has online scheduling, a "Request a visit" button.
 *
 * @summary Upcoming and recent visits.
 * @fires {PortalAppointmentRequestedEvent} portal-appointment-requested - The customer asked for an appointment. Cancelable: call `preventDefault()` when your page takes over; otherwise a `<portal-scheduler>` on the page opens, and with none the element tells the customer to call.
 * @csspart section - The element's card: the labelled region around the lists.
 * @csspart header - The heading row.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart message - The contractor's message.
 * @csspart actions - The call and request buttons.
 * @csspart record - One visit.
 * @csspart empty - A message shown when a list is empty.
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
 * @cssstate loading - Visits are loading.
 * @cssstate error - Loading failed.
 * @cssstate signed-out - No one is signed in.
 */
export class PortalVisits extends PortalDataElement<VisitsData> {
  static override styles = [hostStyles, controlStyles, contentStyles, recordStyles, visitsStyles];
  protected override showsLocationData = true;

  /** @internal Set when a request went unanswered by the page: the element says to call instead. */
  @state() private requestUnhandled = false;

  #shownFor: string | undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    super.willUpdate(changed);
    // The "call to book" notice answered one account's request: not another's.
    const accountId = this.portal?.account?.customerId;
    if (accountId !== this.#shownFor) {
      this.#shownFor = accountId;
      this.requestUnhandled = false;
    }
  }

  protected load(scope: AccountScope, signal: AbortSignal) {
    return this.adapterMethod('listVisits')(scope, { signal });
  }

  protected heading() {
    return msg('Visits');
  }

  protected signedOutText() {
    return msg('Sign in to see your upcoming and past visits.');
  }

  protected override loadingText() {
    return msg('Loading your visits…');
  }

  #requestAppointment(account: AccountGrant) {
    const locations = account.locations.filter((l) => l.access !== 'none').map((l) => ({ id: l.locationId, name: l.name }));
    const event = new PortalAppointmentRequestedEvent({ customerId: account.customerId, locations });
    // The page took it over (its own scheduler): nothing more to do here.
    if (!this.dispatchEvent(event)) {
      this.requestUnhandled = false;
      return;
    }
    // A <portal-scheduler> on the page opens (beside this element first — in the same shadow root when
    // an app element holds both —, then under the same provider, then anywhere); with none, say to call.
    const scopes = [this.getRootNode() as Document | ShadowRoot, this.closest('portal-provider'), this.ownerDocument];
    const scheduler = scopes.map((scope) => scope?.querySelector('portal-scheduler')).find(Boolean);
    if (scheduler && typeof scheduler.open === 'function') {
      this.requestUnhandled = false;
      scheduler.open();
    } else {
      this.requestUnhandled = true;
    }
  }

  #renderActions(account: AccountGrant) {
    const settings = this.portal?.settings;
    if (!settings) return nothing;
    const tel = telHref(settings.companyPhone);
    return html`<div class="actions" part="actions">
        ${tel ? html`<a class="button secondary" href=${tel}>${msg(str`Call ${settings.companyPhone}`)}</a>` : nothing}
        ${settings.schedulerEnabled
          ? html`<button part="button" type="button" @click=${() => this.#requestAppointment(account)}>${msg('Request a visit')}</button>`
          : nothing}
      </div>
      ${this.requestUnhandled
        ? html`<p class="message info" role="status">
            ${msg(str`Online booking is not available on this page. Call ${settings.companyName} at ${settings.companyPhone} to book a visit.`)}
          </p>`
        : nothing}`;
  }

  protected renderData(data: VisitsData, account: AccountGrant) {
    const locale = localeOf(this);
    const settings = this.portal?.settings ?? null;
    const timeZone = settings?.timeZone ?? 'UTC';
    const message = settings && visitsMessageIn(this.elementLocale.language, settings).trim();
    return this.frame(html`
      ${this.accessNote(account)}
      ${message ? html`<p class="visits-message" part="message">${linkify(message)}</p>` : nothing}
      ${this.#renderActions(account)}
      <h3 id="upcoming">${msg('Upcoming')}</h3>
      ${data.upcoming.length
        ? html`<ul class="records" aria-labelledby="upcoming">
              ${data.upcoming.map((job) => this.#renderUpcoming(job, timeZone, locale))}
            </ul>
            <p class="muted">${msg(str`Arrival windows are in ${zoneName(timeZone, locale)}.`)}</p>`
        : html`<p class="muted" part="empty">${msg('No upcoming visits are scheduled.')}</p>`}
      <h3 id="recent">${msg('Recent visits')}</h3>
      ${data.recent.length
        ? html`<ul class="records" aria-labelledby="recent">
            ${data.recent.map((job) => this.#renderRecent(job, locale))}
          </ul>`
        : html`<p class="muted" part="empty">${msg('No visits in the past year.')}</p>`}
    `);
  }

  #renderUpcoming(job: Job, timeZone: string, locale: string) {
    const appointment = job.appointments[0];
    if (!appointment) return nothing;
    return visitRecord(job, {
      when: formatWindow(appointment.arrivalWindowStart, appointment.arrivalWindowEnd, timeZone, locale),
      badge: html`<span class="badge ${appointmentTone(appointment.status)}">${appointmentStatusText(appointment.status)}</span>`,
      technician: appointment.technician?.name ?? msg('To be assigned'),
    });
  }

  #renderRecent(job: Job, locale: string) {
    return visitRecord(job, {
      when: job.completedOn ? formatDate(job.completedOn, locale) : msg('Date not recorded'),
      badge: html`<span class="badge good">${msg('Completed')}</span>`,
      technician: job.appointments.at(-1)?.technician?.name ?? msg('Not recorded'),
    });
  }
}

/** One visit, upcoming or past: the same card, with its own date line, badge and technician. */
function visitRecord(job: Job, parts: { when: string; badge: TemplateResult; technician: string }) {
  return html`<li class="record quiet" part="record">
    <div class="record-title">
      <span class="when">${parts.when}</span>
      ${parts.badge}
    </div>
    <dl>
      <div class="fact">
        <dt>${msg('Visit')}</dt>
        <dd>${job.summary || job.jobType}</dd>
      </div>
      <div class="fact">
        <dt>${msg('Location')}</dt>
        <dd>${job.location.name}</dd>
      </div>
      <div class="fact">
        <dt>${msg('Technician')}</dt>
        <dd>${parts.technician}</dd>
      </div>
      <div class="fact">
        <dt>${msg('Job number')}</dt>
        <dd>${job.number}</dd>
      </div>
    </dl>
  </li>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-visits': PortalVisits;
  }
}
