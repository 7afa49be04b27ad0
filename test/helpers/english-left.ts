/**
 * Finds Porchlight's English left in a rendered element: every piece of text a reader sees or hears
 * (text nodes and the labels screen readers read, nested shadow roots included) compared with the
 * English of every message in xliff/es.xlf. Contractor data (a customer's name, an invoice line) is not
 * Porchlight's text and is never in the catalog, so it does not count.
 */
import { expect } from '@open-wc/testing';
import { deepElements, frames } from './every-element.js';

export interface EnglishCatalog {
  /** Whole English texts and the fixed parts between their values (no part the Spanish uses too). */
  pieces: Set<string>;
  /** Of those, the pieces of three words or more: found anywhere inside a longer text. */
  phrases: string[];
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

let catalog: Promise<EnglishCatalog> | undefined;

function fragments(unit: Element | null): string[] {
  if (!unit) return [];
  const parts: string[] = [];
  let text = '';
  for (const node of unit.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else {
      parts.push(text);
      text = '';
    }
  }
  parts.push(text);
  return parts.map(normalize).filter((part) => /\p{L}.*\p{L}/u.test(part));
}

/** The English of the catalog, read from the XLIFF file the build translates from. */
export function englishCatalog(): Promise<EnglishCatalog> {
  catalog ??= (async () => {
    const xml = new DOMParser().parseFromString(await (await fetch('/xliff/es.xlf')).text(), 'application/xml');
    const units = [...xml.getElementsByTagName('trans-unit')];
    const spanish = new Set(units.flatMap((unit) => fragments(unit.getElementsByTagName('target')[0] ?? null)));
    const pieces = new Set(
      units.flatMap((unit) => fragments(unit.getElementsByTagName('source')[0] ?? null)).filter((piece) => !spanish.has(piece)),
    );
    const phrases = [...pieces].filter((piece) => piece.split(' ').length >= 3);
    return { pieces, phrases };
  })();
  return catalog;
}

/** Text a reader meets in `element`: each text node, and the labels assistive technology reads. */
export function readableTexts(element: Element): string[] {
  const texts: string[] = [];
  for (const node of [element, ...deepElements(element)]) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && node.localName !== 'style') texts.push(normalize(child.textContent ?? ''));
    }
    for (const name of ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt']) {
      const value = node.getAttribute(name);
      if (value) texts.push(normalize(value));
    }
    if (node instanceof HTMLInputElement && ['submit', 'button'].includes(node.type) && node.value) texts.push(normalize(node.value));
  }
  return texts.filter(Boolean);
}

/** Dates and times Intl formatted in English ("Nov 25, 2026", "Tuesday,", "9:00 AM"). */
const ENGLISH_INTL = [
  /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{1,2}\b/,
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun),/,
  /\d (AM|PM)\b/,
];

/** Every English text found in `element`: empty when it speaks only Spanish. */
export async function englishLeft(element: Element): Promise<string[]> {
  const { pieces, phrases } = await englishCatalog();
  const found = new Set<string>();
  for (const text of readableTexts(element)) {
    if (pieces.has(text)) found.add(text);
    else for (const phrase of phrases) if (text.includes(phrase)) found.add(`${phrase} (in “${text}”)`);
    for (const pattern of ENGLISH_INTL) if (pattern.test(text)) found.add(`${text} (English date or time)`);
  }
  return [...found];
}

/** Fails, naming the state and the English found, unless `element` speaks only Spanish (after it paints). */
export async function speaksOnlySpanish(element: Element, state: string): Promise<void> {
  await frames(2);
  const english = await englishLeft(element);
  expect(english, `English left in ${state}: ${JSON.stringify(english)}`).to.deep.equal([]);
}
