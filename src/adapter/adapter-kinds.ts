/**
 * What `<portal-provider>` and the lone elements know about an adapter without loading any of its
 * code: the names of the methods an adapter has, and whether it is the REST client. Kept out of
 * portal-adapter.ts, the public contract, so neither becomes part of the package's API.
 */
import type { PortalAdapter } from './portal-adapter.js';

/**
 * Marks the REST client (`HttpAdapter`, and the stand-in that loads it on its first call): it checks
 * its answers against the contract's schemas itself, so `<portal-provider>` does not check them twice,
 * and its sessions are kept per `apiBase`. A brand rather than `instanceof`, so the provider's first
 * load need not carry the client's code (`Symbol.for`: a second copy of Porchlight knows it too).
 */
export const REST_CLIENT = Symbol.for('porchlight.rest-client');

/** An API base as the REST client keeps it: without trailing slashes (paths start with one). */
export const normalApiBase = (apiBase: string) => apiBase.replace(/\/+$/, '');

/** The REST client's base URL, or undefined for any other adapter. */
export function restClientBase(adapter: PortalAdapter): string | undefined {
  const client = adapter as PortalAdapter & { [REST_CLIENT]?: true; apiBase?: string };
  return client[REST_CLIENT] === true ? client.apiBase : undefined;
}

/**
 * Every method of `PortalAdapter`, by name: what the REST client's lazy stand-in forwards and what
 * `<portal-provider>` checks on a developer's own adapter. The type check below fails when a method is
 * added to the interface and not here.
 */
export const ADAPTER_METHODS = [
  'getSettings', 'checkSignUpEmail', 'signUp', 'verifyEmail', 'signIn', 'signOut', 'refreshSession',
  'requestPasswordReset', 'checkResetLink', 'resetPassword', 'getBalance', 'listInvoices', 'getInvoice',
  'pay', 'listJobs', 'listVisits', 'downloadInvoicePdf', 'downloadStatementPdf', 'listMemberships',
  'listEquipment', 'getSchedulerConfig', 'getAvailability', 'listServiceLocations', 'requestAppointment',
  'openLink', 'getEstimate', 'listEstimates', 'approveEstimate', 'declineEstimate', 'requestEstimateChanges',
  'downloadEstimatePdf', 'getPayLink', 'payByLink', 'getVisitStatus', 'resendLink',
] as const satisfies readonly (keyof PortalAdapter)[];

export type AdapterMethod = (typeof ADAPTER_METHODS)[number];
type Holds<T extends true> = T;
/** Does not compile ("false does not satisfy true") while a method of PortalAdapter is missing above. */
export type EveryAdapterMethodListed = Holds<[Exclude<keyof PortalAdapter, AdapterMethod>] extends [never] ? true : false>;
