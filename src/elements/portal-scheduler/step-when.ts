import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { canRetry, describeError } from '../../internal/error-messages.js';
import { formatDayLong, formatWallRange, zoneName } from '../../internal/format.js';
import type { Availability } from '../../model/scheduler.js';
import { MAX_PREFERRED_DAYS } from '../../model/scheduling-rules.js';
import { formatDayChoice } from './calendar.js';
import { dayIn } from './checks.js';
import type { GridDay } from './date-grid.js';
import { problemId, problemText, radioChoice } from './fields.js';
import { reasonText } from './scheduler-text.js';
import type { StepView } from './view.js';

/** How many open days the quick list offers before "More dates". */
export const QUICK_DAYS = 6;

export function timeZoneNote(v: StepView) {
  const contractor = zoneName(v.config.timeZone, v.locale, v.zone.at);
  if (!v.zone.differs) return html`<p class="muted">${msg(str`Arrival windows are in ${contractor}.`)}</p>`;
  const browser = zoneName(v.zone.browser, v.locale, v.zone.at);
  return html`<p class="message info" part="time-zone-note">
    ${msg(str`Arrival windows are in ${contractor}, where ${v.settings.companyName} works. Your device is set to ${browser}.`)}
  </p>`;
}

export function gridDay(v: StepView, availability: Availability, date: string): GridDay {
  const day = dayIn(availability, date);
  return day.available ? { available: true } : { available: false, reason: reasonText(day.reason, date, v.config, v.locale) };
}

function chosenDays(v: StepView, availability: Availability) {
  if (v.draft.days.length === 0) return nothing;
  return html`<h4 id="chosen-heading">${msg('Your preferred days')}</h4>
    <ol class="chosen" aria-labelledby="chosen-heading">
      ${v.draft.days.map((choice) => {
        const key = `day-${choice.date}`;
        const day = dayIn(availability, choice.date);
        const full = formatDayLong(choice.date, v.locale);
        // A day no longer open has no windows to mark: its Remove button carries the message, and takes focus.
        const closedProblem = !day.available && Boolean(v.problems[key]);
        return html`<li class="chosen-day" part="chosen-day">
          <fieldset class="windows">
            <legend>${full}</legend>
            ${day.available
              ? day.windows.map((w) =>
                  radioChoice({
                    group: key,
                    value: w.id,
                    label: formatWallRange(w.start, w.end, v.locale),
                    checked: choice.windowId === w.id,
                    invalid: Boolean(v.problems[key]),
                    onChoose: () => v.act.chooseWindow(choice.date, w.id),
                  }),
                )
              : nothing}
          </fieldset>
          ${problemText(v.problems, key)}
          <div>
            <button part="link-button"
              type="button"
              class="link"
              aria-describedby=${closedProblem ? problemId(key) : nothing}
              ?data-invalid=${closedProblem}
              @click=${() => v.act.removeDay(choice.date)}
            >
              ${msg('Remove')}<span class="visually-hidden"> ${full}</span>
            </button>
          </div>
        </li>`;
      })}
    </ol>`;
}

export function renderWhen(v: StepView) {
  const availability = v.availability;
  if (v.availabilityError) {
    return html`<div class="message error" part="error">
      <p role="alert">${describeError(v.availabilityError, v.settings)}</p>
      ${canRetry(v.availabilityError) ? html`<button part="button secondary-button" type="button" class="secondary" @click=${v.act.retry}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }
  if (!availability) return html`<p class="muted" role="status">${msg('Loading the open days…')}</p>`;
  const open = availability.days.filter((d) => d.available);
  if (open.length === 0) {
    return html`${timeZoneNote(v)}
      <p class="message info" role="status" part="no-days">
        ${msg(str`No days are open for online requests right now. Call ${v.settings.companyName} at ${v.settings.companyPhone} to arrange a visit.`)}
      </p>`;
  }
  const chosen = v.draft.days.map((d) => d.date);
  const daysInvalid = Boolean(v.problems.days);
  return html`${timeZoneNote(v)}
    <p id="when-intro">
      ${msg(str`Choose up to ${MAX_PREFERRED_DAYS} days that would suit you, and an arrival window for each. The office confirms one of them.`)}
    </p>
    <h4 id="open-heading">${msg('Next open days')}</h4>
    <ul class="day-list" aria-labelledby="open-heading">
      ${open.slice(0, QUICK_DAYS).map(
        (day, i) => html`<li>
          <button part="button"
            type="button"
            class="day"
            data-date=${day.date}
            aria-pressed=${chosen.includes(day.date) ? 'true' : 'false'}
            aria-describedby=${daysInvalid && i === 0 ? 'problem-days' : nothing}
            ?data-invalid=${daysInvalid && i === 0}
            @click=${() => v.act.toggleDay(day.date)}
          >
            ${formatDayChoice(day.date, v.locale, availability.today)}
          </button>
        </li>`,
      )}
    </ul>
    <!-- Said by the form's alert (one voice, not two): here it stays beside the days it is about. -->
    <div class="day-alert">${problemText(v.problems, 'days')}</div>
    <!-- A day added or removed, and the window chosen with it: the list of chosen days shows it below. -->
    <p class="visually-hidden" role="status">${v.notice}</p>
    <div>
      <button part="button secondary-button" type="button" id="more-toggle" class="secondary" aria-expanded=${v.gridOpen ? 'true' : 'false'} aria-controls="more-dates" @click=${v.act.toggleGrid}>
        ${msg('More dates')}
      </button>
    </div>
    <div id="more-dates">
      ${v.gridOpen
        ? html`<portal-date-grid
            exportparts="button, secondary-button, status"
            .focusDate=${v.gridStart}
            .min=${availability.from}
            .max=${availability.to}
            .today=${availability.today}
            .selected=${chosen}
            .dayState=${(date: string) => gridDay(v, availability, date)}
            .locale=${v.locale}
            @date-grid-select=${v.act.gridSelect}
          ></portal-date-grid>`
        : nothing}
    </div>
    ${chosenDays(v, availability)}`;
}
