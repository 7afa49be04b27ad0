/**
 * Voided invoices and withdrawn estimates (docs/contract/links.md, "Voiding a document"): the office's
 * act is recorded once per document, and a link revoked because of it says so (`revoked_reason`), so a
 * customer who opens it learns why it stopped working.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../dialects/portal-database.js';

export function documentVoidsMigration(dialect: DialectName): Migration {
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('document_voids')
        // `pay` (an invoice, voided) or `estimate` (withdrawn): the link purposes of docs/contract/links.md.
        .addColumn('purpose', text, (c) => c.notNull())
        .addColumn('document_id', text, (c) => c.notNull())
        .addColumn('voided_at', text, (c) => c.notNull())
        .addColumn('reason', text)
        // Voided once: a second press (or a second office tab) finds the row and changes nothing.
        .addPrimaryKeyConstraint('document_voids_pk', ['purpose', 'document_id'])
        .execute();
      // `replaced` (a newer link was sent), `revoked` (by the office), `voided` (the document was voided
      // or withdrawn); null on links revoked before this migration.
      await db.schema.alterTable('document_links').addColumn('revoked_reason', text).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('document_links').dropColumn('revoked_reason').execute();
      await db.schema.dropTable('document_voids').ifExists().execute();
    },
  };
}
