/**
 * `rate_subjects` rows (one per counted subject: an email that failed to sign in, a reset address, a
 * request's contact) are only a lock to take while counting. Anyone can name a new subject, so they are
 * forgotten with the events (queries/rate-events.ts, pruneEvents): this index finds the old ones
 * without reading the whole table.
 */
import type { Kysely, Migration } from 'kysely';

export const rateSubjectsAgeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('rate_subjects_by_age').on('rate_subjects').column('touched_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('rate_subjects_by_age').ifExists().execute();
  },
};
