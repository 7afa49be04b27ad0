/**
 * Opaque page cursors: a position in a list's order, tied to the query it belongs to, so a cursor
 * used with another filter is refused instead of skipping or repeating rows.
 */
import { ApiError, hasNul } from './http.js';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** `[1, ...position, query]` as base64url JSON. */
export function encodeCursor(position: string[], query: string): string {
  return toBase64Url(JSON.stringify([1, ...position, query]));
}

/** The position a cursor names, after checking it belongs to `query` and has `size` parts. */
export function decodeCursor(cursor: string, size: number, query: string): string[] {
  const refuse = (message = 'That page link is not valid. Start from the first page.') =>
    new ApiError(400, 'VALIDATION', message, { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = cursor.length <= 2048 ? JSON.parse(fromBase64Url(cursor)) : null;
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 1 || parsed.length !== size + 2 || !parsed.slice(1).every((p) => typeof p === 'string' && !hasNul(p))) {
    throw refuse();
  }
  if (parsed.at(-1) !== query) throw refuse('That page link belongs to another search. Start from the first page.');
  return parsed.slice(1, -1) as string[];
}

export function readLimit(url: URL, defaultLimit: number, max: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= max)) {
    throw new ApiError(400, 'VALIDATION', `"limit" must be a whole number from 1 to ${max}.`, { field: 'limit' });
  }
  return limit;
}
