/**
 * The language a customer reads (`en` or `es`): the messages the office sends them (an invoice's pay
 * link, an estimate, a visit) are written in it. The records import sets it from the field-service
 * system; the portal learns it from the page the customer signs in, pays or asks on. Null until either
 * says: English, as before.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const customerLanguageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('customers').addColumn('language', sql`text`).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('customers').dropColumn('language').execute();
  },
};
