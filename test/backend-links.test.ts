/** Links without a sign-in (docs/contract/links.md) and the merge tags of the messages that carry them. */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { defaultTemplates } from '../backend/rules/messages.js';
import { renderTemplate, validateTemplate } from '../backend/rules/merge-tags.js';
import { api, backend, backendFetch, clock, lastMailTo, ORIGIN, signInAs, startTestBackend } from './helpers/backend.js';
import { DANA } from './helpers/people.js';
import { changeSettings } from './helpers/account.js';
import { readPdf } from './helpers/pdf-text.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
const DAY = 86_400_000;

async function sendLink(purpose: string, documentId: string) {
  const sent = await api('POST', '/office/links', { headers: office, body: { purpose, documentId, pageUrl: `${ORIGIN}/page`, portalUrl: `${ORIGIN}/portal` } });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  const url = new URL(sent.body.url as string);
  return { url, token: url.hash.replace('#porchlight-link=', '') };
}

function viaLink(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return api(method, path, { body, headers: { 'X-Porchlight-Link': token, ...headers } });
}

const problem = (answer: { status: number; body: Record<string, any> }) => [answer.status, answer.body.error?.code, answer.body.error?.details?.linkProblem];

describe('reference backend: estimate links', () => {
  beforeEach(() => startTestBackend());

  it('sends a short token in the fragment, stored only as its hash, with the document in the query', async () => {
    const { url, token } = await sendLink('estimate', 'est-2001');
    expect(token).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(url.searchParams.get('estimate')).to.equal('est-2001');
    const rows = await backend.database.db.selectFrom('document_links').selectAll().execute();
    expect(rows).to.have.length(1);
    expect(JSON.stringify(rows)).not.to.contain(token);
    const mail = await lastMailTo(DANA);
    expect(mail?.kind).to.equal('estimate');
    expect(mail?.body).to.contain(url.toString());
    expect((await viaLink(token, 'GET', '/links/open')).body).to.deep.equal({ purpose: 'estimate', documentId: 'est-2001' });
  });

  it('shows the estimate to anyone holding the link, and opening it (twice, as a mail scanner would) changes nothing', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    for (let i = 0; i < 2; i++) {
      const opened = await viaLink(token, 'GET', '/links/estimates/est-2001');
      expect(opened.status).to.equal(200);
      expect(opened.headers.get('Referrer-Policy')).to.equal('no-referrer');
      expect(opened.headers.get('Cache-Control')).to.equal('no-store');
      expect(opened.body.estimate.status).to.equal('Open');
      expect(opened.body.estimate.options.map((o: any) => o.name)).to.deep.equal(['Good', 'Better', 'Best']);
      for (const o of opened.body.estimate.options) expect(o.contentSha256).to.match(/^[0-9a-f]{64}$/);
    }
    expect(await backend.database.db.selectFrom('estimate_signatures').selectAll().execute()).to.have.length(0);
  });

  it('says why a link does not work: forged, another document, another purpose, revoked, expired', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    expect(problem(await viaLink('AAAAAAAAAAAAAAAAAAAAAA', 'GET', '/links/estimates/est-2001'))).to.deep.equal([404, 'LINK_INVALID', 'unknown']);
    expect(problem(await viaLink(token, 'GET', '/links/estimates/est-9999'))).to.deep.equal([404, 'LINK_INVALID', 'other-document']);
    expect(problem(await viaLink(token, 'GET', '/links/invoices/inv-10412'))).to.deep.equal([404, 'LINK_INVALID', 'other-document']);
    const refused = await viaLink('AAAAAAAAAAAAAAAAAAAAAA', 'GET', '/links/estimates/est-2001');
    expect(refused.body.error.details.companyPhone).to.equal('(555) 010-4477');
    // A refusal is a link's page too: never indexed, never leaked through a Referer.
    expect([refused.headers.get('X-Robots-Tag'), refused.headers.get('Referrer-Policy')]).to.deep.equal(['noindex, nofollow', 'no-referrer']);
    const newer = await sendLink('estimate', 'est-2001');
    expect(problem(await viaLink(token, 'GET', '/links/estimates/est-2001'))).to.deep.equal([410, 'LINK_EXPIRED', 'revoked']);
    clock.advance(40 * DAY);
    expect(problem(await viaLink(newer.token, 'GET', '/links/estimates/est-2001'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });

  it('re-sends an expired link only to the contact on file, without saying where, and the same answer for a forged one', async () => {
    // A pay link for an unpaid invoice lives a year: a fresh one works again.
    const { token } = await sendLink('pay', 'inv-10412');
    clock.advance(366 * DAY);
    const expired = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect([...problem(expired), expired.body.error.details.renewable]).to.deep.equal([410, 'LINK_EXPIRED', 'expired', true]);
    const before = await backend.database.db.selectFrom('outbox').select('id').execute();
    // Nowhere to name: an address sent with the token is refused, not used.
    const redirected = await api('POST', '/links/resend', { body: { token, email: 'attacker@example.com' } });
    expect([redirected.status, redirected.body.error.details.field]).to.deep.equal([400, 'email']);
    const forged = await api('POST', '/links/resend', { body: { token: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).to.equal(202);
    expect((await backend.database.db.selectFrom('outbox').select('id').execute()).length).to.equal(before.length);
    const resent = await api('POST', '/links/resend', { body: { token } });
    expect(resent.status).to.equal(202);
    expect(resent.body).to.deep.equal({ accepted: true });
    const mails = await backend.database.db.selectFrom('outbox').selectAll().where('id', 'not in', before.map((b) => b.id)).execute();
    expect(mails.map((m) => m.to_address)).to.include(DANA);
    expect(mails.map((m) => m.to_address)).not.to.include('attacker@example.com');
    const freshUrl = new URL(/https?:\/\/\S+#porchlight-link=[\w-]+/.exec(mails.find((m) => m.to_address === DANA)!.body)![0]);
    // On the page the first link opened (the contractor's pay page), not the site's home page.
    expect(`${freshUrl.origin}${freshUrl.pathname}${freshUrl.search}`).to.equal(`${ORIGIN}/page?invoice=inv-10412`);
    const fresh = freshUrl.hash.replace('#porchlight-link=', '');
    expect((await viaLink(fresh, 'GET', '/links/invoices/inv-10412')).status).to.equal(200);
    expect(problem(await viaLink(token, 'GET', '/links/invoices/inv-10412'))[0]).to.equal(410);
  });

  it('resends a link whose page is no longer on the contractor’s site (or was never kept) to the site’s page', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    clock.advance(366 * DAY);
    for (const page of ['https://old-site.example/pay', null]) {
      // Its own page and the pages it was sent with (since 0012) moved off the site, or never kept.
      await backend.database.db.updateTable('document_links').set({ page, pages: page ? JSON.stringify({ page, portal: page }) : null }).execute();
      const before = (await backend.database.db.selectFrom('outbox').select('id').execute()).map((m) => m.id);
      expect((await api('POST', '/links/resend', { body: { token: page ? token : await newestToken() } })).status).to.equal(202);
      const mail = (await backend.database.db.selectFrom('outbox').selectAll().where('id', 'not in', before).where('to_address', '=', DANA).execute())[0]!;
      expect(mail.body, String(page)).to.contain('https://www.northwindair.example/?invoice=inv-10412#porchlight-link=');
      clock.advance(366 * DAY);
    }

    /** The token of the link the last resend made (only its hash is stored: read from the message). */
    async function newestToken() {
      const mails = await backend.database.db.selectFrom('outbox').selectAll().where('to_address', '=', DANA).orderBy('sent_at', 'desc').execute();
      return /#porchlight-link=([\w-]+)/.exec(mails[0]!.body)![1]!;
    }
  });

  it('resends nothing for a link that still works, and leaves it working: whoever it was forwarded to cannot end it', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    const before = (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    expect(await api('POST', '/links/resend', { body: { token } })).to.deep.include({ status: 202, body: { accepted: true } });
    expect((await backend.database.db.selectFrom('outbox').select('id').execute()).length).to.equal(before);
    expect((await viaLink(token, 'GET', '/links/invoices/inv-10412')).status).to.equal(200);
  });

  it('with no site known yet (no hostname, no link origin), asks the office for a page and resends nothing: never a 500', async () => {
    await startTestBackend({ config: { linkOrigins: [] } });
    // On the hostname setting's page, while there is one.
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001' } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const token = new URL(sent.body.url as string).hash.replace('#porchlight-link=', '');
    const current = (await api('GET', '/office/settings', { headers: office })).body;
    expect((await api('PUT', '/office/settings', { headers: office, body: { ...current, hostname: '' } })).status).to.equal(200);
    const noPage = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001' } });
    expect([noPage.status, noPage.body.error?.code, noPage.body.error?.details?.field]).to.deep.equal([400, 'VALIDATION', 'pageUrl']);
    clock.advance(40 * DAY);
    const before = (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    const resent = await api('POST', '/links/resend', { body: { token } });
    expect([resent.status, resent.body]).to.deep.equal([202, { accepted: true }]);
    expect((await backend.database.db.selectFrom('outbox').select('id').execute()).length).to.equal(before);
  });

  it('records one approval with its signature record, declines the other options, and gives the signed PDF', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const better = shown.options.find((o: any) => o.id === 'opt-better');
    const consents = shown.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const body = { optionId: 'opt-better', signerName: 'Dana Whitfield', version: shown.version, contentSha256: better.contentSha256, consents };
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/approve', { ...body, consents: consents.slice(1) })).status).to.equal(400);
    const blank = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', { ...body, signerName: ' ' });
    expect([blank.status, blank.body.error.message]).to.deep.equal([400, '"signerName" is required.']);
    // A name sent, but too short to be one: said as what is wrong with it, not "required".
    const initial = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', { ...body, signerName: 'J' });
    expect([initial.status, initial.body.error.message]).to.deep.equal([400, 'Type your full name to sign.']);
    const [first, second] = await Promise.all([
      viaLink(token, 'POST', '/links/estimates/est-2001/approve', body, { 'User-Agent': 'Test browser 1.0' }),
      viaLink(token, 'POST', '/links/estimates/est-2001/approve', body, { 'User-Agent': 'Test browser 1.0' }),
    ]);
    // Two copies of one approval (a double click, a retry after a lost answer): recorded once, and both
    // answer it; another answer after it is refused.
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    expect(second.body.estimate).to.deep.equal(first.body.estimate);
    const again = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', body);
    expect([again.status, again.headers.get('Idempotent-Replayed')]).to.deep.equal([200, 'true']);
    const otherSigner = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', { ...body, signerName: 'Sam Ortiz' });
    expect(otherSigner.status).to.equal(409);
    const approved = first.body.estimate;
    expect(approved.status).to.equal('Approved');
    expect(approved.decision).to.include({ kind: 'approved', optionId: 'opt-better', signerName: 'Dana Whitfield', version: 1 });
    const records = await backend.database.db.selectFrom('estimate_signatures').selectAll().execute();
    expect(records).to.have.length(1);
    expect(records[0]).to.include({ estimate_id: 'est-2001', version: 1, option_id: 'opt-better', content_sha256: better.contentSha256, signer_name: 'Dana Whitfield' });
    expect(records[0]!.via).to.match(/^link:[0-9a-f]{8}$/);
    expect(JSON.parse(records[0]!.consents).map((c: any) => c.text)).to.deep.equal(shown.consents.map((c: any) => c.text));
    const declined = await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'changed my mind' });
    expect(declined.status).to.equal(409);
    const pdf = await fetchPdf(token, '/links/estimates/est-2001/pdf');
    expect(pdf.text).to.contain('Signature record');
    expect(pdf.text).to.contain('Dana Whitfield');
    expect(pdf.text).to.contain(better.contentSha256);
  });

  it('answers a decline or a request for changes sent again as the first (a retry after a lost answer), and refuses another', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const first = await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'We are moving.', version: 1 });
    expect(first.status).to.equal(200);
    const again = await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'We are moving.', version: 1 });
    expect([again.status, again.headers.get('Idempotent-Replayed'), again.body.estimate]).to.deep.equal([200, 'true', first.body.estimate]);
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'Too expensive.', version: 1 })).status).to.equal(409);
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/request-changes', { message: 'We are moving.', version: 1 })).status).to.equal(409);
    // Decided: refused as decided, whatever the body (as documented), not judged as a new answer.
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: '' })).status).to.equal(409);
  });

  it('makes an office edit after approval a new version to approve again, and refuses an answer to the old one', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const v1 = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const consents = v1.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const approve = (estimate: any, optionId: string) =>
      viaLink(token, 'POST', '/links/estimates/est-2001/approve', {
        optionId,
        signerName: 'Dana Whitfield',
        version: estimate.version,
        contentSha256: estimate.options.find((o: any) => o.id === optionId).contentSha256,
        consents,
      });
    expect((await approve(v1, 'opt-good')).status).to.equal(200);
    const edited = await api('PUT', '/office/estimates/est-2001', {
      headers: office,
      body: { options: [{ id: 'opt-good', name: 'Good', items: [{ description: 'Furnace, now with a 12-year warranty', quantity: 1, unitPrice: 299000 }], tax: 21678 }] },
    });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.include({ version: 2, status: 'Open' });
    expect((await approve(v1, 'opt-good')).status).to.equal(409);
    const v2 = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    expect(v2.options[0].contentSha256).not.to.equal(v1.options[0].contentSha256);
    // The earlier answer is still said, naming the version it was given to; the signed PDF waits for v2.
    expect(v2.decision).to.include({ kind: 'approved', optionId: 'opt-good', signerName: 'Dana Whitfield', version: 1 });
    expect((await viaLink(token, 'GET', '/links/estimates/est-2001/pdf')).status).to.equal(409);
    // Another edit before the customer answers: version 3, and an answer to version 2 is refused.
    const office2 = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { name: 'Edited twice' } });
    expect(office2.body.version).to.equal(3);
    expect((await approve(v2, 'opt-good')).status).to.equal(409);
    const v3 = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    expect((await approve(v3, 'opt-good')).status).to.equal(200);
    expect(await backend.database.db.selectFrom('estimate_signatures').select('version').orderBy('version').execute()).to.deep.equal([{ version: 1 }, { version: 3 }]);
  });

  it('sends the customer a record of the approval, once, however often the approval is retried', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const better = shown.options.find((o: any) => o.id === 'opt-better');
    const approval = {
      optionId: 'opt-better', signerName: 'Dana Whitfield', version: shown.version, contentSha256: better.contentSha256,
      consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })),
    };
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/approve', approval)).status).to.equal(200);
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/approve', approval)).status).to.equal(200);
    const sent = await backend.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'estimate-approved').execute();
    expect(sent.map((m) => m.to_address)).to.deep.equal([DANA]);
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(better.total / 100);
    expect(sent[0]!.subject).to.equal('You approved estimate E-2001 from Northwind Heating & Air');
    expect(sent[0]!.body).to.contain(`Thank you for approving estimate E-2001: Better, ${total}, signed by Dana Whitfield.`);
    expect(sent[0]!.html).to.contain('signed by Dana Whitfield');
  });

  it('keeps the version when the office only extends an open estimate’s valid-until day: a page open on it can still approve', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const extended = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { validUntil: '2027-06-30' } });
    expect(extended.body).to.include({ version: shown.version, status: 'Open', validUntil: '2027-06-30' });
    const good = shown.options.find((o: any) => o.id === 'opt-good');
    const approved = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', {
      optionId: 'opt-good', signerName: 'Dana Whitfield', version: shown.version, contentSha256: good.contentSha256,
      consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })),
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  });

  it('takes a decline with a reason, or a request for changes with a message, once', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/request-changes', { message: '' })).status).to.equal(400);
    const asked = await viaLink(token, 'POST', '/links/estimates/est-2001/request-changes', { message: 'Can you quote a 100,000 BTU unit?' });
    expect(asked.body.estimate.status).to.equal('ChangesRequested');
    expect(asked.body.estimate.decision.message).to.equal('Can you quote a 100,000 BTU unit?');
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'too expensive' })).status).to.equal(409);
  });

  it('refuses a company time zone Intl does not know, naming the field, and links carry the one saved', async () => {
    const current = (await api('GET', '/office/settings', { headers: office })).body;
    for (const timeZone of ['America/Chicgo', '', 'Mars/Olympus_Mons', 42]) {
      const refused = await api('PUT', '/office/settings', { headers: office, body: { ...current, timeZone } });
      expect(refused.status, String(timeZone)).to.equal(400);
      expect(refused.body.error.details.field).to.equal('timeZone');
      expect(refused.body.error.message).to.contain('"timeZone"');
    }
    expect((await api('GET', '/office/settings', { headers: office })).body.timeZone).to.equal('America/Chicago');
    const saved = await api('PUT', '/office/settings', { headers: office, body: { ...current, timeZone: 'Pacific/Auckland' } });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const { token } = await sendLink('estimate', 'est-2001');
    expect((await viaLink(token, 'GET', '/links/estimates/est-2001')).body.company.timeZone).to.equal('Pacific/Auckland');
  });

  it('takes no answer past the valid-until day, signed in either, and sends no fresh link that would be dead too', async () => {
    const { token: linkToken } = await sendLink('estimate', 'est-2001');
    clock.advance(400 * DAY);
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const shown = (await api('GET', '/customers/cust-1001/estimates/est-2001', { token })).body.estimate;
    const option = shown.options[0];
    const consents = shown.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const approval = { optionId: option.id, signerName: 'Dana Whitfield', version: shown.version, contentSha256: option.contentSha256, consents };
    const approved = await api('POST', '/customers/cust-1001/estimates/est-2001/approve', { token, body: approval });
    expect([approved.status, approved.body.error?.code, approved.body.error?.details?.field]).to.deep.equal([409, 'CONFLICT', 'validUntil']);
    expect(approved.body.error.message).to.contain('expired');
    expect((await api('POST', '/customers/cust-1001/estimates/est-2001/decline', { token, body: { reason: 'Too late' } })).status).to.equal(409);
    expect((await api('POST', '/customers/cust-1001/estimates/est-2001/request-changes', { token, body: { message: 'Cheaper?' } })).status).to.equal(409);
    expect(await backend.database.db.selectFrom('estimate_signatures').select('id').execute()).to.have.length(0);
    // The link has expired; a fresh one would be expired too (the answer says so): nothing is sent, and the old link is not replaced.
    const expired = await viaLink(linkToken, 'GET', '/links/estimates/est-2001');
    expect([...problem(expired), expired.body.error.details.renewable]).to.deep.equal([410, 'LINK_EXPIRED', 'expired', false]);
    expect(expired.body.error.message).to.contain('Call');
    const before = (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    expect((await api('POST', '/links/resend', { body: { token: linkToken } })).status).to.equal(202);
    expect((await backend.database.db.selectFrom('outbox').select('id').execute()).length).to.equal(before);
    expect(problem(await viaLink(linkToken, 'GET', '/links/estimates/est-2001'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });

  it('makes a new estimate for the office (open, version 1, numbered, with the standard consents) that a link then opens and the customer can approve', async () => {
    const body = {
      customerId: 'cust-1001', locationId: 'loc-1', name: 'Replace the water heater', validUntil: '2099-01-31',
      options: [{ name: '50-gallon tank', items: [{ description: 'Water heater, installed', quantity: 1, unitPrice: 189_900 }], tax: 13_768 }],
      terms: { version: '2026-11', text: 'Payment due on completion.' },
    };
    const made = await api('POST', '/office/estimates', { headers: office, body });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ number: 'E-5001', version: 1, status: 'Open', customerId: 'cust-1001', validUntil: '2099-01-31', currency: 'USD' });
    expect(made.body.options[0]).to.include({ id: 'opt-1', subtotal: 189_900, total: 203_668 });
    expect(made.body.consents.map((c: any) => [c.id, c.version])).to.deep.equal([['terms', '2026-11'], ['e-sign', '2026-11']]);
    const second = await api('POST', '/office/estimates', { headers: office, body: { ...body, id: 'st-est-88', number: 'Q-88' } });
    expect([second.status, second.body.id, second.body.number]).to.deep.equal([201, 'st-est-88', 'Q-88']);
    // A number is one estimate's: one given that is taken is refused; a made one skips those the office gave.
    const taken = await api('POST', '/office/estimates', { headers: office, body: { ...body, number: 'E-2001' } });
    expect([taken.status, taken.body.error?.details?.field]).to.deep.equal([409, 'number']);
    expect((await api('POST', '/office/estimates', { headers: office, body: { ...body, number: 'E-5002' } })).status).to.equal(201);
    expect((await api('POST', '/office/estimates', { headers: office, body })).body.number).to.equal('E-5003');
    const { token } = await sendLink('estimate', made.body.id);
    const shown = (await viaLink(token, 'GET', `/links/estimates/${made.body.id}`)).body.estimate;
    const approved = await viaLink(token, 'POST', `/links/estimates/${made.body.id}/approve`, {
      optionId: 'opt-1', signerName: 'Dana Whitfield', version: shown.version, contentSha256: shown.options[0].contentSha256,
      consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })),
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  });

  it('refuses a new estimate it could not show or that could not be answered, naming the field, and never replaces one by its id', async () => {
    const body = {
      id: 'st-est-1', customerId: 'cust-1001', locationId: 'loc-1', name: 'Tune-up', validUntil: '2099-01-31',
      options: [{ name: 'Tune-up', items: [{ description: 'Tune-up', quantity: 1, unitPrice: 9_900 }] }],
      terms: { version: '1', text: 'Terms.' },
    };
    const make = (change: Record<string, unknown>) => api('POST', '/office/estimates', { headers: office, body: { ...body, ...change } });
    const refusal = (answer: { status: number; body: Record<string, any> }) => [answer.status, answer.body.error?.code, answer.body.error?.details?.field];
    expect(refusal(await make({ customerId: 'cust-nobody' }))).to.deep.equal([400, 'VALIDATION', 'customerId']);
    expect(refusal(await make({ locationId: 'loc-3' }))).to.deep.equal([400, 'VALIDATION', 'locationId']);
    expect(refusal(await make({ validUntil: '2020-01-01' }))).to.deep.equal([400, 'VALIDATION', 'validUntil']);
    expect(refusal(await make({ options: [] }))).to.deep.equal([400, 'VALIDATION', 'options']);
    expect(refusal(await make({ terms: undefined }))).to.deep.equal([400, 'VALIDATION', 'terms.version']);
    expect(refusal(await make({ validUntl: '2099-01-31' }))).to.deep.equal([400, 'VALIDATION', 'validUntl']);
    expect(refusal(await make({ id: '../x' }))).to.deep.equal([400, 'VALIDATION', 'id']);
    expect((await api('POST', '/office/estimates', { body })).status).to.equal(403);
    expect((await make({})).status).to.equal(201);
    expect(refusal(await make({ name: 'Something else' }))).to.deep.equal([409, 'CONFLICT', 'id']);
    const kept = await backend.database.db.selectFrom('estimates').select(['name']).where('id', '=', 'st-est-1').execute();
    expect(kept).to.deep.equal([{ name: 'Tune-up' }]);
  });

  it('checks the office’s estimate edit like any input: dates, items, totals, tax, option ids and terms; a refused edit changes nothing', async () => {
    const option = (id: string | undefined, change: Record<string, unknown> = {}) => ({ id, name: 'Repair', items: [{ description: 'Igniter', quantity: 1, unitPrice: 12_000 }], ...change });
    const edit = (body: Record<string, unknown>) => api('PUT', '/office/estimates/est-2001', { headers: office, body });
    const refusal = (answer: { status: number; body: Record<string, any> }) => [answer.status, answer.body.error?.code, answer.body.error?.details?.field];
    expect(refusal(await edit({ validUntil: '2026-02-31' }))).to.deep.equal([400, 'VALIDATION', 'validUntil']);
    // A misspelt field is named, not dropped (it would have reopened the estimate as a new version, unchanged).
    expect(refusal(await edit({ validUntill: '2027-01-31' }))).to.deep.equal([400, 'VALIDATION', 'validUntill']);
    expect(refusal(await edit({}))).to.deep.equal([400, 'VALIDATION', undefined]);
    expect(refusal(await edit({ options: [option('a', { items: [] })] }))).to.deep.equal([400, 'VALIDATION', 'options.0.items']);
    const huge = { description: 'Gold', quantity: 10_000, unitPrice: Number.MAX_SAFE_INTEGER };
    expect(refusal(await edit({ options: [option('a', { items: [huge] })] }))).to.deep.equal([400, 'VALIDATION', 'options.0.items.0.unitPrice']);
    expect(refusal(await edit({ options: [option('a', { tax: '12' })] }))).to.deep.equal([400, 'VALIDATION', 'options.0.tax']);
    expect(refusal(await edit({ options: [option('a'), option('a')] }))).to.deep.equal([400, 'VALIDATION', 'options.1.id']);
    // A generated id (opt-2 for the second option) meeting a given one.
    expect(refusal(await edit({ options: [option('opt-2'), option(undefined)] }))).to.deep.equal([400, 'VALIDATION', 'options.1.id']);
    expect(refusal(await edit({ options: [option('a b')] }))).to.deep.equal([400, 'VALIDATION', 'options.0.id']);
    expect(refusal(await edit({ terms: { version: '2027-01' } }))).to.deep.equal([400, 'VALIDATION', 'terms.text']);
    const { token } = await sendLink('estimate', 'est-2001');
    const unchanged = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    expect(unchanged.version).to.equal(1);
    const saved = await edit({ terms: { version: '2027-01', text: 'Work is guaranteed for two years.' }, options: [option('a'), option(undefined)] });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const next = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    expect([next.version, next.terms, next.options.map((o: any) => o.id)]).to.deep.equal([2, { version: '2027-01', text: 'Work is guaranteed for two years.' }, ['a', 'opt-2']]);
    // The consent to the terms follows their version: an approval names the terms it agreed to.
    expect(next.consents.find((c: any) => c.id === 'terms').version).to.equal('2027-01');
    const oldConsents = unchanged.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const first = next.options[0];
    const approval = { optionId: first.id, signerName: 'Dana Whitfield', version: 2, contentSha256: first.contentSha256, consents: oldConsents };
    const stale = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', approval);
    expect([stale.status, stale.body.error?.details?.field]).to.deep.equal([400, 'consents.terms']);
  });

  it('refuses a decline or a request for changes to a version the office has changed since (when the version shown is sent)', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const edited = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { name: 'Replace the furnace (revised)' } });
    expect(edited.status).to.equal(200);
    const stale = await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'Too dear', version: 1 });
    expect([stale.status, stale.body.error?.details?.field]).to.deep.equal([409, 'version']);
    const changes = await viaLink(token, 'POST', '/links/estimates/est-2001/request-changes', { message: 'Cheaper?', version: 1 });
    expect([changes.status, changes.body.error?.details?.field]).to.deep.equal([409, 'version']);
    const current = await viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'Too dear', version: 2 });
    expect(current.status, JSON.stringify(current.body)).to.equal(200);
    expect(current.body.estimate.decision).to.include({ kind: 'declined', version: 2 });
  });

  it('refuses a signature of fewer than two letters, and an approval that does not name what was shown', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const option = shown.options[0];
    const consents = shown.consents.map((c: any) => ({ id: c.id, version: c.version }));
    const body = { optionId: option.id, signerName: 'X.', version: shown.version, contentSha256: option.contentSha256, consents };
    const field = async (change: Record<string, unknown>) => {
      const answer = await viaLink(token, 'POST', '/links/estimates/est-2001/approve', { ...body, ...change });
      return [answer.status, answer.body.error?.details?.field];
    };
    expect(await field({})).to.deep.equal([400, 'signerName']);
    expect(await field({ signerName: 'Dana Whitfield', contentSha256: undefined })).to.deep.equal([400, 'contentSha256']);
    expect(await field({ signerName: 'Jo' })).to.deep.equal([200, undefined]);
  });

  it('shows the same estimate to the signed-in customer in the portal', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const list = await api('GET', '/customers/cust-1001/estimates', { token });
    expect(list.body.map((e: any) => e.id)).to.deep.equal(['est-2001']);
    const one = await api('GET', '/customers/cust-1001/estimates/est-2001', { token });
    expect(one.body.estimate.options).to.have.length(3);
    const priya = await signInAs('priya.nair@harborpoint.example', SEEDED_PASSWORDS['priya.nair@harborpoint.example']!);
    expect((await api('GET', '/customers/cust-1001/estimates/est-2001', { token: priya })).status).to.equal(404);
  });
});

async function fetchPdf(token: string, path: string) {
  const response = await backendFetch(`/api${path}`, { headers: { 'X-Porchlight-Link': token } });
  expect(response.status).to.equal(200);
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}

describe('reference backend: pay links and visit status links', () => {
  beforeEach(() => startTestBackend());

  const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', postalCode: '62704' };

  it('makes a link without sending it ("send": false), for the office’s own system to carry; it replaces the one sent before', async () => {
    const { token: sentOne } = await sendLink('pay', 'inv-10412');
    const outbox = () => backend.database.db.selectFrom('outbox').select('id').execute();
    const before = (await outbox()).length;
    const made = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/page`, send: false } });
    expect([made.status, made.body.messageId]).to.deep.equal([201, null]);
    expect((await outbox()).length, 'nothing sent').to.equal(before);
    const token = new URL(made.body.url as string).hash.replace('#porchlight-link=', '');
    expect((await viaLink(token, 'GET', '/links/invoices/inv-10412')).status).to.equal(200);
    expect((await viaLink(sentOne, 'GET', '/links/invoices/inv-10412')).status, 'the earlier link is replaced').to.equal(410);
    const wrong = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/page`, send: 'no' } });
    expect([wrong.status, wrong.body.error.details.field]).to.deep.equal([400, 'send']);
  });

  it('sends the receipt of a pay link’s payment to the contacts on file, by text too: a customer with only a mobile gets it', async () => {
    await backend.database.db.deleteFrom('contacts').where('customer_id', '=', 'cust-1001').where('type', '=', 'Email').execute();
    const { token } = await sendLink('pay', 'inv-10412');
    const paid = await viaLink(token, 'POST', '/links/invoices/inv-10412/payments', { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card }, { 'Idempotency-Key': 'receipt-by-text' });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const receipts = await backend.database.db.selectFrom('outbox').select(['kind', 'to_address', 'body']).where('kind', 'like', 'receipt%').execute();
    expect(receipts.map((m) => [m.kind, m.to_address])).to.deep.equal([['receipt-sms', '(555) 014-2231']]);
    expect(receipts[0]!.body).to.equal(`Northwind Heating & Air: thank you for your payment. Receipt ${paid.body.receiptNumber}: $10.00 (Visa •••• 4242).`);
  });

  it('pays one invoice from a link with the portal’s rules, then shows the receipt only, until 90 days after', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    const opened = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect(opened.body.payable).to.equal(true);
    const balance = opened.body.invoice.balance as number;
    const pay = (amount: number, key: string, invoiceId = 'inv-10412') =>
      viaLink(token, 'POST', '/links/invoices/inv-10412/payments', { applications: [{ invoiceId, amount }], card }, { 'Idempotency-Key': key });
    expect((await pay(50, 'link-too-small')).status).to.equal(422);
    expect((await pay(1000, 'link-other-invoice', 'inv-10377')).status).to.equal(400);
    // Sent twice at once: one charge. The second may be told "being processed" (409, retry after a moment:
    // the contract's answer while the first is in flight); asked again, it answers the same payment.
    const settle = async (answer: Awaited<ReturnType<typeof pay>>) =>
      answer.status === 409 && answer.body.error?.details?.retryAfterSeconds ? pay(balance, 'link-pay-1') : answer;
    const [first, second] = await Promise.all([pay(balance, 'link-pay-1'), pay(balance, 'link-pay-1')]);
    const [a, b] = await Promise.all([settle(first), settle(second)]);
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect(b.body.id).to.equal(a.body.id);
    const after = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect(after.body.payable).to.equal(false);
    expect(after.body.receipts.map((r: any) => r.receiptNumber)).to.include(a.body.receiptNumber);
    clock.advance(92 * DAY);
    expect(problem(await viaLink(token, 'GET', '/links/invoices/inv-10412'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });

  it('shows on a pay link only this invoice’s share of a payment that also paid others', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const open = (await api('GET', '/customers/cust-1001/invoices?status=open', { token })).body.items as { id: string; balance: number }[];
    const [linked, other] = [open.find((i) => i.id === 'inv-10412')!, open.find((i) => i.id !== 'inv-10412')!];
    expect(linked && other, 'two open invoices').to.be.ok;
    const paid = await api('POST', '/customers/cust-1001/payments', {
      token,
      headers: { 'Idempotency-Key': 'two-invoices-1' },
      body: { applications: [{ invoiceId: linked.id, amount: linked.balance }, { invoiceId: other.id, amount: other.balance }], card },
    });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const { token: link } = await sendLink('pay', 'inv-10412');
    const [receipt, ...more] = (await viaLink(link, 'GET', '/links/invoices/inv-10412')).body.receipts;
    expect(more).to.deep.equal([]);
    expect(receipt.receiptNumber).to.equal(paid.body.receiptNumber);
    expect(receipt.applications.map((a: any) => a.invoiceId)).to.deep.equal(['inv-10412']);
    expect(receipt.amount).to.equal(linked.balance);
    expect(JSON.stringify(receipt)).not.to.contain(other.id);
  });

  it('follows a visit as the office moves it, with the technician’s first name only, until a day after it', async () => {
    const { token } = await sendLink('visit', 'appt-job-u1');
    const first = await viaLink(token, 'GET', '/links/visits/appt-job-u1');
    expect(first.body.visit).to.include({ status: 'Scheduled', technicianFirstName: 'Luis' });
    const moved = await api('PUT', '/office/appointments/appt-job-u1/status', { headers: office, body: { status: 'OnTheWay' } });
    expect(moved.status).to.equal(200);
    expect((await viaLink(token, 'GET', '/links/visits/appt-job-u1')).body.visit.status).to.equal('OnTheWay');
    expect((await api('PUT', '/office/appointments/appt-job-u1/status', { headers: office, body: { status: 'Teleported' } })).status).to.equal(400);
    clock.advance(7 * DAY);
    expect(problem(await viaLink(token, 'GET', '/links/visits/appt-job-u1'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });
});

describe('reference backend: what a link’s message says', () => {
  beforeEach(() => startTestBackend());

  it('names the document in the default messages: the invoice’s and the estimate’s number, the visit’s day and arrival window', async () => {
    await sendLink('pay', 'inv-10412');
    await sendLink('estimate', 'est-2001');
    await sendLink('visit', 'appt-job-u1');
    const sent = await backend.database.db.selectFrom('outbox').select(['kind', 'subject', 'body']).where('to_address', '=', DANA).execute();
    const of = (kind: string) => sent.find((m) => m.kind === kind)!;
    expect(of('invoice').subject).to.equal('Invoice 10412 from Northwind Heating & Air');
    expect(of('invoice').body).to.contain('Your invoice 10412 is ready.');
    expect(of('estimate').subject).to.equal('Estimate E-2001 from Northwind Heating & Air');
    const visit = await backend.database.db.selectFrom('appointments').select(['window_start', 'window_end']).where('id', '=', 'appt-job-u1').executeTakeFirstOrThrow();
    const timeZone = (await api('GET', '/settings')).body.timeZone as string;
    const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(new Date(visit.window_start));
    expect(of('visit').subject).to.contain(`Your visit on ${day}`);
    expect(of('visit').body).to.match(/arrival window \d{1,2}:\d{2}/);
  });

  it('says “view it online” where online payments are off, in a default saved word for word too, and keeps the office’s own wording either way', async () => {
    const invoiceMail = async () => {
      await sendLink('pay', 'inv-10412');
      const mails = await backend.database.db.selectFrom('outbox').select(['kind', 'body', 'html']).where('to_address', '=', DANA).orderBy('id', 'desc').execute();
      return mails.find((m) => m.kind === 'invoice')!;
    };
    expect((await invoiceMail()).body).to.contain('View and pay it online:');
    await changeSettings({ onlinePaymentsEnabled: false });
    const off = await invoiceMail();
    expect(off.body).to.contain('View it online:');
    expect(off.body).to.contain('To pay, or with any question, call (555) 010-4477.');
    expect(`${off.body} ${off.html}`).not.to.match(/pay it online|Pay online/);
    const read = async () => (await api('GET', '/office/templates', { headers: office })).body.templates;
    expect((await read()).invoice.sms).to.equal('{{CompanyName}}: your invoice {{InvoiceNumber}} is ready: {{InvoicePayLink}}');
    expect((await read()).invitation.text).not.to.contain('pay online');
    // GET → PUT saves every part as it reads now; turned back on, the parts still say the default's words.
    expect((await api('PUT', '/office/templates', { headers: office, body: await read() })).status).to.equal(200);
    await changeSettings({ onlinePaymentsEnabled: true });
    expect((await invoiceMail()).body).to.contain('View and pay it online:');
    // The office's own words stay its own, whatever the setting.
    const own = { ...(await read()).invoice, text: 'Invoice {{InvoiceNumber}}: {{InvoicePayLink}} — pay online or call us.' };
    expect((await api('PUT', '/office/templates', { headers: office, body: { invoice: own } })).status).to.equal(200);
    await changeSettings({ onlinePaymentsEnabled: false });
    expect((await invoiceMail()).body).to.contain('pay online or call us.');
    // Wording the office chose stays its own, even when it is the other setting's default.
    const short = '{{CompanyName}}: your invoice {{InvoiceNumber}} is ready: {{InvoicePayLink}}';
    await changeSettings({ onlinePaymentsEnabled: true });
    expect((await api('PUT', '/office/templates', { headers: office, body: { invoice: { ...(await read()).invoice, sms: short } } })).status).to.equal(200);
    expect((await read()).invoice.sms).to.equal(short);
    // And the other way round: with payments off, the office writes the payments-on default's words on purpose.
    await changeSettings({ onlinePaymentsEnabled: false });
    const put = await api('PUT', '/office/templates', { headers: office, body: { invoice: { ...(await read()).invoice, text: defaultTemplates.invoice.text } } });
    expect(put.body.templates.invoice.text).to.equal(defaultTemplates.invoice.text);
    expect((await invoiceMail()).body).to.contain('View and pay it online:');
    // A message left out of a save goes back to the default of the moment, and follows the setting.
    expect((await api('PUT', '/office/templates', { headers: office, body: {} })).status).to.equal(200);
    expect((await read()).invoice.text).to.contain('View it online:');
    await changeSettings({ onlinePaymentsEnabled: true });
    expect((await read()).invoice.text).to.contain('View and pay it online:');
    // Templates saved whole by a version from before the defaults followed the setting: their default parts follow it now.
    await backend.database.db.updateTable('settings').set({ value: JSON.stringify({ invoice: { ...defaultTemplates.invoice, sms: 'Own words {{InvoicePayLink}}' } }) }).where('key', '=', 'templates').execute();
    await changeSettings({ onlinePaymentsEnabled: false });
    expect((await read()).invoice.text).to.contain('View it online:');
    expect((await read()).invoice.sms).to.equal('Own words {{InvoicePayLink}}');
  });
});

describe('reference backend: who a link is sent to', () => {
  beforeEach(() => startTestBackend());

  const SAM = 'sam.ortiz@example.com';
  const send = (body: Record<string, unknown>) => api('POST', '/office/links', { headers: office, body: { pageUrl: `${ORIGIN}/page`, ...body } });
  const mailsToSam = async () => (await backend.database.db.selectFrom('outbox').select('kind').where('to_address', '=', SAM).execute()).map((m) => m.kind);
  const appointmentAt = async (locationId: string) =>
    (
      await backend.database.db
        .selectFrom('appointments')
        .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
        .select('appointments.id')
        .where('jobs.customer_id', '=', 'cust-1003')
        .where('jobs.location_id', '=', locationId)
        .where('appointments.status', '=', 'Scheduled')
        .executeTakeFirstOrThrow()
    ).id;

  it('sends a location’s contact only what the portal would show them there: a visit with any access, an invoice with billing, nothing with none', async () => {
    // Harbor Point with no customer-level contact: Sam is non-billing at Harbor Point Tower (loc-3), no access at the leasing office (loc-4).
    await backend.database.db.deleteFrom('contacts').where('customer_id', '=', 'cust-1003').where('location_id', 'is', null).execute();
    const payNonBilling = await send({ purpose: 'pay', documentId: 'inv-10606' });
    const payNone = await send({ purpose: 'pay', documentId: 'inv-10603' });
    const visitNone = await send({ purpose: 'visit', documentId: await appointmentAt('loc-4') });
    for (const answer of [payNonBilling, payNone, visitNone]) {
      // The link is made, for the office to give another way, and nobody is sent it.
      expect([answer.status, answer.body.messageId], JSON.stringify(answer.body)).to.deep.equal([201, null]);
    }
    expect(await mailsToSam()).to.deep.equal([]);
    const visit = await send({ purpose: 'visit', documentId: await appointmentAt('loc-3') });
    expect(visit.body.messageId).to.be.a('string');
    expect(await mailsToSam()).to.deep.equal(['visit']);
    // A pay link paid by nobody on file with billing there: the receipt goes to no one rather than to Sam.
    const token = new URL(payNone.body.url as string).hash.replace('#porchlight-link=', '');
    const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', postalCode: '62704' };
    const paid = await viaLink(token, 'POST', '/links/invoices/inv-10603/payments', { applications: [{ invoiceId: 'inv-10603', amount: 1000 }], card }, { 'Idempotency-Key': 'sam-never' });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    expect(await mailsToSam()).to.deep.equal(['visit']);
  });

  it('sends no link that would open expired or turned off (a visit long over, an invoice paid long ago, an estimate past its day, the portal off), saying why', async () => {
    const pastVisit = (
      await backend.database.db.selectFrom('appointments').select(['id', 'end_at']).orderBy('end_at').limit(1).executeTakeFirstOrThrow()
    ).id;
    const expectRefused = async (body: Record<string, unknown>, words: string) => {
      const answer = await send(body);
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field], JSON.stringify(body)).to.deep.equal([409, 'CONFLICT', 'documentId']);
      expect(answer.body.error.message).to.contain(words);
    };
    await expectRefused({ purpose: 'visit', documentId: pastVisit }, 'This visit ended more than');
    await expectRefused({ purpose: 'pay', documentId: 'inv-10231' }, 'paid in full more than');
    const edited = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { validUntil: '2020-01-01' } });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    await expectRefused({ purpose: 'estimate', documentId: 'est-2001' }, 'past its valid-until day');
    await changeSettings({ portalEnabled: false });
    await expectRefused({ purpose: 'pay', documentId: 'inv-10412' }, 'The portal is turned off');
    expect(await backend.database.db.selectFrom('document_links').select('token_hash').execute()).to.have.length(0);
    expect(await backend.database.db.selectFrom('outbox').select('id').execute()).to.have.length(0);
  });

  it('offers no fresh link, and a resend sends none (202 all the same), when one would not reach the customer: the invoice no longer shown, or nobody on file who may see it', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    clock.advance(366 * DAY);
    const outboxSize = async () => (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    const before = await outboxSize();
    await changeSettings({ excludedBusinessUnitIds: ['bu-hvac'] });
    const hidden = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect([...problem(hidden), hidden.body.error.details.renewable]).to.deep.equal([410, 'LINK_EXPIRED', 'expired', false]);
    const resent = await api('POST', '/links/resend', { body: { token } });
    expect([resent.status, resent.body]).to.deep.equal([202, { accepted: true }]);
    expect(await outboxSize()).to.equal(before);
    // Shown again, but nobody on file may see it: Dana's customer-level contacts gone.
    await changeSettings({ excludedBusinessUnitIds: [] });
    await backend.database.db.deleteFrom('contacts').where('customer_id', '=', 'cust-1001').where('location_id', 'is', null).execute();
    const nobody = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect(nobody.body.error.details.renewable).to.equal(false);
    expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
    expect(await outboxSize()).to.equal(before);
    // The old link is as it was: expired, not replaced by one sent to nobody.
    expect(problem(await viaLink(token, 'GET', '/links/invoices/inv-10412'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });

  it('counts a mobile on file as a way to reach the customer only while the message has a text: with the text emptied and no email, no fresh link is offered or made', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    clock.advance(366 * DAY);
    const outboxSize = async () => (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    // Dana keeps only her mobile.
    await backend.database.db.deleteFrom('contacts').where('customer_id', '=', 'cust-1001').where('type', '=', 'Email').execute();
    expect((await viaLink(token, 'GET', '/links/invoices/inv-10412')).body.error.details.renewable).to.equal(true);
    const read = (await api('GET', '/office/templates', { headers: office })).body;
    const emptied = await api('PUT', '/office/templates', { headers: office, body: { ...read.templates, invoice: { ...read.templates.invoice, sms: '' } } });
    expect(emptied.status, JSON.stringify(emptied.body)).to.equal(200);
    expect((await viaLink(token, 'GET', '/links/invoices/inv-10412')).body.error.details.renewable).to.equal(false);
    const before = await outboxSize();
    expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
    expect(await outboxSize()).to.equal(before);
    expect(problem(await viaLink(token, 'GET', '/links/invoices/inv-10412'))).to.deep.equal([410, 'LINK_EXPIRED', 'expired']);
  });

  it('revoking the links of a document that does not exist is a 404, not a 204 that hides a typo', async () => {
    const revoke = (documentId: string) => api('POST', '/office/links/revoke', { headers: office, body: { purpose: 'pay', documentId } });
    const typo = await revoke('inv-1O412');
    expect([typo.status, typo.body.error?.details?.field]).to.deep.equal([404, 'documentId']);
    expect((await revoke('inv-10412')).status).to.equal(204);
  });

  it('refuses a pay link for an invoice the portal does not show (an excluded business unit, the invoice filter), and an address that is not text', async () => {
    for (const documentId of ['inv-10601', 'inv-10604']) {
      const answer = await send({ purpose: 'pay', documentId });
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field], documentId).to.deep.equal([409, 'CONFLICT', 'documentId']);
      expect(answer.body.error.message).to.contain('not shown online');
    }
    expect(await backend.database.db.selectFrom('document_links').select('token_hash').execute()).to.have.length(0);
    for (const field of ['pageUrl', 'portalUrl']) {
      const answer = await send({ purpose: 'pay', documentId: 'inv-10412', [field]: { href: `${ORIGIN}/page` } });
      expect([answer.status, answer.body.error?.details?.field], field).to.deep.equal([400, field]);
    }
    expect((await send({ purpose: 'pay', documentId: 'inv-10412', portalUrl: null })).status).to.equal(201);
  });
});

describe('reference backend: a canceled visit', () => {
  beforeEach(() => startTestBackend());

  it('tells the customer once, with the day and window in the contractor’s zone; canceled again, nothing more', async () => {
    const status = (value: string) => api('PUT', '/office/appointments/appt-job-u1/status', { headers: office, body: { status: value } });
    const canceledMails = async () => backend.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'visit-canceled').execute();
    expect((await status('Canceled')).status).to.equal(200);
    const [mail] = await canceledMails();
    expect(mail?.to_address).to.equal(DANA);
    expect(mail!.subject).to.match(/^Your visit on \w+day, \w+ \d+, \d{4} is canceled$/);
    expect(mail!.body.replace(/\s/g, ' ')).to.match(/, arrival window \d+:\d{2}( [AP]M)? – \d+:\d{2} [AP]M \(Central (Standard|Daylight) Time\), is canceled\./);
    expect((await status('Canceled')).status).to.equal(200);
    expect(await canceledMails()).to.have.length(1);
    expect((await api('PUT', '/office/appointments/appt-nope/status', { headers: office, body: { status: 'Canceled' } })).status).to.equal(404);
  });

  it('is no longer a membership’s next visit, unless another visit there that day is still on', async () => {
    const token = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const nextVisit = async () => {
      const answer = await api('GET', '/customers/cust-1001/memberships', { token });
      return (answer.body as { id: string; nextVisitOn: string | null }[]).find((m) => m.id === 'mem-1')!.nextVisitOn;
    };
    const day = await nextVisit();
    expect(day, 'the seed’s Comfort Club visit is job u1’s day').to.be.a('string');
    const cancel = (id: string) => api('PUT', `/office/appointments/${id}/status`, { headers: office, body: { status: 'Canceled' } });
    // Another visit at the same home that day, still on: it may be the plan's, so the day stays.
    const u1 = await backend.database.db.selectFrom('appointments').selectAll().where('id', '=', 'appt-job-u1').executeTakeFirstOrThrow();
    await backend.database.db.updateTable('appointments').set({ start_at: u1.start_at, end_at: u1.end_at, window_start: u1.window_start, window_end: u1.window_end }).where('id', '=', 'appt-job-u2').execute();
    await backend.database.db.updateTable('jobs').set({ customer_id: 'cust-1001', location_id: 'loc-1', location_name: 'Home' }).where('id', '=', 'job-u2').execute();
    expect((await cancel('appt-job-u1')).status).to.equal(200);
    expect(await nextVisit()).to.equal(day);
    // The other one canceled as well: the plan no longer promises that day.
    expect((await cancel('appt-job-u2')).status).to.equal(200);
    expect(await nextVisit()).to.equal(null);
  });

  it('stays canceled: the customer was told, so the office books a new visit rather than move this one on', async () => {
    const status = (id: string, value: string) => api('PUT', `/office/appointments/${id}/status`, { headers: office, body: { status: value } });
    expect((await status('appt-job-u1', 'Canceled')).status).to.equal(200);
    for (const value of ['Scheduled', 'OnTheWay', 'Arrived', 'Done']) {
      const answer = await status('appt-job-u1', value);
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field], value).to.deep.equal([409, 'CONFLICT', 'status']);
      expect(answer.body.error.message).to.contain('Book a new visit');
    }
    const row = await backend.database.db.selectFrom('appointments').select('status').where('id', '=', 'appt-job-u1').executeTakeFirstOrThrow();
    expect(row.status).to.equal('Canceled');
    // A job your system canceled (an import) reads canceled too, whatever its appointment's row says.
    await backend.database.db.updateTable('jobs').set({ status: 'Canceled' }).where('id', '=', 'job-u2').execute();
    expect((await status('appt-job-u2', 'OnTheWay')).status).to.equal(409);
    // A job your records completed: its visits read Done, and nothing moves or cancels them (no email either).
    await backend.database.db.updateTable('jobs').set({ status: 'Completed' }).where('id', '=', 'job-u4').execute();
    const cancellations = async () => (await backend.database.db.selectFrom('outbox').select('id').where('kind', '=', 'visit-canceled').execute()).length;
    const before = await cancellations();
    for (const value of ['Scheduled', 'Canceled']) {
      const answer = await status('appt-job-u4', value);
      expect([answer.status, answer.body.error?.details?.field], value).to.deep.equal([409, 'status']);
    }
    expect(await cancellations()).to.equal(before);
    expect((await status('appt-nope', 'OnTheWay')).status).to.equal(404);
    // The others move as before.
    expect((await status('appt-job-u3', 'OnTheWay')).status).to.equal(200);
    expect((await status('appt-job-u3', 'Scheduled')).status).to.equal(200);
  });
});

describe('reference backend: voiding a document revokes its links', () => {
  beforeEach(() => startTestBackend());

  const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', postalCode: '62704' };
  const revokedWhy = (answer: { status: number; body: Record<string, any> }) => [...problem(answer), answer.body.error?.details?.revokedBecause];

  it('a voided invoice’s pay link says it was voided, with the company phone; nothing can be paid on it, and voiding twice changes nothing', async () => {
    const { token } = await sendLink('pay', 'inv-10412');
    const voided = await api('POST', '/office/invoices/inv-10412/void', { headers: office, body: { reason: 'Billed twice' } });
    expect(voided.status, JSON.stringify(voided.body)).to.equal(200);
    expect(voided.body).to.include({ invoiceId: 'inv-10412', reason: 'Billed twice' });
    const opened = await viaLink(token, 'GET', '/links/invoices/inv-10412');
    expect(revokedWhy(opened)).to.deep.equal([410, 'LINK_EXPIRED', 'revoked', 'voided']);
    expect(opened.body.error.message).to.contain('This invoice was voided');
    expect(opened.body.error.details.companyPhone).to.equal('(555) 010-4477');
    const paying = await viaLink(token, 'POST', '/links/invoices/inv-10412/payments', { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card }, { 'Idempotency-Key': 'void-test-1' });
    expect(paying.status).to.equal(410);
    // Nor signed in: it has left the portal (it would read as paid with its balance at zero).
    const dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const signedIn = await api('POST', '/customers/cust-1001/payments', { token: dana, body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card }, headers: { 'Idempotency-Key': 'void-test-2' } });
    expect([signedIn.status, signedIn.body.error?.code]).to.deep.equal([404, 'NOT_FOUND']);
    for (const status of ['open', 'paid']) {
      const listed = await api('GET', `/customers/cust-1001/invoices?status=${status}`, { token: dana });
      expect(listed.status).to.equal(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).not.to.include('inv-10412');
    }
    expect((await api('GET', '/customers/cust-1001/invoices/inv-10412', { token: dana })).status).to.equal(404);
    expect(await backend.database.db.selectFrom('payment_applications').selectAll().where('invoice_id', '=', 'inv-10412').execute()).to.have.length(0);
    const again = await api('POST', '/office/invoices/inv-10412/void', { headers: office, body: {} });
    expect(again.body).to.deep.equal(voided.body);
    // No fresh link for it, and no resend.
    expect((await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/page` } })).status).to.equal(409);
  });

  it('voids an invoice whose balance is not its total with no payment on record (imported that way): nothing is owed after it', async () => {
    await backend.database.db.updateTable('invoices').set({ balance: 1234 }).where('id', '=', 'inv-10412').execute();
    const voided = await api('POST', '/office/invoices/inv-10412/void', { headers: office, body: {} });
    expect(voided.status, JSON.stringify(voided.body)).to.equal(200);
    const row = await backend.database.db.selectFrom('invoices').select('balance').where('id', '=', 'inv-10412').executeTakeFirstOrThrow();
    expect(Number(row.balance)).to.equal(0);
  });

  it('refuses to void an invoice something was paid on, and an unknown one; the office key is needed', async () => {
    const dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    const paid = await api('POST', '/customers/cust-1001/payments', { token: dana, body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card }, headers: { 'Idempotency-Key': 'void-test-3' } });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const refused = await api('POST', '/office/invoices/inv-10412/void', { headers: office, body: {} });
    expect([refused.status, refused.body.error.code]).to.deep.equal([409, 'CONFLICT']);
    expect(refused.body.error.message).to.contain('refund');
    expect(await backend.database.db.selectFrom('document_voids').selectAll().execute()).to.have.length(0);
    expect((await api('POST', '/office/invoices/inv-99999/void', { headers: office, body: {} })).status).to.equal(404);
    expect((await api('POST', '/office/invoices/inv-10377/void', { body: {} })).status).to.equal(403);
    expect((await api('POST', '/office/invoices/inv-10377/void', { headers: office, body: { reason: 7 } })).body.error.details.field).to.equal('reason');
  });

  it('a withdrawn estimate’s link says it was withdrawn; it leaves the portal and takes no answer; an approved one cannot be withdrawn', async () => {
    const { token } = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const withdrawn = await api('POST', '/office/estimates/est-2001/withdraw', { headers: office, body: { reason: 'Quoted the wrong unit' } });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    const opened = await viaLink(token, 'GET', '/links/estimates/est-2001');
    expect(revokedWhy(opened)).to.deep.equal([410, 'LINK_EXPIRED', 'revoked', 'voided']);
    expect(opened.body.error.message).to.contain('This estimate was withdrawn');
    const better = shown.options.find((o: any) => o.id === 'opt-better');
    const approval = { optionId: 'opt-better', signerName: 'Dana Whitfield', version: shown.version, contentSha256: better.contentSha256, consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })) };
    expect((await viaLink(token, 'POST', '/links/estimates/est-2001/approve', approval)).status).to.equal(410);
    const dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
    expect((await api('GET', '/customers/cust-1001/estimates', { token: dana })).body).to.deep.equal([]);
    expect((await api('GET', '/customers/cust-1001/estimates/est-2001', { token: dana })).status).to.equal(404);
    expect((await api('POST', '/customers/cust-1001/estimates/est-2001/approve', { token: dana, body: approval })).status).to.equal(404);
    expect(await backend.database.db.selectFrom('estimate_signatures').selectAll().execute()).to.have.length(0);
    expect((await api('PUT', '/office/estimates/est-2001', { headers: office, body: { name: 'Again' } })).status).to.equal(409);
    const listed = (await api('GET', '/office/estimates', { headers: office })).body.find((e: any) => e.id === 'est-2001');
    expect(listed.withdrawn.reason).to.equal('Quoted the wrong unit');
    expect(Date.parse(listed.withdrawn.at)).to.be.at.most(clock.now().getTime());
    // The resend of an expired-looking link sends nothing for a revoked one.
    const before = (await backend.database.db.selectFrom('outbox').select('id').execute()).length;
    expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
    expect((await backend.database.db.selectFrom('outbox').select('id').execute()).length).to.equal(before);
  });

  it('an approved estimate stays (a signed agreement), and a link replaced by a newer one says so', async () => {
    const first = await sendLink('estimate', 'est-2001');
    const shown = (await viaLink(first.token, 'GET', '/links/estimates/est-2001')).body.estimate;
    const good = shown.options.find((o: any) => o.id === 'opt-good');
    const approved = await viaLink(first.token, 'POST', '/links/estimates/est-2001/approve', {
      optionId: 'opt-good', signerName: 'Dana Whitfield', version: shown.version, contentSha256: good.contentSha256,
      consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })),
    });
    expect(approved.status).to.equal(200);
    expect((await api('POST', '/office/estimates/est-2001/withdraw', { headers: office, body: {} })).status).to.equal(409);
    await sendLink('estimate', 'est-2001');
    expect(revokedWhy(await viaLink(first.token, 'GET', '/links/estimates/est-2001'))).to.deep.equal([410, 'LINK_EXPIRED', 'revoked', 'replaced']);
  });
});

describe('merge tags', () => {
  const values = {
    CompanyName: 'Northwind <Heating> & "Air"',
    CustomerFirstName: "Dana'); alert(1)//",
    InvoicePayLink: 'https://portal.example/pay?invoice=1&x="y"#porchlight-link=abc',
    CustomerPortalLink: 'javascript:alert(1)',
  };

  it('escapes values for HTML text, for an attribute, and leaves plain text plain', () => {
    const html = renderTemplate('<p>Hi {{CustomerFirstName}} from {{CompanyName}}</p><a href="{{InvoicePayLink}}">Pay</a>', 'html', values);
    expect(html).to.contain('Northwind &#60;Heating&#62; &#38; &#34;Air&#34;');
    expect(html).to.contain('Dana&#39;); alert(1)//');
    expect(html).to.contain('href="https://portal.example/pay?invoice=1&#38;x=%22y%22#porchlight-link=abc"');
    expect(html).not.to.contain('<Heating>');
    const text = renderTemplate('Hi {{CustomerFirstName}} — {{CompanyName}}: {{InvoicePayLink}}', 'text', values);
    expect(text).to.equal(`Hi Dana'); alert(1)// — Northwind <Heating> & "Air": https://portal.example/pay?invoice=1&x=%22y%22#porchlight-link=abc`);
  });

  it('never puts a javascript: address in a link', () => {
    expect(renderTemplate('<a href="{{CustomerPortalLink}}">Portal</a>', 'html', values)).to.equal('<a href="">Portal</a>');
  });

  it('refuses an unknown or misspelt tag by name, and a non-link tag inside an attribute', () => {
    expect(() => validateTemplate('Hi {{CustomerFirstname}}', 'text')).to.throw(/\{\{CustomerFirstname\}\}.*did you mean \{\{CustomerFirstName\}\}/);
    expect(() => validateTemplate('Hi {{InvoiceLink}}', 'text')).to.throw(/Unknown merge tag \{\{InvoiceLink\}\}/);
    expect(() => validateTemplate('<a title="{{CompanyName}}">x</a>', 'html')).to.throw(/not a link/);
    expect(() => validateTemplate('<script>var x = "{{CompanyName}}"</script>', 'html')).to.throw(/only stand in text/);
    expect(() => validateTemplate('Hi {{CompanyName}', 'text')).to.throw(/not closed/);
  });

  it('greets someone with no name on file as "Hi," (the empty name takes its space), and a name as it is', () => {
    const none = { ...values, CustomerFirstName: '' };
    expect(renderTemplate('Hi {{CustomerFirstName}},\n\nYour invoice', 'text', none)).to.equal('Hi,\n\nYour invoice');
    expect(renderTemplate('Hola {{CustomerFirstName}}:', 'text', none)).to.equal('Hola:');
    expect(renderTemplate('<p>Hi {{CustomerFirstName}},</p>', 'html', none)).to.equal('<p>Hi,</p>');
    expect(renderTemplate('Hi {{CustomerFirstName}} and welcome', 'text', none)).to.equal('Hi  and welcome');
    expect(renderTemplate('Hi {{CustomerFirstName}},', 'text', { ...values, CustomerFirstName: 'Dana' })).to.equal('Hi Dana,');
  });

  it('reads a tag with spaces inside its braces, and an unclosed one before a long run of spaces at once', () => {
    expect(renderTemplate('Hi {{ CustomerFirstName  }}!', 'text', values)).to.equal(`Hi ${values.CustomerFirstName}!`);
    // The pattern once backtracked for minutes over this (a part's longest): one save held a server's only thread.
    expect(() => validateTemplate(`{{${' '.repeat(10_000)}`, 'text')).to.throw(/not closed/);
    expect(() => validateTemplate(`${'{{ a '.repeat(2_000)}`, 'text')).to.throw(/not closed|Unknown merge tag/);
  });

  it('refuses a tag the message has no value for, and a message without the link it is sent for', async () => {
    await startTestBackend();
    const read = (await api('GET', '/office/templates', { headers: office })).body;
    expect(read.messageTags.invoice).to.include('InvoicePayLink').and.not.include('OnlineEstimateLink');
    const put = (kind: string, change: Record<string, string>) =>
      api('PUT', '/office/templates', { headers: office, body: { ...read.templates, [kind]: { ...read.templates[kind], ...change } } });
    const estimateInInvoice = await put('invoice', { text: 'Pay: [{{OnlineEstimateLink}}] {{InvoicePayLink}}' });
    expect([estimateInInvoice.status, estimateInInvoice.body.error.details.field]).to.deep.equal([400, 'invoice.text']);
    expect(estimateInInvoice.body.error.message).to.contain('{{OnlineEstimateLink}} has nothing to fill in');
    const resetInReceipt = await put('receipt', { sms: 'Reset: {{PasswordResetLink}}' });
    expect([resetInReceipt.status, resetInReceipt.body.error.details.field]).to.deep.equal([400, 'receipt.sms']);
    for (const [kind, part, link] of [
      ['emailConfirmation', 'text', 'ConfirmEmailLink'],
      ['passwordReset', 'html', 'PasswordResetLink'],
      ['invoice', 'html', 'InvoicePayLink'],
      ['invitation', 'text', 'CustomerPortalLink'],
    ]) {
      const without = await put(kind!, { [part!]: 'Welcome to {{CompanyName}}!' });
      expect([without.status, without.body.error.details.field], kind).to.deep.equal([400, `${kind}.${part}`]);
      expect(without.body.error.message).to.contain(`{{${link}}}`);
    }
    // What GET answered, read-only lists and all, saves as it is.
    expect((await api('PUT', '/office/templates', { headers: office, body: read })).status).to.equal(200);
  });

  it('writes times with plain spaces (Intl’s narrow ones would make a text message Unicode)', () => {
    expect(renderTemplate('{{ArrivalWindow}}', 'text', { ArrivalWindow: '8:00\u202fAM\u2009–\u200912:00\u202fPM' })).to.equal('8:00 AM – 12:00 PM');
  });

  it('makes the office fix a template with an unknown tag when saving it, naming the tag', async () => {
    await startTestBackend();
    const current = (await api('GET', '/office/templates', { headers: office })).body.templates;
    const saved = await api('PUT', '/office/templates', {
      headers: office,
      body: { ...current, invoice: { ...current.invoice, text: 'Pay here: {{InvoicePaylink}}' } },
    });
    expect(saved.status).to.equal(400);
    expect(saved.body.error.details.field).to.equal('invoice.text');
    expect(saved.body.error.message).to.contain('{{InvoicePaylink}}');
    const ok = await api('PUT', '/office/templates', { headers: office, body: { ...current, invoice: { ...current.invoice, sms: 'Hi {{CustomerFirstName}}: {{InvoicePayLink}}' } } });
    expect(ok.status).to.equal(200);
    await sendLink('pay', 'inv-10412');
    const sms = await backend.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'invoice-sms').execute();
    expect(sms).to.have.length(1);
    expect(sms[0]!.body.startsWith(`Hi Dana: ${ORIGIN}/page?invoice=inv-10412#porchlight-link=`), sms[0]!.body).to.equal(true);
  });

  it('takes back what GET answered, edited (read, edit, save whole), and refuses a message it does not send rather than saving the defaults', async () => {
    await startTestBackend();
    const read = (await api('GET', '/office/templates', { headers: office })).body;
    read.templates.receipt.subject = 'Paid, thank you: {{CompanyName}}';
    const saved = await api('PUT', '/office/templates', { headers: office, body: read });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect((await api('GET', '/office/templates', { headers: office })).body.templates.receipt.subject).to.equal('Paid, thank you: {{CompanyName}}');
    // A misspelt message (or any other shape): 400 naming it, and the saved templates stay.
    const wrong = await api('PUT', '/office/templates', { headers: office, body: { reciept: { subject: 'x' } } });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.error.details.field).to.equal('reciept');
    expect(wrong.body.error.message).to.contain('invitation, invoice, estimate, receipt, visit');
    expect((await api('GET', '/office/templates', { headers: office })).body.templates.receipt.subject).to.equal('Paid, thank you: {{CompanyName}}');
  });
});
