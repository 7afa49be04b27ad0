/**
 * A list's first page also says how many rows match in all (history, open invoices) and what is owed
 * (the balance): counts and sums over every one of the account's rows. These indexes hold every column
 * those read, so the database counts from the index and never reads the rows themselves; with 10,000
 * jobs or open invoices on one account that was most of a list's first page (`node scripts/bench.mjs`).
 * The jobs' index replaces the history's paging index (0001's jobs_by_completion) with the same columns
 * and the location after them, so one index pages the list and counts it. The open invoices' index is
 * partial: paid invoices, most of them, are never summed.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const listTotalsFromIndexesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('jobs_by_completion_and_location')
      .on('jobs')
      .columns(['customer_id', 'status', 'completed_on', 'id', 'location_id'])
      .execute();
    await db.schema.dropIndex('jobs_by_completion').ifExists().execute();
    await db.schema
      .createIndex('invoices_open_totals')
      .on('invoices')
      .columns(['customer_id', 'location_id', 'due_date', 'balance', 'currency', 'sync_status', 'review_status', 'business_unit_id', 'id'])
      .where(sql.ref('balance'), '>', 0)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('invoices_open_totals').ifExists().execute();
    await db.schema.createIndex('jobs_by_completion').ifNotExists().on('jobs').columns(['customer_id', 'status', 'completed_on', 'id']).execute();
    await db.schema.dropIndex('jobs_by_completion_and_location').ifExists().execute();
  },
};
