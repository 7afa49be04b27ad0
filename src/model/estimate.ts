import * as z from 'zod/mini';
import { currency, id, isoDate, minorUnits } from './common.js';

export const estimateStatuses = ['Open', 'Sold', 'Dismissed'] as const;

export const estimate = z.object({
  id,
  customerId: id,
  locationId: id,
  name: z.string(),
  createdOn: isoDate,
  status: z.enum(estimateStatuses),
  items: z.array(z.object({ description: z.string(), quantity: z.number(), total: minorUnits })),
  total: minorUnits,
  currency,
});
export type Estimate = z.infer<typeof estimate>;
