/**
 * Creates and upgrades the schema. Migrations are code, applied in name order and recorded by Kysely
 * (`kysely_migration`); in PostgreSQL Kysely holds a lock while migrating, so several servers starting
 * at once migrate once.
 */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName, PortalDatabase } from '../dialects/portal-database.js';
import { initialMigration } from './migrations/0001-initial.js';
import { linksMigration } from './migrations/0002-links.js';
import { schedulingMigration } from './migrations/0003-scheduling.js';
import { documentVoidsMigration } from './migrations/0004-document-voids.js';
import { rateSubjectsAgeMigration } from './migrations/0005-rate-subjects-age.js';
import { paymentAttemptsMigration } from './migrations/0006-payment-attempts.js';
import { outboxByTimeMigration } from './migrations/0007-outbox-by-time.js';
import { linkPagesMigration } from './migrations/0008-link-pages.js';
import { outboxDeliveredMigration } from './migrations/0009-outbox-delivered.js';
import { appointmentsByTimeMigration } from './migrations/0010-appointments-by-time.js';
import { customerLanguageMigration } from './migrations/0011-customer-language.js';
import { linkPagesByLanguageMigration } from './migrations/0012-link-pages-by-language.js';
import { searchWithoutInvoiceNumberMigration } from './migrations/0013-search-without-invoice-number.js';
import { listTotalsFromIndexesMigration } from './migrations/0014-list-totals-from-indexes.js';

function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-links': linksMigration(dialect),
    '0003-scheduling': schedulingMigration(dialect),
    '0004-document-voids': documentVoidsMigration(dialect),
    '0005-rate-subjects-age': rateSubjectsAgeMigration,
    '0006-payment-attempts': paymentAttemptsMigration,
    '0007-outbox-by-time': outboxByTimeMigration,
    '0008-link-pages': linkPagesMigration,
    '0009-outbox-delivered': outboxDeliveredMigration,
    '0010-appointments-by-time': appointmentsByTimeMigration,
    '0011-customer-language': customerLanguageMigration,
    '0012-link-pages-by-language': linkPagesByLanguageMigration,
    '0013-search-without-invoice-number': searchWithoutInvoiceNumberMigration,
    '0014-list-totals-from-indexes': listTotalsFromIndexesMigration,
  };
}

export async function migrateToLatest(database: PortalDatabase): Promise<{ applied: string[] }> {
  return migrateUpTo(database);
}

/** Up to the named migration (tests of a migration: a database as an older server left it), else the latest. */
export async function migrateUpTo(database: PortalDatabase, name?: string): Promise<{ applied: string[] }> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database.dialect) };
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = name ? await migrator.migrateTo(name) : await migrator.migrateToLatest();
  if (error) throw newerRelease(error) ?? (error instanceof Error ? error : new Error(String(error)));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Kysely's "corrupted migrations: previously executed migration X is missing" when a release older than
 * the one that migrated the database starts on it (a rollback): nothing is corrupted, and what to do is
 * to start the newer release again or restore the backup taken before it migrated (docs/deployment.md).
 */
function newerRelease(error: unknown): Error | undefined {
  const missing = /previously executed migration (\S+) is missing/.exec(error instanceof Error ? error.message : String(error));
  if (!missing) return undefined;
  return new Error(
    `This database was migrated by a newer release (it has migration ${missing[1]}, which this release does not know). Run that release or a later one, or restore the backup taken before it migrated.`,
  );
}
