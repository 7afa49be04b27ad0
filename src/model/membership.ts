import * as z from 'zod/mini';
import { currency, id, isoDate, minorUnits, reference } from './common.js';

export const membershipStatuses = ['Active', 'Suspended', 'Expired', 'Canceled'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const billingFrequencies = ['Monthly', 'Quarterly', 'Annual', 'OneTime'] as const;

export const membership = z.object({
  id,
  customerId: id,
  location: reference,
  plan: z.object({ id, name: z.string(), description: z.string() }),
  status: z.enum(membershipStatuses),
  from: isoDate,
  to: z.nullable(isoDate),
  renewsOn: z.nullable(isoDate),
  billingFrequency: z.enum(billingFrequencies),
  price: minorUnits,
  currency,
  /** What the plan covers, in the contractor's words. */
  benefits: z.array(z.string()),
  discounts: z.array(z.object({ description: z.string(), percent: z.number() })),
  recurringVisits: z.object({ included: z.int(), used: z.int() }),
  nextVisitOn: z.nullable(isoDate),
});
export type Membership = z.infer<typeof membership>;
