import type * as Fs from 'node:fs/promises';
import type * as NodeModule from 'node:module';
import type * as PdfLib from 'pdf-lib';
/** The font engine pdf-lib embeds a font file through (`@pdf-lib/fontkit`). */
type Fontkit = Parameters<PdfLib.PDFDocument['registerFontkit']>[0];

/**
 * pdf-lib, loaded on first use: it is large and only the PDF routes need it. In a browser (MSW, the
 * test runner's unbundled modules) its self-contained ES build, because the package's `es/` build
 * imports pako, which is CommonJS only; under Node the package's own entry.
 */
export function loadPdfLib(): Promise<typeof PdfLib> {
  if (typeof document !== 'undefined') return import('pdf-lib/dist/pdf-lib.esm.min.js');
  return import('pdf-lib');
}

/** DejaVu Sans and its bold (TrueType), with the font engine pdf-lib embeds them through. */
export interface UnicodeFonts {
  fontkit: Fontkit;
  regular: Uint8Array;
  bold: Uint8Array;
  /** The regular face's ascender and descender per point of size (hhea), for placing rules clear of text. */
  ascent: number;
  descent: number;
}

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
let unicodeFonts: Promise<UnicodeFonts> | undefined;

/**
 * The fonts for a document whose records the standard fonts cannot draw (pdf.ts), loaded on the first
 * such document and kept (1.4 MB): most documents never need them. A failed load is not kept, so the
 * next document tries again. Under Node the files come from the `dejavu-fonts-ttf` package where it is
 * installed (porchlight-server depends on it); in a browser (the demo's in-page backend, the tests) from
 * beside the code, as the demo's and Storybook's bundler copy them.
 */
export function loadUnicodeFonts(): Promise<UnicodeFonts> {
  if (!unicodeFonts) {
    unicodeFonts = readUnicodeFonts();
    unicodeFonts.catch(() => (unicodeFonts = undefined));
  }
  return unicodeFonts;
}

async function readUnicodeFonts(): Promise<UnicodeFonts> {
  const [loaded, regular, bold] = await Promise.all([loadFontkit(), fontFile(FONT_FILES.regular), fontFile(FONT_FILES.bold)]);
  const fontkit = parsingOnce(loaded);
  const face = fontkit.create(regular);
  return { fontkit, regular, bold, ascent: face.ascent / face.unitsPerEm, descent: -face.descent / face.unitsPerEm };
}

/**
 * The engine with each font file parsed once, not once per document (1.4 MB, 60–100 ms each time). A
 * parsed font is only read by the documents that embed it; each makes its own subset.
 */
function parsingOnce(fontkit: Fontkit): Fontkit {
  const parsed = new Map<Uint8Array, ReturnType<Fontkit['create']>>();
  return {
    create(bytes, postscriptName) {
      let font = parsed.get(bytes);
      if (!font) {
        font = fontkit.create(bytes, postscriptName);
        parsed.set(bytes, font);
      }
      return font;
    },
  };
}

/**
 * fontkit's self-contained build (pako inlined; its ES build imports CommonJS pako, as pdf-lib's does),
 * everywhere: Node and a bundler hand it over as the default export; loaded unbundled in a browser (the
 * test runner), it sets a global instead.
 */
async function loadFontkit(): Promise<Fontkit> {
  const umd = (await import('@pdf-lib/fontkit/dist/fontkit.umd.min.js')) as { default?: Fontkit };
  const fontkit = umd.default ?? (globalThis as { fontkit?: Fontkit }).fontkit;
  if (!fontkit) throw new Error('@pdf-lib/fontkit did not load');
  return fontkit;
}

async function fontFile(name: (typeof FONT_FILES)[keyof typeof FONT_FILES]): Promise<Uint8Array> {
  if (typeof document !== 'undefined') {
    // Literal paths, so the demo's and Storybook's bundler copies each file into its build.
    const url =
      name === FONT_FILES.regular
        ? new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', import.meta.url)
        : new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  // Named through variables, so a browser bundler leaves these Node-only modules alone.
  const [fsName, moduleName] = ['node:fs/promises', 'node:module'];
  const { readFile } = (await import(/* @vite-ignore */ fsName)) as typeof Fs;
  const { createRequire } = (await import(/* @vite-ignore */ moduleName)) as typeof NodeModule;
  return new Uint8Array(await readFile(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`)));
}
