/**
 * A visit's state in the contract's words: the `appointments.status` column holds the office's own
 * statuses (`src/model/job.ts`), the routes answer the ones a customer following the visit reads
 * (`src/model/visit-status.ts`). Used by the visit link and the office's review queue. No rule lives here.
 */
import type { VisitProgress } from '../../src/model/visit-status.js';

/** The office's appointment statuses, as a customer following the visit reads them. */
export const progressOf: Record<string, VisitProgress> = { Scheduled: 'Scheduled', Dispatched: 'OnTheWay', Working: 'Arrived', Done: 'Done', Canceled: 'Canceled' };
