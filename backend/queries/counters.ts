/**
 * Numbers people read and quote (an estimate's E-5001, a job's 70001, a request's AR-100023), counted in
 * the `counters` table inside the caller's transaction: two at once never get the same one, and a
 * transaction that rolls back gives its number back.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../schema/database.js';

/** The next number of `name`; the first is `start + 1`. */
export async function nextNumber(trx: Transaction<Database>, name: string, start: number): Promise<number> {
  await trx.insertInto('counters').values({ name, value: start }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const counter = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(counter.value);
}
