/**
 * Appointment requests and the office's review queue (docs/contract/scheduling.md), on every engine.
 * The clock stands at Tuesday, November 17, 2026, 2 p.m. in Chicago (the contractor's zone).
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, ReferenceBackend, SEEDED_PASSWORDS, type PortalDatabase } from '../backend/index.js';
import { changeSettings, samSession } from './helpers/account.js';
import { api, backend, backendFetch, clock, lastMailTo, ORIGIN, signInAs, signUpConfirmed, startTestBackend, testDatabase } from './helpers/backend.js';
import { DANA, MARCUS, PRIYA } from './helpers/people.js';
import { REQUESTS_PER_CONTACT_PER_DAY } from '../backend/rules/scheduling.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
/** Tuesday, November 17, 2026, 20:00 UTC: 2 p.m. in Chicago. */
const SCHEDULING_NOW = Date.parse('2026-11-17T20:00:00Z');

/** Four bytes of JPEG signature and a few more: what the backend checks is the type and the size. */
const jpeg = btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1));

function publicRequest(change: Record<string, unknown> = {}) {
  return {
    address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
    contact: { name: 'Jordan Avery', email: 'jordan@example.com', phone: '(555) 012-3456', consentToContact: true, consentToTexts: false },
    serviceId: 'svc-heating',
    description: 'The furnace clicks but never lights.',
    preferredDays: [
      { date: '2026-11-18', windowId: 'morning' },
      { date: '2026-11-20', windowId: 'afternoon' },
    ],
    photos: [{ name: 'furnace.jpg', type: 'image/jpeg', data: jpeg }],
    website: '',
    ...change,
  };
}

let keys = 0;
function send(body: unknown, options: { key?: string; token?: string } = {}) {
  return api('POST', '/scheduling/requests', { body, token: options.token, headers: { 'Idempotency-Key': options.key ?? `test-request-${++keys}` } });
}

async function queue(status?: string) {
  const answer = await api('GET', `/office/booking-requests${status ? `?status=${status}` : ''}`, { headers: office });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return answer.body.items as Record<string, any>[];
}

async function putScheduling(change: Record<string, unknown>) {
  const current = (await api('GET', '/office/scheduling', { headers: office })).body;
  return api('PUT', '/office/scheduling', { headers: office, body: { ...current, ...change } });
}

describe('reference backend: appointment requests', () => {
  beforeEach(async () => {
    await startTestBackend();
    clock.offsetMs = SCHEDULING_NOW - Date.now();
  });

  describe('configuration and open days', () => {
    it('gives anyone the services, service area, windows and rules, in the contractor’s zone', async () => {
      const { status, body } = await api('GET', '/scheduling/config');
      expect(status).to.equal(200);
      expect(body.timeZone).to.equal('America/Chicago');
      expect(body.services.map((s: any) => s.id)).to.deep.equal(['svc-heating', 'svc-cooling', 'svc-tuneup', 'svc-plumbing']);
      expect(body.serviceArea.postalCodes).to.include('627');
      expect(body.arrivalWindows.sat).to.deep.equal([{ id: 'sat-morning', start: '09:00', end: '12:00' }]);
      expect(body.leadTimeDays).to.equal(1);
    });

    it('answers every day of the range with its windows, or why not, counted from today in Chicago', async () => {
      await putScheduling({ blackoutDates: ['2026-11-26'] });
      const { status, body } = await api('GET', '/scheduling/availability');
      expect(status).to.equal(200);
      expect([body.today, body.from, body.to]).to.deep.equal(['2026-11-17', '2026-11-17', '2026-12-17']);
      expect(body.days).to.have.length(31);
      const day = (date: string) => body.days.find((d: any) => d.date === date);
      expect(day('2026-11-17')).to.deep.equal({ date: '2026-11-17', available: false, reason: 'leadTime' });
      expect(day('2026-11-18').windows.map((w: any) => w.id)).to.deep.equal(['morning', 'afternoon']);
      expect(day('2026-11-22')).to.deep.equal({ date: '2026-11-22', available: false, reason: 'closed' });
      expect(day('2026-11-26')).to.deep.equal({ date: '2026-11-26', available: false, reason: 'blackout' });
      const past = await api('GET', '/scheduling/availability?from=2026-11-16&to=2027-01-20');
      expect(past.body.days[0]).to.deep.equal({ date: '2026-11-16', available: false, reason: 'past' });
      expect(past.body.days.at(-1)).to.deep.equal({ date: '2027-01-20', available: false, reason: 'beyondHorizon' });
      for (const query of ['from=2026-11-31', 'from=2026-12-01&to=2026-11-01', 'from=2026-01-01&to=2027-12-31', 'from=0050-01-01&to=0050-01-10']) {
        expect((await api('GET', `/scheduling/availability?${query}`)).status, query).to.equal(400);
      }
      // "from" alone, beyond the horizon: a range from there (every day beyond it), not a refusal of a "to" never sent.
      const later = await api('GET', '/scheduling/availability?from=2027-03-01');
      expect(later.status, JSON.stringify(later.body)).to.equal(200);
      expect([later.body.from, later.body.days[0].reason]).to.deep.equal(['2027-03-01', 'beyondHorizon']);
      // A client a day behind, with a year-long horizon: still no refusal of a "to" it never sent.
      expect((await putScheduling({ horizonDays: 365 })).status).to.equal(200);
      const behind = await api('GET', '/scheduling/availability?from=2026-11-16');
      expect([behind.status, behind.body.from, behind.body.days.length], JSON.stringify(behind.body)).to.deep.equal([200, '2026-11-16', 366]);
    });

    it('is refused when the contractor turns requests off', async () => {
      await changeSettings({ schedulerEnabled: false });
      for (const path of ['/scheduling/config', '/scheduling/availability']) {
        const { status, body } = await api('GET', path);
        expect([status, body.error.code]).to.deep.equal([403, 'FEATURE_DISABLED']);
      }
    });

    it('lists a signed-in customer’s locations with their addresses and the area check; none they cannot see', async () => {
      const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
      const mine = await api('GET', '/customers/cust-1001/service-locations', { token });
      expect(mine.body).to.deep.equal([
        { locationId: 'loc-1', name: 'Home', address: { street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704' }, inServiceArea: true },
      ]);
      expect((await api('GET', '/customers/cust-1003/service-locations', { token })).status).to.equal(404);
      const sam = await samSession();
      const his = await api('GET', '/customers/cust-1003/service-locations', { token: sam.token });
      expect(his.body.map((l: any) => l.locationId)).to.deep.equal(['loc-3']);
    });
  });

  describe('sending a request', () => {
    it('puts an anonymous request in the queue, says "not yet booked", and suggests customers on file', async () => {
      const { status, body } = await send(publicRequest({ contact: { name: 'Marcus R.', email: 'MARCUS.reyes@example.com ', phone: '555 014 2231', consentToContact: true, consentToTexts: true } }));
      expect(status, JSON.stringify(body)).to.equal(201);
      expect(body).to.deep.include({ reference: 'AR-100023', status: 'PendingReview', service: { id: 'svc-heating', name: 'Heating repair' } });
      const [request] = await queue('PendingReview');
      expect(request).to.deep.include({
        reference: 'AR-100023',
        customerId: null,
        locationId: null,
        description: 'The furnace clicks but never lights.',
        address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
        contact: { name: 'Marcus R.', email: 'MARCUS.reyes@example.com', phone: '555 014 2231', consentToContact: true, consentToTexts: true },
        booked: null,
        dismissed: null,
      });
      expect(request!.preferredDays).to.deep.equal([
        { date: '2026-11-18', windowId: 'morning' },
        { date: '2026-11-20', windowId: 'afternoon' },
      ]);
      // Marcus by email; Dana's mobile is (555) 014-2231.
      expect(request!.matches).to.deep.equal([
        { customerId: 'cust-1001', name: 'Dana Whitfield', by: 'phone' },
        { customerId: 'cust-1002', name: 'Marcus Reyes', by: 'email' },
      ]);
      expect(request!.photos).to.have.length(1);
      const photo = await fetchPhoto(request!.photos[0].url);
      expect(photo.type).to.equal('image/jpeg');
      expect([...photo.bytes.slice(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
      const mail = await lastMailTo('MARCUS.reyes@example.com');
      expect(mail?.kind).to.equal('appointment-request-received');
      expect(mail?.subject).to.equal('We received your request AR-100023 — not yet booked');
      expect(mail?.body.replace(/\s/g, ' ')).to.contain('Wednesday, November 18, 2026, 8:00 AM – 12:00 PM');
      expect(await lastMailTo('555 014 2231')).to.deep.include({ kind: 'appointment-request-received-sms' });
    });

    it('makes one request per Idempotency-Key: a retry answers the first, another body with it is refused', async () => {
      const first = await send(publicRequest(), { key: 'retry-after-a-drop' });
      const again = await send(publicRequest(), { key: 'retry-after-a-drop' });
      expect(again.status).to.equal(201);
      expect(again.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(again.body.reference).to.equal(first.body.reference);
      const other = await send(publicRequest({ description: 'Something else' }), { key: 'retry-after-a-drop' });
      expect([other.status, other.body.error.code]).to.deep.equal([409, 'CONFLICT']);
      const both = await Promise.all([send(publicRequest(), { key: 'double-click' }), send(publicRequest(), { key: 'double-click' })]);
      expect(both.map((a) => a.status)).to.deep.equal([201, 201]);
      expect(both[0]!.body.reference).to.equal(both[1]!.body.reference);
      expect(await queue()).to.have.length(2);
    });

    it('refuses a request sent by hand while requests are off, and stores nothing', async () => {
      await changeSettings({ schedulerEnabled: false });
      const { status, body } = await send(publicRequest());
      expect([status, body.error.code]).to.deep.equal([403, 'FEATURE_DISABLED']);
      expect(await queue()).to.have.length(0);
    });

    it('answers a bot that filled the honeypot like anyone, and keeps nothing', async () => {
      const { status, body } = await send(publicRequest({ website: 'http://spam.example' }));
      expect(status).to.equal(201);
      expect(body.reference).to.match(/^AR-\d+$/);
      expect(await queue()).to.have.length(0);
      expect(await lastMailTo('jordan@example.com')).to.equal(undefined);
    });

    const refusals: [string, Record<string, unknown>, number, string, string][] = [
      ['outside the service area', { address: { street: '1 Ocean Ave', city: 'Santa Monica', state: 'CA', zip: '90401' } }, 422, 'OUTSIDE_SERVICE_AREA', 'address.zip'],
      ['no street', { address: { street: ' ', city: 'Springfield', state: 'IL', zip: '62704' } }, 422, 'VALIDATION', 'address.street'],
      ['no contact details', { contact: undefined }, 422, 'VALIDATION', 'contact'],
      ['no way to reach', { contact: { name: 'J', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact'],
      ['a bad email', { contact: { name: 'J', email: 'j@x', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.email'],
      // A list of recipients, or a display name, for a mail tool to read as several addresses.
      ['two addresses', { contact: { name: 'J', email: 'j@x.example,k@y.example', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.email'],
      ['a display name', { contact: { name: 'J', email: 'J <j@x.example>', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.email'],
      // The name is written into the messages sent to the address given: no link of a stranger's in them.
      ['a web address for a name', { contact: { name: 'https://evil.example', email: 'j@x.example', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.name'],
      ['a domain for a name', { contact: { name: 'Win at prizes.com', email: 'j@x.example', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.name'],
      ['a short link for a first name', { contact: { name: 'bit.ly/prize Avery', email: 'j@x.example', consentToContact: true, consentToTexts: false } }, 422, 'VALIDATION', 'contact.name'],
      ['no consent to be contacted', { contact: { name: 'J', email: 'j@example.com', consentToContact: false, consentToTexts: false } }, 422, 'VALIDATION', 'contact.consentToContact'],
      ['texts without a phone', { contact: { name: 'J', email: 'j@example.com', consentToContact: true, consentToTexts: true } }, 422, 'VALIDATION', 'contact.consentToTexts'],
      ['an unknown service', { serviceId: 'svc-roofing' }, 422, 'VALIDATION', 'serviceId'],
      ['an empty description', { description: '   ' }, 422, 'VALIDATION', 'description'],
      ['a Sunday', { preferredDays: [{ date: '2026-11-22', windowId: 'morning' }] }, 409, 'DAY_UNAVAILABLE', 'preferredDays.0.date'],
      ['today (too soon)', { preferredDays: [{ date: '2026-11-17', windowId: 'morning' }] }, 409, 'DAY_UNAVAILABLE', 'preferredDays.0.date'],
      ['a window not offered that day', { preferredDays: [{ date: '2026-11-18', windowId: 'morning' }, { date: '2026-11-21', windowId: 'morning' }] }, 409, 'DAY_UNAVAILABLE', 'preferredDays.1.windowId'],
      ['the same day twice', { preferredDays: [{ date: '2026-11-18', windowId: 'morning' }, { date: '2026-11-18', windowId: 'afternoon' }] }, 422, 'VALIDATION', 'preferredDays'],
      ['a month that does not exist', { preferredDays: [{ date: '2026-13-01', windowId: 'morning' }] }, 400, 'VALIDATION', 'preferredDays.0.date'],
      ['four days', { preferredDays: ['18', '19', '20', '23'].map((d) => ({ date: `2026-11-${d}`, windowId: 'morning' })) }, 400, 'VALIDATION', 'preferredDays'],
      ['a photo that is not what it says', { photos: [{ name: 'x.jpg', type: 'image/jpeg', data: btoa('GIF89a........') }] }, 422, 'VALIDATION', 'photos.0'],
      ['a photo over 1 MB', { photos: [{ name: 'big.jpg', type: 'image/jpeg', data: jpeg.slice(0, 20) + 'A'.repeat(1_400_000) }] }, 422, 'VALIDATION', 'photos.0'],
      ['a GIF', { photos: [{ name: 'x.gif', type: 'image/gif', data: jpeg }] }, 400, 'VALIDATION', 'photos.0.type'],
      ['five photos', { photos: Array.from({ length: 5 }, () => ({ name: 'p.jpg', type: 'image/jpeg', data: jpeg })) }, 400, 'VALIDATION', 'photos'],
    ];
    for (const [what, change, status, code, field] of refusals) {
      it(`refuses ${what}: ${status} ${code} on ${field}`, async () => {
        const answer = await send(publicRequest(change));
        expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field], JSON.stringify(answer.body)).to.deep.equal([status, code, field]);
        expect(await queue()).to.have.length(0);
      });
    }

    it('names a field left out or of the wrong type in the contract’s words, and takes a contact without consentToTexts', async () => {
      const missing = await send(publicRequest({ description: undefined }));
      expect([missing.status, missing.body.error.details.field, missing.body.error.message]).to.deep.equal([400, 'description', '"description" is required.']);
      const number = await send(publicRequest({ description: 5 }));
      expect([number.status, number.body.error.message]).to.deep.equal([400, '"description" must be text.']);
      const notAList = await send(publicRequest({ photos: {} }));
      expect([notAList.status, notAList.body.error.message]).to.deep.equal([400, '"photos" must be a list.']);
      expect(await queue()).to.have.length(0);
      const contact = { name: 'Jo Park', email: 'jo@example.com', consentToContact: true };
      const taken = await send(publicRequest({ contact }));
      expect(taken.status, JSON.stringify(taken.body)).to.equal(201);
      expect((await queue())[0]!.contact.consentToTexts).to.equal(false);
    });

    it('needs a well-formed Idempotency-Key, and refuses a body over 6 MB', async () => {
      const bare = await api('POST', '/scheduling/requests', { body: publicRequest() });
      expect([bare.status, bare.body.error.details.field]).to.deep.equal([400, 'Idempotency-Key']);
      const huge = await send(publicRequest({ description: 'x'.repeat(6_400_000) }));
      expect(huge.status).to.equal(413);
    });

    it('takes a signed-in customer’s request for one of their locations, with the account’s contacts', async () => {
      const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
      const body = { customerId: 'cust-1001', locationId: 'loc-1', serviceId: 'svc-tuneup', description: 'Fall tune-up.', preferredDays: [{ date: '2026-11-21', windowId: 'sat-morning' }], photos: [] };
      const sent = await send(body, { token });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      const [request] = await queue();
      expect(request).to.deep.include({ customerId: 'cust-1001', locationId: 'loc-1', matches: [] });
      expect(request!.contact).to.deep.equal({ name: 'Dana Whitfield', email: DANA, phone: '(555) 014-2231', consentToContact: true, consentToTexts: false });
      expect(request!.address).to.deep.equal({ street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704' });
      // Someone else's location, someone else's account, no session.
      expect((await send({ ...body, locationId: 'loc-3' }, { token })).status).to.equal(404);
      expect((await send({ ...body, customerId: 'cust-1003' }, { token })).status).to.equal(404);
      expect((await send(body)).status).to.equal(401);
      await backend.database.db.updateTable('locations').set({ address: JSON.stringify({ street: '1 Ocean Ave', city: 'Santa Monica', state: 'CA', zip: '90401', country: 'US' }) }).where('id', '=', 'loc-1').execute();
      const outside = await send(body, { token });
      expect([outside.status, outside.body.error.code, outside.body.error.details.field]).to.deep.equal([422, 'OUTSIDE_SERVICE_AREA', 'locationId']);
    });

    it('refuses a sign-in that sees none of the account’s locations: it does not speak for the account', async () => {
      const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
      // Dana's email, on file now only as a contact at her home with no portal access there.
      await backend.database.db.updateTable('contacts').set({ location_id: 'loc-1', portal_access: 'none' }).where('customer_id', '=', 'cust-1001').where('type', '=', 'Email').execute();
      const address = { street: '9 Birch Rd', city: 'Springfield', state: 'IL', zip: '62704' };
      const body = { customerId: 'cust-1001', address, serviceId: 'svc-tuneup', description: 'Fall tune-up.', preferredDays: [{ date: '2026-11-21', windowId: 'sat-morning' }], photos: [] };
      const refused = await send(body, { token });
      expect([refused.status, refused.body.error?.code, refused.body.error?.details?.field], JSON.stringify(refused.body)).to.deep.equal([403, 'FORBIDDEN', 'customerId']);
      expect(await queue()).to.have.length(0);
    });

    it('limits anonymous requests per contact (3 a day) and per client address (10 an hour)', async () => {
      for (let i = 0; i < 3; i++) expect((await send(publicRequest())).status).to.equal(201);
      const fourth = await send(publicRequest());
      expect([fourth.status, fourth.body.error.code]).to.deep.equal([429, 'RATE_LIMITED']);
      expect(fourth.body.error.details.retryAfterSeconds).to.be.greaterThan(0);
      // Another phone and email: still one client.
      const fromClient = (i: number) =>
        backend.handle(
          new Request(`${ORIGIN}/api/scheduling/requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `client-${i}-key` },
            body: JSON.stringify(publicRequest({ contact: { name: 'N', email: `n${i}@example.com`, consentToContact: true, consentToTexts: false } })),
          }),
          { clientAddress: '203.0.113.9' },
        );
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await fromClient(i)).status);
      expect(statuses.filter((s) => s === 201)).to.have.length(10);
      expect(statuses.at(-1)).to.equal(429);
    });
  });

  describe('the office’s review queue', () => {
    it('needs the office key', async () => {
      expect((await api('GET', '/office/booking-requests')).status).to.equal(403);
      expect((await api('POST', '/office/booking-requests/x/book', { body: { date: '2026-11-18', windowId: 'morning' } })).status).to.equal(403);
    });

    it('lists the queue oldest first, a page at a time, so a long queue still shows its newest request', async () => {
      for (let n = 1; n <= 3; n++) {
        expect((await send(publicRequest({ description: `Request ${n}`, contact: { name: `Caller ${n}`, email: `caller${n}@example.com`, consentToContact: true, consentToTexts: false } }))).status).to.equal(201);
        clock.advance(1_000);
      }
      const page = async (query: string) => {
        const answer = await api('GET', `/office/booking-requests?${query}`, { headers: office });
        expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
        return answer.body as { items: { details?: unknown; description: string }[]; nextCursor: string | null };
      };
      const first = await page('status=PendingReview&limit=2');
      expect(first.items.map((r) => r.description)).to.deep.equal(['Request 1', 'Request 2']);
      const second = await page(`status=PendingReview&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
      expect([second.items.map((r) => r.description), second.nextCursor]).to.deep.equal([['Request 3'], null]);
      expect((await page('')).items).to.have.length(3);
      // A cursor from another filter, or a limit out of range, is refused by name.
      const other = await api('GET', `/office/booking-requests?status=Booked&cursor=${encodeURIComponent(first.nextCursor!)}`, { headers: office });
      expect([other.status, other.body.error.details.field]).to.deep.equal([400, 'cursor']);
      const tooMany = await api('GET', '/office/booking-requests?limit=501', { headers: office });
      expect([tooMany.status, tooMany.body.error.details.field]).to.deep.equal([400, 'limit']);
    });

    it('books a signed-in customer’s request: a job with the window in Chicago time, seen in their visits, and a confirmation', async () => {
      const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
      await send({ customerId: 'cust-1001', locationId: 'loc-1', serviceId: 'svc-heating', description: 'No heat upstairs.', preferredDays: [{ date: '2026-11-18', windowId: 'morning' }], photos: [] }, { token });
      const [request] = await queue();
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning', technicianId: 'tech-2' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
      expect(booked.body.request.status).to.equal('Booked');
      expect(booked.body.request.booked).to.deep.include({ date: '2026-11-18', windowId: 'morning', technician: { id: 'tech-2', name: 'Hannah Brooks' } });
      const appointment = booked.body.job.appointments[0];
      // 8 a.m. to noon on November 18 in Chicago (UTC−6).
      expect([appointment.arrivalWindowStart, appointment.arrivalWindowEnd]).to.deep.equal(['2026-11-18T14:00:00.000Z', '2026-11-18T18:00:00.000Z']);
      const visits = await api('GET', '/customers/cust-1001/visits', { token });
      const visit = visits.body.upcoming.find((j: any) => j.id === booked.body.job.id);
      expect(visit).to.deep.include({ jobType: 'Heating repair', summary: 'No heat upstairs.', status: 'Scheduled', location: { id: 'loc-1', name: 'Home' } });
      expect(visit.appointments[0].technician).to.deep.equal({ id: 'tech-2', name: 'Hannah Brooks' });
      const mail = await lastMailTo(DANA);
      expect(mail?.kind).to.equal('appointment-booked');
      expect(mail?.subject).to.equal('Your visit is booked: Wednesday, November 18, 2026');
      // A person is greeted by their first name.
      expect(mail?.body.startsWith('Hi Dana,'), mail?.body).to.equal(true);
      expect(mail?.body.replace(/\s/g, ' ')).to.contain('arrival window 8:00 AM – 12:00 PM (Central Standard Time)');
      expect(await queue('PendingReview')).to.have.length(0);
    });

    it('greets a business account by its name, not its first word ("Hi Harbor Point Properties LLC,")', async () => {
      const token = await signInAs(PRIYA, SEEDED_PASSWORDS[PRIYA]!);
      const sent = await send({ customerId: 'cust-1003', locationId: 'loc-3', serviceId: 'svc-heating', description: 'Boiler room check.', preferredDays: [{ date: '2026-11-18', windowId: 'morning' }], photos: [] }, { token });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      const mail = await lastMailTo(PRIYA);
      expect(mail?.kind).to.equal('appointment-request-received');
      expect(mail?.body.startsWith('Hi Harbor Point Properties LLC,'), mail?.body).to.equal(true);
    });

    it('books a request from someone new: a new customer and location, and their visit once they sign up', async () => {
      await send(publicRequest({ contact: { name: 'Jordan Avery', email: 'jordan@example.com', phone: '(555) 012-3456', consentToContact: true, consentToTexts: false } }));
      const [request] = await queue();
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-20', windowId: 'afternoon' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
      const customerId = booked.body.request.customerId as string;
      expect(customerId).to.match(/^cust_/);
      const customer = (await backend.inspect()).customers.find((c) => c.id === customerId)!;
      expect(customer).to.deep.include({ name: 'Jordan Avery', type: 'Residential' });
      expect(customer.contacts.map((c) => [c.type, c.value])).to.deep.equal([
        ['Email', 'jordan@example.com'],
        ['Phone', '(555) 012-3456'],
      ]);
      expect(customer.locations.map((l) => l.address.street)).to.deep.equal(['12 Elm St']);
      const session = await signUpConfirmed('jordan@example.com', 'a long enough passphrase here');
      const visits = await api('GET', `/customers/${customerId}/visits`, { token: session.token });
      expect(visits.body.upcoming.map((j: any) => j.id)).to.deep.equal([booked.body.job.id]);
      expect(visits.body.upcoming[0].appointments[0].arrivalWindowStart).to.equal('2026-11-20T18:00:00.000Z');
    });

    it('says so when the database has no business unit to book under (a new server), and keeps the request in the queue', async () => {
      const dump = await backend.inspect();
      await backend.restore({ ...dump, businessUnits: [] });
      await send(publicRequest());
      const [request] = await queue();
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-20', windowId: 'afternoon' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(409);
      expect(booked.body.error.message).to.contain('no business unit');
      expect((await queue('PendingReview')).map((r) => r.id)).to.deep.equal([request!.id]);
      expect((await backend.inspect()).jobs).to.have.length(dump.jobs.length);
    });

    it('books for a customer on file the office confirmed, at a new location when the address is new', async () => {
      await send(publicRequest({ contact: { name: 'Marcus Reyes', email: MARCUS, consentToContact: true, consentToTexts: false } }));
      const [request] = await queue();
      expect(request!.matches).to.deep.equal([{ customerId: 'cust-1002', name: 'Marcus Reyes', by: 'email' }]);
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-19', windowId: 'morning', customerId: 'cust-1002' } });
      expect(booked.body.job.customerId).to.equal('cust-1002');
      const marcus = (await backend.inspect()).customers.find((c) => c.id === 'cust-1002')!;
      expect(marcus.locations.map((l) => l.address.street)).to.deep.equal(['77 Birch Ct', '12 Elm St']);
      expect(booked.body.job.location.id).to.equal(marcus.locations[1]!.id);
    });

    it('asks who a request is for when it matches customers on file: a customer on file, or newCustomer, never a duplicate by default', async () => {
      // Marcus by email; Dana's mobile is (555) 014-2231.
      await send(publicRequest({ contact: { name: 'Marcus R.', email: MARCUS, phone: '555 014 2231', consentToContact: true, consentToTexts: false } }));
      const [request] = await queue();
      const customers = (await backend.inspect()).customers.length;
      const book = (change: Record<string, unknown>) => api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-19', windowId: 'morning', ...change } });
      const unsaid = await book({});
      expect([unsaid.status, unsaid.body.error.code, unsaid.body.error.details.field], JSON.stringify(unsaid.body)).to.deep.equal([409, 'CONFLICT', 'customerId']);
      expect(unsaid.body.error.message).to.contain('Dana Whitfield (cust-1001, same phone) and Marcus Reyes (cust-1002, same email)');
      expect(unsaid.body.error.message).to.contain('"customerId"');
      expect(unsaid.body.error.message).to.contain('"newCustomer": true');
      const both = await book({ customerId: 'cust-1002', newCustomer: true });
      expect([both.status, both.body.error.code, both.body.error.details.field]).to.deep.equal([400, 'VALIDATION', 'newCustomer']);
      const notABoolean = await book({ newCustomer: 'yes' });
      expect([notABoolean.status, notABoolean.body.error.details.field]).to.deep.equal([400, 'newCustomer']);
      // Nothing was written by the refusals: no customer, no job, the request still waiting.
      expect((await backend.inspect()).customers).to.have.length(customers);
      expect((await queue('PendingReview')).map((r) => r.id)).to.deep.equal([request!.id]);
      const asNew = await book({ newCustomer: true });
      expect(asNew.status, JSON.stringify(asNew.body)).to.equal(200);
      expect(asNew.body.job.customerId).to.match(/^cust_/);
      expect((await backend.inspect()).customers).to.have.length(customers + 1);
    });

    it('books a signed-in request for its account: another customerId, or newCustomer, is refused rather than ignored', async () => {
      const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
      await send({ customerId: 'cust-1001', locationId: 'loc-1', serviceId: 'svc-heating', description: 'No heat upstairs.', preferredDays: [{ date: '2026-11-18', windowId: 'morning' }], photos: [] }, { token });
      const [request] = await queue();
      const book = (change: Record<string, unknown>) => api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning', ...change } });
      const other = await book({ customerId: 'cust-1002' });
      expect([other.status, other.body.error.code, other.body.error.details.field], JSON.stringify(other.body)).to.deep.equal([422, 'VALIDATION', 'customerId']);
      expect(other.body.error.message).to.equal('This request came from a signed-in account: it is booked for that account.');
      const asNew = await book({ newCustomer: true });
      expect([asNew.status, asNew.body.error.details.field]).to.deep.equal([422, 'newCustomer']);
      const same = await book({ customerId: 'cust-1001' });
      expect(same.status, JSON.stringify(same.body)).to.equal(200);
      expect(same.body.job.customerId).to.equal('cust-1001');
    });

    it('files a job whose service is gone, or names no unit on file, under a business unit the portal shows', async () => {
      // Each from someone new: a second request from one person would match the customer the first made.
      let callers = 0;
      const fromSomeoneNew = (change: Record<string, unknown>) =>
        send(publicRequest({ ...change, contact: { name: `Caller ${++callers}`, email: `caller${callers}@example.com`, consentToContact: true, consentToTexts: false } }));
      const unitOf = async (serviceId: string) => {
        await fromSomeoneNew({ serviceId, description: `About ${serviceId}` });
        const request = (await queue('PendingReview')).at(-1)!;
        const booked = await api('POST', `/office/booking-requests/${request.id}/book`, { headers: office, body: { date: '2026-11-19', windowId: 'morning' } });
        expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
        return booked.body.job.businessUnit.id as string;
      };
      // Commercial HVAC comes first by name, and the portal excludes it: its invoices are never shown online.
      expect((await backend.inspect()).settings.excludedBusinessUnitIds).to.deep.equal(['bu-commercial']);
      const current = (await api('GET', '/office/scheduling', { headers: office })).body;
      const [heating, , , plumbing] = current.services;
      expect(await unitOf('svc-heating')).to.equal('bu-hvac');
      // A service without a unit.
      expect((await putScheduling({ services: [{ ...heating, businessUnitId: undefined }, ...current.services.slice(1)] })).status).to.equal(200);
      expect(await unitOf('svc-heating')).to.equal('bu-electrical');
      // A request whose service was removed after it came in.
      await fromSomeoneNew({ serviceId: 'svc-plumbing', description: 'A leak' });
      expect((await putScheduling({ services: current.services.filter((s: { id: string }) => s.id !== 'svc-plumbing') })).status).to.equal(200);
      const orphan = (await queue('PendingReview')).at(-1)!;
      const booked = await api('POST', `/office/booking-requests/${orphan.id}/book`, { headers: office, body: { date: '2026-11-19', windowId: 'morning' } });
      expect(booked.body.job.businessUnit, JSON.stringify(booked.body)).to.deep.equal({ id: 'bu-electrical', name: 'Electrical' });
      // A unit gone from the records since the service named it: kept in the settings, not used.
      expect((await putScheduling({ services: current.services })).status).to.equal(200);
      await backend.database.db.deleteFrom('business_units').where('id', '=', 'bu-plumbing').execute();
      expect((await putScheduling({ services: [...current.services.slice(0, 3), { ...plumbing, name: 'Plumbing repair' }] })).status).to.equal(200);
      expect(await unitOf('svc-plumbing')).to.equal('bu-electrical');
      // Only when every unit is excluded does a job go under an excluded one: it needs a unit.
      await changeSettings({ excludedBusinessUnitIds: ['bu-commercial', 'bu-electrical', 'bu-hvac'] });
      expect(await unitOf('svc-plumbing')).to.equal('bu-commercial');
    });

    it('refuses a day or window the contractor does not offer, and an unknown technician', async () => {
      await send(publicRequest());
      const [request] = await queue();
      const book = (body: Record<string, unknown>) => api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body });
      const sunday = await book({ date: '2026-11-22', windowId: 'morning' });
      expect([sunday.status, sunday.body.error.code, sunday.body.error.details.field]).to.deep.equal([409, 'DAY_UNAVAILABLE', 'windowId']);
      const past = await book({ date: '2026-11-16', windowId: 'morning' });
      expect([past.status, past.body.error.details.field]).to.deep.equal([409, 'date']);
      expect((await book({ date: '2026-11-18', windowId: 'morning', technicianId: 'tech-99' })).status).to.equal(422);
      // The office is not held to the lead time: today is fine.
      expect((await book({ date: '2026-11-17', windowId: 'afternoon' })).status).to.equal(200);
    });

    it('tells where a booked visit stands now: Scheduled when booked, Canceled once the office cancels it, each request its own', async () => {
      await send(publicRequest());
      await send(publicRequest({ description: 'Leak under the sink.', contact: { name: 'Robin Lee', email: 'robin@example.com', consentToContact: true, consentToTexts: false } }));
      const [first, second] = await queue('PendingReview');
      const book = async (id: string, date: string) => {
        const booked = await api('POST', `/office/booking-requests/${id}/book`, { headers: office, body: { date, windowId: 'morning' } });
        expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
        expect(booked.body.request.booked.visitStatus).to.equal('Scheduled');
        return booked.body.job as { id: string; appointments: { id: string }[] };
      };
      const firstJob = await book(first!.id, '2026-11-18');
      const secondJob = await book(second!.id, '2026-11-19');
      const visitStatuses = async () => Object.fromEntries((await queue('Booked')).map((r) => [r.id, r.booked.visitStatus]));
      expect(await visitStatuses()).to.deep.equal({ [first!.id]: 'Scheduled', [second!.id]: 'Scheduled' });

      const cancel = await api('PUT', `/office/appointments/${firstJob.appointments[0]!.id}/status`, { headers: office, body: { status: 'Canceled' } });
      expect(cancel.status, JSON.stringify(cancel.body)).to.equal(200);
      const onTheWay = await api('PUT', `/office/appointments/${secondJob.appointments[0]!.id}/status`, { headers: office, body: { status: 'OnTheWay' } });
      expect(onTheWay.status, JSON.stringify(onTheWay.body)).to.equal(200);
      expect(await visitStatuses()).to.deep.equal({ [first!.id]: 'Canceled', [second!.id]: 'OnTheWay' });
      // The decision itself is kept as it was made.
      const [canceled] = (await queue('Booked')).filter((r) => r.id === first!.id);
      expect(canceled!.booked).to.deep.include({ jobId: firstJob.id, date: '2026-11-18', windowId: 'morning', technician: null });
    });

    it('reads a booked visit as an import may leave it: the job canceled, a canceled extra appointment, or the appointments gone', async () => {
      await send(publicRequest());
      const [request] = await queue('PendingReview');
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
      const jobId = booked.body.job.id as string;
      const db = backend.database.db;
      const visitStatus = async () => (await queue('Booked')).find((r) => r.id === request!.id)!.booked.visitStatus;
      // A later appointment canceled does not hide the one still on.
      await db
        .insertInto('appointments')
        .values({ id: 'apt-later', job_id: jobId, start_at: '2026-11-25T14:00:00.000Z', end_at: '2026-11-25T18:00:00.000Z', window_start: '2026-11-25T14:00:00.000Z', window_end: '2026-11-25T18:00:00.000Z', status: 'Canceled', technician_id: null, technician_name: null })
        .execute();
      expect(await visitStatus()).to.equal('Scheduled');
      // The latest by arrival window decides, not by id: an earlier visit done, whose id sorts last, does not.
      await db
        .insertInto('appointments')
        .values({ id: 'zz-earlier', job_id: jobId, start_at: '2026-11-10T14:00:00.000Z', end_at: '2026-11-10T18:00:00.000Z', window_start: '2026-11-10T14:00:00.000Z', window_end: '2026-11-10T18:00:00.000Z', status: 'Done', technician_id: null, technician_name: null })
        .execute();
      expect(await visitStatus()).to.equal('Scheduled');
      await db.updateTable('appointments').set({ status: 'Working' }).where('job_id', '=', jobId).where('id', 'not in', ['zz-earlier', 'apt-later']).execute();
      expect(await visitStatus()).to.equal('Arrived');
      // A job the system completed reads done, though its rows were left as they were.
      await db.updateTable('jobs').set({ status: 'Completed' }).where('id', '=', jobId).execute();
      expect(await visitStatus()).to.equal('Done');
      await db.updateTable('jobs').set({ status: 'Canceled' }).where('id', '=', jobId).execute();
      expect(await visitStatus()).to.equal('Canceled');
      await db.deleteFrom('appointments').where('job_id', '=', jobId).execute();
      expect(await visitStatus()).to.equal(null);
    });

    it('dismisses with a reason the customer never sees, and a kind message with the phone; a decided request stays decided', async () => {
      await send(publicRequest());
      const [request] = await queue();
      const dismissed = await api('POST', `/office/booking-requests/${request!.id}/dismiss`, { headers: office, body: { reason: 'Duplicate of a phone booking' } });
      expect(dismissed.status).to.equal(200);
      expect(dismissed.body.status).to.equal('Dismissed');
      expect(dismissed.body.dismissed.reason).to.equal('Duplicate of a phone booking');
      const mail = await lastMailTo('jordan@example.com');
      expect(mail?.kind).to.equal('appointment-request-dismissed');
      expect(mail?.body).to.contain('call us at (555) 010-4477');
      expect(mail?.body).not.to.contain('Duplicate');
      const again = await api('POST', `/office/booking-requests/${request!.id}/dismiss`, { headers: office, body: { reason: 'again' } });
      expect([again.status, again.body.error.code]).to.deep.equal([409, 'CONFLICT']);
      const book = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning' } });
      expect(book.status).to.equal(409);
      expect((await backend.inspect()).jobs.filter((j) => j.jobType === 'Heating repair')).to.have.length(0);
    });

    it('writes the requester’s messages from the office’s templates: the office’s own words, each value escaped for where it lands', async () => {
      const read = (await api('GET', '/office/templates', { headers: office })).body;
      read.templates.requestReceived = {
        subject: 'Recibimos su solicitud {{RequestReference}}',
        html: '<p>Hola {{CustomerFirstName}}: {{ServiceName}}, {{PreferredDays}}</p>',
        text: 'Hola {{CustomerFirstName}}: {{ServiceName}}, {{PreferredDays}}',
        sms: '',
      };
      read.templates.requestBooked = { ...read.templates.requestBooked, text: '{{VisitDate}} · {{ArrivalWindow}} · {{TechnicianName}} · {{RequestReference}}' };
      expect((await api('PUT', '/office/templates', { headers: office, body: read })).status).to.equal(200);
      await send(publicRequest({ contact: { name: '<b>Jordan Avery', email: 'jordan@example.com', phone: '(555) 012-3456', consentToContact: true, consentToTexts: true } }));
      const [request] = await queue();
      const received = await backend.database.db.selectFrom('outbox').selectAll().where('kind', 'like', 'appointment-request-received%').execute();
      // The empty text message sends none, though Jordan agreed to texts.
      expect(received.map((m) => m.kind)).to.deep.equal(['appointment-request-received']);
      expect(received[0]!.subject).to.equal(`Recibimos su solicitud ${request!.reference}`);
      expect(received[0]!.body.replace(/\s/g, ' ')).to.equal(
        'Hola <b>Jordan: Heating repair, Wednesday, November 18, 2026, 8:00 AM – 12:00 PM; Friday, November 20, 2026, 12:00 – 4:00 PM (Central Standard Time)',
      );
      expect(received[0]!.html).to.contain('Hola &#60;b&#62;Jordan:');
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning', technicianId: 'tech-2' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
      expect((await lastMailTo('jordan@example.com'))?.body.replace(/\s/g, ' ')).to.equal(`Wednesday, November 18, 2026 · 8:00 AM – 12:00 PM (Central Standard Time) · Hannah Brooks · ${request!.reference}`);
    });

    it('checks the office’s scheduling settings: a working day needs a window, a window id names the same hours', async () => {
      const closedMonday = await putScheduling({ arrivalWindows: { tue: [{ id: 'morning', start: '08:00', end: '12:00' }] } });
      expect([closedMonday.status, closedMonday.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.mon']);
      const current = (await api('GET', '/office/scheduling', { headers: office })).body;
      const shifted = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, fri: [{ id: 'morning', start: '07:00', end: '11:00' }] } });
      expect([shifted.status, shifted.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.fri.0.id']);
      const backwards = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, sat: [{ id: 'sat-morning', start: '12:00', end: '09:00' }] } });
      expect(backwards.status).to.equal(400);
      const noSuchDay = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, funday: [{ id: 'morning', start: '08:00', end: '12:00' }] } });
      expect([noSuchDay.status, noSuchDay.body.error.code]).to.deep.equal([400, 'VALIDATION']);
      const unnamed = await putScheduling({ services: [{ ...current.services[0], name: '  ' }, ...current.services.slice(1)] });
      expect([unnamed.status, unnamed.body.error.details.field]).to.deep.equal([400, 'services.0.name']);
      const saved = await putScheduling({ leadTimeDays: 0 });
      expect(saved.status).to.equal(200);
      const today = (await api('GET', '/scheduling/availability')).body.days[0];
      expect(today.available).to.equal(true);
    });

    it('refuses a service’s business unit that is not on file, naming the service and the units there are', async () => {
      const current = (await api('GET', '/office/scheduling', { headers: office })).body;
      const nope = await putScheduling({ services: [current.services[0], { ...current.services[1], businessUnitId: 'bu-nope' }, ...current.services.slice(2)] });
      expect([nope.status, nope.body.error.code, nope.body.error.details.field], JSON.stringify(nope.body)).to.deep.equal([400, 'VALIDATION', 'services.1.businessUnitId']);
      expect(nope.body.error.message).to.contain('"bu-nope"');
      expect(nope.body.error.message).to.contain('HVAC Service (bu-hvac)');
      const added = await putScheduling({ services: [...current.services, { id: 'svc-roofing', name: 'Roofing', description: '', businessUnitId: 'bu-roofing' }] });
      expect([added.status, added.body.error?.details?.field]).to.deep.equal([400, 'services.4.businessUnitId']);
      expect((await api('GET', '/office/scheduling', { headers: office })).body).to.deep.equal(current);
      // A new server's example services name bu-hvac before any unit is on file: kept as GET answered it,
      // so the office can still save its own names and area; a unit it adds is checked.
      await backend.database.db.deleteFrom('business_units').execute();
      const renamed = await putScheduling({ services: current.services.map((s: { name: string }) => ({ ...s, name: `Our ${s.name}` })) });
      expect(renamed.status, JSON.stringify(renamed.body)).to.equal(200);
      const moved = await putScheduling({ services: [{ ...current.services[0], businessUnitId: 'bu-plumbing' }, ...current.services.slice(1)] });
      expect([moved.status, moved.body.error?.details?.field]).to.deep.equal([400, 'services.0.businessUnitId']);
      expect(moved.body.error.message).to.contain('no business units yet');
    });

    it('says why a window is refused: it ends before it starts, or its id names other hours on another day (naming both)', async () => {
      const current = (await api('GET', '/office/scheduling', { headers: office })).body;
      const backwards = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, sat: [{ id: 'sat-morning', start: '12:00', end: '09:00' }] } });
      expect([backwards.status, backwards.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.sat.0.end']);
      expect(backwards.body.error.message).to.equal('The Saturday window "sat-morning" ends at 09:00, before it starts (12:00): a window ends after it starts.');
      const empty = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, mon: [current.arrivalWindows.mon[0], { id: 'afternoon', start: '12:00', end: '12:00' }] } });
      expect([empty.status, empty.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.mon.1.end']);
      expect(empty.body.error.message).to.contain('ends at 12:00, when it starts (12:00)');
      // The office moved Monday's afternoon: Monday is where it changed something, not Tuesday.
      const later = await putScheduling({ arrivalWindows: { ...current.arrivalWindows, mon: [current.arrivalWindows.mon[0], { id: 'afternoon', start: '12:30', end: '16:00' }] } });
      expect([later.status, later.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.mon.1.start']);
      expect(later.body.error.message.replace(/\s/g, ' ')).to.contain('"afternoon" names 12:30 – 4:00 PM on Monday but 12:00 – 4:00 PM on Tuesday');
      // An id on two days, one as saved and one just edited: the edited one, wherever it falls in the week.
      const early = { id: 'early', start: '06:00', end: '08:00' };
      expect((await putScheduling({ arrivalWindows: { ...current.arrivalWindows, mon: [...current.arrivalWindows.mon, early] } })).status).to.equal(200);
      const saved = (await api('GET', '/office/scheduling', { headers: office })).body;
      const reused = await putScheduling({ arrivalWindows: { ...saved.arrivalWindows, sat: [...saved.arrivalWindows.sat, { ...early, start: '07:00' }] } });
      expect([reused.status, reused.body.error.details.field]).to.deep.equal([400, 'arrivalWindows.sat.1.start']);
      expect(reused.body.error.message.replace(/\s/g, ' ')).to.contain('"early" names 7:00 – 8:00 AM on Saturday but 6:00 – 8:00 AM on Monday');
    });

    it('refuses a postal code without letters or digits, which would serve nobody, naming the entry', async () => {
      for (const blank of ['', '   ', '-']) {
        const answer = await putScheduling({ serviceArea: { postalCodes: ['627', blank] } });
        expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field], JSON.stringify(blank)).to.deep.equal([400, 'VALIDATION', 'serviceArea.postalCodes.1']);
      }
      expect((await putScheduling({ serviceArea: { postalCodes: ['627', 'M5V'] } })).status).to.equal(200);
    });
  });
});

describe('reference backend: two office tabs booking one request at the same instant', () => {
  let second: PortalDatabase | null = null;
  before(async () => {
    if (typeof document === 'undefined') {
      const { openSecondConnection } = await import('./helpers/node-database.js');
      second = openSecondConnection();
    }
  });
  after(async () => {
    await second?.close();
  });
  beforeEach(async () => {
    await startTestBackend();
    clock.offsetMs = SCHEDULING_NOW - Date.now();
  });

  it('books once: one job, the other tab gets 409 and writes nothing', async () => {
    const other = new ReferenceBackend({ database: second ?? (await testDatabase()), now: clock.now, config: backend.config });
    await send(publicRequest());
    const [request] = await queue();
    const book = (server: ReferenceBackend, windowId: string) =>
      server.handle(
        new Request(`${ORIGIN}/api/office/booking-requests/${request!.id}/book`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...office },
          body: JSON.stringify({ date: '2026-11-18', windowId }),
        }),
      );
    const answers = await Promise.all([book(backend, 'morning'), book(other, 'afternoon')]);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 409]);
    const made = (await backend.inspect()).jobs.filter((j) => j.jobType === 'Heating repair');
    expect(made).to.have.length(1);
    const [decided] = await queue();
    expect(decided!.booked.jobId).to.equal(made[0]!.id);
    expect(await backend.database.db.selectFrom('outbox').select('id').where('kind', '=', 'appointment-booked').execute()).to.have.length(1);
  });

  it('a retry sent to two servers, with the contact at its last request of the day: both answer the one receipt, never a 429', async () => {
    const other = new ReferenceBackend({ database: second ?? (await testDatabase()), now: clock.now, config: backend.config });
    for (let n = 1; n < REQUESTS_PER_CONTACT_PER_DAY; n++) expect((await send(publicRequest({ description: `Request ${n}` }))).status).to.equal(201);
    const last = (server: ReferenceBackend) =>
      server.handle(
        new Request(`${ORIGIN}/api/scheduling/requests`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'last-request-of-the-day' },
          body: JSON.stringify(publicRequest({ description: 'The last one' })),
        }),
      );
    const answers = await Promise.all([last(backend), last(other)]);
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201]);
    const receipts = (await Promise.all(answers.map((a) => a.json()))) as { reference: string }[];
    expect(receipts[0]!.reference).to.equal(receipts[1]!.reference);
    expect(await queue()).to.have.length(REQUESTS_PER_CONTACT_PER_DAY);
    // The limit still holds for a new request.
    expect((await send(publicRequest({ description: 'One too many' }))).status).to.equal(429);
  });
});

async function fetchPhoto(url: string) {
  const path = url.replace(/^\/api/, '');
  const response = await backendFetch(`/api${path}`, { headers: office });
  expect(response.status).to.equal(200);
  return { type: response.headers.get('Content-Type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}
