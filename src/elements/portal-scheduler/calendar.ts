/**
 * Calendar arithmetic for the date grid: months, weeks and names, on `YYYY-MM-DD` calendar dates
 * (read in UTC, so no time zone can shift a day).
 */
import { addDays } from '../../model/scheduling-rules.js';
import { dateFormat } from '../../internal/format.js';

function utc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: string): number {
  return ((utc(date).getUTCDay() + 6) % 7) + 1;
}

/** The first day of the month a date falls in. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function lastOfMonth(date: string): string {
  const d = utc(date);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** The week's first day where the page's language lives (1 Monday … 7 Sunday); Sunday when unknown. */
export function firstDayOfWeek(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (firstDay && firstDay >= 1 && firstDay <= 7) return firstDay;
  } catch {
    // An old engine: fall through.
  }
  return 7;
}

/** The first and last day of the week a date is in, for Home and End. */
export function weekBounds(date: string, firstDay: number): { start: string; end: string } {
  const offset = (isoWeekday(date) - firstDay + 7) % 7;
  const start = addDays(date, -offset);
  return { start, end: addDays(start, 6) };
}

/** A month as rows of seven: dates, with `null` before the first and after the last day. */
export function monthWeeks(date: string, firstDay: number): (string | null)[][] {
  const first = firstOfMonth(date);
  const last = lastOfMonth(date);
  const cells: (string | null)[] = Array.from({ length: (isoWeekday(first) - firstDay + 7) % 7 }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** "November 2026". */
export function formatMonth(date: string, locale: string): string {
  return dateFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(date));
}

/** The seven column headers from the locale's first day: `{ short: 'Tu', long: 'Tuesday' }`. */
export function weekdayNames(locale: string, firstDay: number): { short: string; long: string }[] {
  // 2024-01-01 was a Monday (ISO weekday 1).
  const short = dateFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = dateFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => {
    const day = utc(addDays('2024-01-01', (firstDay - 1 + i) % 7));
    return { short: short.format(day), long: long.format(day) };
  });
}

/** "Tuesday, November 18" — with the year only when it is not this one. */
export function formatDayChoice(date: string, locale: string, today: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' };
  if (date.slice(0, 4) !== today.slice(0, 4)) options.year = 'numeric';
  return dateFormat(locale, options).format(utc(date));
}
