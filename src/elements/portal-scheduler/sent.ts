import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { formatDayLong, formatWallRange } from '../../internal/format.js';
import { telHref } from '../../internal/linkify.js';
import type { AppointmentRequestReceipt } from '../../model/booking-request.js';
import type { Availability, SchedulerConfig } from '../../model/scheduler.js';
import type { PublicSettings } from '../../model/settings.js';
import { dayIn } from './checks.js';
import { replyText } from './scheduler-text.js';

export function phoneLink(settings: PublicSettings) {
  const tel = telHref(settings.companyPhone);
  return tel ? html`<a href=${tel}>${settings.companyPhone}</a>` : settings.companyPhone;
}

/** The scheduler is switched off (or the whole portal): how to book instead. */
export function renderOff(settings: PublicSettings) {
  return html`<p class="message info" role="status" part="off">
    ${msg(html`Online appointment requests are not available right now. Call ${settings.companyName} at ${phoneLink(settings)} to book a visit.`)}
  </p>`;
}

export interface SentView {
  receipt: AppointmentRequestReceipt;
  settings: PublicSettings;
  config: SchedulerConfig;
  availability: Availability | null;
  locale: string;
  another(): void;
}

/** "Request received — not yet booked": the reference, when the office answers, and the phone for urgent things. */
export function renderSent(s: SentView) {
  const { receipt, settings } = s;
  return html`<div class="stack" part="sent">
    <h3 id="step-heading" tabindex="-1">${msg('Request received — not yet booked')}</h3>
    <p class="message success" role="status">
      ${msg(html`Your reference is <strong class="reference">${receipt.reference}</strong>.`)}
    </p>
    <p>
      ${msg(str`${settings.companyName} reviews every request and usually answers ${replyText(s.config.replyWithin)}, to confirm a day and arrival window or to suggest another.`)}
    </p>
    <p>${msg(html`For anything urgent, call ${phoneLink(settings)}.`)}</p>
    <dl class="review">
      <dt>${msg('Service')}</dt>
      <dd>${s.config.services.find((service) => service.id === receipt.service.id)?.name ?? receipt.service.name}</dd>
      <dt>${msg('Preferred days')}</dt>
      <dd>
        <ol class="plain">
          ${receipt.preferredDays.map((choice) => {
            const day = s.availability ? dayIn(s.availability, choice.date) : null;
            const w = day?.available ? day.windows.find((x) => x.id === choice.windowId) : undefined;
            return html`<li>${formatDayLong(choice.date, s.locale)}${w ? html`, ${formatWallRange(w.start, w.end, s.locale)}` : nothing}</li>`;
          })}
        </ol>
      </dd>
    </dl>
    <div><button part="button secondary-button" type="button" class="secondary" @click=${s.another}>${msg('Request another visit')}</button></div>
  </div>`;
}
