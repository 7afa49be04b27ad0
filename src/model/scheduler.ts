/**
 * The contractor's scheduling rules, as the office sets them and as `<portal-scheduler>` reads them,
 * and the availability answer built from them. Days are calendar dates (`YYYY-MM-DD`) in the
 * contractor's time zone plus an arrival-window id, never instants.
 */
import * as z from 'zod/mini';
import { id, inOtherLanguages, isoDate, timeZone } from './common.js';
import { unavailableReasons, weekdays, type Weekday } from './scheduling-rules.js';

/** A wall-clock time in the contractor's zone, `HH:MM`, 24-hour. */
export const wallTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** An arrival window the contractor offers: "8:00 AM – 12:00 PM" on the days it is listed for. */
export const arrivalWindow = z.object({ id, start: wallTime, end: wallTime }).check(
  z.refine((w) => w.start < w.end, { message: 'A window ends after it starts', path: ['end'] }),
);
export type ArrivalWindow = z.infer<typeof arrivalWindow>;

/** A service the customer can ask for, with the contractor's short description. */
export const serviceOffering = z.object({
  id,
  name: z.string(),
  description: z.string(),
  /** Its name and description for pages in another language (`{ "es": { "name": "…", "description": "…" } }`). */
  translations: inOtherLanguages({ name: z.optional(z.string()), description: z.optional(z.string()) }),
  /** The business unit a booked job goes to (the office's choice; the first one when unset). */
  businessUnitId: z.optional(id),
});
export type ServiceOffering = z.infer<typeof serviceOffering>;

export const weekday = z.enum(weekdays);

/** How soon the office usually answers a request. */
export const replyWithin = z.object({
  amount: z.int().check(z.minimum(1), z.maximum(30)),
  unit: z.enum(['hours', 'businessDays']),
});
export type ReplyWithin = z.infer<typeof replyWithin>;

/**
 * The windows offered on each weekday, keyed `mon` … `sun`. A strict object, so an unknown day is refused
 * as zod's `partialRecord(weekday, …)` would refuse it, without the record schema's code: 0.4 KB gzip less
 * in every element before its data (`node scripts/size-report.mjs`).
 */
const dayWindows = z.optional(z.array(arrivalWindow));
const windowsByWeekday = z.strictObject({
  mon: dayWindows,
  tue: dayWindows,
  wed: dayWindows,
  thu: dayWindows,
  fri: dayWindows,
  sat: dayWindows,
  sun: dayWindows,
} satisfies Record<Weekday, typeof dayWindows>);

/**
 * What the office edits (the scheduler is switched on and off by `schedulerEnabled` in the portal
 * settings). A day is bookable when its weekday is a working day with at least one window, it is at
 * least `leadTimeDays` after today, at most `horizonDays` after today, and not a blackout date.
 */
export const schedulerSettings = z.object({
  services: z.array(serviceOffering),
  /** Postal codes served: a whole code ("62704") or the start of one ("627", "M5V"). */
  serviceArea: z.object({ postalCodes: z.array(z.string()) }),
  workingDays: z.array(weekday),
  /** The windows offered on each weekday. Window ids are unique within a day. */
  arrivalWindows: windowsByWeekday,
  /** Whole days of notice: 0 allows today, 1 starts tomorrow. */
  leadTimeDays: z.int().check(z.minimum(0), z.maximum(60)),
  /** How far ahead a day may be asked for, in days from today. */
  horizonDays: z.int().check(z.minimum(1), z.maximum(365)),
  /** Holidays and days the office is closed. */
  blackoutDates: z.array(isoDate),
  replyWithin,
});
export type SchedulerSettings = z.infer<typeof schedulerSettings>;

/** `GET /scheduling/config`: what a visitor may read to fill in a request. */
export const schedulerConfig = z.extend(schedulerSettings, {
  /** The contractor's IANA zone: the zone of every date and window. */
  timeZone,
});
export type SchedulerConfig = z.infer<typeof schedulerConfig>;

export const unavailableReason = z.enum(unavailableReasons);

/**
 * One day of availability: bookable with its windows, or not, and why. A plain union (its type is still
 * discriminated by `available`): zod's discriminatedUnion adds 0.5 KB gzip to every element for faster
 * matching and sharper errors on a two-option answer.
 */
export const availabilityDay = z.union([
  z.object({ date: isoDate, available: z.literal(true), windows: z.array(arrivalWindow) }),
  z.object({ date: isoDate, available: z.literal(false), reason: unavailableReason }),
]);
export type AvailabilityDay = z.infer<typeof availabilityDay>;

/** `GET /scheduling/availability`: every day from `from` to `to`, inclusive, in order. */
export const availability = z.object({
  /** Today in the contractor's zone: the server's clock decides, never the browser's. */
  today: isoDate,
  from: isoDate,
  to: isoDate,
  days: z.array(availabilityDay),
});
export type Availability = z.infer<typeof availability>;

/** A service address; `zip` is the postal code, as on a customer's address. */
export const serviceAddress = z.object({
  street: z.string(),
  unit: z.optional(z.string()),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
});
export type ServiceAddress = z.infer<typeof serviceAddress>;

/** A location of the signed-in customer's account a visit can be requested for. */
export const serviceLocation = z.object({
  locationId: id,
  name: z.string(),
  address: serviceAddress,
  inServiceArea: z.boolean(),
});
export type ServiceLocation = z.infer<typeof serviceLocation>;
