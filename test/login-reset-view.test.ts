import { expect, html } from '@open-wc/testing';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import '../src/define/portal-login.js';
import '../src/index.js';
import { startTestBackend } from './helpers/backend.js';
import { mount, untilText } from './helpers/portal-fixture.js';

describe('<portal-login view="reset"> with no reset link', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });

  it('set in the markup: says the link is missing, never "Checking your link…" for ever', async () => {
    const { element } = await mount<PortalLogin>(html`<portal-login view="reset"></portal-login>`);
    await untilText(element, /expired or was already used|no longer works|Ask for a new one/i);
  });

  it('set later, as a page or a control panel would', async () => {
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'Forgot your password?');
    element.view = 'reset';
    await untilText(element, /expired or was already used|no longer works|Ask for a new one/i);
    expect(element.shadowRoot!.textContent).not.to.contain('Checking your link');
  });
});
