import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

/** A stored password: never the password itself, only a salted, slow hash. */
export interface PasswordHash {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  hash: string;
}

/** OWASP's 2023+ figure for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** 256 random bits, URL-safe: session tokens, reset tokens. */
export function randomToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export function randomId(prefix: string): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(9)))}`;
}

let sequence = 0;

/**
 * An id that sorts in the order ids were made (time first, then a per-process counter, then random
 * bits): the outbox lists messages by id, newest last, with no autoincrement column (not portable).
 */
export function sequentialId(prefix: string, now: Date): string {
  sequence = (sequence + 1) % 46_656;
  const time = now.getTime().toString(36).padStart(9, '0');
  return `${prefix}_${time}${sequence.toString(36).padStart(3, '0')}${toBase64Url(crypto.getRandomValues(new Uint8Array(6)))}`;
}

/** Node's own crypto module when the backend runs in Node (porchlight-server), without importing it (the browser has none). */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | { createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } } }
  | undefined;

/**
 * SHA-256 as hex. Every signed-in request hashes its bearer token, so this is on the hot path. Web
 * Crypto's digest is a thread-pool round trip (about 0.5 ms a call in Node), so: Node's synchronous
 * hash where there is one (1.4 µs), else a synchronous pure-JS one (@noble/hashes, audited: 3.9 µs).
 * Passwords still go through Web Crypto's PBKDF2.
 */
export async function sha256(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  return bytesToHex(nobleSha256(new TextEncoder().encode(text)));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  // The same password typed with composed or decomposed accents (é vs e + ´) is the same password.
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toHex(bits);
}

export async function hashPassword(password: string, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64Url(salt), hash: await derive(password, salt, iterations) };
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await derive(password, fromBase64Url(stored.salt), stored.iterations);
  return constantTimeEqual(candidate, stored.hash);
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
