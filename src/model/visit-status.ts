import * as z from 'zod/mini';
import { id, isoDateTime, reference } from './common.js';
import { linkCompany } from './estimate.js';

/** Where a visit stands, as the customer follows it from a link: the office moves it along. */
export const visitProgressStatuses = ['Scheduled', 'OnTheWay', 'Arrived', 'Done', 'Canceled'] as const;
export type VisitProgress = (typeof visitProgressStatuses)[number];

export const visitStatus = z.object({
  appointmentId: id,
  jobNumber: z.string(),
  summary: z.string(),
  /** First name only: the customer needs to know who knocks, not the technician's full name. */
  technicianFirstName: z.nullable(z.string()),
  arrivalWindowStart: isoDateTime,
  arrivalWindowEnd: isoDateTime,
  status: z.enum(visitProgressStatuses),
  location: reference,
});
export type VisitStatus = z.infer<typeof visitStatus>;

export const visitStatusView = z.object({ visit: visitStatus, company: linkCompany });
export type VisitStatusView = z.infer<typeof visitStatusView>;

/** A visit as the office's list shows it (`GET /office/appointments`): enough to send its link or move it along. */
export const officeVisit = z.object({
  appointmentId: id,
  jobId: id,
  jobNumber: z.string(),
  jobType: z.string(),
  summary: z.string(),
  customer: reference,
  location: reference,
  arrivalWindowStart: isoDateTime,
  arrivalWindowEnd: isoDateTime,
  status: z.enum(visitProgressStatuses),
  technician: z.nullable(reference),
});
export type OfficeVisit = z.infer<typeof officeVisit>;
