/** The reference backend's job history, invoice PDF and statement PDF rules, called over HTTP as anyone could. */
import { expect } from 'chai';
import type { Job } from '../src/model/index.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { contractorToday, filePrefix } from '../backend/rules/history.js';
import { sql } from 'kysely';
import { migrateUpTo } from '../backend/schema/migrate.js';
import { api, backend, backendFetch, clock, signInAs, signUpConfirmed, startTestBackend, testDatabase } from './helpers/backend.js';
import { isPdf, readPdf } from './helpers/pdf-text.js';

const DANA = 'dana.whitfield@example.com';
const PRIYA = 'priya.nair@harborpoint.example';

async function getPdf(path: string, token?: string) {
  const response = await backendFetch(`/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) };
}

async function allPages(token: string, customerId: string, query: string, limit: number) {
  const jobs: Job[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    const { status, body } = await api('GET', `/customers/${customerId}/jobs?${params}`, { token });
    expect(status, JSON.stringify(body)).to.equal(200);
    jobs.push(...(body.items as Job[]));
    total = body.total as number;
    cursor = body.nextCursor as string | null;
    pages++;
  } while (cursor && pages < 1000);
  return { jobs, total, pages };
}

function isNewestFirst(jobs: Job[]) {
  return jobs.every((job, i) => i === 0 || jobs[i - 1]!.completedOn! >= job.completedOn!);
}

describe('reference backend: job history', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('lists only completed jobs, newest first, with the years that have work', async () => {
    const { status, body } = await api('GET', '/customers/cust-1001/jobs', { token: dana });
    expect(status).to.equal(200);
    const jobs = body.items as Job[];
    expect(jobs.map((j) => j.invoice?.number ?? j.number)).to.include.members(['10518', '10412', '10377', '10231']);
    expect(jobs.every((j) => j.status === 'Completed' && j.customerId === 'cust-1001')).to.equal(true);
    expect(jobs.some((j) => j.id === 'job-u1')).to.equal(false);
    expect(isNewestFirst(jobs)).to.equal(true);
    expect(jobs[0]!.id).to.equal('job-10533');
    expect(body.total).to.equal(jobs.length);
    const years = [...new Set(jobs.map((j) => Number(j.completedOn!.slice(0, 4))))].sort((a, b) => b - a);
    expect(body.years).to.deep.equal(years);
    expect(body.nextCursor).to.equal(null);
  });

  it('hides the invoice of a job whose invoice the settings hide, and refuses its PDF', async () => {
    const { body } = await api('GET', '/customers/cust-1001/jobs', { token: dana });
    const pendingJob = (body.items as Job[]).find((j) => j.id === 'job-10533')!;
    expect(pendingJob.invoice).to.equal(null);
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10533/pdf', dana);
    expect(pdf.status).to.equal(404);
    expect(pdf.json().error.code).to.equal('NOT_FOUND');
  });

  it('filters by year and by every word of a search', async () => {
    const state = await backend.inspect();
    const completed = state.jobs.filter((j) => j.customerId === 'cust-1001' && j.status === 'Completed');
    const year = Number(completed.find((j) => j.id === 'job-10231')!.completedOn!.slice(0, 4));
    const { body } = await api('GET', `/customers/cust-1001/jobs?year=${year}`, { token: dana });
    const expected = completed.filter((j) => j.completedOn!.startsWith(`${year}-`)).map((j) => j.id);
    expect((body.items as Job[]).map((j) => j.id)).to.have.members(expected);
    expect(body.total).to.equal(expected.length);

    const igniter = await api('GET', '/customers/cust-1001/jobs?q=IGNITER', { token: dana });
    expect((igniter.body.items as Job[]).map((j) => j.id)).to.deep.equal(['job-10412']);
    // Words match anywhere: the technician's name and the invoice number.
    const both = await api('GET', `/customers/cust-1001/jobs?q=${encodeURIComponent('luis 10412')}`, { token: dana });
    expect((both.body.items as Job[]).map((j) => j.id)).to.deep.equal(['job-10412']);
    const none = await api('GET', '/customers/cust-1001/jobs?q=chimney', { token: dana });
    expect(none.body.items).to.deep.equal([]);
    expect(none.body.total).to.equal(0);
    // The year list still offers every year, whatever the filter.
    expect(none.body.years).to.include(year);
  });

  it('pages with a cursor: every job exactly once, in order, even after a job is added mid-way', async () => {
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 237, now: clock.now() });
    await backend.restore(state);
    const full = await allPages(dana, 'cust-1001', '', 50);
    expect(full.total).to.equal(237 + 7);
    expect(full.jobs.length).to.equal(full.total);
    expect(new Set(full.jobs.map((j) => j.id)).size).to.equal(full.total);
    expect(isNewestFirst(full.jobs)).to.equal(true);
    expect(full.pages).to.equal(5);

    // A job completed today, added between page 1 and page 2, does not shift later pages.
    const first = await api('GET', '/customers/cust-1001/jobs?limit=50', { token: dana });
    const later = await backend.inspect();
    addSyntheticJobs(later, { customerId: 'cust-1001', count: 1, now: clock.now(), spanDays: 0 });
    later.jobs.at(-1)!.id = 'job-added-later';
    await backend.restore(later);
    const second = await api('GET', `/customers/cust-1001/jobs?limit=50&cursor=${first.body.nextCursor}`, { token: dana });
    expect((second.body.items as Job[])[0]!.id).to.equal(full.jobs[50]!.id);

    // Filtered paging too.
    const filtered = await allPages(dana, 'cust-1001', 'q=tune-up', 7);
    expect(filtered.jobs.length).to.equal(filtered.total);
    expect(new Set(filtered.jobs.map((j) => j.id)).size).to.equal(filtered.total);
    expect(filtered.jobs.every((j) => /tune-up/i.test(j.summary))).to.equal(true);
  });

  it('refuses a cursor from another search, a forged cursor and bad parameters with VALIDATION', async () => {
    const state = await backend.inspect();
    addSyntheticJobs(state, { customerId: 'cust-1001', count: 20, now: clock.now() });
    await backend.restore(state);
    const first = await api('GET', '/customers/cust-1001/jobs?limit=5', { token: dana });
    const cursor = first.body.nextCursor as string;
    expect(cursor).to.be.a('string');
    for (const query of [`q=furnace&cursor=${cursor}`, 'cursor=not-a-cursor', 'limit=0', 'limit=500', 'limit=ten', 'year=26', `q=${'x'.repeat(201)}`]) {
      const { status, body } = await api('GET', `/customers/cust-1001/jobs?${query}`, { token: dana });
      expect(status, query).to.equal(400);
      expect(body.error.code).to.equal('VALIDATION');
      expect(body.error.details.field).to.be.oneOf(['cursor', 'limit', 'year', 'q']);
    }
  });

  it("answers 404 for another customer's jobs and 401 without a session", async () => {
    const other = await api('GET', '/customers/cust-1003/jobs', { token: dana });
    expect(other.status).to.equal(404);
    const anonymous = await api('GET', '/customers/cust-1001/jobs');
    expect(anonymous.status).to.equal(401);
  });

  it('shows a nonBilling contact only the jobs at locations they may see, without invoices', async () => {
    const sam = (await signUpConfirmed('sam.ortiz@example.com', 'a quiet house on birch court')).token;
    const { body } = await api('GET', '/customers/cust-1003/jobs', { token: sam });
    const jobs = body.items as Job[];
    expect(jobs.length).to.be.greaterThan(0);
    expect(jobs.every((j) => j.location.id === 'loc-3')).to.equal(true);
    expect(jobs.every((j) => j.invoice === null)).to.equal(true);
    // Invoices held back only by his location access are said to be with the account holder; one the
    // contractor does not show online at all (10601: an excluded business unit) is not mentioned.
    const backendState = await backend.inspect();
    const byNumber = (invoiceNumber: string) => {
      const invoice = backendState.invoices.find((i) => i.number === invoiceNumber)!;
      return jobs.find((j) => j.id === invoice.job?.id);
    };
    expect(byNumber('10602')?.invoiceWithAccountHolder).to.equal(true);
    expect(byNumber('10606')?.invoiceWithAccountHolder).to.equal(true);
    expect(byNumber('10601'), 'the job of the excluded invoice is listed').to.exist;
    expect(byNumber('10601')!.invoiceWithAccountHolder).to.equal(undefined);
    const withoutInvoice = backendState.jobs.find((j) => j.location.id === 'loc-3' && j.status === 'Completed' && !j.invoice);
    if (withoutInvoice) expect(jobs.find((j) => j.id === withoutInvoice.id)?.invoiceWithAccountHolder).to.equal(undefined);
    // The billing holder sees the invoices themselves and no such flag.
    const priya = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
    const own = (await api('GET', '/customers/cust-1003/jobs', { token: priya })).body.items as Job[];
    expect(own.some((j) => j.invoice !== null)).to.equal(true);
    expect(own.every((j) => j.invoiceWithAccountHolder === undefined)).to.equal(true);
    expect((await getPdf('/customers/cust-1003/invoices/inv-10602/pdf', sam)).status).to.equal(404);
    const statement = await getPdf('/customers/cust-1003/statement/pdf', sam);
    expect(statement.status).to.equal(403);
    expect(statement.json().error.code).to.equal('FORBIDDEN');
  });

  it('finds a job by its invoice number only when the caller may see the invoice: a hidden number is never found digit by digit', async () => {
    const search = async (token: string, customerId: string, q: string) =>
      ((await api('GET', `/customers/${customerId}/jobs?q=${encodeURIComponent(q)}`, { token })).body.items as Job[]).map((job) => job.number);
    const sam = (await signUpConfirmed('sam.ortiz@example.com', 'a quiet house on birch court')).token;
    const priya = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
    const { jobs } = await backend.inspect();
    const jobOf = (invoiceNumber: string) => jobs.find((job) => job.invoice?.number === invoiceNumber)!.number;
    // 10602: held back from Sam by his location access; 10601: an excluded business unit's, hidden from everyone.
    for (const hidden of ['10602', '1060', '10601']) expect(await search(sam, 'cust-1003', hidden), hidden).to.deep.equal([]);
    expect(await search(priya, 'cust-1003', '10602')).to.deep.equal([jobOf('10602')]);
    expect(await search(priya, 'cust-1003', '10601')).to.deep.equal([]);
    // Dana's own invoice, with another word of the job's: every word must match, each in either place.
    const danaJob = jobs.find((job) => job.invoice?.number === '10412')!;
    expect(await search(dana, 'cust-1001', `10412 ${danaJob.number}`)).to.deep.equal([danaJob.number]);
  });

  it('writes the search text of a database made before again, without the invoice numbers it held', async () => {
    const database = await testDatabase();
    try {
      await migrateUpTo(database, '0012-link-pages-by-language');
      await database.db.updateTable('jobs').set({ search_text: sql<string>`search_text || ' 10602'` }).execute();
      await migrateUpTo(database);
      const texts = await database.db.selectFrom('jobs').select('search_text').execute();
      expect(texts.length).to.be.greaterThan(0);
      expect(texts.filter((row) => row.search_text.includes('10602'))).to.deep.equal([]);
    } finally {
      await migrateUpTo(database);
    }
  });
});

describe('reference backend: invoice PDF', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('is a real PDF named for the invoice, with its number, lines and totals in the text', async () => {
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', dana);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('Content-Type')).to.equal('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).to.equal('attachment; filename="Northwind-Heating-Air-invoice-10412.pdf"');
    expect(isPdf(pdf.bytes)).to.equal(true);
    const read = await readPdf(pdf.bytes);
    expect(read.pageCount).to.equal(1);
    expect(read.title).to.equal('Invoice 10412');
    expect(read.text).to.contain('Invoice 10412');
    expect(read.text).to.contain('Dana Whitfield');
    expect(read.text).to.contain('Hot surface igniter');
    // 89.00 + 89.00 + 115.00 = 293.00; tax 7.25% = 21.24; total 314.24, unpaid.
    expect(read.text).to.contain('$293.00');
    expect(read.text).to.contain('$21.24');
    expect(read.text).to.match(/Total \$314\.24/);
    expect(read.text).to.match(/Balance due \$314\.24/);
  });

  it('shows payments applied and the remaining balance', async () => {
    const read = await readPdf((await getPdf('/customers/cust-1001/invoices/inv-10377/pdf', dana)).bytes);
    expect(read.text).to.contain('-$300.00');
    expect(read.text).to.match(/Balance due \$528\.51/);
  });

  it("refuses another customer's invoice, under either customer's path, with 404", async () => {
    expect((await getPdf('/customers/cust-1001/invoices/inv-10602/pdf', dana)).status).to.equal(404);
    expect((await getPdf('/customers/cust-1003/invoices/inv-10602/pdf', dana)).status).to.equal(404);
    expect((await getPdf('/customers/cust-1001/invoices/inv-nope/pdf', dana)).status).to.equal(404);
    expect((await getPdf('/customers/cust-1001/invoices/inv-10412/pdf')).status).to.equal(401);
  });

  it('refuses an invoice hidden by an excluded business unit or the review filter', async () => {
    const priya = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
    expect((await getPdf('/customers/cust-1003/invoices/inv-10602/pdf', priya)).status).to.equal(200);
    // 10601 is Commercial HVAC (excluded); 10604 was rejected in review.
    expect((await getPdf('/customers/cust-1003/invoices/inv-10601/pdf', priya)).status).to.equal(404);
    expect((await getPdf('/customers/cust-1003/invoices/inv-10604/pdf', priya)).status).to.equal(404);
  });

  it('draws characters the standard fonts lack as "?" instead of failing', async () => {
    const state = await backend.inspect();
    state.customers.find((c) => c.id === 'cust-1001')!.name = 'Dana Whitfield 🏠 北';
    await backend.restore(state);
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', dana);
    expect(pdf.status).to.equal(200);
    expect((await readPdf(pdf.bytes)).text).to.contain('Dana Whitfield ? ?');
  });
});

describe('reference backend: statement PDF', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it("ages the seeded open invoices into 0–30, 31–60, 61–90 and 90+ and totals them, dated today in the contractor's zone", async () => {
    const pdf = await getPdf('/customers/cust-1001/statement/pdf', dana);
    expect(pdf.status).to.equal(200);
    const state = await backend.inspect();
    const today = contractorToday(state.settings.timeZone, clock.now());
    expect(pdf.headers.get('Content-Disposition')).to.equal(`attachment; filename="Northwind-Heating-Air-statement-${today}.pdf"`);
    expect(isPdf(pdf.bytes)).to.equal(true);
    const read = await readPdf(pdf.bytes);
    // Open and visible: 10518 (10 days, $229.52), 10412 (45 days, $314.24), 10377 (95 days, $528.51).
    // Hidden by the settings (10533 pending, 10540 on hold, 10544 pending approval) are left out.
    for (const number of ['10518', '10412', '10377']) expect(read.text).to.contain(number);
    for (const number of ['10533', '10540', '10544', '10231']) expect(read.text).not.to.contain(number);
    const aging = /Over 90 days Total due (\S+) (\S+) (\S+) (\S+) (\S+)/.exec(read.text);
    expect(aging, read.text).to.not.equal(null);
    expect(aging!.slice(1)).to.deep.equal(['$229.52', '$314.24', '$0.00', '$528.51', '$1,072.27']);
  });

  it('puts invoices on the right side of every bucket boundary', async () => {
    const state = await backend.inspect();
    const today = contractorToday(state.settings.timeZone, clock.now());
    const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const open = state.invoices.filter((i) => ['inv-10518', 'inv-10412', 'inv-10377'].includes(i.id));
    // Balances 229.52, 314.24, 528.51 at 30, 31 and 91 days.
    open[0]!.invoiceDate = daysAgo(91); // 10377
    open[1]!.invoiceDate = daysAgo(31); // 10412
    open[2]!.invoiceDate = daysAgo(30); // 10518
    await backend.restore(state);
    let read = await readPdf((await getPdf('/customers/cust-1001/statement/pdf', dana)).bytes);
    let aging = /Over 90 days Total due (\S+) (\S+) (\S+) (\S+) (\S+)/.exec(read.text)!;
    expect(aging.slice(1)).to.deep.equal(['$229.52', '$314.24', '$0.00', '$528.51', '$1,072.27']);

    open[0]!.invoiceDate = daysAgo(90);
    open[1]!.invoiceDate = daysAgo(61);
    open[2]!.invoiceDate = daysAgo(60);
    await backend.restore(state);
    read = await readPdf((await getPdf('/customers/cust-1001/statement/pdf', dana)).bytes);
    aging = /Over 90 days Total due (\S+) (\S+) (\S+) (\S+) (\S+)/.exec(read.text)!;
    expect(aging.slice(1)).to.deep.equal(['$0.00', '$229.52', '$842.75', '$0.00', '$1,072.27']);
  });

  it('moves invoices to older buckets as time passes', async () => {
    clock.advance(60 * 86_400_000);
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const read = await readPdf((await getPdf('/customers/cust-1001/statement/pdf', dana)).bytes);
    const aging = /Over 90 days Total due (\S+) (\S+) (\S+) (\S+) (\S+)/.exec(read.text)!;
    // 10518 now ~70 days, 10412 ~105, 10377 ~155.
    expect(aging.slice(1)).to.deep.equal(['$0.00', '$0.00', '$229.52', '$842.75', '$1,072.27']);
  });

  it('says so when nothing is open', async () => {
    const elena = await signUpConfirmed('elena.kowalski@example.com', 'a quiet house on birch court');
    const read = await readPdf((await getPdf('/customers/cust-1005/statement/pdf', elena.token)).bytes);
    expect(read.text).to.contain('You have no open invoices');
  });

  it("refuses another customer's statement with 404", async () => {
    expect((await getPdf('/customers/cust-1003/statement/pdf', dana)).status).to.equal(404);
  });
});

describe('reference backend: a PDF file name starts with the company name', () => {
  it('keeps every word, folds accents, and drops what a file name cannot carry', () => {
    expect(filePrefix('Northwind Heating & Air')).to.equal('Northwind-Heating-Air');
    expect(filePrefix('The Plumbing Co.')).to.equal('The-Plumbing-Co');
    expect(filePrefix('Calefacción Núñez')).to.equal('Calefaccion-Nunez');
    expect(filePrefix('Łódź Serwis Klimatyzacji')).to.equal('Lodz-Serwis-Klimatyzacji');
    expect(filePrefix('Điện Lạnh Nguyễn')).to.equal('Dien-Lanh-Nguyen');
    expect(filePrefix('Straße & Søn')).to.equal('Strasse-Son');
    expect(filePrefix('  "A/C" <Pros>  ')).to.equal('A-C-Pros');
  });

  it('cuts a long name at a word within 40 characters, and names an empty one', () => {
    expect(filePrefix('Greater Metropolitan Area Heating Cooling and Plumbing Services')).to.equal('Greater-Metropolitan-Area-Heating');
    expect(filePrefix('Supercalifragilisticexpialidociousheatingandcooling')).to.have.length(40);
    expect(filePrefix('')).to.equal('Portal');
    expect(filePrefix('日本')).to.equal('Portal');
  });
});
