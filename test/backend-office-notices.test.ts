/**
 * Notices to the office (backend/rules/office-notices.ts): a new appointment request, an estimate's
 * answer and a payment each put one email in the outbox to the `officeNoticeEmail` setting, written with
 * what they report (a retried request or payment adds none), with the customer's words as text.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { changeSettings } from './helpers/account.js';
import { api, backend, clock, ORIGIN, signInAs, startTestBackend } from './helpers/backend.js';
import { DANA } from './helpers/people.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
const NOTICES = 'dispatch@northwindair.example';
/** Tuesday, November 17, 2026, 2 p.m. in Chicago: the seed's scheduling days are ahead. */
const SCHEDULING_NOW = Date.parse('2026-11-17T20:00:00Z');

async function notices() {
  return backend.database.db.selectFrom('outbox').selectAll().where('to_address', '=', NOTICES).orderBy('id').execute();
}

let requests = 0;
function request(change: Record<string, unknown> = {}, key = `notice-request-${++requests}`) {
  return api('POST', '/scheduling/requests', {
    headers: { 'Idempotency-Key': key },
    body: {
      address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
      contact: { name: 'Jordan Avery', email: 'jordan@example.com', phone: '(555) 012-3456', consentToContact: true, consentToTexts: true },
      serviceId: 'svc-heating',
      description: 'The furnace clicks but never lights. <b>Gate code</b> 1234 & "ring twice".',
      preferredDays: [{ date: '2026-11-18', windowId: 'morning' }],
      photos: [],
      website: '',
      ...change,
    },
  });
}

async function estimateLink(estimateId: string) {
  const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: estimateId, pageUrl: `${ORIGIN}/page` } });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  return new URL(sent.body.url as string).hash.replace('#porchlight-link=', '');
}

describe('reference backend: notices to the office', () => {
  beforeEach(async () => {
    await startTestBackend();
    expect((await backend.inspect()).settings.officeNoticeEmail, 'the demo sends notices').to.equal(NOTICES);
  });

  it('tells the office of a new appointment request once, with what it needs to book it, the customer’s words as text', async () => {
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const key = 'notice-request-once';
    const sent = await request({}, key);
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    expect((await request({}, key)).status, 'a retry answers the same receipt').to.equal(201);
    const [notice, ...more] = await notices();
    expect(more, 'one notice for one request').to.have.length(0);
    expect(notice!.kind).to.equal('office-request');
    expect(notice!.subject).to.equal(`New appointment request ${sent.body.reference}: Heating repair`);
    expect(notice!.body).to.include('Jordan Avery asked for Heating repair at 12 Elm St, Springfield, IL 62704.');
    expect(notice!.body).to.include('Contact: jordan@example.com · (555) 012-3456 (texts welcome).');
    expect(notice!.body).to.include('Preferred: Wednesday, November 18, 2026');
    expect(notice!.body).to.include('In their words: The furnace clicks but never lights. <b>Gate code</b> 1234 & "ring twice".');
    expect(notice!.html).to.include('&#60;b&#62;Gate code&#60;/b&#62; 1234 &#38; &#34;ring twice&#34;');
    expect(notice!.html).not.to.include('<b>');
  });

  it('sends nothing while the setting is blank', async () => {
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    await changeSettings({ officeNoticeEmail: '' });
    const sent = await request();
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    expect(await notices()).to.have.length(0);
  });

  it('tells the office of an estimate approved, declined, or sent back with changes', async () => {
    const token = await estimateLink('est-2001');
    const link = { 'X-Porchlight-Link': token };
    const shown = (await api('GET', '/links/estimates/est-2001', { headers: link })).body.estimate;
    const option = shown.options.find((o: any) => o.id === 'opt-better');
    const consents = shown.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const approved = await api('POST', '/links/estimates/est-2001/approve', {
      headers: link,
      body: { optionId: option.id, signerName: 'Dana Whitfield', version: shown.version, contentSha256: option.contentSha256, consents },
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const [approval] = await notices();
    expect(approval!.kind).to.equal('office-estimate');
    expect(approval!.subject).to.match(new RegExp(`^Estimate ${shown.number} approved: ${option.name}, \\$[\\d,]+\\.\\d\\d$`));
    expect(approval!.body).to.include(`Dana Whitfield approved ${option.name}`);
    expect(approval!.body).to.include('from the link sent to them');

    // Another estimate, declined by the customer signed in; the same decline again is a replay: no second notice.
    const made = await api('POST', '/office/estimates', {
      headers: office,
      body: {
        customerId: 'cust-1001', locationId: 'loc-1', name: 'Replace the water heater', validUntil: '2099-01-31',
        options: [{ name: '50-gallon tank', items: [{ description: 'Water heater, installed', quantity: 1, unitPrice: 189_900 }] }],
        terms: { version: '2026-11', text: 'Payment due on completion.' },
      },
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const open = made.body as { id: string; number: string; version: number };
    const dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const decline = () => api('POST', `/customers/cust-1001/estimates/${open.id}/decline`, { token: dana, body: { reason: 'We went with a <i>cheaper</i> quote.', version: open.version } });
    expect((await decline()).status).to.equal(200);
    expect((await decline()).status).to.equal(200);
    const all = await notices();
    expect(all).to.have.length(2);
    expect(all[1]!.subject).to.equal(`Estimate ${open.number} declined by Dana Whitfield`);
    expect(all[1]!.body).to.include(`Dana Whitfield declined estimate ${open.number}, Replace the water heater (signed in to the portal as ${DANA}). Their reason:`);
    expect(all[1]!.body).to.include('We went with a <i>cheaper</i> quote.');
    expect(all[1]!.html).not.to.include('<i>');
  });

  it('tells the office of a payment once, with its receipt number and invoices, to record it', async () => {
    const dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const body = {
      applications: [{ invoiceId: 'inv-10377', amount: 5_000 }],
      card: { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123', postalCode: '62704' },
    };
    const pay = () => api('POST', '/customers/cust-1001/payments', { token: dana, body, headers: { 'Idempotency-Key': 'notice-payment-once' } });
    const paid = await pay();
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    expect((await pay()).body.receiptNumber, 'a retry is the same payment').to.equal(paid.body.receiptNumber);
    const [notice, ...more] = await notices();
    expect(more).to.have.length(0);
    expect(notice!.kind).to.equal('office-payment');
    expect(notice!.subject).to.equal(`Payment ${paid.body.receiptNumber}: $50.00 from Dana Whitfield`);
    expect(notice!.body).to.include(`signed in to the portal as ${DANA}`);
    expect(notice!.body).to.match(/Invoice \d+: \$50\.00/);
    expect(notice!.body).to.include('Record it in your system under the receipt number');
  });

  it('takes the address as an email or blank, and keeps the saved one when a save leaves it out', async () => {
    const current = (await api('GET', '/office/settings', { headers: office })).body;
    expect(current.officeNoticeEmail).to.equal(NOTICES);
    // One mailbox: nothing a mail tool would read as a list of recipients or a display name.
    for (const notAddress of ['dispatch at northwind', 'ops@acme.example,boss@acme.example', 'ops@acme.example;x', '<ops@acme.example>']) {
      const wrong = await api('PUT', '/office/settings', { headers: office, body: { ...current, officeNoticeEmail: notAddress } });
      expect([wrong.status, wrong.body.error.details.field], notAddress).to.deep.equal([400, 'officeNoticeEmail']);
      expect(wrong.body.error.message).to.include('is not an email address');
    }
    const withoutIt = { ...current };
    delete withoutIt.officeNoticeEmail;
    const kept = await api('PUT', '/office/settings', { headers: office, body: withoutIt });
    expect([kept.status, kept.body.officeNoticeEmail]).to.deep.equal([200, NOTICES]);
    const trimmed = await api('PUT', '/office/settings', { headers: office, body: { ...current, officeNoticeEmail: '  desk@northwindair.example ' } });
    expect(trimmed.body.officeNoticeEmail).to.equal('desk@northwindair.example');
  });
});
