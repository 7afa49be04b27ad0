/**
 * The PDFs in the language of the page that asks for them (Accept-Language, rules/languages.ts): the
 * invoice, the statement and the signed estimate, with their money and dates in that language's locale,
 * on every engine. Without a Spanish header they are in English, as before.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { loadPdfLib } from '../backend/documents/load-pdf-lib.js';
import { pdfWords, type PdfWords } from '../backend/documents/pdf-words.js';
import { contractorToday } from '../backend/rules/history.js';
import { messageLocale } from '../backend/rules/languages.js';
import { api, backend, backendFetch, clock, ORIGIN, signInAs, signUpConfirmed, startTestBackend } from './helpers/backend.js';
import { DANA } from './helpers/people.js';
import { readPdf } from './helpers/pdf-text.js';

const spanishPage = { 'Accept-Language': 'es-US' };
const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };

async function getPdf(path: string, headers: Record<string, string>) {
  const response = await backendFetch(`/api${path}`, { headers });
  expect(response.status, path).to.equal(200);
  expect(response.headers.get('Content-Type')).to.equal('application/pdf');
  return { headers: response.headers, read: await readPdf(new Uint8Array(await response.arrayBuffer())) };
}

/** A calendar day as the PDFs write it in that locale (as the engine's Intl writes it). */
const day = (isoDate: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`)).replace(/\s+/g, ' ');

async function seededInvoice(id: string) {
  return (await backend.inspect()).invoices.find((i) => i.id === id)!;
}

describe('reference backend: PDFs in the language of the page', () => {
  let dana: string;
  beforeEach(async () => {
    await startTestBackend();
    dana = await signInAs(DANA, SEEDED_PASSWORDS[DANA]!);
  });

  it('writes every Spanish word in characters the standard fonts draw (WinAnsi)', async () => {
    const lib = await loadPdfLib();
    const doc = await lib.PDFDocument.create();
    const charset = new Set((await doc.embedFont(lib.StandardFonts.Helvetica)).getCharacterSet());
    const texts = (words: PdfWords) =>
      Object.values(words).flatMap((value) => {
        if (typeof value === 'function') return [(value as (...a: string[]) => string)('A', 'B', 'C', 'D', 'E')];
        return typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);
      });
    for (const language of ['en', 'es'] as const) {
      for (const text of texts(pdfWords[language])) {
        const missing = [...text].filter((c) => !charset.has(c.codePointAt(0)!));
        expect(missing, `${language}: ${text}`).to.deep.equal([]);
      }
    }
    // Every English word has its Spanish.
    expect(Object.keys(pdfWords.es).sort()).to.deep.equal(Object.keys(pdfWords.en).sort());
  });

  it('gives the invoice in Spanish to a Spanish page, named in Spanish, and in English without the header', async () => {
    const invoice = await seededInvoice('inv-10412');
    const path = '/customers/cust-1001/invoices/inv-10412/pdf';
    const auth = { Authorization: `Bearer ${dana}` };

    const spanish = await getPdf(path, { ...auth, ...spanishPage });
    expect(spanish.headers.get('Content-Disposition')).to.equal('attachment; filename="Northwind-Heating-Air-factura-10412.pdf"');
    expect(spanish.headers.get('Vary')).to.contain('Accept-Language');
    const es = spanish.read;
    expect(es.title).to.equal('Factura 10412');
    expect(es.language).to.equal('es-US');
    expect(es.text).to.contain('Factura 10412');
    expect(es.text).to.contain(`Fecha de la factura: ${day(invoice.invoiceDate, 'es-US')}`);
    expect(es.text).to.contain(`Vence: ${day(invoice.dueDate, 'es-US')}`);
    for (const word of ['Facturar a', 'Lugar del servicio', 'Descripción', 'Cant.', 'Precio unitario', 'Importe', 'Subtotal', 'Impuesto']) {
      expect(es.text).to.contain(word);
    }
    // The contractor's own words as written; money as on the bills.
    expect(es.text).to.contain('Hot surface igniter');
    expect(es.text).to.contain('Dana Whitfield');
    expect(es.text).to.match(/Impuesto \$21\.24/);
    expect(es.text).to.match(/Total \$314\.24/);
    expect(es.text).to.match(/Saldo pendiente \$314\.24/);
    for (const word of ['Invoice date', 'Bill to', 'Balance due', 'Unit price']) expect(es.text).not.to.contain(word);

    const english = await getPdf(path, auth);
    expect(english.headers.get('Content-Disposition')).to.equal('attachment; filename="Northwind-Heating-Air-invoice-10412.pdf"');
    expect(english.headers.get('Vary')).to.contain('Accept-Language');
    expect(english.read.title).to.equal('Invoice 10412');
    expect(english.read.language).to.equal('en-US');
    expect(english.read.text).to.contain(`Invoice date: ${day(invoice.invoiceDate, 'en-US')}`);
    expect(english.read.text).to.match(/Balance due \$314\.24/);
    for (const word of ['Factura', 'Saldo', 'Facturar a']) expect(english.read.text).not.to.contain(word);
  });

  it('writes the payments applied in Spanish, dated in Spanish', async () => {
    const invoice = await seededInvoice('inv-10377');
    const read = (await getPdf('/customers/cust-1001/invoices/inv-10377/pdf', { Authorization: `Bearer ${dana}`, ...spanishPage })).read;
    expect(read.text).to.contain(`Pagado el ${day(invoice.payments[0]!.paidOn, 'es-US')}`);
    expect(read.text).to.contain('-$300.00');
    expect(read.text).to.match(/Saldo pendiente \$528\.51/);
  });

  it('gives the statement in Spanish to a Spanish page, and in English without the header', async () => {
    const today = contractorToday((await backend.inspect()).settings.timeZone, clock.now());
    const path = '/customers/cust-1001/statement/pdf';
    const auth = { Authorization: `Bearer ${dana}` };

    const spanish = await getPdf(path, { ...auth, ...spanishPage });
    expect(spanish.headers.get('Content-Disposition')).to.equal(`attachment; filename="Northwind-Heating-Air-estado-de-cuenta-${today}.pdf"`);
    expect(spanish.headers.get('Vary')).to.contain('Accept-Language');
    const es = spanish.read;
    expect(es.title).to.equal(`Estado de cuenta ${today}`);
    expect(es.text).to.contain(`Fecha del estado de cuenta: ${day(today, 'es-US')}`);
    expect(es.text).to.contain('Facturas pendientes (USD)');
    expect(es.text).to.contain('Antigüedad (días desde la fecha de la factura)');
    expect(es.text).to.contain('¿Tiene preguntas sobre su estado de cuenta? Llame a Northwind Heating & Air al');
    const aging = /0-30 días 31-60 días 61-90 días Más de 90 días Total pendiente (\S+) (\S+) (\S+) (\S+) (\S+)/.exec(es.text);
    expect(aging, es.text).to.not.equal(null);
    expect(aging!.slice(1)).to.deep.equal(['$229.52', '$314.24', '$0.00', '$528.51', '$1,072.27']);
    expect(es.text).not.to.contain('Statement');

    const english = await getPdf(path, auth);
    expect(english.headers.get('Content-Disposition')).to.equal(`attachment; filename="Northwind-Heating-Air-statement-${today}.pdf"`);
    expect(english.read.title).to.equal(`Statement ${today}`);
    expect(english.read.text).to.contain(`Statement date: ${day(today, 'en-US')}`);
    expect(english.read.text).to.match(/Over 90 days Total due \$229\.52 \$314\.24 \$0\.00 \$528\.51 \$1,072\.27/);
    expect(english.read.text).not.to.contain('Estado de cuenta');
  });

  it('says there is nothing open in Spanish too', async () => {
    const elena = await signUpConfirmed('elena.kowalski@example.com', 'a quiet house on birch court');
    const read = (await getPdf('/customers/cust-1005/statement/pdf', { Authorization: `Bearer ${elena.token}`, ...spanishPage })).read;
    expect(read.text).to.contain('No tiene facturas pendientes. ¡Gracias!');
  });

  it('gives the signed estimate in Spanish to a Spanish page, and in English without the header', async () => {
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001', pageUrl: `${ORIGIN}/page` } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const link = { 'X-Porchlight-Link': new URL(sent.body.url as string).hash.replace('#porchlight-link=', '') };
    const shown = (await api('GET', '/links/estimates/est-2001', { headers: link })).body.estimate;
    const better = shown.options.find((o: any) => o.id === 'opt-better');
    const approved = await api('POST', '/links/estimates/est-2001/approve', {
      headers: link,
      body: {
        optionId: 'opt-better',
        signerName: 'Dana Whitfield',
        version: shown.version,
        contentSha256: better.contentSha256,
        consents: shown.consents.map((c: any) => ({ id: c.id, version: c.version })),
      },
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const path = '/links/estimates/est-2001/pdf';

    const spanish = await getPdf(path, { ...link, ...spanishPage });
    expect(spanish.headers.get('Content-Disposition')).to.equal('attachment; filename="Northwind-Heating-Air-presupuesto-E-2001-firmado.pdf"');
    expect(spanish.headers.get('Vary')).to.contain('Accept-Language');
    const es = spanish.read;
    expect(es.title).to.equal('Presupuesto E-2001 (firmado)');
    expect(es.text).to.contain('Presupuesto E-2001');
    expect(es.text).to.contain(`Válido hasta el ${day(shown.validUntil, 'es-US')}`);
    // The contractor's own words in the office's Spanish: the estimate's name, the option, its items, the terms.
    expect(es.text).to.contain('Opción aprobada: Mejor');
    expect(es.text).to.contain('Cambiar el calefactor y mejorar el confort');
    expect(es.text).to.contain('Ventilación nueva (PVC) y drenaje de condensado');
    expect(es.text).to.contain('Los precios incluyen el equipo');
    expect(es.text).not.to.contain('Replace the furnace');
    expect(es.text).to.contain(`Condiciones (versión ${shown.terms.version})`);
    for (const word of ['Cliente', 'Descripción', 'Registro de la firma', 'Firmado por (nombre escrito)', 'SHA-256 del contenido', 'Consentimientos']) {
      expect(es.text).to.contain(word);
    }
    expect(es.text).to.contain(better.contentSha256);
    expect(es.text).to.contain(new Intl.NumberFormat(messageLocale.es, { style: 'currency', currency: 'USD' }).format(better.total / 100));
    expect(es.text).not.to.contain('Signature record');

    const english = await getPdf(path, link);
    expect(english.headers.get('Content-Disposition')).to.equal('attachment; filename="Northwind-Heating-Air-estimate-E-2001-signed.pdf"');
    expect(english.read.title).to.equal('Estimate E-2001 (signed)');
    expect(english.read.text).to.contain('Signature record');
    expect(english.read.text).to.contain(`Valid until ${day(shown.validUntil, 'en-US')}`);
    expect(english.read.text).not.to.contain('Registro de la firma');
    expect(english.read.text).to.contain('Approved option: Better');
    expect(english.read.text).not.to.contain('Ventilación');

    // Signed in, the same.
    const signedIn = await getPdf('/customers/cust-1001/estimates/est-2001/pdf', { Authorization: `Bearer ${dana}`, ...spanishPage });
    expect(signedIn.read.text).to.contain('Registro de la firma');
  });
});
