/**
 * The office key guards `/api/office/*` (settings, the outbox with its reset links, invitations). It
 * is never a fixed default:
 * - PORCHLIGHT_OFFICE_KEY, when set, is the key (required with PostgreSQL, where every instance must
 *   share one and no instance may invent its own);
 * - else, with SQLite, the key file beside the database: generated on first start with 256 random
 *   bits, written readable by its owner only, and printed once. Later starts read it, so a restart
 *   keeps it. Rotating it: replace the file's contents (or set the variable) and restart.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { failure } from './failure.js';
import { MIN_OFFICE_KEY_LENGTH, UsageError, type ServerConfig } from './config.js';

export interface OfficeKey {
  key: string;
  source: 'environment' | 'file' | 'generated';
  /** The key file, when the key lives in one. */
  file?: string;
}

export function generateOfficeKey(): string {
  return randomBytes(32).toString('base64url');
}

/** `warn` hears about a key file others can read (its permissions are then narrowed). */
export function resolveOfficeKey(config: Pick<ServerConfig, 'officeKey' | 'officeKeyFile' | 'database'>, warn: (message: string) => void): OfficeKey {
  if (config.officeKey) return { key: config.officeKey, source: 'environment' };
  if (config.database.kind === 'postgres') {
    throw new UsageError(
      'Set PORCHLIGHT_OFFICE_KEY: with PostgreSQL every instance must share one office key (e.g. `openssl rand -base64 32`).',
    );
  }
  const file = config.officeKeyFile;
  // An in-memory database lives as long as the process, and so does its key.
  if (!file) return { key: generateOfficeKey(), source: 'generated' };

  let existing: string | undefined;
  try {
    existing = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw failure(`Cannot read the office key file ${file}`, error);
  }
  if (existing !== undefined) {
    if (existing.length < MIN_OFFICE_KEY_LENGTH) {
      throw new UsageError(`The office key in ${file} is shorter than ${MIN_OFFICE_KEY_LENGTH} characters: replace it (openssl rand -base64 32).`);
    }
    if ((statSync(file).mode & 0o077) !== 0) {
      warn(`${file} was readable by other users; it is now readable by its owner only.`);
      chmodSync(file, 0o600);
    }
    return { key: existing, source: 'file', file };
  }
  const key = generateOfficeKey();
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw failure(`Cannot create the folder of the office key file ${file}`, error);
  }
  try {
    // `wx`: never overwrite a key another process has just written.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveOfficeKey(config, warn);
    throw failure(`Cannot write the office key file ${file}`, error);
  }
  return { key, source: 'generated', file };
}
