/**
 * Appointment requests and the office's review queue (docs/contract/scheduling.md).
 *
 * - `booking_requests` (an empty table since 0001) gains its reference, its Idempotency-Key — unique,
 *   so one key can never make two requests, whichever server gets it — the body's fingerprint, and
 *   the job a booking made. "Booked once" is the conditional update `… WHERE status = 'PendingReview'`.
 * - `booking_request_photos`: each photo's bytes (base64 text, the same on every engine).
 * - `contacts.phone_digits`: a phone contact's digits, indexed, so a request is matched to customers
 *   on file by phone as quickly as by email. Existing rows are filled in here.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../dialects/portal-database.js';

/** As `normalisePhone` in queries/rows.ts at the time of this migration (frozen here, as migrations are). */
function phoneKey(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

export function schedulingMigration(dialect: DialectName): Migration {
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      for (const column of ['reference', 'idempotency_key', 'fingerprint', 'job_id', 'decided_at']) {
        await db.schema.alterTable('booking_requests').addColumn(column, text).execute();
      }
      await db.schema.createIndex('booking_requests_one_per_key').on('booking_requests').column('idempotency_key').unique().execute();
      await db.schema.createIndex('booking_requests_by_reference').on('booking_requests').column('reference').unique().execute();

      await db.schema
        .createTable('booking_request_photos')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('request_id', text, (c) => c.notNull().references('booking_requests.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('data', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('booking_request_photos_by_request').on('booking_request_photos').columns(['request_id', 'position']).execute();

      await db.schema.alterTable('contacts').addColumn('phone_digits', text).execute();
      await db.schema.createIndex('contacts_by_phone').on('contacts').column('phone_digits').execute();
      const phones = await (db as Kysely<{ contacts: { id: string; type: string; value: string } }>)
        .selectFrom('contacts')
        .select(['id', 'value'])
        .where('type', 'in', ['Phone', 'MobilePhone'])
        .execute();
      for (const phone of phones) {
        await (db as Kysely<{ contacts: { id: string; phone_digits: string } }>)
          .updateTable('contacts')
          .set({ phone_digits: phoneKey(phone.value) })
          .where('id', '=', phone.id)
          .execute();
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('contacts_by_phone').ifExists().execute();
      await db.schema.alterTable('contacts').dropColumn('phone_digits').execute();
      await db.schema.dropTable('booking_request_photos').ifExists().execute();
      await db.schema.dropIndex('booking_requests_by_reference').ifExists().execute();
      await db.schema.dropIndex('booking_requests_one_per_key').ifExists().execute();
      for (const column of ['decided_at', 'job_id', 'fingerprint', 'idempotency_key', 'reference']) {
        await db.schema.alterTable('booking_requests').dropColumn(column).execute();
      }
    },
  };
}
