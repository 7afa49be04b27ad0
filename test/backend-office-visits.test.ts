/**
 * The office's list of visits (`GET /office/appointments`): by arrival window, between two days of the
 * contractor's calendar, a page at a time, with where each visit stands now.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../backend/index.js';
import { migrateUpTo } from '../backend/schema/migrate.js';
import { api, backend, clock, ORIGIN, startTestBackend, testDatabase } from './helpers/backend.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
const list = (query = '') => api('GET', `/office/appointments${query}`, { headers: office });
const refusal = (answer: { status: number; body: Record<string, any> }) => [answer.status, answer.body.error?.code, answer.body.error?.details?.field];
const dayIn = (timeZone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

describe('reference backend: the office’s list of visits', () => {
  beforeEach(() => startTestBackend());

  it('lists the next four weeks’ visits by arrival window, with customer, location, technician and status', async () => {
    const answer = await list();
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const { timeZone } = (await api('GET', '/settings')).body;
    expect(answer.body.from).to.equal(dayIn(timeZone, clock.now()));
    expect(answer.body.timeZone).to.equal(timeZone);
    expect(answer.body.items.map((v: { appointmentId: string }) => v.appointmentId)).to.deep.equal(['appt-job-u2', 'appt-job-u1', 'appt-job-u3', 'appt-job-u4']);
    expect(answer.body.items[1]).to.deep.include({
      jobId: 'job-u1',
      summary: 'Fall furnace tune-up (Comfort Club visit)',
      customer: { id: 'cust-1001', name: 'Dana Whitfield' },
      status: 'Scheduled',
    });
    expect(answer.body.items[1].location.id).to.equal('loc-1');
    expect(answer.body.items[1].technician).to.have.keys(['id', 'name']);
    expect(answer.body.nextCursor).to.equal(null);
  });

  it('says where each visit stands now: moved along, or canceled', async () => {
    await api('PUT', '/office/appointments/appt-job-u1/status', { headers: office, body: { status: 'OnTheWay' } });
    await api('PUT', '/office/appointments/appt-job-u3/status', { headers: office, body: { status: 'Canceled' } });
    const statuses = Object.fromEntries((await list()).body.items.map((v: { appointmentId: string; status: string }) => [v.appointmentId, v.status]));
    expect(statuses).to.deep.equal({ 'appt-job-u2': 'Scheduled', 'appt-job-u1': 'OnTheWay', 'appt-job-u3': 'Canceled', 'appt-job-u4': 'Scheduled' });
  });

  it('reads a job the system canceled as the customer’s link does: the visit canceled, though its row still says Scheduled', async () => {
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'visit', documentId: 'appt-job-u4', pageUrl: `${ORIGIN}/page` } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const token = new URL(sent.body.url as string).hash.replace('#porchlight-link=', '');
    await backend.database.db.updateTable('jobs').set({ status: 'Canceled' }).where('id', '=', 'job-u4').execute();
    const listed = (await list()).body.items.find((v: { appointmentId: string }) => v.appointmentId === 'appt-job-u4');
    const followed = await api('GET', '/links/visits/appt-job-u4', { headers: { 'X-Porchlight-Link': token } });
    expect([listed.status, followed.body.visit?.status]).to.deep.equal(['Canceled', 'Canceled']);
  });

  it('takes the days asked for, and pages without skipping or repeating a visit', async () => {
    const { timeZone } = (await api('GET', '/settings')).body;
    const past = dayIn(timeZone, new Date(clock.now().getTime() - 360 * 86_400_000));
    const today = dayIn(timeZone, clock.now());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await list(`?from=${past}&to=${today}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      seen.push(...answer.body.items.map((v: { appointmentId: string }) => v.appointmentId));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    const all = await backend.database.db.selectFrom('appointments').select(['id', 'window_start']).execute();
    const expected = all
      .filter((a) => dayIn(timeZone, new Date(a.window_start)) >= past && dayIn(timeZone, new Date(a.window_start)) <= today)
      .sort((a, b) => a.window_start.localeCompare(b.window_start) || a.id.localeCompare(b.id))
      .map((a) => a.id);
    expect(expected.length).to.be.greaterThan(3);
    expect(seen).to.deep.equal(expected);
    expect(pages).to.equal(Math.ceil(expected.length / 3) + (expected.length % 3 === 0 ? 1 : 0));
  });

  it('cuts days where the clocks skip midnight: a visit at 23:30 the night before belongs to that night’s day', async () => {
    const settings = (await api('GET', '/office/settings', { headers: office })).body;
    expect((await api('PUT', '/office/settings', { headers: office, body: { ...settings, timeZone: 'America/Santiago' } })).status).to.equal(200);
    // Santiago moves from 00:00 to 01:00 on 2026-09-06: 03:30Z is 23:30 on the 5th there.
    await backend.database.db.updateTable('appointments').set({ window_start: '2026-09-06T03:30:00.000Z', window_end: '2026-09-06T05:00:00.000Z' }).where('id', '=', 'appt-job-u1').execute();
    const on = async (day: string) => (await list(`?from=${day}&to=${day}`)).body.items.map((v: { appointmentId: string }) => v.appointmentId);
    expect(await on('2026-09-05')).to.deep.equal(['appt-job-u1']);
    expect(await on('2026-09-06')).to.deep.equal([]);
  });

  it('pages through visits that start at the same moment, each once', async () => {
    await backend.database.db.updateTable('appointments').set({ window_start: '2030-03-04T15:00:00.000Z' }).where('id', 'in', ['appt-job-u1', 'appt-job-u2', 'appt-job-u3']).execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await list(`?from=2030-03-04&to=2030-03-04&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...answer.body.items.map((v: { appointmentId: string }) => v.appointmentId));
      cursor = answer.body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).to.deep.equal(['appt-job-u1', 'appt-job-u2', 'appt-job-u3']);
  });

  it('refuses days it cannot read, a span over a year, a page link from other days, and a request without the office key', async () => {
    expect(refusal(await list('?from=2026-13-01'))).to.deep.equal([400, 'VALIDATION', 'from']);
    expect(refusal(await list('?from=2026-12-01&to=2026-11-30'))).to.deep.equal([400, 'VALIDATION', 'to']);
    expect(refusal(await list('?from=2026-01-01&to=2027-06-01'))).to.deep.equal([400, 'VALIDATION', 'to']);
    // At most 366 days, both included.
    expect((await list('?from=2026-01-01&to=2027-01-01')).status).to.equal(200);
    expect(refusal(await list('?from=2026-01-01&to=2027-01-02'))).to.deep.equal([400, 'VALIDATION', 'to']);
    expect(refusal(await list('?limit=0'))).to.deep.equal([400, 'VALIDATION', 'limit']);
    const first = await list('?limit=1');
    expect(first.body.nextCursor).to.be.a('string');
    expect(refusal(await list(`?from=2026-01-01&cursor=${encodeURIComponent(first.body.nextCursor)}`))).to.deep.equal([400, 'VALIDATION', 'cursor']);
    expect((await api('GET', '/office/appointments')).status).to.equal(403);
  });

  it('keeps every instant in UTC, so the list’s order is time order: an import’s offsets, and rows stored with them before', async () => {
    const database = await testDatabase();
    try {
      await migrateUpTo(database, '0009-outbox-delivered');
      // 08:00 in Chicago is 14:00Z: as text, "…T08:00:00-06:00" sorts before a visit at 10:00Z, though it is later.
      await database.db.updateTable('appointments').set({ window_start: '2030-01-10T08:00:00-06:00', window_end: '2030-01-10T10:00:00-06:00', start_at: '2030-01-10T08:00:00-06:00', end_at: '2030-01-10T11:00:00-06:00' }).where('id', '=', 'appt-job-u1').execute();
      await database.db.updateTable('appointments').set({ window_start: '2030-01-10T10:00:00.000Z', window_end: '2030-01-10T12:00:00.000Z' }).where('id', '=', 'appt-job-u2').execute();
      // Values no instant can be read from are left as they are: the server still starts.
      await database.db.updateTable('appointments').set({ start_at: 'not a time', end_at: '2030-01-10T10:00:00' }).where('id', '=', 'appt-job-u3').execute();
      await migrateUpTo(database);
      const odd = await database.db.selectFrom('appointments').select(['start_at', 'end_at']).where('id', '=', 'appt-job-u3').executeTakeFirstOrThrow();
      expect(odd).to.deep.equal({ start_at: 'not a time', end_at: '2030-01-10T10:00:00' });
      const moved = await database.db.selectFrom('appointments').selectAll().where('id', '=', 'appt-job-u1').executeTakeFirstOrThrow();
      expect([moved.window_start, moved.window_end, moved.start_at, moved.end_at]).to.deep.equal(['2030-01-10T14:00:00.000Z', '2030-01-10T16:00:00.000Z', '2030-01-10T14:00:00.000Z', '2030-01-10T17:00:00.000Z']);
      const ids = (await list('?from=2030-01-10&to=2030-01-10')).body.items.map((v: { appointmentId: string }) => v.appointmentId);
      expect(ids).to.deep.equal(['appt-job-u2', 'appt-job-u1']);
    } finally {
      await migrateUpTo(database);
    }
  });
});
