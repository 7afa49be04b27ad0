/**
 * The queries behind "who is asking, and what may they see here", run on every signed-in request:
 * prepared (built and compiled once), and the caller's reach into one account in a single query.
 */
import type { Queryable } from '../dialects/portal-database.js';
import { preparedQuery } from './prepared.js';

/** The session a token hash names, with its login's email (normalised, as logins keep it). */
export const sessionByTokenHash = preparedQuery((db, { tokenHash }: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('logins', 'logins.id', 'sessions.login_id')
    .select(['sessions.login_id', 'sessions.expires_at', 'logins.email'])
    .where('sessions.token_hash', '=', tokenHash),
);

/** One Email contact of an account for an address, beside one of the account's locations. */
export interface AccountReachRow {
  customer_name: string;
  /** The contact's location: null for a contact on the customer itself (reaches every location). */
  contact_location_id: string | null;
  contact_portal_access: string | null;
  contact_position: number;
  location_id: string;
  location_name: string;
}

const reachRows = preparedQuery((db, { email, customerId }: { email: string; customerId: string }) =>
  db
    .selectFrom('contacts')
    .innerJoin('customers', 'customers.id', 'contacts.customer_id')
    .innerJoin('locations', 'locations.customer_id', 'contacts.customer_id')
    .select([
      'customers.name as customer_name',
      'contacts.location_id as contact_location_id',
      'contacts.portal_access as contact_portal_access',
      'contacts.position as contact_position',
      'locations.id as location_id',
      'locations.name as location_name',
    ])
    .where('contacts.type', '=', 'Email')
    .where('contacts.email_normalized', '=', email)
    .where('contacts.customer_id', '=', customerId)
    .orderBy('locations.position')
    .orderBy('locations.id')
    .orderBy('contacts.position'),
);

/**
 * Every pairing of this address's Email contacts on one account with the account's locations, in
 * location order: what `grantsFor` reads in two queries for every account, for one account in one.
 * No rows: the address reaches nothing there (or the account has no location).
 */
export function accountReach(db: Queryable, normalisedEmail: string, customerId: string): Promise<AccountReachRow[]> {
  return reachRows.all(db, { email: normalisedEmail, customerId });
}
