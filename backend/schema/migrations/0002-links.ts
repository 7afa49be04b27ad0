/**
 * Links without a sign-in (estimates, pay links, visit status) and the estimates' signature records;
 * the outbox gains an HTML body for templated emails.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../dialects/portal-database.js';

export function linksMigration(dialect: DialectName): Migration {
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('document_links')
        // SHA-256 of the token: the token itself is never stored.
        .addColumn('token_hash', text, (c) => c.primaryKey())
        .addColumn('purpose', text, (c) => c.notNull())
        .addColumn('document_id', text, (c) => c.notNull())
        .addColumn('customer_id', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        // Null: decided by the document (a pay link lives while the invoice is unpaid).
        .addColumn('expires_at', text)
        .addColumn('revoked_at', text)
        .execute();
      await db.schema.createIndex('document_links_by_document').on('document_links').columns(['purpose', 'document_id']).execute();

      await db.schema
        .createTable('estimate_signatures')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('estimate_id', text, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('option_id', text, (c) => c.notNull())
        .addColumn('content_sha256', text, (c) => c.notNull())
        .addColumn('signer_name', text, (c) => c.notNull())
        // The consent texts exactly as shown, with their versions (JSON).
        .addColumn('consents', text, (c) => c.notNull())
        .addColumn('signed_at', text, (c) => c.notNull())
        .addColumn('client_address', text)
        .addColumn('user_agent', text)
        // `link:<first 8 hex of the token hash>` or `portal:<login id>`.
        .addColumn('via', text, (c) => c.notNull())
        .execute();
      // One approval per version of an estimate, even when two clicks race.
      await db.schema.createIndex('estimate_signatures_one_per_version').on('estimate_signatures').columns(['estimate_id', 'version']).unique().execute();

      await db.schema.alterTable('outbox').addColumn('html', text).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox').dropColumn('html').execute();
      await db.schema.dropTable('estimate_signatures').ifExists().execute();
      await db.schema.dropTable('document_links').ifExists().execute();
    },
  };
}
