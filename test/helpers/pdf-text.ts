/**
 * Reads a PDF back with pdf-lib and pulls out the text drawn on its pages: the hex strings of every
 * `Tj` in the (decompressed) content streams, which is how pdf-lib writes standard-font text.
 */
import type { PDFDocument, PDFObject } from 'pdf-lib';
import { loadPdfLib } from '../../backend/documents/load-pdf-lib.js';

export interface PdfReadBack {
  pageCount: number;
  title: string | undefined;
  /** Every page's text, in drawing order, joined by spaces. */
  text: string;
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

export async function readPdf(bytes: ArrayBuffer | Uint8Array): Promise<PdfReadBack> {
  const lib = await loadPdfLib();
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false });
  const parts: string[] = [];
  for (const page of doc.getPages()) {
    const content = streamText(lib, page.node.Contents(), doc);
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) parts.push(winAnsi(match[1]!));
  }
  return { pageCount: doc.getPageCount(), title: doc.getTitle(), text: parts.join(' ') };
}

/** Whether bytes start with the PDF signature. */
export function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-';
}
