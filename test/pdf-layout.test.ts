/**
 * How the invoice and statement PDFs are laid out, read back from the drawn pages: where each run of
 * text and each rule is. A rule must never pass through text, long descriptions wrap instead of being
 * cut, and the title stands clear of the letterhead. The data is the demo's Dana Whitfield.
 */
import { expect } from '@open-wc/testing';
import { agingBuckets, invoicePdf, statementPdf, type StatementSection } from '../backend/documents/pdf.js';
import { loadPdfLib } from '../backend/documents/load-pdf-lib.js';
import type { Customer, Invoice, PortalSettings } from '../src/model/index.js';
import { readPdf, readPdfLayout, textsCrossedBy, textsCrowdedBy, type PlacedText } from './helpers/pdf-text.js';

const NOW = new Date('2026-11-26T15:00:00Z');
const LONG_SUMMARY = 'Furnace will not ignite — replaced hot surface igniter';

const settings = {
  companyName: 'Northwind Heating & Air',
  companyPhone: '(555) 010-4477',
  companyEmail: 'office@northwindair.example',
  hostname: 'portal.northwindair.example',
  timeZone: 'America/Chicago',
} as PortalSettings;
const home = { street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704' };
const customer = { id: 'cust-1001', name: 'Dana Whitfield', address: home, locations: [{ id: 'loc-1', name: 'Home', address: home }] } as unknown as Customer;

function invoiceOf(number: string, summary: string, balance: number, invoiceDate: string): Invoice {
  return {
    id: `inv-${number}`,
    number,
    customerId: 'cust-1001',
    invoiceDate,
    dueDate: invoiceDate,
    currency: 'USD',
    items: [
      { id: `${number}-1`, description: 'Hot surface igniter', quantity: 1, unitPrice: 8900, total: 8900 },
      { id: `${number}-2`, description: 'Diagnostic fee', quantity: 1, unitPrice: 8900, total: 8900 },
      { id: `${number}-3`, description: 'Labor (hours)', quantity: 1, unitPrice: 11500, total: 11500 },
    ],
    subtotal: 29300,
    tax: 2124,
    total: 31424,
    balance,
    businessUnit: { id: 'bu-hvac', name: 'HVAC Service' },
    location: { id: 'loc-1', name: 'Home' },
    job: { id: 'job-10412', number: '50014' },
    payments: [],
    syncStatus: 'Exported',
    reviewStatus: 'Invoiced',
    summary,
  };
}

const danaOpen = [
  invoiceOf('10377', 'Blower motor replacement', 52851, '2026-08-23'),
  invoiceOf('10412', LONG_SUMMARY, 31424, '2026-10-12'),
  invoiceOf('10518', 'Water heater flush and anode rod', 22952, '2026-11-16'),
];

async function drawInvoice(invoice: Invoice, to = customer) {
  return invoicePdf(await loadPdfLib(), { invoice, customer: to, settings, now: NOW });
}

async function drawStatement(invoices: Invoice[], to = customer) {
  const section: StatementSection = {
    currency: 'USD',
    lines: invoices.map((invoice) => ({ invoice, ageDays: 45, bucket: '31-60' })),
    buckets: Object.fromEntries(agingBuckets.map((b) => [b, 0])) as StatementSection['buckets'],
    total: invoices.reduce((sum, i) => sum + i.balance, 0),
  };
  section.buckets['31-60'] = section.total;
  return statementPdf(await loadPdfLib(), { customer: to, settings, statementDate: '2026-11-26', sections: [section], now: NOW });
}

function describeText(t: PlacedText) {
  return `"${t.text}" (baseline ${t.y.toFixed(1)}, ink ${t.bottom.toFixed(1)}–${t.top.toFixed(1)})`;
}

async function expectNoRuleThroughText(bytes: Uint8Array) {
  const { texts, lines } = await readPdfLayout(bytes);
  expect(lines.length, 'the document has rules').to.be.greaterThan(1);
  for (const line of lines) {
    const crossed = textsCrossedBy(line, texts);
    expect(crossed.map(describeText), `the rule at y ${line.y1.toFixed(1)} on page ${line.page + 1}`).to.deep.equal([]);
    // Writer.rule's promise: at least 4 points above it and 5 below (a hair less for rounding).
    const crowded = textsCrowdedBy(line, texts, 3.9);
    expect(crowded.map(describeText), `text within 4 points of the rule at y ${line.y1.toFixed(1)} on page ${line.page + 1}`).to.deep.equal([]);
  }
  return { texts, lines };
}

describe('invoice and statement PDFs: layout', () => {
  it('never draws the invoice’s rules through text, a long item wraps whole, and the title has room', async () => {
    const invoice = structuredClone(danaOpen[1]!);
    const long = 'Condenser fan motor, 1/4 HP, 1075 RPM, with mounting bracket, run capacitor and a new wiring harness';
    invoice.items[0]!.description = long;
    const bytes = await drawInvoice(invoice);
    const { texts } = await expectNoRuleThroughText(bytes);
    // The header row and the first item: the rule between them clears both.
    const header = texts.find((t) => t.text === 'Description')!;
    const firstItem = texts.find((t) => long.startsWith(t.text) && t.y < header.y)!;
    expect(firstItem, 'the first item').to.exist;
    const { text } = await readPdf(bytes);
    expect(text).to.contain(long);
    expect(text).not.to.contain('…');
    // The title ("Invoice 10412", the largest text) stands clear of the contact line above it.
    const title = texts.find((t) => t.text === `Invoice ${invoice.number}` && t.size === 20)!;
    const contact = texts.find((t) => t.text.startsWith('(555) 010-4477'))!;
    expect(contact.bottom - title.top, 'space between the contact line and the title').to.be.at.least(title.size * 0.8);
  });

  it('never draws the statement’s rules through text, and wraps a long description instead of cutting it', async () => {
    const bytes = await drawStatement(danaOpen);
    const { texts } = await expectNoRuleThroughText(bytes);
    const { text } = await readPdf(bytes);
    expect(text).to.contain(LONG_SUMMARY);
    expect(text).not.to.contain('…');
    // Its lines stay inside the description column: left of the "Days" column.
    const days = texts.find((t) => t.text === 'Days')!;
    const parts = texts.filter((t) => LONG_SUMMARY.includes(t.text) && t.text.length > 3 && t.x > 200);
    expect(parts.length, 'the description takes two lines').to.be.at.least(2);
    for (const part of parts) expect(part.x + part.width, part.text).to.be.below(days.x);
    const title = texts.find((t) => t.text === 'Statement' && t.size === 20)!;
    const contact = texts.find((t) => t.text.startsWith('(555) 010-4477'))!;
    expect(contact.bottom - title.top).to.be.at.least(title.size * 0.8);
  });

  it('keeps rules clear of text across page breaks, with many open invoices', async () => {
    const template = danaOpen[1]!;
    const many = Array.from({ length: 70 }, (_, n) => ({
      ...structuredClone(template),
      id: `inv-many-${n}`,
      number: String(30_000 + n),
      summary: n % 3 === 0 ? `${LONG_SUMMARY}, then checked the flame sensor and the venting (visit ${n})` : template.summary,
    }));
    const bytes = await drawStatement(many);
    const { pageCount, text } = await readPdf(bytes);
    expect(pageCount).to.be.at.least(2);
    expect(text).to.contain(`${LONG_SUMMARY}, then checked the flame sensor and the venting (visit 69)`);
    await expectNoRuleThroughText(bytes);
  });

  it('keeps the same room around rules in a document drawn in the embedded Unicode font', async () => {
    // Tall capitals with marks above (Ễ) and letters below the line (ą, ę): DejaVu's own ascender and descender.
    const named = { ...customer, name: 'ỄNH Łucja Wąsowska-Nguyễn' } as Customer;
    const invoice = structuredClone(danaOpen[1]!);
    invoice.items[0]!.description = 'Wymiana zapłonnika — ĘĄŚĆŻ ỄỀỂ, then a long description that wraps onto a second line';
    for (const bytes of [await drawInvoice(invoice, named), await drawStatement(danaOpen, named)]) {
      const { text, embedsFont } = await readPdf(bytes);
      expect(embedsFont).to.equal(true);
      expect(text).to.contain('ỄNH Łucja Wąsowska-Nguyễn');
      await expectNoRuleThroughText(bytes);
    }
  });
});
