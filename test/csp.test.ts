/**
 * A host page served with `Content-Security-Policy: default-src 'self'; script-src 'self';
 * style-src 'self'` (no 'unsafe-inline', no nonce): test/csp/csp-page.html, in a frame, with the header
 * set by web-test-runner.config.mjs. Every element renders there in its main state, fully styled, with
 * no `securitypolicyviolation`; the history list shows many rows (a blocked style attribute used to
 * leave it one and a half rows high). The elements reach the test backend through this page's fetch
 * (the frame's own requests would not go through the page's mock service worker).
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { drawPhoto } from '../src/elements/portal-scheduler/photo-canvas.js';
import { startTestBackend } from './helpers/backend.js';
import { ELEMENT_CASES, deepElements, frames, mountCase, painted } from './helpers/every-element.js';
import { DANA, sessionFor } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

interface StrictPage extends Window {
  cspViolations: string[];
  cspPage: { HttpAdapter: typeof HttpAdapter; drawPhoto: typeof drawPhoto };
}

const BRAND = 'rgb(11, 92, 173)';

describe('a host page with a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement;
  let page: StrictPage;

  before(async function () {
    this.timeout(60_000);
    frame = document.createElement('iframe');
    frame.title = 'strict CSP page';
    // Wide and tall enough for the two-column app and a long list; set through CSSOM, as the page asks.
    frame.style.setProperty('width', '900px');
    frame.style.setProperty('height', '1400px');
    frame.src = '/test/csp/csp-page.html';
    document.body.append(frame);
    await waitUntil(() => (frame.contentWindow as StrictPage | null)?.cspPage, 'the strict page never loaded its modules', { timeout: 30_000 });
    page = frame.contentWindow as StrictPage;
  });
  after(() => frame.remove());

  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
    page.document.body.replaceChildren();
  });

  it('is served with the policy, and the policy is enforced (a style attribute is blocked and reported)', async () => {
    const response = await fetch('/test/csp/csp-page.html');
    expect(response.headers.get('Content-Security-Policy')).to.equal("default-src 'self'; script-src 'self'; style-src 'self'");
    const probe = page.document.createElement('div');
    probe.innerHTML = '<p style="color: rgb(1, 2, 3)">styled by an attribute</p>';
    page.document.body.append(probe);
    await waitUntil(() => page.cspViolations.length > 0, 'no violation reported for a style attribute', { timeout: 5000 });
    expect(page.getComputedStyle(probe.firstElementChild!).color).not.to.equal('rgb(1, 2, 3)');
    page.cspViolations.splice(0);
  });

  for (const testCase of ELEMENT_CASES) {
    it(`shows ${testCase.name} fully styled, with no violation`, async function () {
      this.timeout(30_000);
      const adapter = new page.cspPage.HttpAdapter({ apiBase: '/api', fetch: (input, init) => fetch(String(input), init) });
      const session = testCase.signedIn ? await sessionFor(DANA) : undefined;
      const { element } = await mountCase(testCase, page.document.body, { adapter, session });
      await frames(2);

      expect(page.cspViolations).to.deep.equal([]);
      const hosts = [element, ...deepElements(element).filter((e) => e.shadowRoot)];
      for (const host of hosts) {
        expect(host.shadowRoot!.adoptedStyleSheets.length, `<${host.localName}> adopted its styles`).to.be.greaterThan(0);
        expect(host.shadowRoot!.querySelector('style'), `<${host.localName}> has no inline <style>`).to.equal(null);
      }
      // Styled: the reader's default size, and a primary button in the brand colour with padding.
      expect(page.getComputedStyle(element).fontSize).to.equal('16px');
      const primary = deepElements(element).find((e) => e.matches('[part~="button"]:not([part~="secondary-button"])'));
      if (primary) {
        expect(painted(page.getComputedStyle(primary).backgroundColor)).to.equal(BRAND);
        expect(page.getComputedStyle(primary).paddingLeft).not.to.equal('0px');
      }
      const field = deepElements(element).find((e) => e.matches('[part~="input"]'));
      if (field) expect(page.getComputedStyle(field).borderTopWidth).to.equal('1px');
    });
  }

  it('shows the scheduler’s photo previews (a canvas: a data: image would be blocked)', async () => {
    // A small red JPEG, as the scheduler prepares a photo (base64, with its type and size).
    const source = document.createElement('canvas');
    source.width = 40;
    source.height = 30;
    const context = source.getContext('2d')!;
    context.fillStyle = 'rgb(200, 0, 0)';
    context.fillRect(0, 0, 40, 30);
    const data = source.toDataURL('image/jpeg', 0.9).replace(/^data:[^,]*,/, '');
    const photo = { name: 'furnace.jpg', type: 'image/jpeg' as const, data, width: 40, height: 30, bytes: data.length };

    const preview = page.document.createElement('canvas');
    preview.width = 40;
    preview.height = 30;
    page.document.body.append(preview);
    page.cspPage.drawPhoto(preview, photo);
    const red = () => preview.getContext('2d')!.getImageData(20, 15, 1, 1).data[0]!;
    await waitUntil(() => red() > 150, 'the preview was never drawn', { timeout: 5000 });
    expect(page.cspViolations).to.deep.equal([]);

    // What the preview used to be: an <img> with a data: address, which this policy blocks.
    const image = page.document.createElement('img');
    image.alt = 'blocked';
    image.src = `data:image/jpeg;base64,${data}`;
    page.document.body.append(image);
    await waitUntil(() => page.cspViolations.some((v) => v.startsWith('img-src')), 'a data: image was not blocked', { timeout: 5000 });
    page.cspViolations.splice(0);
  });

  it('shows many rows of the history list, placed by the virtualizer through CSSOM', async function () {
    this.timeout(30_000);
    const adapter = new page.cspPage.HttpAdapter({ apiBase: '/api', fetch: (input, init) => fetch(String(input), init) });
    const history = ELEMENT_CASES.find((c) => c.tag === 'portal-history')!;
    const { element } = await mountCase(history, page.document.body, { adapter, session: await sessionFor(DANA) });
    const body = element.shadowRoot!.querySelector<HTMLElement>('.body')!;
    const rows = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-index]')];
    const total = Number(element.shadowRoot!.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')) - 1;
    expect(total, 'the seeded history is long enough to tell').to.be.greaterThan(3);
    const rowHeight = rows[0]!.getBoundingClientRect().height;
    const shown = rows.filter((row) => {
      const rect = row.getBoundingClientRect();
      const box = body.getBoundingClientRect();
      return rect.top >= box.top - 0.5 && rect.bottom <= box.bottom + 0.5;
    });
    expect(shown.length, `rows in full view of a ${Math.round(body.getBoundingClientRect().height)} px list, rows ${Math.round(rowHeight)} px`).to.be.at.least(
      Math.min(total, 4),
    );
    expect(page.cspViolations).to.deep.equal([]);
  });
});
