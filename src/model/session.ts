import * as z from 'zod/mini';
import { locationAccess } from './customer.js';
import { id, isoDateTime } from './common.js';

/** One location this sign-in reaches, and how far. */
export const locationGrant = z.object({
  locationId: id,
  name: z.string(),
  access: locationAccess,
});
export type LocationGrant = z.infer<typeof locationGrant>;

/** One customer account ("Bill to") this sign-in reaches. A landlord may have several. */
export const accountGrant = z.object({
  customerId: id,
  name: z.string(),
  locations: z.array(locationGrant),
});
export type AccountGrant = z.infer<typeof accountGrant>;

export const session = z.object({
  /** Opaque bearer token: 256 random bits, sent as `Authorization: Bearer …`. */
  token: z.string().check(z.minLength(32)),
  expiresAt: isoDateTime,
  email: z.string(),
  accounts: z.array(accountGrant),
});
export type Session = z.infer<typeof session>;
