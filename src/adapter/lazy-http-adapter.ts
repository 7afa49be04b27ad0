/**
 * An `HttpAdapter` whose code loads on its first call. `<portal-provider>` and a lone element with an
 * `api-base` create their adapter as they connect; with this, their first paint does not wait for the
 * whole REST client (every endpoint of every element): the sign-in form is ready to type before it. The first request starts as soon as the client has loaded, the response schemas in
 * parallel, as before.
 */
import type { HttpAdapter } from './http-adapter.js';
import { REST_CLIENT, type PortalAdapter } from './portal-adapter.js';

type Method = { [K in keyof HttpAdapter]: HttpAdapter[K] extends (...args: never[]) => unknown ? K : never }[keyof HttpAdapter];

/** Every method of HttpAdapter: the type check fails when one is added there and not here. */
const methods = {
  getSettings: 1, checkSignUpEmail: 1, signUp: 1, verifyEmail: 1, signIn: 1, signOut: 1, refreshSession: 1,
  requestPasswordReset: 1, checkResetLink: 1, resetPassword: 1, getBalance: 1, listInvoices: 1, getInvoice: 1,
  pay: 1, listJobs: 1, listVisits: 1, downloadInvoicePdf: 1, downloadStatementPdf: 1, listMemberships: 1,
  listEquipment: 1, getSchedulerConfig: 1, getAvailability: 1, listServiceLocations: 1, requestAppointment: 1,
  openLink: 1, getEstimate: 1, listEstimates: 1, approveEstimate: 1, declineEstimate: 1, requestEstimateChanges: 1,
  downloadEstimatePdf: 1, getPayLink: 1, payByLink: 1, getVisitStatus: 1, resendLink: 1,
} satisfies Record<Method, 1>;

export function lazyHttpAdapter(apiBase: string): PortalAdapter {
  let client: Promise<HttpAdapter> | undefined;
  const load = () => (client ??= import('./http-adapter.js').then(({ HttpAdapter }) => new HttpAdapter({ apiBase })));
  // The REST client's brand and base, as HttpAdapter has them (see restClientBase).
  const adapter: Record<string | symbol, unknown> = { [REST_CLIENT]: true, apiBase: apiBase.replace(/\/+$/, '') };
  for (const name of Object.keys(methods) as Method[]) {
    adapter[name] = (...args: unknown[]) => load().then((real) => (real[name] as (...a: unknown[]) => unknown).apply(real, args));
  }
  return adapter as unknown as PortalAdapter;
}
