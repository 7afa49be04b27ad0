/**
 * A visit's state in the contract's words: the `appointments.status` column holds the office's own
 * statuses (`src/model/job.ts`), the routes answer the ones a customer following the visit reads
 * (`src/model/visit-status.ts`). One reading for the visit link, the office's list of visits and its
 * review queue, so the office never sees a visit other than the customer does.
 */
import type { VisitProgress } from '../../src/model/visit-status.js';

/** The office's appointment statuses, as a customer following the visit reads them. */
const progressOf: Record<string, VisitProgress> = { Scheduled: 'Scheduled', Dispatched: 'OnTheWay', Working: 'Arrived', Done: 'Done', Canceled: 'Canceled' };

/**
 * Where a visit stands, from its job's status and its own: a canceled job's visits are canceled and a
 * completed job's are done (unless that visit was itself canceled), whatever their rows still say — an
 * import sets the job's status and may leave its appointments as they were.
 */
export function visitProgress(jobStatus: string, appointmentStatus: string): VisitProgress {
  if (jobStatus === 'Canceled') return 'Canceled';
  if (jobStatus === 'Completed') return appointmentStatus === 'Canceled' ? 'Canceled' : 'Done';
  return Object.hasOwn(progressOf, appointmentStatus) ? progressOf[appointmentStatus]! : 'Scheduled';
}
