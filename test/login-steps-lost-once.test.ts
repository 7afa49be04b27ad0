/**
 * The sign-in card's code past the form (login-steps.ts), lost once and then back: the card says the
 * backend's refusal in words, not that the portal could not be reached. Its own file: the steps must not
 * have been loaded on this page before the test blocks them.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-login.js';
import '../src/define/portal-provider.js';
import { startTestBackend } from './helpers/backend.js';
import { $, DANA, submitSignIn, textOf, untilText } from './helpers/portal-fixture.js';
import { loseChunk } from './helpers/lost-chunk.js';

describe('the sign-in steps, lost once', () => {
  beforeEach(() => startTestBackend());

  it('a wrong password after the steps came back is said in words, with the fields marked', async () => {
    const chunk = loseChunk('src/elements/portal-login/login-steps.ts');
    const provider = await fixture<PortalProvider>(
      html`<portal-provider api-base="/api" session-persistence="memory"><portal-login></portal-login></portal-provider>`,
    );
    const login = provider.querySelector('portal-login') as PortalLogin;
    await waitUntil(() => provider.portalState.value.settings, 'settings never arrived', { timeout: 5000 });
    // The card's first load of the steps (soon after its first paint) was dropped.
    await new Promise((resolve) => setTimeout(resolve, 200));
    chunk.arrive();
    submitSignIn(login, DANA, 'not the right password at all');
    await untilText(login, 'That email and password don’t match');
    expect(textOf(login)).not.to.contain('couldn’t connect');
    expect($(login, 'input[name="email"]').getAttribute('aria-invalid')).to.equal('false');
    await expect(login).to.be.accessible();
  });
});
