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
});
export type Job = z.infer<typeof job>;
