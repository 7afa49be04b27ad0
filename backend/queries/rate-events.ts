/**
 * Counted events in a sliding window: failed sign-ins per email (lockout), reset and confirmation emails per address,
 * declined cards per customer, requests per client address. One row per event, so nothing is lost
 * when two servers count at once; `lockSubject` serialises the count-and-decide of one subject.
 */
import type { Transaction } from 'kysely';
import type { Queryable } from '../dialects/portal-database.js';
import { randomId } from '../rules/crypto.js';
import type { Database } from '../schema/database.js';

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
 * Whom a per-client limit counts: an IPv4 address as it is, an IPv6 address by its /64. A subscriber's
 * network is given a whole /64, so counting each address would let one client take a fresh one per request.
 * (An IPv4 address in IPv6 form, `::ffff:192.0.2.1`, or through NAT64, `64:ff9b::192.0.2.1`, is the
 * IPv4 address: behind NAT64 every IPv4 client would otherwise share one /64.)
 */
export function clientSubject(address: string): string {
  const mapped = /^(?:::ffff:|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Takes the subject's row lock for the rest of the transaction (PostgreSQL: the upsert locks the row;
 * SQLite: the transaction already holds the only write lock). Call first in a transaction that counts
 * and then decides.
 */
async function lockSubject(trx: Queryable, bucket: RateBucket, subject: string, now: Date) {
  await trx
    .insertInto('rate_subjects')
    .values({ bucket, subject, touched_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['bucket', 'subject']).doUpdateSet({ touched_at: now.toISOString() }))
    .execute();
}

/** Records one event; resolves with its id (see `dropEvent`). */
export async function recordEvent(db: Queryable, bucket: RateBucket, subject: string, now: Date): Promise<string> {
  const id = randomId('ev');
  await db.insertInto('rate_events').values({ id, bucket, subject, at: now.toISOString() }).execute();
  return id;
}

/** Withdraws events by id (an attempt counted up front that turned out not to count, and what it settles). */
export async function dropEvent(db: Queryable, ...ids: string[]) {
  if (ids.length === 0) return;
  await db.deleteFrom('rate_events').where('id', 'in', ids).execute();
}

/**
 * Counts one event for the subject unless `limit` are already inside the window, in one step: under the
 * subject's lock, in the transaction given, so requests arriving together (at any server) are counted one
 * after another and no more than `limit` get through. Counting first and recording after the work would let
 * every request sent at the same moment pass the count. Resolves with the new event's id (to withdraw it
 * with `dropEvent` when the attempt turns out not to count) and the window's events before it (times and
 * ids), or with the window's events when it was full (to say when to try again); events oldest first.
 */
export async function takeSlot(
  trx: Transaction<Database>,
  slot: { bucket: RateBucket; subject: string; since: Date; now: Date; limit: number },
): Promise<{ taken: string; before: string[]; beforeIds: string[] } | { full: string[] }> {
  await lockSubject(trx, slot.bucket, slot.subject, slot.now);
  const recent = await recentEventRows(trx, slot.bucket, slot.subject, slot.since);
  const times = recent.map((r) => r.at);
  if (recent.length >= slot.limit) return { full: times };
  return { taken: await recordEvent(trx, slot.bucket, slot.subject, slot.now), before: times, beforeIds: recent.map((r) => r.id) };
}

/** The events inside the window, oldest first. */
async function recentEventRows(db: Queryable, bucket: RateBucket, subject: string, since: Date) {
  return db
    .selectFrom('rate_events')
    .select(['id', 'at'])
    .where('bucket', '=', bucket)
    .where('subject', '=', subject)
    .where('at', '>', since.toISOString())
    .orderBy('at')
    .orderBy('id')
    .execute();
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
