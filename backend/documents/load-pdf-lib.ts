import type * as PdfLib from 'pdf-lib';

/**
 * pdf-lib, loaded on first use: it is large and only the PDF routes need it. In a browser (MSW, the
 * test runner's unbundled modules) its self-contained ES build, because the package's `es/` build
 * imports pako, which is CommonJS only; under Node the package's own entry.
 */
export function loadPdfLib(): Promise<typeof PdfLib> {
  if (typeof document !== 'undefined') return import('pdf-lib/dist/pdf-lib.esm.min.js');
  return import('pdf-lib');
}
