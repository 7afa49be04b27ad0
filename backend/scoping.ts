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
 * invoice itself is hidden from this caller, so the invoice's existence does not leak through it —
 * except to say `invoiceWithAccountHolder: true` when the only reason is the caller's location access
 * (the invoice is one the contractor shows online, at a location where this sign-in has no billing).
 * An invoice hidden by the invoice filter or an excluded business unit stays unmentioned.
 */
export function visibleJobs(state: BackendState, access: AccountAccess): Job[] {
  const invoiceIds = new Set(visibleInvoices(state, access).map((i) => i.id));
  const withAccountHolder = (invoiceId: string) => {
    const invoice = state.invoices.find((i) => i.id === invoiceId);
    return Boolean(
      invoice &&
        invoice.customerId === access.grant.customerId &&
        !access.billingLocationIds.has(invoice.location.id) &&
        invoiceAllowedBySettings(state.settings, invoice),
    );
  };
  return state.jobs
    .filter((job) => job.customerId === access.grant.customerId && access.visibleLocationIds.has(job.location.id))
    .map((job) => {
      if (!job.invoice || invoiceIds.has(job.invoice.id)) return job;
      const hidden: Job = { ...job, invoice: null };
      if (withAccountHolder(job.invoice.id)) hidden.invoiceWithAccountHolder = true;
      return hidden;
    });
}
