/**
 * Reads a PDF back with pdf-lib and pulls out the text drawn on its pages: the hex strings of every
 * `Tj` in the (decompressed) content streams, which is how pdf-lib writes text. A standard font's are
 * WinAnsi bytes; an embedded font's (Type0, Identity-H) are glyph ids, read back through the font's
 * ToUnicode map.
 */
import type { PDFDocument, PDFFont, PDFObject } from 'pdf-lib';
import { loadPdfLib, loadUnicodeFonts } from '../../backend/documents/load-pdf-lib.js';

export interface PdfReadBack {
  pageCount: number;
  title: string | undefined;
  /** The document's language (its catalog's /Lang), when it declares one. */
  language: string | undefined;
  /** Every page's text, in drawing order, joined by spaces. */
  text: string;
  /** The fonts the pages use, by BaseFont (pdf-lib names an embedded one after its file's, with a number: `DejaVuSans-1316`). */
  fonts: string[];
  /** Whether any font's file is embedded (FontFile2): the standard fonts are not. */
  embedsFont: boolean;
}

type Lib = Awaited<ReturnType<typeof loadPdfLib>>;

function streamText(lib: Lib, object: PDFObject | undefined, doc: PDFDocument): string {
  const { PDFArray, PDFRawStream, decodePDFRawStream } = lib;
  const resolved = object ? doc.context.lookup(object) : undefined;
  if (resolved instanceof PDFArray) return resolved.asArray().map((o) => streamText(lib, o, doc)).join('\n');
  if (resolved instanceof PDFRawStream) {
    const bytes = decodePDFRawStream(resolved).decode();
    return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  }
  return '';
}

/** WinAnsi bytes back to text (enough for ASCII, the dash and the ellipsis these PDFs use). */
function winAnsi(hex: string): string {
  let text = '';
  for (let i = 0; i < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    text += code === 0x85 ? '…' : code === 0x97 ? '—' : code === 0x96 ? '–' : code === 0xb7 ? '·' : String.fromCharCode(code);
  }
  return text;
}

/** An embedded font's ToUnicode CMap (`<glyph> <UTF-16BE>` pairs, as pdf-lib writes them): glyph id → text. */
function toUnicode(cmap: string): Map<string, string> {
  const glyphs = new Map<string, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const units = pair[2]!.match(/.{4}/g)!.map((unit) => parseInt(unit, 16));
      glyphs.set(pair[1]!.toUpperCase(), String.fromCharCode(...units));
    }
  }
  return glyphs;
}

/** A page's font, by its resource name: its BaseFont, whether it is bold and embedded, and how its `Tj` strings read. */
interface PageFont {
  baseFont: string;
  bold: boolean;
  embedded: boolean;
  decode: (hex: string) => string;
}

function pageFonts(lib: Lib, doc: PDFDocument, page: ReturnType<PDFDocument['getPages']>[number]): Map<string, PageFont> {
  const { PDFArray, PDFDict, PDFName } = lib;
  const fonts = new Map<string, PageFont>();
  const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fontDict?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const baseFont = String(font.get(PDFName.of('BaseFont')) ?? '').replace(/^\//, '');
    const cmap = font.get(PDFName.of('ToUnicode'));
    if (!cmap) {
      fonts.set(name.decodeText(), { baseFont, bold: /Bold/.test(baseFont), embedded: false, decode: winAnsi });
      continue;
    }
    const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const embedded = Boolean(descendant.lookup(PDFName.of('FontDescriptor'), PDFDict).get(PDFName.of('FontFile2')));
    const glyphs = toUnicode(streamText(lib, cmap, doc));
    const decode = (hex: string) => (hex.toUpperCase().match(/.{4}/g) ?? []).map((glyph) => glyphs.get(glyph) ?? '\uFFFD').join('');
    fonts.set(name.decodeText(), { baseFont, bold: /Bold/.test(baseFont), embedded, decode });
  }
  return fonts;
}

export async function readPdf(bytes: ArrayBuffer | Uint8Array): Promise<PdfReadBack> {
  const lib = await loadPdfLib();
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false });
  const parts: string[] = [];
  const fonts = new Set<string>();
  let embedsFont = false;
  for (const page of doc.getPages()) {
    const byName = pageFonts(lib, doc, page);
    for (const font of byName.values()) {
      fonts.add(font.baseFont);
      embedsFont ||= font.embedded;
    }
    const content = streamText(lib, page.node.Contents(), doc);
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const decode = byName.get(/\/(\S+)\s+[\d.]+\s+Tf/.exec(block[1]!)?.[1] ?? '')?.decode ?? winAnsi;
      for (const match of block[1]!.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) parts.push(decode(match[1]!));
    }
  }
  const language = doc.catalog.lookupMaybe(lib.PDFName.of('Lang'), lib.PDFString)?.decodeText();
  return { pageCount: doc.getPageCount(), title: doc.getTitle(), language, text: parts.join(' '), fonts: [...fonts].sort(), embedsFont };
}

/** Whether bytes start with the PDF signature. */
export function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-';
}

/** One `Tj` as drawn: where its baseline starts, its size and font, and how far its ink reaches. */
export interface PlacedText {
  page: number;
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  /** Advance width in points. */
  width: number;
  /** Highest and lowest ink: the font's ascender and descender at this size. */
  top: number;
  bottom: number;
}

/** A straight stroked line (`x1 y1 m x2 y2 l S`), as pdf-lib draws rules. */
export interface PlacedLine {
  page: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Helvetica and Helvetica-Bold ascender and descender (AFM), per point of size. */
const HELVETICA = { ascent: 0.718, descent: 0.207 };

/**
 * Every text run and line of every page, with positions in points (origin bottom left). Reads the
 * content streams pdf-lib writes: `/Font size Tf`, `1 0 0 1 x y Tm`, `<hex> Tj`, and `x y m x y l S`.
 * Widths come from pdf-lib's metrics for the font the run names: Helvetica or its bold, or the embedded
 * DejaVu Sans (measured with the same files, its ascender and descender from the font's own tables).
 */
export async function readPdfLayout(bytes: ArrayBuffer | Uint8Array): Promise<{ texts: PlacedText[]; lines: PlacedLine[] }> {
  const lib = await loadPdfLib();
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false });
  const measure = await lib.PDFDocument.create();
  type Measured = { regular: PDFFont; bold: PDFFont; ascent: number; descent: number };
  const helvetica: Measured = {
    regular: await measure.embedFont(lib.StandardFonts.Helvetica),
    bold: await measure.embedFont(lib.StandardFonts.HelveticaBold),
    ...HELVETICA,
  };
  let dejaVu: Measured | undefined;
  const measuredFor = async (font: PageFont): Promise<Measured> => {
    if (!font.embedded) return helvetica;
    if (!dejaVu) {
      const unicode = await loadUnicodeFonts();
      measure.registerFontkit(unicode.fontkit);
      dejaVu = { regular: await measure.embedFont(unicode.regular), bold: await measure.embedFont(unicode.bold), ascent: unicode.ascent, descent: unicode.descent };
    }
    return dejaVu;
  };
  const texts: PlacedText[] = [];
  const lines: PlacedLine[] = [];
  for (const [index, page] of doc.getPages().entries()) {
    const fonts = pageFonts(lib, doc, page);
    const content = streamText(lib, page.node.Contents(), doc);
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const body = block[1]!;
      const tf = /\/(\S+)\s+([\d.]+)\s+Tf/.exec(body);
      const tm = /1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/.exec(body);
      if (!tf || !tm) continue;
      const size = Number(tf[2]);
      const font = fonts.get(tf[1]!) ?? { baseFont: '', bold: false, embedded: false, decode: winAnsi };
      const metrics = await measuredFor(font);
      for (const tj of body.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
        const text = font.decode(tj[1]!);
        const x = Number(tm[1]);
        const y = Number(tm[2]);
        const width = (font.bold ? metrics.bold : metrics.regular).widthOfTextAtSize(text, size);
        texts.push({ page: index, text, x, y, size, bold: font.bold, width, top: y + metrics.ascent * size, bottom: y - metrics.descent * size });
      }
    }
    for (const line of content.matchAll(/(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l\s+S/g)) {
      lines.push({ page: index, x1: Number(line[1]), y1: Number(line[2]), x2: Number(line[3]), y2: Number(line[4]) });
    }
  }
  return { texts, lines };
}

/** Text runs a horizontal line passes through (its height inside the run's ink, its span over the run). */
export function textsCrossedBy(line: PlacedLine, texts: PlacedText[]): PlacedText[] {
  const y = line.y1;
  const [left, right] = [Math.min(line.x1, line.x2), Math.max(line.x1, line.x2)];
  return texts.filter((t) => t.page === line.page && y > t.bottom && y < t.top && t.x < right && t.x + t.width > left);
}

/**
 * The text runs a horizontal line comes closer to than `gap` points (its height within `gap` of a run's
 * ink, over the run): the room the PDFs promise between a rule and the text above and below it.
 */
export function textsCrowdedBy(line: PlacedLine, texts: PlacedText[], gap: number): PlacedText[] {
  const y = line.y1;
  const [left, right] = [Math.min(line.x1, line.x2), Math.max(line.x1, line.x2)];
  return texts.filter((t) => t.page === line.page && y > t.bottom - gap && y < t.top + gap && t.x < right && t.x + t.width > left);
}
