import * as z from 'zod/mini';
import { currency, id, isoDateTime, minorUnits } from './common.js';

export const cardBrands = ['Visa', 'Mastercard', 'Amex', 'Discover', 'Card'] as const;

/** How one charge splits across the invoices it pays. */
export const paymentApplication = z.object({
  invoiceId: id,
  invoiceNumber: z.string(),
  amount: minorUnits,
});
export type PaymentApplication = z.infer<typeof paymentApplication>;

export const payment = z.object({
  id,
  customerId: id,
  createdAt: isoDateTime,
  amount: minorUnits,
  currency,
  /** The only card data ever kept: brand and last four digits. */
  card: z.object({ brand: z.enum(cardBrands), last4: z.string().check(z.regex(/^\d{4}$/)) }),
  applications: z.array(paymentApplication),
  receiptNumber: z.string(),
});
export type Payment = z.infer<typeof payment>;
