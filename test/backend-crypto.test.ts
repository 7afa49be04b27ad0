/**
 * The token hash (backend/rules/crypto.ts): Node's own hash in porchlight-server, a pure-JS one in the
 * browser (this file runs in both). Both must give SHA-256 exactly, or a session made by one could
 * not be found by the other.
 */
import { expect } from 'chai';
import { sha256 } from '../backend/rules/crypto.js';

describe('reference backend: the token hash', () => {
  it('is SHA-256 as lowercase hex, for ASCII and for text beyond it', async () => {
    // FIPS 180-2's test vector, and a text with a character outside ASCII (hashed as UTF-8).
    expect(await sha256('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256('')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256('\u00e9')).to.equal('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});
