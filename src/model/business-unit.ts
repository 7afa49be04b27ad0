import * as z from 'zod/mini';
import { id } from './common.js';

export const businessUnit = z.object({
  id,
  name: z.string(),
  /** The trade the unit serves, e.g. "HVAC", "Plumbing". */
  trade: z.string(),
});
export type BusinessUnit = z.infer<typeof businessUnit>;
