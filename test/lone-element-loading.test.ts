/**
 * A lone element (`api-base`, no provider) loads its shared state's code after it first renders, so
 * the sign-in card is ready to type before that code arrives (issue 10's first-load budget). Its own
 * file: nothing here may load src/internal/portal-state.ts before the test holds it back (the
 * provider imports it, so neither the provider nor the fixture helpers that define it are imported).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import { keptSessionKey } from '../src/internal/session-key.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import { startTestBackend, useHandlers } from './helpers/backend.js';
import { DANA } from './helpers/people.js';

const shadowText = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
const find = <E extends HTMLElement>(element: Element, selector: string) => element.shadowRoot?.querySelector<E>(selector) ?? null;

function typeInto(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A promise and the function that settles it: a request held until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('a lone element whose state is still loading', () => {
  beforeEach(() => startTestBackend());

  it('the sign-in card: "Loading…" for a kept session, the form while the code is on its way, a dropped chunk with Try again, and a submit that waits for it; another lone element recovers with it', async () => {
    const first = gate();
    const second = gate();
    let requests = 0;
    useHandlers(
      http.get('*/src/internal/portal-state.ts*', async () => {
        requests += 1;
        if (requests === 1) {
          await first.opened;
          return HttpResponse.error();
        }
        await second.opened;
        return undefined;
      }),
    );
    // This browser keeps a session for the API base: the card will show who is signed in, so it does
    // not offer the form meanwhile.
    localStorage.setItem(keptSessionKey('/api'), 'kept');
    const login = document.createElement('portal-login') as PortalLogin;
    login.setAttribute('api-base', '/api');
    const invoices = document.createElement('portal-invoices');
    invoices.setAttribute('api-base', '/api');
    document.body.append(login, invoices);
    try {
      await waitUntil(() => shadowText(login).includes('Loading…'), 'never said Loading…', { timeout: 5000 });
      expect(find(login, 'input[name="password"]')).to.equal(null);
      expect(shadowText(login)).not.to.contain('not connected');
      await waitUntil(() => shadowText(invoices).includes('Loading…'), 'the invoices never said Loading…', { timeout: 5000 });
      expect(shadowText(invoices)).not.to.contain('not connected');

      // The code does not arrive (a dropped connection): the form, with what went wrong and Try again.
      localStorage.removeItem(keptSessionKey('/api'));
      first.open();
      await waitUntil(() => shadowText(login).includes('We couldn’t connect'), 'the failure was never said', { timeout: 5000 });
      expect(find(login, 'input[name="password"]')).not.to.equal(null);
      await expect(login).to.be.accessible();
      await waitUntil(() => shadowText(invoices).includes('We couldn’t connect'), 'the invoices never said the failure', { timeout: 5000 });
      await expect(invoices).to.be.accessible();

      // Typed into at once, and Try again: the form stays ready while the code loads again.
      typeInto(find<HTMLInputElement>(login, 'input[name="email"]')!, DANA);
      typeInto(find<HTMLInputElement>(login, 'input[name="password"]')!, SEEDED_PASSWORDS[DANA]!);
      const retry = [...login.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Try again');
      retry!.click();
      await waitUntil(() => !shadowText(login).includes('We couldn’t connect'), 'the failure stayed after Try again', { timeout: 5000 });
      expect(find<HTMLInputElement>(login, 'input[name="email"]')!.value).to.equal(DANA);

      // Submitted before the code arrived: the card waits for it, then signs in.
      find<HTMLFormElement>(login, 'form')!.requestSubmit();
      await waitUntil(() => shadowText(login).includes('Please wait…'), 'the submit was not taken', { timeout: 5000 });
      second.open();
      await waitUntil(() => shadowText(login).includes('You are signed in'), 'never signed in', { timeout: 5000 });
      expect(shadowText(login)).to.contain(DANA.split('@')[0]);
      expect(requests).to.equal(2);

      // The other element recovers with it, without its own Try again: the state the card signed in with.
      await waitUntil(() => /Balance|balance/.test(shadowText(invoices)), `the invoices never showed: ${shadowText(invoices)}`, { timeout: 5000 });
    } finally {
      first.open();
      second.open();
      login.remove();
      invoices.remove();
    }
  });
});
