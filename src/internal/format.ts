/**
 * Money and dates with Intl only. Dates-only (`YYYY-MM-DD`) are formatted as the calendar date they
 * name, in UTC, so a due date never shifts a day in any time zone; instants use the contractor's zone.
 */
import { resolveLocale, type ResolvedLocale } from '../i18n/locale.js';

/**
 * The Intl locale an element formats with: the language it speaks (its own `lang`, else the nearest
 * ancestor's through shadow roots, else `<html lang>`, else the browser's), so its dates and amounts
 * never mix with words of another language. A malformed `lang` ("en_US", "!!") is read or skipped,
 * never thrown on in the middle of a render.
 */
export function localeOf(element: Element): string {
  const speaking = (element as Partial<{ elementLocale: ResolvedLocale }>).elementLocale;
  return (speaking ?? resolveLocale(element)).tag;
}

/**
 * Building an Intl formatter costs far more than using one: a scrolled list that built two per row
 * spent a quarter of its time there, and at 4× CPU slowdown a fifth of its frames took over 50 ms
 * (`node scripts/bench.mjs`). So one per locale and options is kept. A page that cycles through many
 * `lang`s keeps no more than a few hundred.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function kept<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formatters.get(key) as T | undefined;
  if (!format) {
    // Made first: a locale or zone Intl refuses throws here, as it did, and nothing is kept.
    format = make();
    if (formatters.size >= 300) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** `new Intl.DateTimeFormat(locale, options)`, made once. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(`d ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** `new Intl.NumberFormat(locale, options)`, made once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(`n ${locale} ${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

const fractionDigits = new Map<string, number>();

function digitsFor(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/** Integer minor units → "$1,234.50" in the page's locale and the document's currency. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  return numberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digitsFor(currency));
}

function separators(locale: string): { group: string; decimal: string } {
  const parts = numberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An amount typed by a customer → minor units, or null when it is not a clear amount. Read with the
 * page locale's separators ("1,234.50" in English, "1.234,50" in Spanish); a group separator must
 * group thousands, so "50,00" typed on an English page is never read as 5,000: with fewer than three
 * digits after it, the other mark is read as the decimal one (50.00).
 */
export function parseMoney(text: string, currency: string, locale = 'en-US'): number | null {
  const { group, decimal } = separators(locale);
  // Spaces (including the narrow no-break space some locales group with) and currency signs go.
  const cleaned = text.replace(/[\s\u00a0\u202f$€£]/g, '');
  const g = group.trim() === '' ? '' : escape(group);
  const d = escape(decimal);
  const grouped = g ? `\\d{1,3}(?:${g}\\d{3})+` : '(?!)';
  const digits = digitsFor(currency);
  const match = new RegExp(`^(\\d+|${grouped})(?:${d}(\\d+))?$`).exec(cleaned);
  if (!match) {
    // The other decimal mark, where it cannot be a group separator (one of it, with fewer than three
    // digits after): "50,25" on a page whose locale writes 50.25, as many Spanish speakers type it.
    const other = /^(\d+)[.,](\d{1,2})$/.exec(cleaned);
    if (!other || other[2]!.length > digits) return null;
    return Number(other[1]) * 10 ** digits + Number(other[2]!.padEnd(digits, '0'));
  }
  const whole = match[1]!.split(group).join('');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units → "12.34" ("12,34" on a Spanish page), for prefilling an amount field. */
export function minorToInput(minor: number, currency: string, locale = 'en-US'): string {
  const digits = digitsFor(currency);
  return (minor / 10 ** digits).toFixed(digits).replace('.', separators(locale).decimal);
}

export function formatDate(isoDate: string, locale: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/**
 * "Nov 25, 2026, 9:02 AM CST": an instant in the contractor's zone, naming the zone, so a customer in
 * another zone (or reading a receipt later) knows which 9:02 it was.
 */
export function formatDateTime(instant: string, timeZone: string, locale: string): string {
  return dateFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(instant));
}

export function formatTime(instant: string, timeZone: string, locale: string): string {
  return dateFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** "Tue, Dec 2, 8:00 – 10:00 AM" for an arrival window, in the contractor's zone. */
export function formatWindow(start: string, end: string, timeZone: string, locale: string): string {
  const format = dateFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
  return format.formatRange(new Date(start), new Date(end));
}

/** Today's calendar date in a time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "Central Standard Time" for a zone, or the zone's id when Intl has no name. */
export function zoneName(timeZone: string, locale: string, at = new Date()): string {
  try {
    const parts = dateFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** Minutes a zone is ahead of UTC at an instant (Chicago in winter: -360). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time (`HH:MM`) on a calendar date happens in a zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Guess with the offset at the wall time read as UTC, then correct once across a DST change.
  let instant = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  const corrected = wall - zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** "Tuesday, November 18, 2026": a calendar date in full, as a screen reader should hear it. */
export function formatDayLong(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)));
}

/** "8:00 AM – 12:00 PM" for wall-clock times (`HH:MM`), in no zone. */
export function formatWallRange(start: string, end: string, locale: string): string {
  const at = (time: string) => {
    const [h, m] = time.split(':').map(Number);
    return new Date(Date.UTC(2000, 0, 1, h ?? 0, m ?? 0));
  };
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).formatRange(at(start), at(end));
}
