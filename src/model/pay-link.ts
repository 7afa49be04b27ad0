import * as z from 'zod/mini';
import { linkCompany } from './estimate.js';
import { invoice } from './invoice.js';
import { payment } from './payment.js';

/**
 * One invoice opened from a pay link (`GET /links/invoices/:invoiceId`): the invoice, the payments
 * made on it from this link (its receipts), whether it can still be paid, and whom it is from.
 */
export const payLinkView = z.object({
  invoice,
  /** Newest last. After the invoice is paid the link shows these, and nothing to pay. */
  receipts: z.array(payment),
  /** False once paid (or no longer payable online): the link then shows the receipt only. */
  payable: z.boolean(),
  company: linkCompany,
  onlinePaymentsEnabled: z.boolean(),
});
export type PayLinkView = z.infer<typeof payLinkView>;
