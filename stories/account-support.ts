/** Story helpers shared by the account stories: Sam's sign-up, switching account, failing and slow adapters. */
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalProvider } from '../src/elements/portal-provider/portal-provider.js';
import { SEEDED_PASSWORDS } from '../backend/index.js';
import { DANA, changeSettings, directAdapter, signUpConfirmed, storyBackend, storyLoader, until } from './support.js';

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

/** Names as long as real ones get: a contractor, a household's account, its home, its sign-in email. */
export const LONG_NAMES = {
  company: 'Northwind Heating, Air Conditioning, Plumbing & Electrical Services of Greater Springfield',
  phone: '(555) 010-4477 ext. 2210',
  customer: 'Dana Whitfield-Montgomery and Alexander Konstantinopoulos-Vanderbilt',
  location: 'Lakeside cottage behind the old mill (guest house)',
  email: 'dana.whitfield-montgomery.household-accounts@whitfield-montgomery-family.example',
};

/**
 * Dana, with a long name, a long home name and a long sign-in email, at a contractor with a long name
 * and phone; signed in unless `signedIn` is false (a sign-in card then shows the contractor's name).
 */
export function withLongNames({ signedIn = true } = {}) {
  return storyLoader(async () => {
    await changeSettings({ companyName: LONG_NAMES.company, companyPhone: LONG_NAMES.phone });
    await editState((state) => {
      const dana = state.customers.find((c) => c.id === 'cust-1001')!;
      dana.name = LONG_NAMES.customer;
      dana.locations[0]!.name = LONG_NAMES.location;
      for (const contact of dana.contacts) if (contact.value === DANA) contact.value = LONG_NAMES.email;
      for (const login of state.logins) if (login.email === DANA) login.email = LONG_NAMES.email;
    });
    return { session: signedIn ? await directAdapter.signIn({ email: LONG_NAMES.email, password: SEEDED_PASSWORDS[DANA]! }) : null };
  });
}

/** Office-side: `count` more of Dana's memberships at her home, varied as a long-time customer's would be. */
export function manyMemberships(count: number) {
  return editState((state) => {
    const base = state.memberships.find((m) => m.id === 'mem-1')!;
    const plans = [
      { id: 'plan-gold', name: 'Comfort Club Gold', description: 'Two precision tune-ups a year, priority service and repair discounts.' },
      { id: 'plan-plumbing', name: 'Plumbing Protection', description: 'Annual plumbing inspection and drain care.' },
      { id: 'plan-electrical', name: 'Electrical Safety Plan', description: 'A yearly panel, outlet and surge check.' },
      { id: 'plan-water', name: 'Water Heater Care', description: 'A yearly flush and anode check.' },
    ];
    for (let i = 0; i < count; i++) {
      state.memberships.push({
        ...base,
        id: `mem-many-${i + 1}`,
        plan: plans[i % plans.length]!,
        status: i % 5 === 4 ? 'Suspended' : 'Active',
        recurringVisits: { included: 2, used: i % 3 },
        renewsOn: i % 5 === 4 ? null : base.renewsOn,
      });
    }
  });
}

/** Office-side: `count` more pieces of equipment at Dana's home (a house full of it, or a small building's). */
export function manyEquipment(count: number) {
  return editState((state) => {
    const kinds = state.equipment.filter((e) => e.customerId === 'cust-1001');
    for (let i = 0; i < count; i++) {
      const base = kinds[i % kinds.length]!;
      const n = Math.floor(i / kinds.length) + 2;
      state.equipment.push({ ...base, id: `eq-many-${i + 1}`, name: `${base.name} ${n}`, serialNumber: `${base.serialNumber}-${n}` });
    }
  });
}

/** The contractor's settings never arrive (a slow backend held still): what shows while they are on their way. */
export class SettingsNeverCome extends HttpAdapter {
  override getSettings(): Promise<never> {
    return new Promise(() => undefined);
  }
}

/** The contractor's settings could not be had (a dropped connection). */
export class SettingsUnreachable extends HttpAdapter {
  override getSettings(): Promise<never> {
    return Promise.reject(new PortalError('NETWORK', 'offline'));
  }
}
