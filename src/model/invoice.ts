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
  number: z.string(),
  customerId: id,
  invoiceDate: isoDate,
  dueDate: isoDate,
  currency,
  items: z.array(invoiceItem),
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
  balance: minorUnits,
  businessUnit: reference,
  location: reference,
  job: z.nullable(z.object({ id, number: z.string() })),
  payments: z.array(appliedPayment),
  syncStatus: z.enum(syncStatuses),
  reviewStatus: z.enum(reviewStatuses),
  summary: z.string(),
});
export type Invoice = z.infer<typeof invoice>;
