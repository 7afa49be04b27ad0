/**
 * The contractor's availability for appointment requests (`GET`/`PUT /office/scheduling`, docs/contract/
 * scheduling.md): working days, the arrival windows of each weekday, lead time, how far ahead, and
 * blackout dates — what `<portal-scheduler>` offers. Days and windows are the contractor's wall clock
 * (the settings' time zone), never instants. A refusal names its field, shown beside it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ArrivalWindow, SchedulerSettings } from '../../src/model/scheduler.js';
import { weekdays, type Weekday } from '../../src/model/scheduling-rules.js';
import { OfficeApiError, announceChange, office, onReset, problemText } from './api.js';
import { sectionStyles } from './styles.js';

const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

type Save = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string; field: string | null };

/** "08:00-12:00, 13:00-17:00" as the office types it: one window per comma, start and end in 24-hour time. */
export function parseWindows(text: string, known: ArrivalWindow[]): ArrivalWindow[] | string {
  const windows: ArrivalWindow[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return `“${part}” is not a window: write it as 08:00-12:00.`;
    const [start, end] = [`${match[1]!.padStart(2, '0')}:${match[2]}`, `${match[3]!.padStart(2, '0')}:${match[4]}`];
    if (start >= end) return `“${part}” ends before it starts.`;
    // A window that stays keeps its id: requests and drafts already name it.
    const id = known.find((w) => w.start === start && w.end === end)?.id ?? `w${start.replace(':', '')}-${end.replace(':', '')}`;
    if (windows.some((w) => w.id === id)) return `“${part}” is listed twice.`;
    windows.push({ id, start, end });
  }
  return windows;
}

const windowsText = (windows: ArrivalWindow[] | undefined) => (windows ?? []).map((w) => `${w.start}-${w.end}`).join(', ');

@customElement('office-availability')
export class OfficeAvailability extends LitElement {
  static override styles = [
    sectionStyles,
    css`
      .days { display: grid; gap: 0.5rem; }
      .day { display: grid; grid-template-columns: minmax(8rem, 10rem) minmax(0, 1fr); gap: 0.5rem; align-items: center; }
      @media (max-width: 40rem) { .day { grid-template-columns: minmax(0, 1fr); } }
      .numbers { display: flex; flex-wrap: wrap; gap: 1rem; }
      input[type='number'] { width: 6rem; }
      textarea { min-height: 4rem; }
      .field { margin-bottom: 0.9rem; }
    `,
  ];

  @state() private settings: SchedulerSettings | null = null;
  @state() private loadError = '';
  @state() private save: Save = { kind: 'idle' };
  /** Per-field problems found before sending (a window typed wrong). */
  @state() private problems: Record<string, string> = {};

  #stopReset = () => {};

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
    this.#stopReset = onReset(() => void this.#load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stopReset();
  }

  async #load() {
    try {
      this.settings = await office<SchedulerSettings>('GET', '/scheduling');
      this.loadError = '';
      this.save = { kind: 'idle' };
    } catch (error) {
      this.loadError = problemText(error);
    }
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const current = this.settings;
    if (!current || this.save.kind === 'saving') return;
    const data = new FormData(event.target as HTMLFormElement);
    const problems: Record<string, string> = {};
    const arrivalWindows: SchedulerSettings['arrivalWindows'] = {};
    const workingDays: Weekday[] = [];
    for (const day of weekdays) {
      const parsed = parseWindows(String(data.get(`windows-${day}`) ?? ''), current.arrivalWindows[day] ?? []);
      if (typeof parsed === 'string') problems[`arrivalWindows.${day}`] = parsed;
      else if (parsed.length > 0) arrivalWindows[day] = parsed;
      if (data.get(`working-${day}`) === 'on') workingDays.push(day);
    }
    const blackoutDates = String(data.get('blackoutDates') ?? '')
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    this.problems = problems;
    if (Object.keys(problems).length > 0) {
      // Named, not "the highlighted fields": a screen reader has no highlight to show.
      const [first, ...more] = Object.values(problems);
      this.save = { kind: 'failed', message: more.length > 0 ? `${more.length + 1} fields need a change. The first: ${first}` : first!, field: Object.keys(problems)[0]! };
      return;
    }
    const next: SchedulerSettings = {
      ...current,
      workingDays,
      arrivalWindows,
      leadTimeDays: Number(data.get('leadTimeDays')),
      horizonDays: Number(data.get('horizonDays')),
      blackoutDates,
    };
    this.save = { kind: 'saving' };
    try {
      this.settings = await office<SchedulerSettings>('PUT', '/scheduling', next);
      this.save = { kind: 'saved' };
      announceChange();
    } catch (error) {
      this.save = { kind: 'failed', message: problemText(error), field: error instanceof OfficeApiError ? error.field : null };
    }
  }

  /** The message for a field: one found here, or the backend's refusal naming it (or a part of it). */
  #problem(field: string) {
    const here = this.problems[field];
    const save = this.save;
    const there = save.kind === 'failed' && save.field && (save.field === field || save.field.startsWith(`${field}.`)) ? save.message : '';
    const text = here || there;
    return text ? html`<span class="problem" id=${`${field}-problem`}>${text}</span>` : nothing;
  }

  #invalid(field: string) {
    const save = this.save;
    return Boolean(this.problems[field] || (save.kind === 'failed' && save.field && (save.field === field || save.field.startsWith(`${field}.`))));
  }

  override render() {
    const s = this.settings;
    return html`<section aria-labelledby="availability-title">
      <h2 id="availability-title">Availability for appointment requests</h2>
      <p class="meta">
        What “Request a visit” offers customers: days and arrival windows are in your company’s time zone (the settings above).
        Requests are turned on and off with “Appointment scheduler” in the settings.
      </p>
      ${this.loadError ? html`<p class="problem" role="alert">${this.loadError}</p>` : nothing}
      ${s ? this.#renderForm(s) : this.loadError ? nothing : html`<p class="meta" role="status">Loading…</p>`}
    </section>`;
  }

  #renderForm(s: SchedulerSettings) {
    const save = this.save;
    return html`<form @submit=${(e: SubmitEvent) => void this.#submit(e)} novalidate>
      <fieldset>
        <legend>Working days and arrival windows (24-hour, comma between windows)</legend>
        <div class="days">
          ${weekdays.map((day) => {
            const field = `arrivalWindows.${day}`;
            const invalid = this.#invalid(field);
            return html`<div class="day">
              <label><input type="checkbox" name=${`working-${day}`} ?checked=${s.workingDays.includes(day)} /> ${dayNames[day]}</label>
              <div>
                <input
                  type="text"
                  name=${`windows-${day}`}
                  aria-label=${`${dayNames[day]} arrival windows`}
                  placeholder="08:00-12:00, 12:00-16:00"
                  .value=${windowsText(s.arrivalWindows[day])}
                  aria-invalid=${invalid ? 'true' : 'false'}
                  aria-describedby=${invalid ? `${field}-problem` : nothing}
                />
                ${this.#problem(field)}
              </div>
            </div>`;
          })}
        </div>
        ${this.#problem('workingDays')}
      </fieldset>
      <div class="numbers">
        <div class="field">
          <label>Lead time (whole days; 0 allows today)
            <input type="number" name="leadTimeDays" min="0" max="60" .value=${String(s.leadTimeDays)} aria-invalid=${this.#invalid('leadTimeDays') ? 'true' : 'false'} />
          </label>
          ${this.#problem('leadTimeDays')}
        </div>
        <div class="field">
          <label>How far ahead (days)
            <input type="number" name="horizonDays" min="1" max="365" .value=${String(s.horizonDays)} aria-invalid=${this.#invalid('horizonDays') ? 'true' : 'false'} />
          </label>
          ${this.#problem('horizonDays')}
        </div>
      </div>
      <div class="field">
        <label>Blackout dates (holidays, closed days: YYYY-MM-DD, one per line)
          <textarea name="blackoutDates" .value=${s.blackoutDates.join('\n')} aria-invalid=${this.#invalid('blackoutDates') ? 'true' : 'false'}></textarea>
        </label>
        ${this.#problem('blackoutDates')}
      </div>
      <div class="row">
        <button type="submit" aria-disabled=${save.kind === 'saving' ? 'true' : 'false'}>${save.kind === 'saving' ? 'Saving…' : 'Save availability'}</button>
        <span role="status">${save.kind === 'saved' ? html`<span class="saved">Saved. The scheduler offers these days from now on.</span>` : nothing}</span>
        <span role="alert">${save.kind === 'failed' ? html`<span class="problem">${save.field ? `Not saved: ${save.message}` : save.message}</span>` : nothing}</span>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-availability': OfficeAvailability;
  }
}
