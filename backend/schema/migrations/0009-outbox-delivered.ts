/**
 * The office's sending job marks each outbox message it has delivered (`POST /office/outbox/:id/delivered`)
 * and asks for the ones it has not (`GET /office/outbox?pending`), oldest first. A marker rather than a
 * cursor over the time: with several servers, a message stamped a moment earlier can be written a moment
 * later, and a job that resumed after the newer one would never see it. Every message written before
 * this migration counts as delivered (at its own time): a new sending job must not send a server's whole
 * history again (old password resets, invitations, receipts), and whatever sent them before, if anything,
 * already did.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const outboxDeliveredMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('outbox').addColumn('delivered_at', sql`text`).execute();
    await sql`update outbox set delivered_at = sent_at`.execute(db);
    await db.schema.createIndex('outbox_pending').on('outbox').columns(['delivered_at', 'sent_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('outbox_pending').ifExists().execute();
    await db.schema.alterTable('outbox').dropColumn('delivered_at').execute();
  },
};
