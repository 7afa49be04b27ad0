import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { html } from '@open-wc/testing';
import type { PortalInvoices } from '../src/elements/portal-invoices/portal-invoices.js';
import '../src/define/portal-invoices.js';
import { startTestBackend } from './helpers/backend.js';
import { $$, DANA, mount, sessionFor, untilText } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

describe('debug', () => {
  before(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  beforeEach(() => startTestBackend());
  it('renders rows', async () => {
    const { element } = await mount<PortalInvoices>(html`<portal-invoices></portal-invoices>`, { session: await sessionFor(DANA) });
    await untilText(element, /Outstanding invoices/);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const list = element.shadowRoot!.querySelector('[role="list"]') as HTMLElement;
      console.log(i, $$(element, '[role="listitem"]').length, list?.getAttribute('style'), list?.getBoundingClientRect().height, (element.shadowRoot!.querySelector('.list-scroll') as HTMLElement)?.getBoundingClientRect().height);
    }
  });
});
