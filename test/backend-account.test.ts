/** The reference backend's memberships, equipment and visits rules, called as a stranger would: over HTTP. */
import { expect } from 'chai';
import { requireBillingAccount } from '../backend/rules/identity.js';
import { api, backend, clock, signInAs, signUpConfirmed, startTestBackend } from './helpers/backend.js';
import { changeSettings, samSession } from './helpers/account.js';
import { DANA, PRIYA } from './helpers/people.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { DEMO_OFFICE_KEY } from '../backend/index.js';

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const dana = () => signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
const priya = () => signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);

describe('reference backend: memberships', () => {
  beforeEach(() => startTestBackend());

  it('returns only the statuses the contractor shows online', async () => {
    const token = await dana();
    const { status, body } = await api('GET', '/customers/cust-1001/memberships', { token });
    expect(status).to.equal(200);
    // Seed settings show Active and Suspended: mem-2 (Expired) stays in the office.
    expect(ids(body as any)).to.deep.equal(['mem-1']);
    await changeSettings({ membershipStatuses: ['Active', 'Expired'] });
    expect(ids((await api('GET', '/customers/cust-1001/memberships', { token })).body as any)).to.deep.equal(['mem-1', 'mem-2']);
    await changeSettings({ membershipStatuses: ['Expired'] });
    expect(ids((await api('GET', '/customers/cust-1001/memberships', { token })).body as any)).to.deep.equal(['mem-2']);
  });

  it('is refused with FEATURE_DISABLED when the contractor hides memberships', async () => {
    const token = await dana();
    await changeSettings({ membershipsVisible: false });
    const { status, body } = await api('GET', '/customers/cust-1001/memberships', { token });
    expect(status).to.equal(403);
    expect(body.error.code).to.equal('FEATURE_DISABLED');
    expect(body.error.message).to.contain('(555) 010-4477');
  });

  it('answers every field of the model', async () => {
    const { body } = await api('GET', '/customers/cust-1001/memberships', { token: await dana() });
    const [m] = body as any[];
    expect(m.plan.name).to.equal('Comfort Club Gold');
    expect(m.recurringVisits).to.deep.equal({ included: 2, used: 1 });
    expect(m.benefits).to.have.length(3);
    expect(m.nextVisitOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('reference backend: location access', () => {
  beforeEach(() => startTestBackend());

  it('gives a billing contact every location of the account', async () => {
    const token = await priya();
    expect(ids((await api('GET', '/customers/cust-1003/memberships', { token })).body as any)).to.deep.equal(['mem-3', 'mem-4']);
    expect(ids((await api('GET', '/customers/cust-1003/equipment', { token })).body as any)).to.deep.equal(['eq-4', 'eq-5']);
    const visits = (await api('GET', '/customers/cust-1003/visits', { token })).body;
    expect(ids(visits.upcoming)).to.deep.equal(['job-u2', 'job-u3']);
  });

  it('gives a nonBilling contact visits, equipment and memberships at his location only, and no invoices', async () => {
    const { token, accounts } = await samSession();
    expect(accounts).to.deep.equal([
      {
        customerId: 'cust-1003',
        name: 'Harbor Point Properties LLC',
        locations: [
          { locationId: 'loc-3', name: 'Harbor Point Apartments', access: 'nonBilling' },
          { locationId: 'loc-4', name: 'Harbor Point Leasing Office', access: 'none' },
        ],
      },
    ]);
    const memberships = await api('GET', '/customers/cust-1003/memberships', { token });
    expect(memberships.status).to.equal(200);
    expect(ids(memberships.body as any)).to.deep.equal(['mem-3']);
    const equipment = await api('GET', '/customers/cust-1003/equipment', { token });
    expect(ids(equipment.body as any)).to.deep.equal(['eq-4']);
    const visits = (await api('GET', '/customers/cust-1003/visits', { token })).body;
    expect(ids(visits.upcoming)).to.deep.equal(['job-u2']);
    const locations = new Set([...visits.upcoming, ...visits.recent].map((j: any) => j.location.id));
    expect([...locations]).to.deep.equal(['loc-3']);
    // No invoice links leak through the jobs either.
    expect(visits.recent.every((j: any) => j.invoice === null)).to.equal(true);

    const invoices = await api('GET', '/customers/cust-1003/invoices?status=open', { token });
    expect(invoices.status).to.equal(403);
    expect(invoices.body.error.code).to.equal('FORBIDDEN');
  });

  it('shows a nonBilling contact no estimate at his location: prices, answers and signature records are billing documents', async () => {
    const office = { 'X-Porchlight-Office-Key': DEMO_OFFICE_KEY };
    const made = await api('POST', '/office/estimates', {
      headers: office,
      body: {
        customerId: 'cust-1003', locationId: 'loc-3', name: 'Boiler room repiping', validUntil: '2099-01-31',
        options: [{ name: 'Copper', items: [{ description: 'Repipe, installed', quantity: 1, unitPrice: 1_200_000 }] }],
        terms: { version: '1', text: 'Terms.' },
      },
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const id = made.body.id as string;
    const listed = await api('GET', '/customers/cust-1003/estimates', { token: await priya() });
    expect(ids(listed.body as any)).to.include(id);
    const { token } = await samSession();
    const list = await api('GET', '/customers/cust-1003/estimates', { token });
    expect([list.status, list.body]).to.deep.equal([200, []]);
    for (const path of [`/customers/cust-1003/estimates/${id}`, `/customers/cust-1003/estimates/${id}/pdf`]) {
      expect((await api('GET', path, { token })).status, path).to.equal(404);
    }
    const decline = await api('POST', `/customers/cust-1003/estimates/${id}/decline`, { token, body: { reason: 'Too much.' } });
    expect(decline.status).to.equal(404);
  });

  it('keeps requireBillingAccount refusing a caller with no billing location', async () => {
    const { token } = await samSession();
    const request = new Request('http://x/api/customers/cust-1003/invoices', { headers: { Authorization: `Bearer ${token}` } });
    const context = {
      db: backend.database.db,
      now: clock.now(),
      config: backend.config,
      request,
      url: new URL(request.url),
      params: { customerId: 'cust-1003' },
    };
    let refused: any;
    await requireBillingAccount(context as any).catch((e) => (refused = e));
    expect(refused?.status).to.equal(403);
    expect(refused?.code).to.equal('FORBIDDEN');
  });

  for (const area of ['memberships', 'equipment', 'visits']) {
    it(`answers 404 for another customer's ${area}, the same as an unknown id`, async () => {
      const token = await dana();
      const other = await api('GET', `/customers/cust-1003/${area}`, { token });
      const unknown = await api('GET', `/customers/cust-9999/${area}`, { token });
      expect(other.status).to.equal(404);
      expect(other.body).to.deep.equal(unknown.body);
      expect(JSON.stringify(other.body)).not.to.contain('Harbor');
    });

    it(`answers 401 for ${area} without a session`, async () => {
      const { status, body } = await api('GET', `/customers/cust-1001/${area}`);
      expect(status).to.equal(401);
      expect(body.error.code).to.equal('SESSION_EXPIRED');
    });
  }

  it('answers for each of a sign-in’s several accounts', async () => {
    const token = await priya();
    const home = (await api('GET', '/customers/cust-1004/equipment', { token })).body as any[];
    expect(ids(home)).to.deep.equal(['eq-6']);
    const visits = (await api('GET', '/customers/cust-1004/visits', { token })).body;
    expect(ids(visits.upcoming)).to.deep.equal(['job-u4']);
  });
});

describe('reference backend: equipment', () => {
  beforeEach(() => startTestBackend());

  it('takes "last serviced" from the completed jobs that worked on that piece, not any job at the location', async () => {
    const state = await backend.inspect();
    const completedOn = (jobId: string) => state.jobs.find((j) => j.id === jobId)!.completedOn;
    const { body } = await api('GET', '/customers/cust-1001/equipment', { token: await dana() });
    const serviced = (id: string) => (body as any[]).find((e) => e.id === id).lastServicedOn;
    // The furnace: the igniter repair (job 10412), newer than the blower motor (10377). The water
    // heater: its flush (10518). The thermostat job three days ago (10533) serviced neither.
    expect(serviced('eq-1')).to.equal(completedOn('job-10412'));
    expect(serviced('eq-3')).to.equal(completedOn('job-10518'));
    const thermostat = completedOn('job-10533');
    expect((body as any[]).map((e) => e.lastServicedOn)).not.to.include(thermostat);
  });

  it('keeps a recorded "last serviced" date when it is newer than any completed job, not when older', async () => {
    const state = await backend.inspect();
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    state.equipment.find((e) => e.id === 'eq-2')!.lastServicedOn = future;
    state.equipment.find((e) => e.id === 'eq-3')!.lastServicedOn = '2021-06-01';
    await backend.restore(state);
    const { body } = await api('GET', '/customers/cust-1001/equipment', { token: await dana() });
    expect((body as any[]).find((e) => e.id === 'eq-2').lastServicedOn).to.equal(future);
    expect((body as any[]).find((e) => e.id === 'eq-3').lastServicedOn).to.not.equal('2021-06-01');
  });

  it('leaves "last serviced" empty where no job worked on the piece and none is on record', async () => {
    const state = await backend.inspect();
    for (const job of state.jobs) job.equipmentIds = (job.equipmentIds ?? []).filter((id) => id !== 'eq-6');
    await backend.restore(state);
    const { body } = await api('GET', '/customers/cust-1004/equipment', { token: await priya() });
    expect((body as any[])[0].lastServicedOn).to.equal(null);
  });
});

describe('reference backend: visits', () => {
  beforeEach(() => startTestBackend());

  it('lists upcoming scheduled visits soonest first, and recent completed ones newest first within a year', async () => {
    const { status, body } = await api('GET', '/customers/cust-1001/visits', { token: await dana() });
    expect(status).to.equal(200);
    expect(ids(body.upcoming)).to.deep.equal(['job-u1']);
    const recent = body.recent as any[];
    const dates = recent.map((j) => j.completedOn);
    expect(dates).to.deep.equal([...dates].sort().reverse());
    expect(recent.every((j) => j.status === 'Completed')).to.equal(true);
    // The spring tune-up 400 days ago is past the one-year window.
    expect(recent.map((j) => j.id)).not.to.include('job-10231');
    expect(recent).to.have.length(6);
  });

  it('drops a visit from "upcoming" once its appointment is over', async () => {
    clock.advance(6 * 86_400_000);
    const token = await dana();
    const { body } = await api('GET', '/customers/cust-1001/visits', { token });
    expect(body.upcoming).to.deep.equal([]);
  });

  it('leaves out canceled jobs and canceled appointments', async () => {
    const state = await backend.inspect();
    state.jobs.find((j) => j.id === 'job-u1')!.appointments[0]!.status = 'Canceled';
    await backend.restore(state);
    const { body } = await api('GET', '/customers/cust-1001/visits', { token: await dana() });
    expect(body.upcoming).to.deep.equal([]);
    const marcus = await signUpConfirmed('marcus.reyes@example.com', 'a quiet house on birch court');
    const visits = (await api('GET', '/customers/cust-1002/visits', { token: marcus.token })).body;
    expect([...visits.upcoming, ...visits.recent].map((j: any) => j.id)).not.to.include('job-c1');
  });
});
