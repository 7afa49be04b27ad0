/**
 * Numbers people read and quote (an estimate's E-5001, a job's 70001, a request's AR-100023), counted in
 * the `counters` table inside the caller's transaction: two at once never get the same one, and a
 * transaction that rolls back gives its number back.
 */
import type { Transaction } from 'kysely';
import { forUpdate, type DialectName } from '../dialects/portal-database.js';
import type { Database } from '../schema/database.js';

/**
 * Holds `name`'s counter until the transaction ends (PostgreSQL: a row lock; SQLite writes one at a time
 * anyway): checks that a number is free, made under it, cannot cross another's.
 */
export async function holdCounter(trx: Transaction<Database>, dialect: DialectName, name: string, start: number): Promise<void> {
  await ensureCounter(trx, name, start);
  await forUpdate(dialect, trx.selectFrom('counters').select('value').where('name', '=', name)).execute();
}

/** The next number of `name`; the first is `start + 1`. */
export async function nextNumber(trx: Transaction<Database>, name: string, start: number): Promise<number> {
  await ensureCounter(trx, name, start);
  const counter = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(counter.value);
}

/** `name`'s counter, made at `start` if it was never counted. */
function ensureCounter(trx: Transaction<Database>, name: string, start: number) {
  return trx.insertInto('counters').values({ name, value: start }).onConflict((oc) => oc.column('name').doNothing()).execute();
}
