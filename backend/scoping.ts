/**
 * What the contractor's settings and the caller's location access let a customer see. Applied by
 * every data route, so a request made by hand sees no more than the elements show.
 */
import type { Invoice, Job, PortalSettings } from '../src/model/index.js';
import type { AccountAccess } from './identity.js';
import type { BackendState } from './state.js';

/** The invoice filter (syncStatus, reviewStatus) and the excluded business units. */
export function invoiceAllowedBySettings(settings: PortalSettings, invoice: Invoice): boolean {
  return (
    settings.invoiceFilter.syncStatuses.includes(invoice.syncStatus) &&
    settings.invoiceFilter.reviewStatuses.includes(invoice.reviewStatus) &&
    !settings.excludedBusinessUnitIds.includes(invoice.businessUnit.id)
  );
}

/** The account's invoices the caller may see: allowed by settings, at a location with billing access. */
export function visibleInvoices(state: BackendState, access: AccountAccess): Invoice[] {
  return state.invoices.filter(
    (invoice) =>
      invoice.customerId === access.grant.customerId &&
      access.billingLocationIds.has(invoice.location.id) &&
      invoiceAllowedBySettings(state.settings, invoice),
  );
}

/**
 * The account's jobs at locations the caller may see. A job's invoice link is removed when the
 * invoice itself is hidden from this caller, so the invoice's existence does not leak through it.
 */
export function visibleJobs(state: BackendState, access: AccountAccess): Job[] {
  const invoiceIds = new Set(visibleInvoices(state, access).map((i) => i.id));
  return state.jobs
    .filter((job) => job.customerId === access.grant.customerId && access.visibleLocationIds.has(job.location.id))
    .map((job) => (job.invoice && !invoiceIds.has(job.invoice.id) ? { ...job, invoice: null } : job));
}
