/** The office key: never a fixed default, kept across restarts, readable by its owner only. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../src/config.js';
import { resolveOfficeKey } from '../src/office-key.js';

describe('office key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sqlite = (file = join(dir, 'p.sqlite.office-key')) => ({
    database: { kind: 'sqlite' as const, file: join(dir, 'p.sqlite') },
    officeKeyFile: file,
  });

  it('is generated on first start, written readable by its owner only, and the same after a restart', () => {
    const first = resolveOfficeKey(sqlite(), () => {});
    assert.equal(first.source, 'generated');
    assert.match(first.key, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
    const file = join(dir, 'p.sqlite.office-key');
    assert.equal(readFileSync(file, 'utf8').trim(), first.key);
    assert.equal(statSync(file).mode & 0o777, 0o600);

    const again = resolveOfficeKey(sqlite(), () => {});
    assert.deepEqual(again, { key: first.key, source: 'file', file });
  });

  it('differs from one installation to the next (no fixed default)', () => {
    const a = resolveOfficeKey(sqlite(join(dir, 'a.key')), () => {});
    const b = resolveOfficeKey(sqlite(join(dir, 'b.key')), () => {});
    assert.notEqual(a.key, b.key);
  });

  it('comes from PORCHLIGHT_OFFICE_KEY when set, and then no file is written', () => {
    const key = resolveOfficeKey({ ...sqlite(), officeKey: 'from-the-environment-1234' }, () => {});
    assert.deepEqual(key, { key: 'from-the-environment-1234', source: 'environment' });
    assert.throws(() => statSync(join(dir, 'p.sqlite.office-key')));
  });

  it('is required with PostgreSQL, where every instance must share one', () => {
    assert.throws(() => resolveOfficeKey({ database: { kind: 'postgres', url: 'postgres://x/y' } }, () => {}), UsageError);
  });

  it('narrows a key file others can read, and says so', () => {
    const file = join(dir, 'p.sqlite.office-key');
    writeFileSync(file, 'an-office-key-someone-wrote-here\n');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const key = resolveOfficeKey(sqlite(), (message) => warnings.push(message));
    assert.equal(key.key, 'an-office-key-someone-wrote-here');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(warnings.length, 1);
  });

  it('refuses a key file with a key too short to be a secret', () => {
    writeFileSync(join(dir, 'p.sqlite.office-key'), 'short\n', { mode: 0o600 });
    assert.throws(() => resolveOfficeKey(sqlite(), () => {}), /shorter than/);
  });

  it('lives as long as the process with an in-memory database', () => {
    const key = resolveOfficeKey({ database: { kind: 'sqlite', file: ':memory:' } }, () => {});
    assert.equal(key.source, 'generated');
    assert.equal(key.file, undefined);
  });
});
