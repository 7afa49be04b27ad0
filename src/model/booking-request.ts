import * as z from 'zod/mini';
import { id, isoDate, isoDateTime } from './common.js';

/** An appointment request lands in the office's review queue; a person books or dismisses it. */
export const bookingRequestStatuses = ['PendingReview', 'Booked', 'Dismissed'] as const;

export const bookingRequest = z.object({
  id,
  customerId: id,
  locationId: id,
  createdAt: isoDateTime,
  jobType: z.string(),
  summary: z.string(),
  preferredDates: z.array(isoDate),
  preferredTime: z.enum(['Morning', 'Afternoon', 'Any']),
  status: z.enum(bookingRequestStatuses),
});
export type BookingRequest = z.infer<typeof bookingRequest>;
