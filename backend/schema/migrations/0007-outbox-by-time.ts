/**
 * The office's outbox lists the newest messages first, by when they were sent. Message ids carry the
 * kind of message in their prefix (`mail_`, `msg_`, `sms_`), so ordering by id grouped them by kind,
 * whatever their time; this index serves the order by time.
 */
import type { Kysely, Migration } from 'kysely';

export const outboxByTimeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('outbox_by_time').on('outbox').columns(['sent_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('outbox_by_time').ifExists().execute();
  },
};
