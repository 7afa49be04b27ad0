/**
 * `porchlight-server import` (docs/import.md): the contractor's records into the portal's tables, on
 * every engine. What the import writes is checked through the portal's own routes wherever a customer
 * or the office would see it.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS, TEST_CARDS, type BackendDump } from '../backend/index.js';
import { balanceToKeep, importRecords, importRecordsText, type ImportResult } from '../backend/import/import-records.js';
import { problemText } from '../backend/import/records.js';
import { clearAll } from '../backend/seed/dump.js';
import { api, backend, clock, ORIGIN, signInAs, signUpConfirmed, startTestBackend } from './helpers/backend.js';
import { DANA } from './helpers/people.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
/** Tuesday, November 17, 2026, 2 p.m. in Chicago: the scheduling tests' clock. */
const SCHEDULING_NOW = Date.parse('2026-11-17T20:00:00Z');
const JORDAN = 'jordan.avery@example.com';
const PASSWORD = 'a quiet house on elm street';

/** The complete example of docs/import.md, as the page shows it: the doc cannot drift from what imports. */
async function docExample(): Promise<Record<string, any>> {
  const markdown =
    typeof document !== 'undefined'
      ? await (await fetch('/docs/import.md')).text()
      : // Named at run time, so the browser's bundler never looks for a Node module.
        await (await import(['node', 'fs/promises'].join(':'))).readFile(new URL('../docs/import.md', import.meta.url), 'utf8');
  const block = /^## A complete example$[\s\S]*?^```json\n([\s\S]*?)^```$/m.exec(markdown as string)?.[1];
  if (!block) throw new Error('docs/import.md has no ```json block under "## A complete example"');
  return JSON.parse(block) as Record<string, any>;
}

/** The records of a dump, as a file holds them. */
function fileOf(dump: BackendDump) {
  const { businessUnits, customers, invoices, jobs, memberships, equipment } = structuredClone(dump);
  return { businessUnits, customers, invoices, jobs, memberships, equipment };
}

/** A database as a real server's first start leaves it: no records, the new-database settings. */
async function emptyDatabase() {
  await backend.database.db.transaction().execute((trx) => clearAll(trx));
  await backend.prepare();
}

function problemsOf(result: ImportResult): string[] {
  if (result.ok) throw new Error(`imported, expected a refusal: ${JSON.stringify(result.counts)}`);
  return result.problems.map(problemText);
}

function imported(result: ImportResult) {
  if (!result.ok) throw new Error(`refused: ${result.problems.map(problemText).join('\n')}`);
  return result.counts;
}

const created = (n: number) => ({ created: n, updated: 0, unchanged: 0 });
const unchanged = (n: number) => ({ created: 0, updated: 0, unchanged: n });

describe('reference backend: importing records', () => {
  beforeEach(() => startTestBackend());

  it('fills a new database: a customer signs up by the email on file, and the review queue books under the imported unit and technician', async () => {
    await emptyDatabase();
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const example = await docExample();
    expect(imported(await importRecords(backend.database, example))).to.deep.equal({
      businessUnits: created(1),
      customers: created(1),
      invoices: created(1),
      jobs: created(1),
      memberships: created(1),
      equipment: created(1),
    });

    // Sign-up needs the email on file: the imported contact is.
    const session = await signUpConfirmed(JORDAN, PASSWORD);
    expect(session.accounts).to.deep.equal([{ customerId: 'C-20417', name: 'Jordan Avery', locations: [{ locationId: 'L-3310', name: 'Home', access: 'billing' }] }]);
    const invoice = await api('GET', '/customers/C-20417/invoices/INV-88120', { token: session.token });
    expect(invoice.status, JSON.stringify(invoice.body)).to.equal(200);
    expect(invoice.body).to.deep.include({ balance: 18046, total: 28046, location: { id: 'L-3310', name: 'Home' }, businessUnit: { id: 'BU-10', name: 'Heating & Cooling' } });
    expect(invoice.body.payments).to.deep.equal([{ paymentId: 'PMT-7731', paidOn: '2026-10-05', amount: 10000, method: 'Check 1042' }]);
    // The tenant, a location's contact without billing: the visit, the membership and the furnace, no invoice.
    const sam = await signUpConfirmed('sam.avery@example.com', PASSWORD);
    expect(sam.accounts).to.deep.equal([{ customerId: 'C-20417', name: 'Jordan Avery', locations: [{ locationId: 'L-3310', name: 'Home', access: 'nonBilling' }] }]);
    expect((await api('GET', '/customers/C-20417/invoices', { token: sam.token })).status).to.equal(403);
    expect((await api('GET', '/customers/C-20417/jobs', { token: sam.token })).body.items.map((j: any) => j.id)).to.deep.equal(['J-50912']);
    expect((await api('GET', '/customers/C-20417/memberships', { token: sam.token })).body.map((m: any) => m.id)).to.deep.equal(['M-1200']);
    expect((await api('GET', '/customers/C-20417/equipment', { token: sam.token })).body.map((e: any) => e.id)).to.deep.equal(['EQ-901']);

    // The office turns appointment requests on; Jordan asks for a visit; the office books it.
    const settings = (await api('GET', '/office/settings', { headers: office })).body;
    expect((await api('PUT', '/office/settings', { headers: office, body: { ...settings, schedulerEnabled: true } })).status).to.equal(200);
    const request = { customerId: 'C-20417', locationId: 'L-3310', serviceId: 'svc-heating', description: 'No heat again.', preferredDays: [{ date: '2026-11-18', windowId: 'morning' }], photos: [] };
    const sent = await api('POST', '/scheduling/requests', { token: session.token, body: request, headers: { 'Idempotency-Key': 'import-test-request-1' } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    expect((await api('GET', '/office/technicians', { headers: office })).body).to.deep.equal([{ id: 'T-7', name: 'Riley Chen' }]);
    const [pending] = (await api('GET', '/office/booking-requests', { headers: office })).body.items as Record<string, any>[];
    const booked = await api('POST', `/office/booking-requests/${pending!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning', technicianId: 'T-7' } });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
    expect(booked.body.job).to.deep.include({ customerId: 'C-20417', location: { id: 'L-3310', name: 'Home' }, businessUnit: { id: 'BU-10', name: 'Heating & Cooling' } });
    expect(booked.body.job.appointments[0].technician).to.deep.equal({ id: 'T-7', name: 'Riley Chen' });
  });

  it('runs two imports sent at once one after the other: the second finds the first’s records, and says so', async () => {
    await emptyDatabase();
    const example = await docExample();
    const both = await Promise.all([importRecords(backend.database, example), importRecords(backend.database, example)]);
    const counts = both.map((result) => imported(result).customers);
    expect(counts).to.have.deep.members([created(example.customers.length), unchanged(example.customers.length)]);
  });

  it('imports the same file twice: the second time changes nothing and says so', async () => {
    await emptyDatabase();
    const example = await docExample();
    imported(await importRecords(backend.database, example));
    const after = await backend.inspect();
    expect(imported(await importRecords(backend.database, example))).to.deep.equal({
      businessUnits: unchanged(1),
      customers: unchanged(1),
      invoices: unchanged(1),
      jobs: unchanged(1),
      memberships: unchanged(1),
      equipment: unchanged(1),
    });
    expect(await backend.inspect()).to.deep.equal(after);
    // The demo's records over the demo itself: all there already, exactly as the file says.
    await startTestBackend();
    const demo = await backend.inspect();
    const counts = imported(await importRecords(backend.database, fileOf(demo)));
    expect(Object.values(counts).every((c) => c.created === 0 && c.updated === 0)).to.equal(true);
    expect(await backend.inspect()).to.deep.equal(demo);
  });

  it('takes a visit-status link’s end along when the file moves its visit, so a link sent before works until after the new time', async () => {
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'visit', documentId: 'appt-job-u1', pageUrl: `${ORIGIN}/visit` } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const link = { 'X-Porchlight-Link': new URL(sent.body.url as string).hash.replace('#porchlight-link=', '') };
    const demo = await backend.inspect();
    const job = structuredClone(demo.jobs.find((j) => j.appointments.some((a) => a.id === 'appt-job-u1'))!);
    const visit = job.appointments.find((a) => a.id === 'appt-job-u1')!;
    const later = (instant: string) => new Date(Date.parse(instant) + 10 * 86_400_000).toISOString();
    const oldEnd = Date.parse(visit.end);
    Object.assign(visit, { start: later(visit.start), end: later(visit.end), arrivalWindowStart: later(visit.arrivalWindowStart), arrivalWindowEnd: later(visit.arrivalWindowEnd) });
    imported(await importRecords(backend.database, { jobs: [job] }));
    // Three days after the old visit (two past its link's old end), a week before the new one: still open.
    clock.offsetMs += oldEnd + 3 * 86_400_000 - clock.now().getTime();
    const opened = await api('GET', '/links/visits/appt-job-u1', { headers: link });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    expect(opened.body.visit.arrivalWindowStart).to.equal(visit.arrivalWindowStart);
    // A day after the new visit ends (links.visitLinkHoursAfterVisit: 24), it has expired.
    clock.offsetMs += Date.parse(visit.end) + 25 * 3_600_000 - clock.now().getTime();
    expect((await api('GET', '/links/visits/appt-job-u1', { headers: link })).status).to.equal(410);
  });

  it('updates a customer in place, renames follow onto records the file left out, and the customer’s session and password keep working', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    expect((await api('GET', '/customers/cust-1001/jobs?q=maple', { token })).body.items).to.deep.equal([]);
    const demo = await backend.inspect();
    const dana = structuredClone(demo.customers.find((c) => c.id === 'cust-1001')!);
    dana.name = 'Dana Whitfield-Ross';
    dana.contacts[1]!.value = '(555) 014-9999';
    dana.locations[0]!.name = 'Maple Ave house';
    const invoice = structuredClone(demo.invoices.find((i) => i.id === 'inv-10412')!);
    invoice.summary = 'Igniter replaced; flame sensor cleaned';
    // The name copied beside an id is checked: the location's new name, or none.
    invoice.location = { id: invoice.location.id } as typeof invoice.location;

    const counts = imported(await importRecords(backend.database, { customers: [dana], invoices: [invoice] }));
    expect(counts).to.deep.equal({ customers: { created: 0, updated: 1, unchanged: 0 }, invoices: { created: 0, updated: 1, unchanged: 0 } });

    const session = await api('GET', '/auth/session', { token });
    expect(session.status).to.equal(200);
    expect(session.body.accounts[0]).to.deep.include({ customerId: 'cust-1001', name: 'Dana Whitfield-Ross' });
    expect(session.body.accounts[0].locations[0]).to.include({ locationId: 'loc-1', name: 'Maple Ave house' });
    const changed = await api('GET', '/customers/cust-1001/invoices/inv-10412', { token });
    expect(changed.body).to.deep.include({ summary: 'Igniter replaced; flame sensor cleaned', location: { id: 'loc-1', name: 'Maple Ave house' } });
    // An invoice and a job the file did not hold follow the rename, the history's search words too.
    expect((await api('GET', '/customers/cust-1001/invoices/inv-10231', { token })).body.location).to.deep.equal({ id: 'loc-1', name: 'Maple Ave house' });
    const after = await backend.inspect();
    const atHome = after.jobs.filter((j) => j.location.id === 'loc-1');
    expect(new Set(atHome.map((j) => j.location.name))).to.deep.equal(new Set(['Maple Ave house']));
    const found = await api('GET', '/customers/cust-1001/jobs?q=maple', { token });
    expect(found.status).to.equal(200);
    expect((found.body.items as { id: string }[]).map((j) => j.id).sort()).to.deep.equal(atHome.filter((j) => j.status === 'Completed').map((j) => j.id).sort());
    expect(await signInAs(DANA, SEEDED_PASSWORDS[DANA]!)).to.be.a('string');
    // Nothing the portal owns moved.
    expect(after.logins).to.deep.equal(demo.logins);
    expect(after.payments).to.deep.equal(demo.payments);
    expect(after.estimates).to.deep.equal(demo.estimates);
    expect(after.settings).to.deep.equal(demo.settings);
  });

  it('never lets a stale balance undo a portal payment, and takes the file’s balance once the payment is recorded', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const demo = await backend.inspect();
    const stale = structuredClone(demo.invoices.find((i) => i.id === 'inv-10412')!);
    const before = stale.balance;
    const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', postalCode: '62704' };
    const paid = await api('POST', '/customers/cust-1001/payments', {
      token,
      body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card },
      headers: { 'Idempotency-Key': 'import-test-payment-1' },
    });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const balance = async () => (await api('GET', '/customers/cust-1001/invoices/inv-10412', { token })).body as Record<string, any>;
    const importInvoice = async (change: Partial<typeof stale>) => imported(await importRecords(backend.database, { invoices: [{ ...stale, ...change }] }));

    // Exported before the payment, imported twice: the payment stands.
    expect(await importInvoice({})).to.deep.equal({ invoices: unchanged(1) });
    expect(await importInvoice({})).to.deep.equal({ invoices: unchanged(1) });
    expect((await balance()).balance).to.equal(before - 1000);
    expect((await balance()).payments.map((p: any) => p.paymentId)).to.deep.equal([paid.body.id]);

    // The total went up meanwhile (a part added), the payment still unknown to the file: the payment counts.
    const item = { id: 'item-10412-extra', description: 'Flame sensor', quantity: 1, unitPrice: 500, total: 500 };
    const raised = { items: [...stale.items, item], subtotal: stale.subtotal + 500, total: stale.total + 500, balance: before + 500 };
    await importInvoice(raised);
    expect((await balance()).balance).to.equal(before - 500);

    // Recorded under its receipt number: listed once, and the file's balance is the balance.
    const receipt = { paymentId: paid.body.receiptNumber, paidOn: '2026-11-20', amount: 1000, method: 'Portal' };
    await importInvoice({ payments: [receipt], balance: before - 1000 });
    expect((await balance()).balance).to.equal(before - 1000);
    expect((await balance()).payments.map((p: any) => p.paymentId)).to.deep.equal([paid.body.id]);
    // A credit in the contractor's system lowers it further; the old file again is the old file (no
    // credit, no record of the payment), and the portal's payment still counts.
    await importInvoice({ payments: [receipt], balance: before - 1500 });
    expect((await balance()).balance).to.equal(before - 1500);
    await importInvoice({});
    expect((await balance()).balance).to.equal(before - 1000);
    // Recorded under an id of the system's own: not known to be the same payment, so it counts twice; the
    // import says so, naming the receipt to give it.
    const ownId = await importRecords(backend.database, { invoices: [{ ...stale, payments: [{ ...receipt, paymentId: 'CHK-2231', paidOn: '2099-01-02' }], balance: before - 1000 }] });
    if (!ownId.ok) throw new Error('refused');
    const { paid_on: paidOn } = await backend.database.db.selectFrom('payment_applications').select('paid_on').where('payment_id', '=', paid.body.id).executeTakeFirstOrThrow();
    expect(ownId.notes).to.deep.equal([
      `invoices[0].payments[0]: "CHK-2231" (1000 on 2099-01-02) is the amount of the portal's payment ${paid.body.receiptNumber} (${paidOn}), which this file does not list: if it is that payment, give it "${paid.body.receiptNumber}" as its paymentId, or it counts twice`,
    ]);
    expect((await balance()).balance).to.equal(before - 2000);
    // The total cut before the system heard of the payment: the payment comes off the new total at once.
    await importInvoice({ total: 1500, subtotal: 1500, tax: 0, items: [{ ...stale.items[0]!, quantity: 1, unitPrice: 1500, total: 1500 }], balance: 1500 });
    expect((await balance()).balance).to.equal(500);
    // The portal's payment itself was never touched.
    expect((await backend.inspect()).payments.find((p) => p.id === paid.body.id)).to.deep.include({ amount: 1000 });
  });

  it('keeps the balance rule in one place: the file’s balance less the portal’s payments it does not show, never below 0', () => {
    expect(balanceToKeep(5000, 0)).to.equal(5000);
    expect(balanceToKeep(5000, 1000)).to.equal(4000);
    expect(balanceToKeep(500, 1000)).to.equal(0);
    expect(balanceToKeep(0, 0)).to.equal(0);
  });

  it('refuses a file with problems whole, naming every one by its path, and writes nothing', async () => {
    const demo = await backend.inspect();
    const file = fileOf(demo);
    const dana = file.customers[0]!;
    dana.contacts[0]!.value = 'dana at example.com';
    (file.customers[1] as any).type = 'Household';
    file.invoices[0]!.customerId = 'cust-404';
    file.invoices[1]!.balance = file.invoices[1]!.total + 1;
    file.invoices[7]!.location = { id: 'loc-1', name: 'Home' };
    delete (file.invoices[8] as any).dueDate;
    (file.invoices[8] as any).balanse = 0;
    file.jobs[1]!.businessUnit = { id: 'bu-404', name: 'Nowhere' };
    file.jobs[1]!.appointments[0]!.start = 'tomorrow morning';
    file.memberships[2]!.location = { id: 'loc-3', name: 'Harbor Point Apartments (old)' };
    file.equipment[0]!.customerId = 'cust-1002';
    file.equipment[0]!.location = { id: 'loc-2', name: 'Home' };
    // Dana, refused above for her email, is still checked against her records and they against her:
    // the jobs that worked on eq-1 are told the file puts it at another customer's.
    const result = await importRecords(backend.database, { ...file, estimates: [] });
    expect(problemsOf(result)).to.deep.equal([
      'estimates: unknown list (a file holds businessUnits, customers, invoices, jobs, memberships, equipment)',
      'customers[0].contacts[0].value: not an email address',
      'customers[1].type: must be one of Residential, Commercial; not text ("Household")',
      'invoices[0].customerId: no customer "cust-404" in this file or on file',
      `invoices[1].balance: is more than the total (${(file.invoices[1]!.total + 1).toLocaleString('en-US')} > ${file.invoices[1]!.total.toLocaleString('en-US')})`,
      `invoices[7].location.id: "loc-1" is not a location of customer "${file.invoices[7]!.customerId}"`,
      'invoices[8].dueDate: missing',
      'invoices[8].balanse: unknown field',
      'jobs[1].appointments[0].start: not a date and time (ISO 8601 with Z or an offset, e.g. 2026-11-18T14:00:00Z)',
      // Found in the same run as the bad start, not after it is fixed.
      'jobs[1].businessUnit.id: no business unit "bu-404" in this file or on file',
      'jobs[1].equipmentIds[0]: equipment "eq-1" is customer "cust-1002"\'s, not "cust-1001"\'s',
      'jobs[2].equipmentIds[0]: equipment "eq-1" is customer "cust-1002"\'s, not "cust-1001"\'s',
      'memberships[2].location.name: "Harbor Point Apartments (old)" is not the name of location "loc-3" ("Harbor Point Apartments"): give that, or leave it out',
      'equipment[0].customerId: equipment "eq-1" is customer "cust-1001"\'s on file: records do not move between customers',
    ]);
    expect(await backend.inspect()).to.deep.equal(demo);
  });

  it('checks each record alone as well as against the others: balances, totals, ids used twice', async () => {
    await emptyDatabase();
    const example = await docExample();
    const invoice = example.invoices[0];
    const file = {
      ...example,
      invoices: [
        { ...invoice, balance: invoice.total + 1 },
        { ...invoice, id: 'INV-2', items: [{ ...invoice.items[0], id: 'INV-88120-1' }], subtotal: 8900, tax: 100, total: 9000, balance: 0, payments: [] },
        { ...invoice, id: 'INV-3', tax: 0, payments: [invoice.payments[0], invoice.payments[0]] },
      ],
    };
    expect(problemsOf(await importRecords(backend.database, file))).to.deep.equal([
      'invoices[0].balance: is more than the total (28,047 > 28,046)',
      'invoices[1].items[0].id: "INV-88120-1" is already the id of invoices[0].items[0]',
      'invoices[2].total: is not subtotal + tax (26,150 + 0 = 26,150)',
      'invoices[2].payments[1].paymentId: appears twice on this invoice',
      'invoices[2].items[0].id: "INV-88120-1" is already the id of invoices[0].items[0]',
      'invoices[2].items[1].id: "INV-88120-2" is already the id of invoices[0].items[1]',
    ]);
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('finds every problem in one run: an unknown field hides no bad email, a bad date no wrong total, and a record with problems is still checked against the others', async () => {
    await emptyDatabase();
    const example = await docExample();
    const [customer] = example.customers;
    customer.nickname = 'Jo';
    customer.contacts[0].value = 'jordan at example.com';
    const [invoice] = example.invoices;
    Object.assign(invoice, { invoiceDate: '2026-10-32', currency: 'usd', tax: 1900, balance: 30000, location: { id: 'L-99' } });
    delete invoice.syncStatus;
    // Its total is not a number: the rules reading it wait for it, the others run.
    const second = { ...structuredClone(invoice), id: 'INV-2', invoiceDate: '2026-10-02', currency: 'USD', syncStatus: 'Posted', location: { id: 'L-3310' }, job: null };
    Object.assign(second, { items: [], payments: [], subtotal: 0, tax: 0, total: 'a lot', balance: -1 });
    // The job names INV-88120, refused above with a currency it would compare: it is not compared with it.
    const [job] = example.jobs;
    job.invoice = { id: 'INV-88120', currency: 'USD' };
    delete job.status;
    job.businessUnit = { id: 'BU-77' };
    // Its customer is missing: what it is checked against the others for waits, its own rules do not.
    const [membership] = example.memberships;
    delete membership.customerId;
    membership.location = { id: 'L-99' };
    membership.price = -1;
    const file = { ...example, invoices: [invoice, second] };
    expect(problemsOf(await importRecords(backend.database, file))).to.deep.equal([
      'customers[0].nickname: unknown field',
      'customers[0].contacts[0].value: not an email address',
      'invoices[0].invoiceDate: not a date (YYYY-MM-DD)',
      'invoices[0].currency: not a currency code (three capital letters, e.g. USD)',
      'invoices[0].syncStatus: missing',
      'invoices[0].balance: is more than the total (30,000 > 28,046)',
      'invoices[0].total: is not subtotal + tax (26,150 + 1,900 = 28,050)',
      'invoices[0].location.id: "L-99" is not a location of customer "C-20417"',
      'invoices[1].total: expected a number, not text ("a lot")',
      'invoices[1].balance: cannot be negative',
      'jobs[0].status: missing',
      'jobs[0].businessUnit.id: no business unit "BU-77" in this file or on file',
      'memberships[0].customerId: missing',
      'memberships[0].price: cannot be negative',
    ]);
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('never stumbles on a field of the wrong type, wherever it is: each check waits for the fields it reads', async function () {
    // One import per field of the example (a few hundred): about 4 s alone, far longer beside the browser
    // tests on a two-core machine.
    this.timeout(120_000);
    await emptyDatabase();
    const example = await docExample();
    // Every field and list of the example, and every item in them.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (path.length > 1) paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    };
    walk(example, []);
    let imports = 0;
    for (const path of paths) {
      for (const wrong of [undefined, null, 'text', 7, {}, []]) {
        const file = structuredClone(example);
        const parent = path.slice(0, -1).reduce((value: any, key) => value[key], file);
        if (wrong === undefined && Array.isArray(parent)) continue;
        if (wrong === undefined) delete parent[path.at(-1)!];
        else parent[path.at(-1)!] = wrong;
        const result = await importRecords(backend.database, file);
        if (result.ok) {
          // An optional field left out, or null where null is allowed: as good a file as the example.
          imports++;
          await emptyDatabase();
        } else expect((await backend.inspect()).customers, JSON.stringify(path)).to.deep.equal([]);
      }
    }
    expect(paths.length).to.be.greaterThan(100);
    expect(imports).to.be.lessThan(paths.length);
  });

  it('keeps a location left out of the list while something on file refers to it (the portal’s own, or one with history); removes one nothing refers to', async () => {
    const demo = await backend.inspect();
    const harbor = structuredClone(demo.customers.find((c) => c.id === 'cust-1003')!);
    harbor.locations = harbor.locations.filter((l) => l.id !== 'loc-4');
    // loc-4 has invoices, a membership and equipment on file: it stays, and the customer's other changes are taken.
    harbor.name = 'Harbor Point Properties';
    expect(imported(await importRecords(backend.database, { customers: [harbor] })).customers).to.deep.equal({ created: 0, updated: 1, unchanged: 0 });
    const kept = await backend.inspect();
    expect(kept.customers.find((c) => c.id === 'cust-1003')).to.deep.include({ name: 'Harbor Point Properties' });
    expect(kept.customers.find((c) => c.id === 'cust-1003')!.locations.map((l) => l.id)).to.include('loc-4');
    // The same file again changes nothing: the kept location is not a difference.
    expect(imported(await importRecords(backend.database, { customers: [harbor] })).customers).to.deep.equal(unchanged(1));

    // The same file, moving everything at loc-4 to loc-3: nothing on file refers to it any more, so it goes.
    const at = <T extends { location: { id: string; name: string } }>(records: T[]) =>
      structuredClone(records.filter((r) => r.location.id === 'loc-4')).map((r) => ({ ...r, location: { id: 'loc-3', name: 'Harbor Point Apartments' } }));
    imported(await importRecords(backend.database, { customers: [harbor], invoices: at(demo.invoices), jobs: at(demo.jobs), memberships: at(demo.memberships), equipment: at(demo.equipment) }));
    const after = await backend.inspect();
    expect(after.customers.find((c) => c.id === 'cust-1003')!.locations.map((l) => l.id)).to.deep.equal(['loc-3']);
    expect(after.invoices.filter((i) => i.location.id === 'loc-4')).to.deep.equal([]);
  });

  it('keeps the location the office made when it booked a request at a new address: the next import of that customer goes through', async () => {
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const settings = (await api('GET', '/office/settings', { headers: office })).body;
    expect((await api('PUT', '/office/settings', { headers: office, body: { ...settings, schedulerEnabled: true } })).status).to.equal(200);
    const demo = await backend.inspect();
    const request = {
      address: { street: '99 New Rd', city: 'Springfield', state: 'IL', zip: '62711' },
      contact: { name: 'Dana Whitfield', email: DANA, phone: '(555) 014-2231', consentToContact: true, consentToTexts: false },
      serviceId: 'svc-heating',
      description: 'The furnace at the rental clicks.',
      preferredDays: [{ date: '2026-11-18', windowId: 'morning' }],
      photos: [],
      website: '',
    };
    const sent = await api('POST', '/scheduling/requests', { body: request, headers: { 'Idempotency-Key': 'import-new-address' } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const [pending] = (await api('GET', '/office/booking-requests', { headers: office })).body.items as Record<string, any>[];
    const booked = await api('POST', `/office/booking-requests/${pending!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning', customerId: 'cust-1001' } });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
    const made = booked.body.job.location.id as string;
    expect(demo.customers.find((c) => c.id === 'cust-1001')!.locations.map((l) => l.id)).not.to.include(made);
    // The contractor's nightly file knows nothing of it: Dana as their system has her, renamed.
    const dana = { ...structuredClone(demo.customers.find((c) => c.id === 'cust-1001')!), name: 'Dana Whitfield-Ross' };
    expect(imported(await importRecords(backend.database, { customers: [dana] })).customers).to.deep.equal({ created: 0, updated: 1, unchanged: 0 });
    const after = (await backend.inspect()).customers.find((c) => c.id === 'cust-1001')!;
    expect(after.name).to.equal('Dana Whitfield-Ross');
    expect(after.locations.map((l) => l.id)).to.include(made);
    expect((await api('GET', `/office/booking-requests`, { headers: office })).status).to.equal(200);
  });

  it('never lets the file reach a prototype: __proto__ and constructor are unknown fields, and nothing is written', async () => {
    await emptyDatabase();
    const example = await docExample();
    const customer = JSON.stringify(example.customers[0]).replace(/^\{/, '{"__proto__":{"polluted":true},').replace('"city"', '"constructor":{"prototype":{"polluted":true}},"city"');
    const text = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"customers":[${customer}]}`;
    expect(problemsOf(await importRecordsText(backend.database, text))).to.deep.equal([
      '["__proto__"]: unknown list (a file holds businessUnits, customers, invoices, jobs, memberships, equipment)',
      'constructor: unknown list (a file holds businessUnits, customers, invoices, jobs, memberships, equipment)',
      'customers[0].address.constructor: unknown field',
      'customers[0]["__proto__"]: unknown field',
    ]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.equal(false);
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('refuses control characters (a NUL PostgreSQL would choke on) and ids longer than the routes take, by their path', async () => {
    await emptyDatabase();
    const example = await docExample();
    example.customers[0].name = 'Jordan\u0000Avery';
    example.invoices[0].summary = 'Tab\tand\nline breaks are text';
    example.memberships[0].id = 'M'.repeat(65);
    example.invoices[0].number = '88120\r\nBcc: someone@example.com';
    expect(problemsOf(await importRecords(backend.database, example))).to.deep.equal([
      'customers[0].name: holds a control character (such as NUL): remove it',
      'invoices[0].number: holds a line break: it is one line',
      'memberships[0].id: is longer than 64 characters',
    ]);
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('says where a file is not JSON, and that an empty one is empty', async () => {
    const broken = problemsOf(await importRecordsText(backend.database, '{\n  "customers": [\n    { "id": "C-1", }\n  ]\n}'));
    expect(broken).to.have.length(1);
    expect(broken[0]).to.match(/^The file is not valid JSON at line 3, column \d+: /);
    expect(problemsOf(await importRecordsText(backend.database, '  \n'))[0]).to.match(/^The file is empty/);
    expect(problemsOf(await importRecordsText(backend.database, '[]'))).to.deep.equal(['The file should hold one JSON object, { "customers": [ … ], "invoices": [ … ], … }, not a list.']);
  });
});

describe('reference backend: POST /office/import', () => {
  beforeEach(() => startTestBackend());

  it('imports into a running backend with the office key, and answers the counts; a second send changes nothing', async () => {
    await emptyDatabase();
    const example = await docExample();
    const first = await api('POST', '/office/import', { headers: office, body: example });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.imported.customers).to.deep.equal(created(example.customers.length));
    expect(first.body.notes).to.deep.equal([]);
    const again = await api('POST', '/office/import', { headers: office, body: example });
    expect(again.body.imported.customers).to.deep.equal(unchanged(example.customers.length));
    expect((await backend.inspect()).customers.map((c) => c.id)).to.deep.equal(example.customers.map((c: { id: string }) => c.id).sort());
  });

  it('refuses a file with problems whole (400, every problem listed by its path), and anyone without the office key', async () => {
    await emptyDatabase();
    const example = await docExample();
    example.customers[0].contacts[0].value = 'not an address';
    example.invoices[0].balanse = 0;
    const refused = await api('POST', '/office/import', { headers: office, body: example });
    expect([refused.status, refused.body.error.code]).to.deep.equal([400, 'VALIDATION']);
    expect(refused.body.error.message).to.equal('Nothing was imported: the records have 2 problems.');
    expect(refused.body.error.details.problems).to.deep.equal(['customers[0].contacts[0].value: not an email address', 'invoices[0].balanse: unknown field']);
    expect((await backend.inspect()).customers).to.deep.equal([]);
    expect((await api('POST', '/office/import', { body: await docExample() })).status).to.equal(403);
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('refuses a file nested thousands deep (16 KB) as a problem by its path, not a crash', async () => {
    await emptyDatabase();
    const lists = `{"customers":[${'['.repeat(8000)}${']'.repeat(8000)}]}`;
    const objects = `{"customers":[{"id":"C-1","note":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}]}`;
    for (const [text, deepest] of [
      [lists, 'customers[0][0][0][0][0][0][0][0][0]'],
      [objects, 'customers[0].note.x.x.x.x.x.x.x'],
    ]) {
      const refused = await api('POST', '/office/import', { headers: office, body: text });
      expect([refused.status, refused.body.error?.code], JSON.stringify(refused.body).slice(0, 300)).to.deep.equal([400, 'VALIDATION']);
      expect(refused.body.error.details.problems).to.include(`${deepest}: is nested too deeply to be part of a record`);
    }
    expect((await backend.inspect()).customers).to.deep.equal([]);
  });

  it('lists the first 100 problems of a file with more, and says how many more there are', async () => {
    await emptyDatabase();
    const businessUnits = Array.from({ length: 130 }, (_, i) => ({ id: `BU-${i}`, name: ' ', trade: 'HVAC' }));
    const refused = await api('POST', '/office/import', { headers: office, body: { businessUnits } });
    expect([refused.status, refused.body.error.code]).to.deep.equal([400, 'VALIDATION']);
    expect(refused.body.error.message).to.equal('Nothing was imported: the records have 130 problems: the first 100 are listed, 30 more are not.');
    expect(refused.body.error.details.problems).to.have.length(100);
    expect(refused.body.error.details.problems.at(-1)).to.equal('businessUnits[99].name: must not be empty');
    expect((await backend.inspect()).businessUnits).to.deep.equal([]);
  });
});
