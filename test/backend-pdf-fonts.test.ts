/**
 * Names and words outside Latin-1 in the PDFs: a customer called Nguyễn, Łukasz or Дмитрий sees their
 * name on their invoice, statement and signed estimate as written, not as "?" (backend/documents/pdf.ts
 * embeds DejaVu Sans for such a document, only the glyphs it draws). What no font draws in order without
 * a shaping engine, or DejaVu lacks, is still "?" and the download still works. A document the standard
 * fonts draw embeds no font, as before. On every engine, and in the browser's in-page backend.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { api, backend, backendFetch, ORIGIN, signInAs, startTestBackend } from './helpers/backend.js';
import { DANA } from './helpers/people.js';
import { readPdf } from './helpers/pdf-text.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };

async function getPdf(path: string, headers: Record<string, string>) {
  const response = await backendFetch(`/api${path}`, { headers });
  expect(response.status, path).to.equal(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { size: bytes.length, ...(await readPdf(bytes)) };
}

const renameDana = (name: string) => backend.database.db.updateTable('customers').set({ name }).where('id', '=', 'cust-1001').execute();

describe('reference backend: PDFs draw names outside Latin-1', function () {
  // The first such document loads the font files (1.4 MB) and parses them.
  this.timeout(60_000);
  let auth: Record<string, string>;
  beforeEach(async () => {
    await startTestBackend();
    auth = { Authorization: `Bearer ${await signInAs(DANA, SEEDED_PASSWORDS[DANA]!)}` };
  });

  it('draws the standard fonts, embedding none, when every character is in them', async () => {
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth);
    expect(pdf.text).to.contain('Dana Whitfield');
    expect(pdf.fonts).to.deep.equal(['Helvetica', 'Helvetica-Bold']);
    expect(pdf.embedsFont).to.equal(false);
  });

  it('prints Vietnamese, Polish and Cyrillic names as written on the invoice and the statement, in a small file', async () => {
    const name = 'Nguyễn Thị Łucja Wiśniewska-Дмитриева';
    await renameDana(name);
    for (const path of ['/customers/cust-1001/invoices/inv-10412/pdf', '/customers/cust-1001/statement/pdf']) {
      const pdf = await getPdf(path, auth);
      expect(pdf.text, path).to.contain(name);
      expect(pdf.embedsFont, path).to.equal(true);
      expect(pdf.fonts.map((font) => font.replace(/-\d+$/, '')), path).to.deep.equal(['DejaVuSans', 'DejaVuSans-Bold']);
      // The glyphs drawn, not the 1.4 MB of the two fonts.
      expect(pdf.size, path).to.be.below(60_000);
    }
  });

  it('prints the signer’s name as written in the signed estimate’s record', async () => {
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001', pageUrl: `${ORIGIN}/page` } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const link = { 'X-Porchlight-Link': new URL(sent.body.url as string).hash.replace('#porchlight-link=', '') };
    const shown = (await api('GET', '/links/estimates/est-2001', { headers: link })).body.estimate;
    const better = shown.options.find((o: { id: string }) => o.id === 'opt-better');
    const approved = await api('POST', '/links/estimates/est-2001/approve', {
      headers: link,
      body: {
        optionId: 'opt-better',
        signerName: 'Trần Văn Đức',
        version: shown.version,
        contentSha256: better.contentSha256,
        consents: shown.consents.map((c: { id: string; version: string }) => ({ id: c.id, version: c.version })),
      },
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const pdf = await getPdf('/links/estimates/est-2001/pdf', link);
    expect(pdf.text).to.contain('Signed by (typed name) Trần Văn Đức');
    expect(pdf.embedsFont).to.equal(true);
  });

  it('draws what no font here draws in order as "?", and the download still works', async () => {
    // Chinese (not in DejaVu), Hebrew (right to left), an emoji: nothing the Unicode font would draw right.
    await renameDana('Dana 李 שלום 🙂');
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth);
    expect(pdf.text).to.contain('Dana ? ???? ?');
    expect(pdf.fonts).to.deep.equal(['Helvetica', 'Helvetica-Bold']);
    // Beside a name the Unicode font draws, the same characters are "?" in it too.
    await renameDana('Łucja 李 🙂');
    const mixed = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth);
    expect(mixed.text).to.contain('Łucja ? ?');
    expect(mixed.embedsFont).to.equal(true);
  });

  it('draws a currency whose sign the standard fonts lack (₹) in the Unicode font, whatever the names', async () => {
    await backend.database.db.updateTable('invoices').set({ currency: 'INR' }).where('id', '=', 'inv-10412').execute();
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth);
    expect(pdf.text).to.contain('Dana Whitfield');
    expect(pdf.text).to.match(/Total ₹314\.24/);
    expect(pdf.embedsFont).to.equal(true);
  });

  it('shows invisible characters (zero-width, direction overrides) in a name as "?", not hidden in it', async () => {
    await renameDana('Łucja\u200b Nowak\u202e kawoN');
    const pdf = await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth);
    expect(pdf.text).to.contain('Łucja? Nowak? kawoN');
  });

  it('draws several documents at once, each with its own glyphs, from fonts parsed once', async () => {
    const names = ['Łucja Wiśniewska', 'Nguyễn Văn An', 'Дмитрий Орлов', 'Σοφία Παππά'];
    const pdfs: Awaited<ReturnType<typeof getPdf>>[] = [];
    for (const name of names) {
      await renameDana(name);
      // One at a time into the database; drawn side by side below.
      pdfs.push(await getPdf('/customers/cust-1001/invoices/inv-10412/pdf', auth));
    }
    for (const [i, pdf] of pdfs.entries()) expect(pdf.text).to.contain(names[i]!);
    await renameDana('Łucja Ωmega');
    const together = await Promise.all(Array.from({ length: 4 }, () => getPdf('/customers/cust-1001/statement/pdf', auth)));
    for (const pdf of together) expect(pdf.text).to.contain('Łucja Ωmega');
  });
});
