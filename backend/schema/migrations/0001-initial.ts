/**
 * The first schema: every table of `../database.ts` with the keys and indexes its queries use.
 * Types are portable (text, integer, bigint, real); where PostgreSQL and SQLite differ it is said here.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../dialects/portal-database.js';

export function initialMigration(dialect: DialectName): Migration {
  // PostgreSQL compares text by the cluster's locale; SQLite compares bytes. "C" makes both sort ids
  // and dates the same way, so keyset pages and tests agree on every engine.
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  // Money: bigint in PostgreSQL (node-postgres returns it as a string; dialects/node.ts parses it back),
  // SQLite's integers are 64-bit already.
  const money = dialect === 'postgres' ? sql`bigint` : sql`integer`;

  return {
    // Migrations see the database as it was then, not today's types.
    async up(db: Kysely<unknown>) {
      const table = (name: string) => db.schema.createTable(name);
      const index = (name: string) => db.schema.createIndex(name);

      await table('settings').addColumn('key', text, (c) => c.primaryKey()).addColumn('value', text, (c) => c.notNull()).execute();
      await table('counters').addColumn('name', text, (c) => c.primaryKey()).addColumn('value', money, (c) => c.notNull()).execute();
      await table('business_units')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('trade', text, (c) => c.notNull())
        .execute();

      await table('customers')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('address', text, (c) => c.notNull())
        .execute();
      await table('locations')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('address', text, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await index('locations_by_customer').on('locations').columns(['customer_id', 'position']).execute();
      await table('contacts')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('location_id', text, (c) => c.references('locations.id'))
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('value', text, (c) => c.notNull())
        .addColumn('email_normalized', text)
        .addColumn('memo', text)
        .addColumn('portal_access', text)
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      // The email-match rule and every sign-in's scoping start here.
      await index('contacts_by_email').on('contacts').column('email_normalized').execute();
      await index('contacts_by_customer').on('contacts').columns(['customer_id', 'position']).execute();

      await table('logins')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('email', text, (c) => c.notNull())
        .addColumn('password', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('verified_at', text)
        .execute();
      await index('logins_by_email').on('logins').column('email').execute();
      // One confirmed account per email, even when two sign-ups race; unconfirmed ones may come and go.
      await index('logins_one_confirmed_per_email').on('logins').column('email').unique().where(sql.ref('verified_at'), 'is not', null).execute();
      await table('sessions')
        .addColumn('token_hash', text, (c) => c.primaryKey())
        .addColumn('login_id', text, (c) => c.notNull().references('logins.id'))
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .execute();
      await index('sessions_by_login').on('sessions').column('login_id').execute();
      await index('sessions_by_expiry').on('sessions').column('expires_at').execute();
      await table('one_time_tokens')
        .addColumn('token_hash', text, (c) => c.primaryKey())
        .addColumn('purpose', text, (c) => c.notNull())
        .addColumn('login_id', text, (c) => c.notNull().references('logins.id'))
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .addColumn('used_at', text)
        .execute();
      await index('one_time_tokens_by_login').on('one_time_tokens').column('login_id').execute();

      await table('invoices')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('number', text, (c) => c.notNull())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('location_id', text, (c) => c.notNull())
        .addColumn('location_name', text, (c) => c.notNull())
        .addColumn('business_unit_id', text, (c) => c.notNull())
        .addColumn('business_unit_name', text, (c) => c.notNull())
        .addColumn('invoice_date', text, (c) => c.notNull())
        .addColumn('due_date', text, (c) => c.notNull())
        .addColumn('currency', text, (c) => c.notNull())
        .addColumn('subtotal', money, (c) => c.notNull())
        .addColumn('tax', money, (c) => c.notNull())
        .addColumn('total', money, (c) => c.notNull())
        .addColumn('balance', money, (c) => c.notNull().check(sql`balance >= 0`))
        .addColumn('job_id', text)
        .addColumn('job_number', text)
        .addColumn('sync_status', text, (c) => c.notNull())
        .addColumn('review_status', text, (c) => c.notNull())
        .addColumn('summary', text, (c) => c.notNull())
        .execute();
      // Outstanding: oldest due first. Paid: newest first. Both within one customer.
      await index('invoices_by_due').on('invoices').columns(['customer_id', 'due_date', 'number', 'id']).execute();
      await index('invoices_by_date').on('invoices').columns(['customer_id', 'invoice_date', 'number', 'id']).execute();
      await table('invoice_items')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('invoice_id', text, (c) => c.notNull().references('invoices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('sku', text)
        .addColumn('description', text, (c) => c.notNull())
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('unit_price', money, (c) => c.notNull())
        .addColumn('total', money, (c) => c.notNull())
        .execute();
      await index('invoice_items_by_invoice').on('invoice_items').columns(['invoice_id', 'position']).execute();

      await table('payments')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('currency', text, (c) => c.notNull())
        .addColumn('card_brand', text, (c) => c.notNull())
        .addColumn('card_last4', text, (c) => c.notNull())
        .addColumn('receipt_number', text, (c) => c.notNull().unique())
        .execute();
      await index('payments_by_customer').on('payments').columns(['customer_id', 'created_at']).execute();
      await table('payment_applications')
        .addColumn('payment_id', text, (c) => c.notNull())
        .addColumn('invoice_id', text, (c) => c.notNull().references('invoices.id'))
        .addColumn('invoice_number', text, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('paid_on', text, (c) => c.notNull())
        .addColumn('method', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_applications_pk', ['payment_id', 'invoice_id'])
        .execute();
      await index('payment_applications_by_invoice').on('payment_applications').column('invoice_id').execute();

      await table('jobs')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('number', text, (c) => c.notNull())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('location_id', text, (c) => c.notNull())
        .addColumn('location_name', text, (c) => c.notNull())
        .addColumn('business_unit_id', text, (c) => c.notNull())
        .addColumn('business_unit_name', text, (c) => c.notNull())
        .addColumn('job_type', text, (c) => c.notNull())
        .addColumn('summary', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('completed_on', text)
        .addColumn('invoice_id', text)
        .addColumn('search_text', text, (c) => c.notNull())
        .execute();
      // History pages walk this index newest first (keyset on completed_on, id).
      await index('jobs_by_completion').on('jobs').columns(['customer_id', 'status', 'completed_on', 'id']).execute();
      await table('appointments')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('job_id', text, (c) => c.notNull().references('jobs.id'))
        .addColumn('start_at', text, (c) => c.notNull())
        .addColumn('end_at', text, (c) => c.notNull())
        .addColumn('window_start', text, (c) => c.notNull())
        .addColumn('window_end', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('technician_id', text)
        .addColumn('technician_name', text)
        .execute();
      await index('appointments_by_job').on('appointments').columns(['job_id', 'start_at']).execute();

      await table('memberships')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('location_id', text, (c) => c.notNull())
        .addColumn('location_name', text, (c) => c.notNull())
        .addColumn('plan_id', text, (c) => c.notNull())
        .addColumn('plan_name', text, (c) => c.notNull())
        .addColumn('plan_description', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('from_date', text, (c) => c.notNull())
        .addColumn('to_date', text)
        .addColumn('renews_on', text)
        .addColumn('billing_frequency', text, (c) => c.notNull())
        .addColumn('price', money, (c) => c.notNull())
        .addColumn('currency', text, (c) => c.notNull())
        .addColumn('benefits', text, (c) => c.notNull())
        .addColumn('discounts', text, (c) => c.notNull())
        .addColumn('visits_included', 'integer', (c) => c.notNull())
        .addColumn('visits_used', 'integer', (c) => c.notNull())
        .addColumn('next_visit_on', text)
        .execute();
      await index('memberships_by_customer').on('memberships').columns(['customer_id', 'status']).execute();
      await table('equipment')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
        .addColumn('location_id', text, (c) => c.notNull())
        .addColumn('location_name', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('manufacturer', text, (c) => c.notNull())
        .addColumn('model', text, (c) => c.notNull())
        .addColumn('serial_number', text, (c) => c.notNull())
        .addColumn('installed_on', text)
        .addColumn('manufacturer_warranty_end', text)
        .addColumn('service_provider_warranty_end', text)
        .addColumn('predicted_replacement_on', text)
        .addColumn('last_serviced_on', text)
        .addColumn('attachments', text, (c) => c.notNull())
        .execute();
      await index('equipment_by_customer').on('equipment').column('customer_id').execute();
      await table('job_equipment')
        .addColumn('job_id', text, (c) => c.notNull().references('jobs.id'))
        .addColumn('equipment_id', text, (c) => c.notNull().references('equipment.id'))
        .addPrimaryKeyConstraint('job_equipment_pk', ['job_id', 'equipment_id'])
        .execute();
      await index('job_equipment_by_equipment').on('job_equipment').column('equipment_id').execute();

      await table('booking_requests')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text)
        .addColumn('location_id', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('details', text, (c) => c.notNull())
        .execute();
      await index('booking_requests_by_status').on('booking_requests').columns(['status', 'created_at']).execute();
      await table('estimates')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('customer_id', text, (c) => c.notNull())
        .addColumn('location_id', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('created_on', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', text, (c) => c.notNull())
        .execute();
      await index('estimates_by_customer').on('estimates').column('customer_id').execute();

      await table('outbox')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('to_address', text, (c) => c.notNull())
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('link', text)
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('sent_at', text, (c) => c.notNull())
        .execute();
      await index('outbox_by_recipient').on('outbox').columns(['to_address', 'id']).execute();

      await table('idempotency')
        .addColumn('customer_id', text, (c) => c.notNull())
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('fingerprint', text, (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('body', text)
        .addColumn('created_at', text, (c) => c.notNull())
        // The key is unique per customer: a second request with it finds the first, never charges again.
        .addPrimaryKeyConstraint('idempotency_pk', ['customer_id', 'key'])
        .execute();
      await index('idempotency_by_age').on('idempotency').column('created_at').execute();
      await table('processor_charges')
        .addColumn('idempotency_key', text, (c) => c.primaryKey())
        .addColumn('charge_id', text, (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('currency', text, (c) => c.notNull())
        .addColumn('outcome', text, (c) => c.notNull())
        .addColumn('brand', text)
        .addColumn('last4', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('refunded_at', text)
        .execute();

      await table('rate_events')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('bucket', text, (c) => c.notNull())
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('at', text, (c) => c.notNull())
        .execute();
      await index('rate_events_by_subject').on('rate_events').columns(['bucket', 'subject', 'at']).execute();
      await index('rate_events_by_age').on('rate_events').column('at').execute();
      await table('rate_subjects')
        .addColumn('bucket', text, (c) => c.notNull())
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('touched_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_subjects_pk', ['bucket', 'subject'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const name of [
        'rate_subjects', 'rate_events', 'processor_charges', 'idempotency', 'outbox', 'estimates', 'booking_requests',
        'job_equipment', 'equipment', 'memberships', 'appointments', 'jobs', 'payment_applications', 'payments',
        'invoice_items', 'invoices', 'one_time_tokens', 'sessions', 'logins', 'contacts', 'locations', 'customers',
        'business_units', 'counters', 'settings',
      ]) {
        await db.schema.dropTable(name).ifExists().execute();
      }
    },
  };
}
