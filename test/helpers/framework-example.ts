/** Driving an example app (examples/*) the way a customer would: sign in through <portal-login>. */
import { waitUntil } from '@open-wc/testing';
import { SEEDED_PASSWORDS } from '../../backend/seed/index.js';
import { $, type, untilText } from './portal-fixture.js';

/** Waits for the example's <portal-login> to be ready, then signs in with the seeded password. */
export async function signInThroughExample(container: Element, email: string) {
  await waitUntil(() => container.querySelector('portal-login')?.shadowRoot?.querySelector('form'), 'the example never showed <portal-login>', {
    timeout: 10_000,
  });
  const login = container.querySelector('portal-login')!;
  await untilText(login, 'Sign in');
  type($(login, '[name="email"]'), email);
  type($(login, '[name="password"]'), SEEDED_PASSWORDS[email]!);
  ($(login, 'form') as HTMLFormElement).requestSubmit();
  return login;
}

/** The text the framework itself rendered (the status line), not the elements' shadow roots. */
export function statusLine(container: Element): string {
  return container.querySelector('[role="status"]')?.textContent?.trim() ?? '';
}
