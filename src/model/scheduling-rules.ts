/**
 * Scheduling rules shared by `<portal-scheduler>` (checks before sending) and a backend (which
 * repeats them): plain functions over calendar dates, no zod, so the element's first load stays small.
 */
import type { AvailabilityDay, SchedulerSettings } from './scheduler.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * Why a day cannot be asked for: `past`, `leadTime` (too soon), `closed` (not a working day),
 * `blackout` (a holiday), `full` (a backend that tracks capacity has no window left),
 * `beyondHorizon` (too far ahead).
 */
export const unavailableReasons = ['past', 'leadTime', 'closed', 'blackout', 'full', 'beyondHorizon'] as const;
export type UnavailableReason = (typeof unavailableReasons)[number];

/** A request names at most this many preferred days, each a different date. */
export const MAX_PREFERRED_DAYS = 3;
/** The problem description, in characters. */
export const DESCRIPTION_MAX_LENGTH = 2000;

export const PHOTO_LIMITS = {
  maxCount: 4,
  /** What the element accepts from the customer's device, before downscaling. */
  maxInputBytes: 25 * 1024 * 1024,
  /** One photo as sent, after downscaling and re-encoding (decoded bytes, not base64). */
  maxBytes: 1_000_000,
  /** Longest edge after downscaling, in pixels. */
  maxEdge: 1600,
  /** What a backend stores. The element turns everything it accepts into JPEG. */
  sentTypes: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

/**
 * Whether a requester's name holds a web address or an email: the name is written into the messages
 * the contractor's system sends to the address given ("Hi bit.ly/x,"), so a stranger could otherwise
 * have the contractor mail a link of theirs to anyone. Any `:`, `/` or `@`, and any dot (full-width
 * ones too) followed by two letters, as every domain has: "J.R. Smith" passes, "St.John" is asked to be
 * typed "St John" (no list of top-level domains could keep up with `.me`, `.ly`, `.shop` …).
 */
export function nameHasAddress(name: string): boolean {
  return /[:/@]|[.．。｡]\p{L}{2}/u.test(name);
}

/** "m5v 2t6" → "M5V2T6", "62704-1234" → "627041234": letters and digits only, upper case. */
export function normalizePostalCode(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Whether a postal code is served: equal to an entry, or starting with one (a prefix such as "627"). */
export function inServiceArea(postalCode: string, served: readonly string[]): boolean {
  const code = normalizePostalCode(postalCode);
  if (!code) return false;
  return served.some((entry) => {
    const prefix = normalizePostalCode(entry);
    return prefix !== '' && code.startsWith(prefix);
  });
}

function utcOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The weekday a calendar date falls on (no time zone involved). */
export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 is Sunday.
  return weekdays[(utcOf(date).getUTCDay() + 6) % 7]!;
}

export function addDays(date: string, days: number): string {
  const d = utcOf(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}

/** The same day of the month `months` later, or that month's last day ("Jan 31" + 1 → "Feb 28"). */
export function addMonths(date: string, months: number): string {
  const d = utcOf(date);
  const day = d.getUTCDate();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return isoOf(first);
}

/** Whether one day may be asked for, and its windows when it may. */
export function dayAvailability(settings: SchedulerSettings, today: string, date: string): AvailabilityDay {
  const unavailable = (reason: UnavailableReason): AvailabilityDay => ({ date, available: false, reason });
  if (date < today) return unavailable('past');
  if (date < addDays(today, settings.leadTimeDays)) return unavailable('leadTime');
  if (date > addDays(today, settings.horizonDays)) return unavailable('beyondHorizon');
  const weekday = weekdayOf(date);
  const windows = settings.arrivalWindows[weekday] ?? [];
  if (!settings.workingDays.includes(weekday) || windows.length === 0) return unavailable('closed');
  if (settings.blackoutDates.includes(date)) return unavailable('blackout');
  return { date, available: true, windows };
}

/** Every day from `from` to `to`, inclusive. */
export function availabilityBetween(settings: SchedulerSettings, today: string, from: string, to: string): AvailabilityDay[] {
  const days: AvailabilityDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push(dayAvailability(settings, today, date));
  return days;
}

/**
 * Whether a preferred day and window can be asked for: `null` when they can, else what is wrong —
 * the day's reason, or `window` when the day is open but does not offer that window.
 */
export function preferredDayProblem(
  settings: SchedulerSettings,
  today: string,
  day: { date: string; windowId: string },
): UnavailableReason | 'window' | null {
  const status = dayAvailability(settings, today, day.date);
  if (!status.available) return status.reason;
  return status.windows.some((w) => w.id === day.windowId) ? null : 'window';
}
