/**
 * A GET's reads in one snapshot (PortalDatabase.readSnapshot: SQLite in a file). The engine must
 * refuse a write inside one, give the connection back whatever happens, and show every read of the
 * request the same moment. Engines without snapshots (sql.js, PostgreSQL) run each query on its own:
 * nothing to check there.
 */
import { expect } from 'chai';
import { CompiledQuery } from 'kysely';
import { DANA } from './helpers/people.js';
import type { PortalDatabase } from '../backend/index.js';
import { SEEDED_PASSWORDS } from '../backend/index.js';
import { backend, startTestBackend } from './helpers/backend.js';

async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await backend.handle(
    new Request(`http://portal.test/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    }),
    // As behind porchlight-server, which always knows the caller's address (rate limits record it).
    { clientAddress: '203.0.113.7' },
  );
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, any> };
}

const balanceOf = async (db: PortalDatabase['db'], id: string) =>
  (await db.selectFrom('invoices').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance;

describe('reference backend: a GET reads one snapshot', () => {
  let snapshot: PortalDatabase['readSnapshot'];
  /** Another program's connection to the file: outside this process's turns, as a second server's. */
  let other: { prepare(sql: string): { run(...values: unknown[]): unknown }; close(): void } | null = null;

  before(async function () {
    await startTestBackend();
    snapshot = backend.database.readSnapshot?.bind(backend.database);
    if (!snapshot) this.skip();
    const [{ sqliteTestFile }, { default: BetterSqlite3 }] = await Promise.all([import('./helpers/node-database.js'), import('better-sqlite3')]);
    other = new BetterSqlite3(sqliteTestFile()!);
  });
  after(() => {
    other?.close();
  });
  beforeEach(async () => {
    if (snapshot) await startTestBackend();
  });

  it('refuses a write inside a snapshot before it runs, and gives the connection back', async () => {
    const { db } = backend.database;
    const before = await balanceOf(db, 'inv-10412');
    let refused: unknown;
    try {
      await snapshot!((reader) => reader.updateTable('invoices').set({ balance: 1 }).where('id', '=', 'inv-10412').execute());
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.match(/write inside a read snapshot/);
    // A compiled query (as the backend's prepared ones run) takes the snapshot's direct path: refused there too.
    refused = undefined;
    try {
      await snapshot!((reader) => reader.executeQuery(CompiledQuery.raw('update invoices set balance = 1 where id = ?', ['inv-10412'])));
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.match(/write inside a read snapshot/);
    expect(await balanceOf(db, 'inv-10412')).to.equal(before);
    // The connection is free and writable again: a transaction right after commits.
    await db.transaction().execute((trx) => trx.updateTable('invoices').set({ balance: before - 1 }).where('id', '=', 'inv-10412').execute());
    expect(await balanceOf(db, 'inv-10412')).to.equal(before - 1);
  });

  it('gives the connection back when the work inside fails', async () => {
    let failure: unknown;
    try {
      await snapshot!(async (reader) => {
        await reader.selectFrom('settings').select('key').execute();
        throw new Error('the route failed');
      });
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/the route failed/);
    expect((await backend.database.db.selectFrom('settings').select('key').execute()).length).to.be.greaterThan(0);
  });

  it('shows every read the same moment, while another process commits in between', async () => {
    const { db } = backend.database;
    const before = await balanceOf(db, 'inv-10412');
    const [first, last] = await snapshot!(async (reader) => {
      const first = await balanceOf(reader, 'inv-10412');
      other!.prepare('update invoices set balance = ? where id = ?').run(before - 5, 'inv-10412');
      return [first, await balanceOf(reader, 'inv-10412')];
    });
    expect([first, last]).to.deep.equal([before, before]);
    expect(await balanceOf(db, 'inv-10412')).to.equal(before - 5);
  });

  it('answers signed-in GETs from a snapshot, and the writes around them as before', async () => {
    const signedIn = await call('POST', '/auth/sign-in', undefined, { email: DANA, password: SEEDED_PASSWORDS[DANA] });
    expect(signedIn.status).to.equal(200);
    const token = signedIn.body.token as string;
    const before = await call('GET', '/customers/cust-1001/balance', token);
    expect(before.status).to.equal(200);
    const invoices = await call('GET', '/customers/cust-1001/invoices?status=open', token);
    expect(invoices.status).to.equal(200);
    expect(invoices.body.items.length).to.be.greaterThan(0);
    // Every route that reads in a snapshot, with a client address: none writes (a write would be a 500).
    for (const path of [
      '/auth/session',
      '/customers/cust-1001/invoices?status=paid',
      '/customers/cust-1001/invoices/inv-10412',
      '/customers/cust-1001/memberships',
      '/customers/cust-1001/equipment',
      '/customers/cust-1001/visits',
      '/customers/cust-1001/jobs',
      '/customers/cust-1001/estimates',
      '/customers/cust-1001/estimates/est-2001',
    ]) {
      const answer = await call('GET', path, token);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).to.equal(200);
    }
    // A link page records its lookup (a rate limit): it does not read in a snapshot, and answers as before.
    const lookedUp = await call('GET', '/links/open', undefined, undefined, { 'X-Porchlight-Link': 'not-a-token-anyone-was-sent' });
    expect([lookedUp.status, lookedUp.body.error?.code]).to.deep.equal([404, 'LINK_INVALID']);
    const signedOut = await call('POST', '/auth/sign-out', token);
    expect(signedOut.status).to.be.lessThan(300);
    expect((await call('GET', '/customers/cust-1001/balance', token)).status).to.equal(401);
  });
});
