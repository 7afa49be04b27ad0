/**
 * The language a customer reads (`en` or `es`): the messages the office sends them (an invoice's pay
 * link, an estimate, a visit) are written in it. Two sources, kept apart so that neither writes over
 * the other and neither waits on the other's locks:
 * - `customers.language`: the records import's, from the field-service system (null: it gives none);
 * - `customer_page_languages`: what the portal learned, the language of the page the customer last
 *   used signed in as one of the customer's own contacts. A table of its own: a payment or a sign-in
 *   never locks the customer's row, which an import may hold for a while.
 * The import's wins; else the page's; else English (rules/languages.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const customerLanguageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('customers').addColumn('language', sql`text`).execute();
    await db.schema
      .createTable('customer_page_languages')
      .addColumn('customer_id', 'text', (column) => column.primaryKey())
      .addColumn('language', 'text', (column) => column.notNull())
      .addColumn('learned_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('customer_page_languages').ifExists().execute();
    await db.schema.alterTable('customers').dropColumn('language').execute();
  },
};
