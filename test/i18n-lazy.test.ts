/**
 * The Spanish catalog downloads only when a Spanish element appears: an English page never fetches it.
 * Its own file, so the page starts with nothing of Porchlight's Spanish loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define/portal-login.js';
import { catalogReady } from '../src/i18n/catalogs.js';
import { textOf } from './helpers/portal-fixture.js';

const spanishRequests = () =>
  performance.getEntriesByType('resource').filter((entry) => /\/i18n\/locales\/es\.(js|ts)/.test(entry.name));

// The page loaded hundreds of modules before this line: make room to record the ones that follow.
performance.clearResourceTimings();
performance.setResourceTimingBufferSize(10_000);

describe('the Spanish catalog', () => {
  it('is not downloaded by an English page, and is by the first Spanish element, before it renders', async () => {
    const english = await fixture(html`<portal-login></portal-login>`);
    await waitUntil(() => textOf(english).includes('not connected'), 'the English element never rendered', { timeout: 5000 });
    expect(spanishRequests(), 'an English page fetched the Spanish strings').to.deep.equal([]);
    expect(catalogReady('es')).to.equal(false);

    const spanish = await fixture(html`<portal-login lang="es"></portal-login>`);
    // The element waits for its strings: its first render is already Spanish, never English first.
    await (spanish as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(textOf(spanish)).to.include('no está conectado a un portal');
    expect(spanishRequests()).to.have.length(1);
    expect(catalogReady('es')).to.equal(true);
  });
});
