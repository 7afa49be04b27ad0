/**
 * Money and dates with Intl only. Dates-only (`YYYY-MM-DD`) are formatted as the calendar date they
 * name, in UTC, so a due date never shifts a day in any time zone; instants use the contractor's zone.
 */

/** The language the element should speak: the nearest `lang` attribute, else the browser's. */
export function localeOf(element: Element): string {
  const lang = element.closest('[lang]')?.getAttribute('lang');
  return lang || globalThis.navigator?.language || 'en-US';
}

const fractionDigits = new Map<string, number>();

function digitsFor(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/** Integer minor units → "$1,234.50" in the page's locale and the document's currency. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digitsFor(currency));
}

/** "12.34" typed by a customer → minor units, or null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s$€£,]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const digits = digitsFor(currency);
  const [whole = '0', fraction = ''] = cleaned.split('.');
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units → "12.34", for prefilling an amount field. */
export function minorToInput(minor: number, currency: string): string {
  const digits = digitsFor(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

export function formatDate(isoDate: string, locale: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

export function formatDateTime(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
}

export function formatTime(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** "Tue, Dec 2, 8:00 – 10:00 AM" for an arrival window, in the contractor's zone. */
export function formatWindow(start: string, end: string, timeZone: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
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
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
