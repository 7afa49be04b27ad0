/**
 * A list's first page says how many rows match in all, and the balance what is owed: counts and sums
 * over every one of an account's jobs or open invoices. Those are read from indexes that hold every
 * column they need (migration 0014), so an account with 10,000 jobs does not read 10,000 rows for a
 * page of 50. Checked on SQLite's own plan (EXPLAIN QUERY PLAN) for the SQL the routes really send,
 * logged by Kysely on sql.js (PostgreSQL plans a table this small with a scan, whatever its indexes).
 * The speed itself is `node scripts/bench.mjs`'s to measure.
 */
import { expect } from 'chai';
import { CompiledQuery, type LogEvent } from 'kysely';
import { openSqlJsDatabase } from '../backend/dialects/sqljs.js';
import type { PortalDatabase } from '../backend/dialects/portal-database.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { api, backend, loadSqlJs, signInAs, startTestBackend } from './helpers/backend.js';

const DANA = 'dana.whitfield@example.com';

describe('list totals', () => {
  const sent: CompiledQuery[] = [];
  let dana: string;
  let database: PortalDatabase;

  before(async () => {
    database = openSqlJsDatabase({ sqlJs: await loadSqlJs(), log: (event: LogEvent) => void (event.level === 'query' && sent.push(event.query)) });
    await startTestBackend({ database });
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 120, now: new Date(), invoices: 'open' });
    await backend.restore(state);
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  after(async () => {
    await startTestBackend();
    await database.close();
  });

  /** SQLite's plan for the one query the call sent that `matches`, a line per table it reads. */
  async function planOf(call: () => Promise<unknown>, matches: RegExp): Promise<string> {
    sent.length = 0;
    await call();
    const queries = sent.filter((query) => matches.test(query.sql));
    expect(queries, `one query matching ${matches}`).to.have.length(1);
    const plan = await backend.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${queries[0]!.sql}`, [...queries[0]!.parameters]));
    return plan.rows.map((row) => row.detail).join('\n');
  }

  it('pages the history by the jobs index, and counts it and lists its years from that index alone', async () => {
    const jobs = () => api('GET', '/customers/cust-1001/jobs?limit=50', { token: dana });
    const { body } = await jobs();
    expect(body.total).to.be.greaterThan(120);
    expect(await planOf(jobs, /count\(\*\)/i)).to.match(/SEARCH jobs USING COVERING INDEX jobs_by_completion_and_location/);
    expect(await planOf(jobs, /substr/i)).to.match(/SEARCH jobs USING COVERING INDEX jobs_by_completion_and_location/);
    // The page itself walks the same index newest first (keyset paging), never sorting the account's jobs.
    const page = await planOf(jobs, /order by "jobs"\."completed_on" desc/i);
    expect(page).to.match(/SEARCH jobs USING INDEX jobs_by_completion_and_location/);
    expect(page).not.to.match(/TEMP B-TREE/);
    const inAYear = () => api('GET', `/customers/cust-1001/jobs?limit=50&year=${body.years[0]}`, { token: dana });
    expect(await planOf(inAYear, /count\(\*\)/i)).to.match(/SEARCH jobs USING COVERING INDEX jobs_by_completion_and_location/);
  });

  it('sums the balance and counts the open invoices from the open invoices index alone', async () => {
    const balance = () => api('GET', '/customers/cust-1001/balance', { token: dana });
    expect((await balance()).body.openCount).to.be.greaterThan(120);
    expect(await planOf(balance, /sum\(/i)).to.match(/SEARCH invoices USING COVERING INDEX invoices_open_totals/);
    const invoices = () => api('GET', '/customers/cust-1001/invoices?status=open&limit=50', { token: dana });
    const { body } = await invoices();
    expect(body.items).to.have.length(50);
    expect(await planOf(invoices, /count\(\*\)/i)).to.match(/SEARCH invoices USING COVERING INDEX invoices_open_totals/);
  });
});
