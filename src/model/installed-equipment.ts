import * as z from 'zod/mini';
import { id, isoDate, reference } from './common.js';

export const installedEquipment = z.object({
  id,
  customerId: id,
  location: reference,
  name: z.string(),
  type: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  installedOn: z.nullable(isoDate),
  manufacturerWarrantyEnd: z.nullable(isoDate),
  serviceProviderWarrantyEnd: z.nullable(isoDate),
  predictedReplacementOn: z.nullable(isoDate),
  lastServicedOn: z.nullable(isoDate),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type InstalledEquipment = z.infer<typeof installedEquipment>;
