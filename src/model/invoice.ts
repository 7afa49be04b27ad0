import * as z from 'zod/mini';
import { currency, id, isoDate, minorUnits, reference } from './common.js';

export const syncStatuses = ['Pending', 'Posted', 'Exported'] as const;
export type SyncStatus = (typeof syncStatuses)[number];

export const reviewStatuses = [
  'NeedsReview',
  'OnHold',
  'Reviewed',
  'PendingApproval',
  'Rejected',
  'ReadyForBilling',
  'Invoiced',
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const invoiceItem = z.object({
  id,
  sku: z.optional(z.string()),
  description: z.string(),
  quantity: z.number(),
  unitPrice: minorUnits,
  total: minorUnits,
});
export type InvoiceItem = z.infer<typeof invoiceItem>;

export const appliedPayment = z.object({
  paymentId: id,
  paidOn: isoDate,
  amount: minorUnits,
  /** "Visa •••• 4242", "Check", … */
  method: z.string(),
});
export type AppliedPayment = z.infer<typeof appliedPayment>;

export const invoice = z.object({
  id,
  /** The number the customer reads ("Invoice 10412"). */
  number: z.string(),
  /** The account ("Bill to") it bills. */
  customerId: id,
  /** `YYYY-MM-DD`. */
  invoiceDate: isoDate,
  /** `YYYY-MM-DD`, a calendar day in the contractor's zone: past it and unpaid, the invoice is past due. */
  dueDate: isoDate,
  /** ISO 4217, e.g. `USD`: every amount below is in its minor units. */
  currency,
  items: z.array(invoiceItem),
  /** Whole minor units (cents), as every amount. */
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
  /** What is still owed: `total` less the payments applied. 0 when paid. */
  balance: minorUnits,
  /** The contractor's division that did the work (shown with the invoice). */
  businessUnit: reference,
  /** The service address it is for (shown with the invoice). */
  location: reference,
  /** The visit it bills, when there was one. */
  job: z.nullable(z.object({ id, number: z.string() })),
  payments: z.array(appliedPayment),
  /** Back office only, never shown: the contractor's invoice filter hides invoices by it. Without one, send `Posted`. */
  syncStatus: z.enum(syncStatuses),
  /** Back office only, never shown: as `syncStatus`. Without one, send `Invoiced`. */
  reviewStatus: z.enum(reviewStatuses),
  /** One line on the work, shown in the list ("Furnace repair: igniter replaced"). */
  summary: z.string(),
});
export type Invoice = z.infer<typeof invoice>;
