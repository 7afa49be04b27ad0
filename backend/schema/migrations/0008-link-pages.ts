/**
 * The page each document link opens (the contractor's `/pay`, `/estimate` …): a fresh link sent when a
 * customer asks for one again ("Send me a new link") opens the same page, not the site's home page,
 * which may not have the element that shows the document. Null on links made before this migration.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const linkPagesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('document_links').addColumn('page', sql`text`).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('document_links').dropColumn('page').execute();
  },
};
