import * as z from 'zod/mini';
import { id } from './common.js';

export const customerTypes = ['Residential', 'Commercial'] as const;
export const contactTypes = ['Email', 'MobilePhone', 'Phone'] as const;

/**
 * What a sign-in may do at one location. `billing` sees everything; `nonBilling` sees visits,
 * equipment and memberships but no invoices or payments; `none` sees nothing there.
 */
export const locationAccessLevels = ['billing', 'nonBilling', 'none'] as const;
export const locationAccess = z.enum(locationAccessLevels);
export type LocationAccess = z.infer<typeof locationAccess>;

export const contact = z.object({
  id,
  type: z.enum(contactTypes),
  value: z.string(),
  memo: z.optional(z.string()),
  /**
   * On a location's contact: what a portal sign-in with this email may do at that location
   * (`nonBilling` when unset). A customer-level Email contact always has `billing` everywhere.
   */
  portalAccess: z.optional(locationAccess),
});
export type Contact = z.infer<typeof contact>;

export const address = z.object({
  street: z.string(),
  unit: z.optional(z.string()),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  country: z.string(),
});
export type Address = z.infer<typeof address>;

export const location = z.object({
  id,
  name: z.string(),
  address,
  /** Contacts on file for this location only (a tenant, a site manager). */
  contacts: z.array(contact),
});
export type Location = z.infer<typeof location>;

export const customer = z.object({
  id,
  name: z.string(),
  type: z.enum(customerTypes),
  address,
  contacts: z.array(contact),
  locations: z.array(location),
});
export type Customer = z.infer<typeof customer>;
