/** Story helpers shared by the account stories: Sam's sign-up, switching account, failing and slow adapters. */
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import { signUpConfirmed, storyBackend, storyLoader, until } from './support.js';

export const SAM = 'sam.ortiz@example.com';

/** Sam Ortiz, site superintendent: nonBilling at Harbor Point Apartments, no access at the leasing office. */
export function asSam(setup?: () => Promise<void>) {
  return storyLoader(async () => {
    await setup?.();
    return { session: await signUpConfirmed(SAM, 'boiler room on lakeshore drive') };
  });
}

/** A play step: once signed in, choose another account through the provider, as the switcher does. */
export async function switchAccount(canvas: HTMLElement, customerId: string) {
  const provider = await until(() => canvas.querySelector('portal-provider') as PortalProvider | null);
  await until(() => provider.portalState.value.session);
  provider.portalState.value.selectAccount(customerId);
}

type DataMethod = 'listMemberships' | 'listEquipment' | 'listVisits';

/** An adapter to the story's backend (`apiBase`) whose one data method never answers: the loading state. */
export function slowAdapter(method: DataMethod, apiBase: string) {
  const adapter = new HttpAdapter({ apiBase });
  Object.assign(adapter, { [method]: () => new Promise<never>(() => undefined) });
  return adapter;
}

/** An adapter whose one data method answers the first time, then fails as if offline: a reload that fails. */
export function offlineAfterFirstAdapter(method: DataMethod, apiBase: string) {
  const adapter = new HttpAdapter({ apiBase });
  const original = adapter[method].bind(adapter) as (...args: unknown[]) => Promise<unknown>;
  let calls = 0;
  Object.assign(adapter, {
    [method]: (...args: unknown[]) => (++calls === 1 ? original(...args) : Promise.reject(new PortalError('NETWORK', 'offline'))),
  });
  return adapter;
}

/** An adapter to the story's backend whose one data method fails as if offline: the error state with its retry. */
export function offlineAdapter(method: DataMethod, apiBase: string) {
  const adapter = new HttpAdapter({ apiBase });
  Object.assign(adapter, { [method]: () => Promise.reject(new PortalError('NETWORK', 'offline')) });
  return adapter;
}

/** Office-side data change, straight to the story backend (inside a setup). */
export async function editState(change: (state: Awaited<ReturnType<typeof storyBackend.inspect>>) => void) {
  const state = await storyBackend.inspect();
  change(state);
  await storyBackend.restore(state);
}
