/**
 * An appointment request: what a customer (signed in, or anyone on the contractor's public site)
 * sends from `<portal-scheduler>`. It lands in the office's review queue, where a person books it
 * (a job with an appointment) or dismisses it. Requesting is never booking.
 */
import * as z from 'zod/mini';
import { id, isoDate, isoDateTime, reference, wordLanguages } from './common.js';
import { serviceAddress } from './scheduler.js';
import { DESCRIPTION_MAX_LENGTH, MAX_PREFERRED_DAYS, PHOTO_LIMITS } from './scheduling-rules.js';
import { visitProgressStatuses } from './visit-status.js';

export const bookingRequestStatuses = ['PendingReview', 'Booked', 'Dismissed'] as const;
export type BookingRequestStatus = (typeof bookingRequestStatuses)[number];

/** A day the customer would like, in the contractor's zone, with one of that day's arrival windows. */
export const preferredDay = z.object({ date: isoDate, windowId: id });
export type PreferredDay = z.infer<typeof preferredDay>;

/** How to reach someone who is not signed in, and what they agreed to. */
export const requestContact = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z.optional(z.string().check(z.maxLength(254))),
  phone: z.optional(z.string().check(z.maxLength(40))),
  /** Required for a request from the public site: the office may call or email about this request. */
  consentToContact: z.boolean(),
  /** A separate, unticked box: text messages to `phone`. Left out: no. */
  consentToTexts: z.optional(z.boolean()),
});
export type RequestContact = z.infer<typeof requestContact>;

/** One photo as sent: downscaled and re-encoded in the browser (no EXIF), base64 in the JSON body. */
export const photoUpload = z.object({
  name: z.string().check(z.maxLength(200)),
  type: z.enum(PHOTO_LIMITS.sentTypes),
  /** Base64 (standard alphabet, with padding) of the image bytes. */
  data: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
export type PhotoUpload = z.infer<typeof photoUpload>;

/**
 * `POST /scheduling/requests` body (the `Idempotency-Key` travels as a header). Signed in:
 * `customerId` and either `locationId` or `address`; the name and contacts come from the account.
 * Anonymous: `address` and `contact`.
 */
export const appointmentRequestBody = z.object({
  customerId: z.optional(id),
  locationId: z.optional(id),
  address: z.optional(serviceAddress),
  contact: z.optional(requestContact),
  serviceId: id,
  description: z.string().check(z.minLength(1), z.maxLength(DESCRIPTION_MAX_LENGTH)),
  preferredDays: z.array(preferredDay).check(z.minLength(1), z.maxLength(MAX_PREFERRED_DAYS)),
  photos: z.array(photoUpload).check(z.maxLength(PHOTO_LIMITS.maxCount)),
  /** The honeypot: a field people never see. Anything in it turns the request away. */
  website: z.optional(z.string()),
});
export type AppointmentRequestBody = z.infer<typeof appointmentRequestBody>;

/** The answer to a request: received, not booked. */
export const appointmentRequestReceipt = z.object({
  id,
  /** What the customer quotes on the phone, e.g. "AR-100023". */
  reference: z.string().check(z.minLength(1)),
  status: z.enum(bookingRequestStatuses),
  createdAt: isoDateTime,
  service: reference,
  preferredDays: z.array(preferredDay),
});
export type AppointmentRequestReceipt = z.infer<typeof appointmentRequestReceipt>;

/** A customer on file whose email or phone matches the request: a suggestion the office confirms. */
export const customerMatch = z.object({ customerId: id, name: z.string(), by: z.enum(['email', 'phone']) });
export type CustomerMatch = z.infer<typeof customerMatch>;

/** A request as the office's review queue shows it (`GET /office/booking-requests`). */
export const bookingRequest = z.object({
  id,
  reference: z.string(),
  createdAt: isoDateTime,
  status: z.enum(bookingRequestStatuses),
  /** Set when a signed-in customer sent it, or when the office booked it for a customer on file. */
  customerId: z.nullable(id),
  locationId: z.nullable(id),
  contact: z.object({
    name: z.string(),
    email: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    consentToContact: z.boolean(),
    consentToTexts: z.boolean(),
  }),
  address: serviceAddress,
  service: reference,
  description: z.string(),
  preferredDays: z.array(preferredDay),
  /**
   * The language of the page it was sent from: its messages ("received", "booked") are in it, and the
   * office calls back in it. Absent from a server older than the field.
   */
  language: z.optional(z.enum(wordLanguages)),
  /** Fetched one at a time from `url` (`GET /office/booking-requests/:id/photos/:photoId`). */
  photos: z.array(z.object({ id, name: z.string(), type: z.string(), bytes: z.int(), url: z.string() })),
  /** Customers on file with the same email or phone; never merged without the office's say. */
  matches: z.array(customerMatch),
  booked: z.nullable(
    z.object({
      jobId: id,
      /** The day and window booked: what the confirmation said, not moved when the visit is. */
      date: isoDate,
      windowId: id,
      technician: z.nullable(reference),
      bookedAt: isoDateTime,
      /**
       * Where the booked visit stands now, in the visit link's words (`PUT /office/appointments/:id/status`):
       * `Canceled` when the office or an import canceled it (or the whole job), `null` when the job or
       * its appointments are gone. The job's latest appointment not canceled decides, when it has several.
       * Absent from a server older than the field.
       */
      visitStatus: z.optional(z.nullable(z.enum(visitProgressStatuses))),
    }),
  ),
  dismissed: z.nullable(z.object({ reason: z.string(), dismissedAt: isoDateTime })),
});
export type BookingRequest = z.infer<typeof bookingRequest>;
