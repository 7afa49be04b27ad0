import { msg, str } from '../../i18n/msg.js';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { Localized } from '../../i18n/localized-element.js';
import { formatDayLong } from '../../internal/format.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import { addDays, addMonths } from '../../model/scheduling-rules.js';
import { firstDayOfWeek, firstOfMonth, formatMonth, lastOfMonth, monthWeeks, weekBounds, weekdayNames } from './calendar.js';
import { dateGridStyles } from './date-grid.styles.js';

/** One day as the grid shows it: open, or not and why ("closed on Sundays"). */
export interface GridDay {
  available: boolean;
  /** A phrase read after "unavailable:", e.g. "the office is closed". */
  reason?: string;
}

/** A day was chosen (Enter, Space or a click), available or not: the owner decides what to say. */
export class DateGridSelectEvent extends Event {
  static readonly eventName = 'date-grid-select';
  readonly date: string;
  readonly day: GridDay;
  constructor(date: string, day: GridDay) {
    super(DateGridSelectEvent.eventName);
    this.date = date;
    this.day = day;
  }
}

/**
 * A month of days following the WAI-ARIA APG date-picker grid pattern: one tab stop (the focused
 * day), arrow keys move by day and week, Home/End to the week's first and last day, Page Up/Page
 * Down by month (with Shift by year), Enter or Space chooses. Each day is announced in full
 * ("Tuesday, November 18, 2026"); an unavailable day is announced as unavailable with its reason,
 * and stays reachable so the reason can be heard. Part of `<portal-scheduler>`.
 *
 * @summary A keyboard-first month grid of days.
 * @fires {DateGridSelectEvent} date-grid-select - A day was chosen (not composed; the owner listens on the element).
 * @csspart status - The line describing the focused day.
 * @csspart button - The previous and next month buttons (also `secondary-button`).
 * @csspart secondary-button - The previous and next month buttons.
 * @cssprop --portal-date-grid-max-width - Widest the grid grows (24em).
 */
export class PortalDateGrid extends Localized(LitElement) {
  static override styles = [hostStyles, controlStyles, dateGridStyles];

  /** The day that has the tab stop; its month is the one shown. */
  @property({ attribute: 'focus-date' }) focusDate = '';
  /** First and last day focus may move to. */
  @property() min = '';
  @property() max = '';
  /** Today, marked as the current date. */
  @property() today = '';
  /** Days chosen so far (several may be). */
  @property({ attribute: false }) selected: readonly string[] = [];
  /** Whether a day is open, and why not. */
  @property({ attribute: false }) dayState: (date: string) => GridDay = () => ({ available: true });
  @property() locale = 'en-US';

  #focusCell = false;

  /** Moves the tab stop to a day (within min–max) and focuses it. */
  focusDay(date: string) {
    this.focusDate = this.#clamp(date);
    this.#focusCell = true;
  }

  #clamp(date: string): string {
    if (this.min && date < this.min) return this.min;
    if (this.max && date > this.max) return this.max;
    return date;
  }

  #label(date: string, day: GridDay): string {
    const full = formatDayLong(date, this.locale);
    if (day.available) return full;
    return day.reason ? msg(str`${full}, unavailable: ${day.reason}`) : msg(str`${full}, unavailable`);
  }

  #choose(date: string) {
    this.focusDate = date;
    this.dispatchEvent(new DateGridSelectEvent(date, this.dayState(date)));
  }

  #onKeydown = (event: KeyboardEvent) => {
    const from = this.focusDate;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step = rtl ? -1 : 1;
    const firstDay = firstDayOfWeek(this.locale);
    let to: string;
    switch (event.key) {
      case 'ArrowRight':
        to = addDays(from, step);
        break;
      case 'ArrowLeft':
        to = addDays(from, -step);
        break;
      case 'ArrowDown':
        to = addDays(from, 7);
        break;
      case 'ArrowUp':
        to = addDays(from, -7);
        break;
      case 'Home':
        to = weekBounds(from, firstDay).start;
        break;
      case 'End':
        to = weekBounds(from, firstDay).end;
        break;
      case 'PageUp':
        to = addMonths(from, event.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        to = addMonths(from, event.shiftKey ? 12 : 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.#choose(from);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.focusDay(to);
  };

  #onClick = (event: MouseEvent) => {
    const cell = (event.target as Element).closest?.('td[data-date]');
    const date = cell?.getAttribute('data-date');
    if (date) this.#choose(date);
  };

  /** The month buttons move the tab stop a month; focus stays on the button pressed. */
  #shiftMonth(months: number, disabled: boolean) {
    if (disabled) return;
    this.focusDate = this.#clamp(addMonths(this.focusDate, months));
  }

  protected override updated() {
    if (!this.#focusCell) return;
    this.#focusCell = false;
    this.renderRoot.querySelector<HTMLElement>(`td[data-date="${this.focusDate}"]`)?.focus();
  }

  protected override render() {
    const focus = this.focusDate;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(focus)) return nothing;
    const firstDay = firstDayOfWeek(this.locale);
    const names = weekdayNames(this.locale, firstDay);
    const prevDisabled = Boolean(this.min) && firstOfMonth(focus) <= firstOfMonth(this.min);
    const nextDisabled = Boolean(this.max) && lastOfMonth(focus) >= lastOfMonth(this.max);
    const focusState = this.dayState(focus);
    return html`<div class="header">
        <button part="button secondary-button" type="button" class="nav secondary" aria-disabled=${prevDisabled ? 'true' : 'false'} @click=${() => this.#shiftMonth(-1, prevDisabled)}>
          <span aria-hidden="true">‹</span><span class="visually-hidden">${msg('Previous month')}</span>
        </button>
        <div class="month" id="month" aria-live="polite">${formatMonth(focus, this.locale)}</div>
        <button part="button secondary-button" type="button" class="nav secondary" aria-disabled=${nextDisabled ? 'true' : 'false'} @click=${() => this.#shiftMonth(1, nextDisabled)}>
          <span aria-hidden="true">›</span><span class="visually-hidden">${msg('Next month')}</span>
        </button>
      </div>
      <table role="grid" aria-labelledby="month" aria-describedby="keys" @keydown=${this.#onKeydown} @click=${this.#onClick}>
        <thead>
          <tr>
            ${names.map((name) => html`<th scope="col" abbr=${name.long}>${name.short}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${monthWeeks(focus, firstDay).map(
            (week) => html`<tr>
              ${week.map((date) => {
                if (!date) return html`<td role="gridcell"></td>`;
                const day = this.dayState(date);
                const selected = this.selected.includes(date);
                return html`<td
                  role="gridcell"
                  data-date=${date}
                  tabindex=${date === focus ? '0' : '-1'}
                  aria-label=${this.#label(date, day)}
                  aria-selected=${selected ? 'true' : 'false'}
                  aria-disabled=${day.available ? nothing : 'true'}
                  aria-current=${date === this.today ? 'date' : nothing}
                  class=${classMap({ unavailable: !day.available, today: date === this.today })}
                >
                  ${Number(date.slice(8))}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="status muted" part="status">${this.#label(focus, focusState)}</p>
      <p id="keys" class="hint visually-hidden">
        ${msg('Arrow keys move between days, Home and End to the start and end of the week, Page Up and Page Down between months. Enter chooses a day.')}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-date-grid': PortalDateGrid;
  }
}
