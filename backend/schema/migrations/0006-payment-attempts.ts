/**
 * Each claim of an Idempotency-Key gets its own key at the processor (`attempt`). The key's row is
 * forgotten a day after it was claimed, so the same key may come back as a new payment: were the
 * processor's key made from the customer's key alone, that new payment would meet the earlier charge
 * at the processor and be "approved" with nothing charged. Rows claimed before this migration keep
 * the old processor key (`<customer>:<key>`) until they are forgotten.
 */
import type { Kysely, Migration } from 'kysely';

export const paymentAttemptsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('idempotency').addColumn('attempt', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('idempotency').dropColumn('attempt').execute();
  },
};
