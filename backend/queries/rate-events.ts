/**
 * Counted events in a sliding window: failed sign-ins per email (lockout), reset and confirmation emails per address,
 * declined cards per customer, requests per client address. One row per event, so nothing is lost
 * when two servers count at once; `lockSubject` serialises the count-and-decide of one subject.
 */
import type { Queryable } from '../dialects/portal-database.js';
import { randomId } from '../rules/crypto.js';

export type RateBucket =
  | 'sign-in-failure'
  | 'reset-email'
  | 'verify-email'
  | 'card-decline'
  | 'client-auth'
  | 'client-links'
  | 'link-resend'
  // Appointment requests (rules/scheduling.ts): per contact, per client address, per account.
  | 'request-contact'
  | 'request-client'
  | 'request-account';

/**
 * Takes the subject's row lock for the rest of the transaction (PostgreSQL: the upsert locks the row;
 * SQLite: the transaction already holds the only write lock). Call first in a transaction that counts
 * and then decides.
 */
export async function lockSubject(trx: Queryable, bucket: RateBucket, subject: string, now: Date) {
  await trx
    .insertInto('rate_subjects')
    .values({ bucket, subject, touched_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['bucket', 'subject']).doUpdateSet({ touched_at: now.toISOString() }))
    .execute();
}

export async function recordEvent(db: Queryable, bucket: RateBucket, subject: string, now: Date) {
  await db.insertInto('rate_events').values({ id: randomId('ev'), bucket, subject, at: now.toISOString() }).execute();
}

/** The events inside the window, oldest first (their times). */
export async function recentEvents(db: Queryable, bucket: RateBucket, subject: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('rate_events')
    .select('at')
    .where('bucket', '=', bucket)
    .where('subject', '=', subject)
    .where('at', '>', since.toISOString())
    .orderBy('at')
    .execute();
  return rows.map((r) => r.at);
}

export async function clearEvents(db: Queryable, bucket: RateBucket, subject: string) {
  await db.deleteFrom('rate_events').where('bucket', '=', bucket).where('subject', '=', subject).execute();
}

/**
 * Forgets events older than every window (a day), and the subjects nobody counted since: keeps both
 * tables small, though anyone may name a new subject (a made-up email at sign-in). A subject is only a
 * lock to count under; one counted again is simply written again.
 */
export async function pruneEvents(db: Queryable, now: Date) {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom('rate_events').where('at', '<', dayAgo).execute();
  await db.deleteFrom('rate_subjects').where('touched_at', '<', dayAgo).execute();
}
