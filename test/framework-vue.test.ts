import { expect, waitUntil } from '@open-wc/testing';
import type { PortalSignedInEvent } from '../src/events/portal-signed-in.js';
import { startTestBackend } from './helpers/backend.js';
import { signInThroughExample, statusLine } from './helpers/framework-example.js';
import { DANA, untilText } from './helpers/portal-fixture.js';

interface VueExample {
  mount(container: Element, options?: { apiBase?: string; onSignedIn?: (event: PortalSignedInEvent) => void }): { unmount(): void };
}

// examples/vue/src/main.ts itself, bundled with Vue 3 and its template compiler by scripts/example-bundler.mjs.
const exampleUrl = new URL('../examples/vue/src/main.ts', import.meta.url).href;

describe('Vue 3 example (examples/vue)', () => {
  let container: HTMLElement;
  let app: { unmount(): void } | undefined;

  beforeEach(async () => {
    await startTestBackend();
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    app?.unmount();
    container.remove();
  });

  it('compiles portal-* as custom elements, signs in, and portal-signed-in reaches the Vue handler', async () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    // Vue warns "Failed to resolve component" when a tag is not configured as a custom element.
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      originalWarn(...args);
    };
    try {
      const { mount } = (await import(exampleUrl)) as VueExample;
      const received: PortalSignedInEvent[] = [];
      app = mount(container, { apiBase: '/api', onSignedIn: (event) => received.push(event) });
      expect(statusLine(container)).to.equal('Not signed in.');
      // Vue handed the tag to the browser: an upgraded Porchlight element, not an unknown component.
      expect(container.querySelector('portal-login')).to.be.instanceOf(customElements.get('portal-login')!);
      await expect(container).to.be.accessible();

      const login = await signInThroughExample(container, DANA);
      await waitUntil(() => received.length === 1, 'the Vue handler never got portal-signed-in', { timeout: 10_000 });
      expect(received[0]!.detail.email).to.equal(DANA);
      expect(received[0]!.target).to.equal(login);
      await waitUntil(() => statusLine(container) === `Signed in as ${DANA}.`, `status said: ${statusLine(container)}`, { timeout: 5000 });

      // v-if rendered the invoices once signed in; its attribute reached the element.
      await waitUntil(() => container.querySelector('portal-invoices'), 'Vue never rendered <portal-invoices>', { timeout: 5000 });
      const invoices = container.querySelector('portal-invoices')!;
      expect(invoices.getAttribute('page-size')).to.equal('10');
      await untilText(invoices, /Invoice \d{5}/, 10_000);
      await expect(container).to.be.accessible();
      expect(warnings.filter((text) => text.includes('Failed to resolve component'))).to.deep.equal([]);
    } finally {
      console.warn = originalWarn;
    }
  });
});
