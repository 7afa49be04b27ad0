/**
 * Prepared queries (backend/queries/prepared.ts): compiled once, run with new values each time, on
 * every engine. A mistake here would answer one caller with another caller's rows, so each check
 * compares with what the same query answers unprepared.
 */
import { expect } from 'chai';
import { sql } from 'kysely';
import { preparedQuery } from '../backend/queries/prepared.js';
import { backend, startTestBackend } from './helpers/backend.js';

const invoicesOf = preparedQuery((db, { customerId, locationIds }: { customerId: string; locationIds: readonly string[] }) => {
  const query = db.selectFrom('invoices').select(['id', 'customer_id', 'location_id']).where('customer_id', '=', customerId);
  // Branching on a list's length is allowed: the length is part of what the compiled query is kept under.
  return (locationIds.length > 0 ? query.where('location_id', 'in', locationIds) : query).orderBy('id');
});

const invoicesByBalance = preparedQuery((db, { customerId }: { customerId: string }, variant) =>
  db
    .selectFrom('invoices')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('balance', variant === 'open' ? '>' : '<=', 0)
    .orderBy('id'),
);

async function unprepared(customerId: string, locationIds: string[] = []) {
  let query = backend.database.db.selectFrom('invoices').select(['id', 'customer_id', 'location_id']).where('customer_id', '=', customerId);
  if (locationIds.length > 0) query = query.where('location_id', 'in', locationIds);
  return query.orderBy('id').execute();
}

describe('prepared queries', () => {
  let customers: { customer_id: string; location_id: string }[];

  before(async () => {
    await startTestBackend();
    customers = await backend.database.db.selectFrom('invoices').select(['customer_id', 'location_id']).distinct().orderBy('customer_id').execute();
  });

  it('answers each call with its own values, not the first call’s', async () => {
    const ids = [...new Set(customers.map((c) => c.customer_id))];
    expect(ids.length).to.be.greaterThan(1);
    for (const customerId of [...ids, ...ids.reverse()]) {
      const rows = await invoicesOf.all(backend.database.db, { customerId, locationIds: [] });
      expect(rows).to.deep.equal(await unprepared(customerId));
      expect(rows.length).to.be.greaterThan(0);
    }
  });

  it('compiles a list of each length on its own: one, two and no locations', async () => {
    const harbor = customers.filter((c) => c.customer_id === customers.find((x) => customers.filter((y) => y.customer_id === x.customer_id).length > 1)?.customer_id);
    expect(harbor.length, 'a seeded customer with invoices at two locations').to.be.at.least(2);
    const customerId = harbor[0]!.customer_id;
    const one = [harbor[0]!.location_id];
    const two = [harbor[0]!.location_id, harbor[1]!.location_id];
    for (const locationIds of [one, two, [], two, one]) {
      const rows = await invoicesOf.all(backend.database.db, { customerId, locationIds });
      expect(rows).to.deep.equal(await unprepared(customerId, locationIds));
    }
    const atOne = await invoicesOf.all(backend.database.db, { customerId, locationIds: one });
    const atTwo = await invoicesOf.all(backend.database.db, { customerId, locationIds: two });
    expect(atOne.length).to.be.lessThan(atTwo.length);
    expect(atOne.every((r) => r.location_id === one[0])).to.equal(true);
  });

  it('keeps concurrent calls apart', async () => {
    const ids = [...new Set(customers.map((c) => c.customer_id))];
    const calls = Array.from({ length: 24 }, (_, i) => ids[i % ids.length]!);
    const answers = await Promise.all(calls.map((customerId) => invoicesOf.all(backend.database.db, { customerId, locationIds: [] })));
    answers.forEach((rows, i) => expect(rows.every((r) => r.customer_id === calls[i])).to.equal(true));
  });

  it('keeps each variant’s SQL apart', async () => {
    const customerId = 'cust-1001';
    const open = await invoicesByBalance.all(backend.database.db, { customerId }, 'open');
    const paid = await invoicesByBalance.all(backend.database.db, { customerId }, 'paid');
    const all = await backend.database.db.selectFrom('invoices').select(['id', 'balance']).where('customer_id', '=', customerId).orderBy('id').execute();
    expect(open.map((r) => r.id)).to.deep.equal(all.filter((r) => r.balance > 0).map((r) => r.id));
    expect(paid.map((r) => r.id)).to.deep.equal(all.filter((r) => r.balance <= 0).map((r) => r.id));
    expect(open.length).to.be.greaterThan(0);
    expect(paid.length).to.be.greaterThan(0);
  });

  it('runs inside a transaction, seeing its uncommitted writes', async () => {
    const customerId = 'cust-1001';
    const open = await invoicesByBalance.all(backend.database.db, { customerId }, 'open');
    const settled = open[0]!.id;
    const inside = await backend.database.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('invoices').set({ balance: 0 }).where('id', '=', settled).execute();
        const rows = await invoicesByBalance.all(trx, { customerId }, 'open');
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((error: { rows?: { id: string }[] }) => error.rows);
    expect(inside?.map((r) => r.id)).to.deep.equal(open.slice(1).map((r) => r.id));
    expect(await invoicesByBalance.all(backend.database.db, { customerId }, 'open')).to.deep.equal(open);
  });

  it('refuses a builder that writes a value into the SQL text instead of a parameter', async () => {
    const inlined = preparedQuery((db, { id }: { id: string }) => db.selectFrom('invoices').select('id').where('id', '=', sql.lit(id)));
    let refused: unknown;
    try {
      await inlined.all(backend.database.db, { id: 'inv-10412' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(Error);
  });
});
