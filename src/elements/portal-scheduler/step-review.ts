import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import { dateFormat, formatDayLong, formatWallRange, zonedInstant } from '../../internal/format.js';
import type { ArrivalWindow } from '../../model/scheduler.js';
import { dayIn } from './checks.js';
import { addressLine } from './fields.js';
import { replyText } from './scheduler-text.js';
import type { StepView } from './view.js';

/** "Wednesday, November 19, 3:00 – 7:00 AM": a contractor's window on the browser's clock. */
export function localWindow(date: string, w: ArrivalWindow, v: StepView): string {
  const start = zonedInstant(date, w.start, v.config.timeZone);
  const end = zonedInstant(date, w.end, v.config.timeZone);
  return dateFormat(v.locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: v.zone.browser,
  }).formatRange(start, end);
}

function change(v: StepView, step: SchedulerStep, what: string) {
  return html`<button part="link-button" type="button" class="link" @click=${() => v.act.change(step)}>
    ${msg('Change')}<span class="visually-hidden"> ${what}</span>
  </button>`;
}

function where(v: StepView): string {
  const d = v.draft;
  if (v.signedIn && !d.otherAddress) {
    const location = v.locations?.find((l) => l.locationId === d.locationId);
    return location ? `${location.name} — ${addressLine(location.address)}` : '';
  }
  return addressLine(d.address);
}

export function renderReview(v: StepView) {
  const d = v.draft;
  const service = v.config.services.find((s) => s.id === d.serviceId);
  const c = d.contact;
  return html`<dl class="review" part="review">
      <dt>${msg('Where')}</dt>
      <dd>${where(v)} ${change(v, 'where', msg('where'))}</dd>
      <dt>${msg('Service')}</dt>
      <dd>${service?.name ?? ''} ${change(v, 'what', msg('service and problem'))}</dd>
      <dt>${msg('Problem')}</dt>
      <dd class="pre-line">${d.description.trim()}</dd>
      <dt>${msg('Preferred days')}</dt>
      <dd>
        <ol class="plain">
          ${d.days.map((choice) => {
            const day = v.availability ? dayIn(v.availability, choice.date) : null;
            const w = day?.available ? day.windows.find((x) => x.id === choice.windowId) : undefined;
            return html`<li>
              ${formatDayLong(choice.date, v.locale)}${w ? html`, ${formatWallRange(w.start, w.end, v.locale)}` : nothing}
              ${w && v.zone.differs
                ? html`<span class="hint local-time">${msg(str`That is ${localWindow(choice.date, w, v)} your time.`)}</span>`
                : nothing}
            </li>`;
          })}
        </ol>
        ${change(v, 'when', msg('preferred days'))}
      </dd>
      <dt>${msg('Photos')}</dt>
      <dd>
        ${d.photos.length === 0 ? msg('None') : d.photos.length === 1 ? msg('1 photo') : msg(str`${d.photos.length} photos`)}
        ${change(v, 'photos', msg('photos'))}
      </dd>
      <dt>${msg('Contact')}</dt>
      <dd>
        ${v.signedIn
          ? msg(str`The contacts on your account (${v.email ?? ''})`)
          : html`${[c.name.trim(), c.phone.trim(), c.email.trim()].filter(Boolean).join(' · ')}
              ${c.consentToTexts && c.phone.trim() ? html`<span class="hint">${msg('Text messages: yes')}</span>` : nothing}
              ${change(v, 'contact', msg('contact details'))}`}
      </dd>
    </dl>
    <p class="message info">
      ${msg(str`This is a request, not a booking yet: ${v.settings.companyName} reviews it and confirms a day and arrival window with you, usually ${replyText(v.config.replyWithin)}.`)}
    </p>`;
}
