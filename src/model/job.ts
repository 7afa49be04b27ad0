import * as z from 'zod/mini';
import { currency, id, isoDate, isoDateTime, minorUnits, reference } from './common.js';

export const jobStatuses = ['Scheduled', 'Completed', 'Canceled'] as const;
export const appointmentStatuses = ['Scheduled', 'Dispatched', 'Working', 'Done', 'Canceled'] as const;

export const appointment = z.object({
  id,
  start: isoDateTime,
  end: isoDateTime,
  arrivalWindowStart: isoDateTime,
  arrivalWindowEnd: isoDateTime,
  status: z.enum(appointmentStatuses),
  technician: z.nullable(reference),
});
export type Appointment = z.infer<typeof appointment>;

export const job = z.object({
  id,
  number: z.string(),
  customerId: id,
  location: reference,
  businessUnit: reference,
  jobType: z.string(),
  summary: z.string(),
  status: z.enum(jobStatuses),
  completedOn: z.nullable(isoDate),
  appointments: z.array(appointment),
  /** The job's invoice, when the customer may see it. */
  invoice: z.nullable(z.object({ id, number: z.string(), total: minorUnits, currency })),
  /**
   * Set (true) when the job has an invoice this sign-in may not see because billing at the job's
   * location is with the account holder; absent otherwise (no invoice, or one the contractor does not
   * show online).
   */
  invoiceWithAccountHolder: z.optional(z.boolean()),
});
export type Job = z.infer<typeof job>;
