/**
 * The demo runs one backend per tab over one persisted in-browser database (sql.js in IndexedDB,
 * under a Web Lock). Two tabs must behave like one server: no double charge, no lost write, and a
 * reload finds the data. Two backend instances over one persisted database, called at once.
 * Browser only (IndexedDB, Web Locks): `npm run test:backend` leaves this file out.
 */
import { expect } from '@open-wc/testing';
import { DEMO_OFFICE_KEY, ReferenceBackend, SEEDED_PASSWORDS, deleteSqlJsDatabase, openSqlJsDatabase } from '../backend/index.js';
import { NODE_MODULES_SQLJS, loadSqlJsInPage } from '../backend/dialects/load-sqljs.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { TEST_PASSWORD_ITERATIONS } from './helpers/backend.js';

const NAME = 'porchlight.test-shared-backend';
const DANA = 'dana.whitfield@example.com';
const opened: ReferenceBackend[] = [];

function tab() {
  const backend = new ReferenceBackend({
    database: openSqlJsDatabase({ sqlJs: loadSqlJsInPage(NODE_MODULES_SQLJS), persistAs: NAME }),
    config: { passwordIterations: TEST_PASSWORD_ITERATIONS, officeKey: DEMO_OFFICE_KEY },
  });
  opened.push(backend);
  return backend;
}

async function call(backend: ReferenceBackend, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await backend.handle(
    new Request(`${location.origin}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, any> };
}

describe('reference backend: two tabs over one persisted in-browser database', () => {
  beforeEach(async () => {
    await deleteSqlJsDatabase(NAME);
    await tab().reset();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.database.close()));
    await deleteSqlJsDatabase(NAME);
  });

  it('charges an invoice paid in full from two tabs at the same moment once', async () => {
    const [a, b] = [tab(), tab()];
    const signIn = await call(a, 'POST', '/auth/sign-in', { email: DANA, password: SEEDED_PASSWORDS[DANA] });
    const auth = { Authorization: `Bearer ${signIn.body.token}` };
    const invoice = await call(b, 'GET', '/customers/cust-1001/invoices/inv-10412', undefined, auth);
    expect(invoice.status, 'the other tab sees the session').to.equal(200);
    const body = {
      applications: [{ invoiceId: 'inv-10412', amount: invoice.body.balance }],
      card: { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123', postalCode: '62704' },
    };
    const [first, second] = await Promise.all([
      call(a, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': 'tab-a-attempt-1' }),
      call(b, 'POST', '/customers/cust-1001/payments', body, { ...auth, 'Idempotency-Key': 'tab-b-attempt-1' }),
    ]);
    expect([first.status, second.status].sort()).to.deep.equal([201, 409]);
    const state = (await tab().inspect()).invoices.find((i) => i.id === 'inv-10412')!;
    expect(state.balance).to.equal(0);
    expect(state.payments).to.have.length(1);
  });

  it('loses no write when the office saves settings while a customer signs in from another tab', async () => {
    const [customerTab, officeTab] = [tab(), tab()];
    const office = { 'X-Porchlight-Office-Key': DEMO_OFFICE_KEY };
    const settings = (await call(officeTab, 'GET', '/office/settings', undefined, office)).body;
    await Promise.all([
      call(customerTab, 'POST', '/auth/sign-in', { email: DANA, password: 'a wrong password for once' }),
      call(officeTab, 'PUT', '/office/settings', { ...settings, companyPhone: '(555) 999-0000' }, office),
    ]);
    // A new tab (or a reload) reads what both wrote.
    const reloaded = tab();
    expect((await reloaded.inspect()).settings.companyPhone).to.equal('(555) 999-0000');
    const failures = await reloaded.database.db.selectFrom('rate_events').select('id').where('subject', '=', DANA).execute();
    expect(failures).to.have.length(1);
  });
});
