/**
 * Turns a contractor's plain-text message into text with links, and nothing else: phone numbers
 * become `tel:` links and http(s) addresses become links. Everything else stays text — a message
 * that contains markup shows that markup, because every piece is rendered through a Lit binding.
 */
import { html, type TemplateResult } from 'lit';

export type LinkToken =
  | { kind: 'text'; text: string }
  | { kind: 'url'; text: string; href: string }
  | { kind: 'phone'; text: string; href: string };

/** An http(s) address, or something shaped like a phone number: digits with spaces, dots, dashes, brackets. */
const pattern = /(https?:\/\/[^\s<>"'`]+)|(\+?\(?\d[\d\s().-]{5,20}\d)/gi;
/** Punctuation that ends a sentence rather than the address. */
const trailing = /[.,;:!?)\]}'"]+$/;

/** The address if it is a well-formed http or https URL, else `null`. Nothing else becomes a link. */
export function safeHttpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * `tel:` target for a phone number as written: its digits, with a leading `+` kept. Ten to fifteen
 * digits, eight with a `+`, or a local `555-0100`; so a date such as 2025-03-14 stays text.
 */
export function telHref(phone: string): string | null {
  const written = phone.trim();
  const digits = written.replace(/\D/g, '');
  const plus = written.startsWith('+');
  const ok =
    digits.length <= 15 && (digits.length >= 10 || (plus && digits.length >= 8) || /^\d{3}[-. ]\d{4}$/.test(written));
  return ok ? `tel:${plus ? '+' : ''}${digits}` : null;
}

/** Splits text into plain text, web addresses and phone numbers. Pure: for rendering and for tests. */
export function linkTokens(text: string): LinkToken[] {
  const tokens: LinkToken[] = [];
  let last = 0;
  const push = (piece: string) => {
    if (!piece) return;
    const previous = tokens[tokens.length - 1];
    if (previous?.kind === 'text') previous.text += piece;
    else tokens.push({ kind: 'text', text: piece });
  };
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    let found = match[0];
    const tail = trailing.exec(found)?.[0] ?? '';
    // Keep a closing bracket that belongs to the number, as in "(555) 010-4477".
    if (tail && !(match[2] && tail === ')' && found.includes('('))) found = found.slice(0, found.length - tail.length);
    const href = match[1] ? safeHttpUrl(found) : telHref(found);
    push(text.slice(last, start));
    if (href && match[1]) tokens.push({ kind: 'url', text: found, href });
    else if (href) tokens.push({ kind: 'phone', text: found, href });
    else push(found);
    last = start + found.length;
  }
  push(text.slice(last));
  return tokens;
}

/** The message as Lit templates: text stays text, addresses and numbers are links. */
export function linkify(text: string): (string | TemplateResult)[] {
  return linkTokens(text).map((token) => {
    if (token.kind === 'text') return token.text;
    if (token.kind === 'phone') return html`<a href=${token.href}>${token.text}</a>`;
    return html`<a href=${token.href} target="_blank" rel="noopener noreferrer">${token.text}</a>`;
  });
}
