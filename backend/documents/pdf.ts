/**
 * Invoice and statement PDFs, drawn with pdf-lib. The library is passed in by the route handler,
 * which imports it lazily, so pdf-lib stays out of every bundle that does not serve a PDF.
 *
 * A document is drawn in the standard Helvetica when every character of its records is in WinAnsi
 * (Latin-1 and a few more: English and Spanish), which ships no font and makes the smallest file; else in
 * DejaVu Sans, embedded with only the glyphs drawn, so a name such as "Nguyễn", "Łukasz" or "Дмитрий"
 * prints as written (documentFonts). What neither draws in order without a shaping engine (Arabic,
 * Hebrew, the Indic scripts: pdf-lib lays glyphs left to right, unjoined), what DejaVu lacks (Chinese,
 * Japanese, Korean), emoji and invisible characters are drawn as "?" rather than failing the download.
 *
 * A PDF is in the language of the page that asks for it (`language`, English by default): its words
 * from pdf-words.ts, its money and dates formatted in that language's locale (`messageLocale`).
 */
import type * as PdfLib from 'pdf-lib';
import type { Customer, Invoice, PortalSettings } from '../../src/model/index.js';
import { messageLocale, type MessageLanguage } from '../rules/languages.js';
import { formatDate, formatMoney } from '../../src/internal/format.js';
import { loadUnicodeFonts } from './load-pdf-lib.js';
import { pdfWords } from './pdf-words.js';

type Lib = typeof PdfLib;
type Font = PdfLib.PDFFont;

/** Letter, in points. */
const PAGE: [number, number] = [612, 792];
export const MARGIN = 54;
export const RIGHT = PAGE[0] - MARGIN;
/** The largest text a table row or body line uses: what a rule leaves room for below it. */
const BODY_SIZE = 10;
/** Extra space between the wrapped lines of one table cell. */
const WRAP_LEADING = 2.5;

export interface Cell {
  text: string;
  x: number;
  width: number;
  align?: 'left' | 'right';
  /** Wrap onto as many lines as the text needs instead of cutting it short. */
  wrap?: boolean;
}

export function addressLines(address: Customer['address']): string[] {
  const street = address.unit ? `${address.street}, ${address.unit}` : address.street;
  return [street, `${address.city}, ${address.state} ${address.zip}`];
}

/**
 * A page cursor: writes top to bottom and starts a new page when the current one is full. `y` is the
 * baseline the next line will sit on; `inkBottom` is how low the text drawn so far on this page
 * reaches (its descenders), so a rule can be drawn clear of the line above it and the line below.
 */
export class Writer {
  page: PdfLib.PDFPage;
  y = PAGE[1] - MARGIN;
  inkBottom = PAGE[1] - MARGIN;
  readonly regular: Font;
  readonly bold: Font;
  /** What both fonts draw, in order (drawsInOrder). */
  readonly #charset: Set<number>;
  /** The fonts' ascender and descender per point of size: how far ink reaches from the baseline. */
  readonly #ascent: number;
  readonly #descent: number;

  constructor(
    readonly lib: Lib,
    readonly doc: PdfLib.PDFDocument,
    fonts: DocumentFonts,
    readonly footer: string,
  ) {
    this.regular = fonts.regular;
    this.bold = fonts.bold;
    const inBold = new Set(fonts.bold.getCharacterSet());
    this.#charset = new Set(fonts.regular.getCharacterSet().filter((code) => inBold.has(code) && drawsInOrder(code)));
    this.#ascent = fonts.ascent;
    this.#descent = fonts.descent;
    this.page = this.#newPage();
  }

  #newPage() {
    const page = this.doc.addPage(PAGE);
    page.drawText(this.safe(this.footer), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.regular, color: this.lib.rgb(0.4, 0.4, 0.4) });
    return page;
  }

  /** What the fonts can draw: other characters become "?", line breaks spaces. */
  safe(text: string): string {
    return [...text.normalize('NFC').replace(/\s+/g, ' ')]
      .map((c) => (this.#charset.has(c.codePointAt(0)!) ? c : '?'))
      .join('');
  }

  /** Cuts text to fit a width, ending it with an ellipsis. */
  fit(text: string, width: number, size: number, font = this.regular): string {
    let safe = this.safe(text);
    if (font.widthOfTextAtSize(safe, size) <= width) return safe;
    while (safe.length > 1 && font.widthOfTextAtSize(`${safe}…`, size) > width) safe = safe.slice(0, -1);
    return `${safe.trimEnd()}…`;
  }

  /** Words wrapped to a width; a word wider than the width on its own is broken, never cut. */
  wrap(text: string, width: number, size: number, font = this.regular): string[] {
    const fits = (t: string) => font.widthOfTextAtSize(t, size) <= width;
    const words = this.safe(text)
      .split(' ')
      .filter(Boolean)
      .flatMap((word) => {
        if (fits(word)) return [word];
        const pieces: string[] = [];
        let piece = '';
        for (const c of word) {
          if (piece && !fits(piece + c)) {
            pieces.push(piece);
            piece = c;
          } else piece += c;
        }
        return piece ? [...pieces, piece] : pieces;
      });
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (fits(next) || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines.length > 0 ? lines : [''];
  }

  /** Makes room for `height` points, on a new page if needed. */
  ensure(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.#newPage();
      this.y = PAGE[1] - MARGIN;
      this.inkBottom = this.y;
    }
  }

  text(text: string, x: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right'; width?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const drawn = options.width ? this.fit(text, options.width, size, font) : this.safe(text);
    const left = options.align === 'right' ? x - font.widthOfTextAtSize(drawn, size) : x;
    this.page.drawText(drawn, { x: left, y: this.y, size, font, color: this.lib.rgb(0.1, 0.12, 0.16) });
    this.inkBottom = Math.min(this.inkBottom, this.y - this.#descent * size);
  }

  /** One line of text at the left margin, then down. */
  line(text: string, options: { size?: number; bold?: boolean; gap?: number } = {}) {
    const size = options.size ?? 10;
    this.ensure(size + 4);
    this.text(text, MARGIN, { ...options, width: RIGHT - MARGIN });
    this.y -= size + (options.gap ?? 4);
  }

  /**
   * A horizontal rule between the text above and the text below: `above` points under the lowest
   * descender drawn so far, and the next baseline far enough under it that body text's ascenders
   * stay `below` points clear of it.
   */
  rule(above = 4, below = 5) {
    this.ensure(above + below + (this.#ascent + this.#descent) * BODY_SIZE);
    const lineY = this.inkBottom - above;
    this.page.drawLine({
      start: { x: MARGIN, y: lineY },
      end: { x: RIGHT, y: lineY },
      thickness: 0.5,
      color: this.lib.rgb(0.6, 0.6, 0.6),
    });
    this.y = Math.min(this.y, lineY - below - this.#ascent * BODY_SIZE);
    this.inkBottom = lineY;
  }

  space(points: number) {
    this.y -= points;
  }

  /**
   * A table row: cells at column x positions; amounts right-aligned at their column's right edge.
   * A `wrap` cell takes as many lines as its text needs (the row grows); any other cell is cut to fit.
   */
  row(cells: Cell[], options: { bold?: boolean; size?: number } = {}) {
    const size = options.size ?? 9.5;
    const font = options.bold ? this.bold : this.regular;
    const lines = cells.map((cell) => (cell.wrap ? this.wrap(cell.text, cell.width, size, font) : [cell.text]));
    const lineCount = Math.max(...lines.map((l) => l.length));
    const step = size + WRAP_LEADING;
    this.ensure(size + 6 + (lineCount - 1) * step);
    const top = this.y;
    cells.forEach((cell, i) => {
      const x = cell.align === 'right' ? cell.x + cell.width : cell.x;
      lines[i]!.forEach((line, n) => {
        this.y = top - n * step;
        this.text(line, x, { size, bold: options.bold ?? false, align: cell.align ?? 'left', width: cell.width });
      });
    });
    this.y = top - (lineCount - 1) * step - (size + 6);
  }
}

/**
 * Starts a document. `records` is everything it will draw besides the letterhead and its own words
 * (names, addresses, lines, terms, an amount in its currency, whose sign Intl writes): their characters
 * choose its fonts (documentFonts).
 */
export async function start(lib: Lib, settings: PortalSettings, title: string, subject: string, keywords: string[], now: Date, locale: string, records: unknown) {
  const doc = await lib.PDFDocument.create();
  // The document's language (/Lang): a screen reader reads a Spanish invoice with a Spanish voice.
  doc.setLanguage(locale);
  doc.setTitle(title);
  doc.setSubject(subject);
  doc.setKeywords(keywords);
  doc.setAuthor(settings.companyName);
  doc.setCreator('Porchlight reference backend');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const letterhead = [settings.companyName, settings.companyPhone, settings.companyEmail, settings.hostname];
  const fonts = await documentFonts(lib, doc, JSON.stringify([letterhead, records]));
  const footer = `${settings.companyName} · ${settings.companyPhone} · ${settings.companyEmail}`;
  const writer = new Writer(lib, doc, fonts, footer);
  writer.line(settings.companyName, { size: 16, bold: true, gap: 6 });
  writer.line(`${settings.companyPhone} · ${settings.companyEmail} · ${settings.hostname}`, { size: 9 });
  // The letterhead ends with a rule; the document's title stands well clear of it.
  writer.rule(6, 24);
  return { doc, writer };
}

/**
 * Characters a font draws correctly one glyph after another, left to right: Latin (with Vietnamese and
 * the rest of Latin Extended), Greek, Cyrillic, Armenian, and the punctuation, currency and letter-like
 * signs. Not the right-to-left and joining scripts (Hebrew 0590 onwards, Arabic) or those that need a
 * shaping engine to order and combine their marks, which pdf-lib does not have: drawn so, they would
 * be wrong, not merely unfamiliar.
 */
function drawsInOrder(code: number): boolean {
  return ((code >= 0x20 && code < 0x590) || (code >= 0x1e00 && code < 0x2200)) && !invisible(code);
}

/**
 * Zero-width spaces and joiners, direction marks and overrides, invisible operators: drawn, a signer's
 * name could read one way and copy out another. "?" shows something is there.
 */
function invisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2060 && code <= 0x206f);
}

/** The fonts a document is drawn in, with their ascender and descender per point of size. */
interface DocumentFonts {
  regular: Font;
  bold: Font;
  ascent: number;
  descent: number;
}

/** Helvetica's ascender and descender (AFM). */
const HELVETICA = { ascent: 0.718, descent: 0.207 };

let winAnsi: Set<number> | undefined;
/** The Unicode font failed to load last time: said once, not for every document. */
let fontsFailing = false;

/**
 * Helvetica when the standard fonts draw every character of `text` (most documents: nothing embedded);
 * DejaVu Sans, embedded as a subset, when some character is outside WinAnsi but in a script it draws
 * in order. If the font files cannot be loaded, Helvetica still: the download never fails for a name.
 */
async function documentFonts(lib: Lib, doc: PdfLib.PDFDocument, text: string): Promise<DocumentFonts> {
  winAnsi ??= new Set((await (await lib.PDFDocument.create()).embedFont(lib.StandardFonts.Helvetica)).getCharacterSet());
  const known = winAnsi;
  const needsUnicode = [...text.normalize('NFC')].some((c) => {
    const code = c.codePointAt(0)!;
    return !known.has(code) && drawsInOrder(code);
  });
  if (needsUnicode) {
    try {
      const fonts = await loadUnicodeFonts();
      doc.registerFontkit(fonts.fontkit);
      const regular = await doc.embedFont(fonts.regular, { subset: true });
      const bold = await doc.embedFont(fonts.bold, { subset: true });
      fontsFailing = false;
      return { regular, bold, ascent: fonts.ascent, descent: fonts.descent };
    } catch (error) {
      if (!fontsFailing) console.warn(`[porchlight] PDFs are drawn in the standard fonts: their Unicode font could not be loaded (${String(error)})`);
      fontsFailing = true;
    }
  }
  return { regular: await doc.embedFont(lib.StandardFonts.Helvetica), bold: await doc.embedFont(lib.StandardFonts.HelveticaBold), ...HELVETICA };
}

/** Where the columns of a table of priced lines stand. */
export const itemColumns = {
  description: { x: MARGIN, width: 270 },
  quantity: { x: MARGIN + 280, width: 50 },
  unit: { x: MARGIN + 340, width: 70 },
  total: { x: MARGIN + 420, width: RIGHT - MARGIN - 420 },
};

/**
 * Priced lines (an invoice's, an estimate option's) under their header, then subtotal, tax and total.
 * Returns the function that writes one more total row (a balance due) in the same columns.
 */
export function lineItems(
  w: Writer,
  items: { description: string; quantity: number; unitPrice: number; total: number }[],
  sums: { subtotal: number; tax: number; total: number },
  money: (minor: number) => string,
  language: MessageLanguage = 'en',
) {
  const cols = itemColumns;
  const words = pdfWords[language];
  w.row(
    [
      { text: words.description, ...cols.description },
      { text: words.quantity, ...cols.quantity, align: 'right' },
      { text: words.unitPrice, ...cols.unit, align: 'right' },
      { text: words.amount, ...cols.total, align: 'right' },
    ],
    { bold: true },
  );
  w.rule();
  for (const item of items) {
    w.row([
      { text: item.description, ...cols.description, wrap: true },
      { text: String(item.quantity), ...cols.quantity, align: 'right' },
      { text: money(item.unitPrice), ...cols.unit, align: 'right' },
      { text: money(item.total), ...cols.total, align: 'right' },
    ]);
  }
  w.rule(4, 8);
  const label = { x: MARGIN + 280, width: 130 };
  const total = (name: string, amount: number, bold = false) =>
    w.row([{ text: name, ...label }, { text: money(amount), ...cols.total, align: 'right' }], { bold });
  total(words.subtotal, sums.subtotal);
  total(words.tax, sums.tax);
  total(words.total, sums.total, true);
  return total;
}

export interface InvoicePdfInput {
  invoice: Invoice;
  customer: Customer;
  settings: PortalSettings;
  now: Date;
  /** The language of the page that asks for it; English by default. */
  language?: MessageLanguage;
}

/** One invoice: who, where, what was done, the lines, tax, total, payments applied and the balance. */
export async function invoicePdf(lib: Lib, { invoice, customer, settings, now, language = 'en' }: InvoicePdfInput): Promise<Uint8Array> {
  const words = pdfWords[language];
  const locale = messageLocale[language];
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const day = (isoDate: string) => formatDate(isoDate, locale);
  const { doc, writer: w } = await start(
    lib,
    settings,
    words.invoiceTitle(invoice.number),
    words.invoiceSubject(invoice.number, customer.name, money(invoice.total), money(invoice.balance)),
    [words.invoiceKeyword, invoice.number, customer.id],
    now,
    locale,
    { invoice, customer, amount: money(0) },
  );
  w.line(words.invoiceTitle(invoice.number), { size: 20, bold: true, gap: 10 });
  w.line(words.invoiceDates(day(invoice.invoiceDate), day(invoice.dueDate)));
  w.line(words.job(invoice.job?.number ?? '-', invoice.businessUnit.name), { gap: 12 });
  w.line(words.billTo, { bold: true });
  w.line(customer.name);
  for (const l of addressLines(customer.address)) w.line(l);
  w.space(6);
  const location = customer.locations.find((l) => l.id === invoice.location.id);
  w.line(words.serviceLocation, { bold: true });
  w.line(invoice.location.name);
  if (location) for (const l of addressLines(location.address)) w.line(l);
  w.space(6);
  for (const l of w.wrap(invoice.summary, RIGHT - MARGIN, 10)) w.line(l);
  w.space(8);

  const total = lineItems(w, invoice.items, invoice, money, language);
  for (const payment of invoice.payments) {
    w.row([
      { text: words.paid(day(payment.paidOn), payment.method), x: MARGIN + 180, width: 230 },
      { text: `-${money(payment.amount)}`, ...itemColumns.total, align: 'right' },
    ]);
  }
  total(words.balanceDue, invoice.balance, true);
  return doc.save();
}

export const agingBuckets = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

export interface StatementLine {
  invoice: Invoice;
  /** Days from the invoice date to the statement date. */
  ageDays: number;
  bucket: AgingBucket;
}

export interface StatementSection {
  currency: string;
  lines: StatementLine[];
  buckets: Record<AgingBucket, number>;
  total: number;
}

export interface StatementPdfInput {
  customer: Customer;
  settings: PortalSettings;
  /** `YYYY-MM-DD` in the contractor's time zone. */
  statementDate: string;
  /** One section per currency (a customer is almost always billed in one). */
  sections: StatementSection[];
  now: Date;
  /** The language of the page that asks for it; English by default. */
  language?: MessageLanguage;
}

/** The customer's open invoices, aged 0–30, 31–60, 61–90 and 90+ days, with the total due. */
export async function statementPdf(lib: Lib, input: StatementPdfInput): Promise<Uint8Array> {
  const { customer, settings, statementDate, sections, now, language = 'en' } = input;
  const words = pdfWords[language];
  const locale = messageLocale[language];
  const day = (isoDate: string) => formatDate(isoDate, locale);
  const summary = sections.map((s) => `${s.currency} ${formatMoney(s.total, s.currency, locale)}`).join(', ') || words.nothingDue;
  const { doc, writer: w } = await start(
    lib,
    settings,
    words.statementTitle(statementDate),
    words.statementSubject(customer.name, statementDate, summary),
    [words.statementKeyword, statementDate, customer.id],
    now,
    locale,
    { customer, sections, amounts: sections.map((section) => formatMoney(0, section.currency, locale)) },
  );
  w.line(words.statement, { size: 20, bold: true, gap: 10 });
  w.line(words.statementDate(day(statementDate)), { gap: 12 });
  w.line(customer.name, { bold: true });
  for (const l of addressLines(customer.address)) w.line(l);
  w.space(10);
  if (sections.length === 0) {
    w.line(words.noOpenInvoices, { bold: true });
    return doc.save();
  }
  const cols = {
    number: { x: MARGIN, width: 70 },
    date: { x: MARGIN + 75, width: 85 },
    due: { x: MARGIN + 165, width: 85 },
    summary: { x: MARGIN + 255, width: 120 },
    age: { x: MARGIN + 380, width: 40 },
    balance: { x: MARGIN + 425, width: RIGHT - MARGIN - 425 },
  };
  for (const section of sections) {
    const money = (minor: number) => formatMoney(minor, section.currency, locale);
    w.line(words.openInvoices(section.currency), { bold: true, size: 12, gap: 8 });
    w.row(
      [
        { text: words.invoiceColumn, ...cols.number },
        { text: words.dateColumn, ...cols.date },
        { text: words.dueColumn, ...cols.due },
        { text: words.description, ...cols.summary },
        { text: words.daysColumn, ...cols.age, align: 'right' },
        { text: words.balanceColumn, ...cols.balance, align: 'right' },
      ],
      { bold: true },
    );
    w.rule();
    for (const line of section.lines) {
      w.row([
        { text: line.invoice.number, ...cols.number },
        { text: day(line.invoice.invoiceDate), ...cols.date },
        { text: day(line.invoice.dueDate), ...cols.due },
        { text: line.invoice.summary, ...cols.summary, wrap: true },
        { text: String(line.ageDays), ...cols.age, align: 'right' },
        { text: money(line.invoice.balance), ...cols.balance, align: 'right' },
      ]);
    }
    w.rule(4, 8);
    w.line(words.aging, { bold: true, gap: 6 });
    const bucketWidth = (RIGHT - MARGIN) / 5;
    const labels = words.agingBuckets;
    w.row(
      [...agingBuckets.map((b, i) => ({ text: labels[b], x: MARGIN + i * bucketWidth, width: bucketWidth - 6, align: 'right' as const })),
        { text: words.totalDue, x: MARGIN + 4 * bucketWidth, width: bucketWidth - 6, align: 'right' as const }],
      { bold: true },
    );
    w.row([
      ...agingBuckets.map((b, i) => ({ text: money(section.buckets[b]), x: MARGIN + i * bucketWidth, width: bucketWidth - 6, align: 'right' as const })),
      { text: money(section.total), x: MARGIN + 4 * bucketWidth, width: bucketWidth - 6, align: 'right' as const },
    ]);
    w.space(12);
  }
  w.line(words.statementQuestions(settings.companyName, settings.companyPhone), { size: 9 });
  return doc.save();
}
