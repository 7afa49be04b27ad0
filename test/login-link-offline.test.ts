/**
 * A reset link opened with no connection: neither the settings nor the card's code past the form
 * arrive. The card says so with Try again (it used to wait on "Loading…" for ever), and Try again
 * opens the reset step. Its own file: the steps and the schemas must not have been loaded before.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-login.js';
import '../src/define/portal-provider.js';
import { startTestBackend, useHandlers } from './helpers/backend.js';
import { $$, untilText } from './helpers/portal-fixture.js';

describe('an emailed link opened offline', () => {
  beforeEach(() => startTestBackend());

  it('says the portal could not be reached, with Try again, and Try again opens the step', async () => {
    let offline = true;
    useHandlers(
      http.get('*/src/elements/portal-login/login-steps.ts*', () => (offline ? HttpResponse.error() : undefined)),
      http.get('*/src/adapter/wire-schemas.ts*', () => (offline ? HttpResponse.error() : undefined)),
    );
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-reset=not-a-real-token-123456`);
    try {
      const provider = await fixture<PortalProvider>(
        html`<portal-provider api-base="/api" session-persistence="memory"><portal-login></portal-login></portal-provider>`,
      );
      const login = provider.querySelector('portal-login') as PortalLogin;
      await untilText(login, 'We couldn’t connect');
      expect(login.view).to.equal('reset');
      await expect(login).to.be.accessible();
      offline = false;
      ($$(login, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
      // The step itself: the link is checked, and this one is no good.
      await untilText(login, 'This reset link no longer works');
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
