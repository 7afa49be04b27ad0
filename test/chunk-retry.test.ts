/**
 * A chunk of code that does not arrive (a dropped connection on a phone) is a network problem the
 * customer can retry, not a page that stays broken until a reload. Its own file: the schemas must not
 * have been loaded on this page before the test blocks them.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import '../src/define/portal-login.js';
import '../src/define/portal-provider.js';
import { startTestBackend, useHandlers } from './helpers/backend.js';
import { $$, textOf, untilText } from './helpers/portal-fixture.js';
import { loseChunk } from './helpers/lost-chunk.js';

describe('a chunk that fails to load', () => {
  beforeEach(() => startTestBackend());

  it('the answer schemas, lost once: the card says the portal could not be reached, and Try again loads them', async () => {
    let blocked = true;
    useHandlers(
      http.get('*/src/adapter/wire-schemas.ts*', () => (blocked ? HttpResponse.error() : undefined)),
      // Kept from loading here too (the card fetches them after its first paint): the next test needs them unloaded.
      http.get('*/src/elements/portal-login/login-steps.ts*', () => HttpResponse.error()),
    );
    const provider = await fixture<PortalProvider>(
      html`<portal-provider api-base="/api" session-persistence="memory"><portal-login></portal-login></portal-provider>`,
    );
    const login = provider.querySelector('portal-login') as PortalLogin;
    await untilText(login, 'We couldn’t connect');
    expect(textOf(login)).not.to.contain('Something went wrong on our side');
    blocked = false;
    ($$(login, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
    await waitUntil(() => provider.portalState.value.settings, 'the schemas were never loaded again', { timeout: 5000 });
    await untilText(login, `manage your account with ${provider.portalState.value.settings!.companyName}.`);
  });

  it('the sign-in card\'s other steps, lost once: "Create an account" says so, with Try again and a way back', async () => {
    const chunk = loseChunk('src/elements/portal-login/login-steps.ts');
    const provider = await fixture<PortalProvider>(
      html`<portal-provider api-base="/api" session-persistence="memory"><portal-login></portal-login></portal-provider>`,
    );
    const login = provider.querySelector('portal-login') as PortalLogin;
    await waitUntil(() => provider.portalState.value.settings, 'settings never arrived', { timeout: 5000 });
    ($$(login, 'button.link').find((b) => b.textContent!.includes('Create an account')) as HTMLButtonElement).click();
    await untilText(login, 'We couldn’t connect');
    await expect(login).to.be.accessible();
    expect($$(login, 'button').some((b) => b.textContent!.includes('Back to sign in'))).to.equal(true);
    chunk.arrive();
    ($$(login, 'button').find((button) => button.textContent!.trim() === 'Try again') as HTMLButtonElement).click();
    await untilText(login, 'Create your account');
  });
});
