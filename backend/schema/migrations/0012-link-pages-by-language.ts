/**
 * The pages a link was sent with, in each language (`{ page, portal, es?: { page, portal } }`, JSON): a
 * fresh link for it (resend) is sent in the customer's language of the moment, with that language's
 * pages. Null on links made before: their own page (0008) and the site's are used, as before.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const linkPagesByLanguageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('document_links').addColumn('pages', sql`text`).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('document_links').dropColumn('pages').execute();
  },
};
