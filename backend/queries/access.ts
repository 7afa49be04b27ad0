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

/** A session's row beside one row of its login's reach into an account (null columns: no reach). */
interface CallerReachRow {
  login_id: string;
  expires_at: string;
  email: string;
  customer_name: string | null;
  contact_location_id: string | null;
  contact_portal_access: string | null;
  contact_position: number | null;
  location_id: string | null;
  location_name: string | null;
}

/**
 * The session a token hash names and its login's reach into one account, in one query: what
 * `sessionByTokenHash` answers and every pairing of the login's Email contacts on the account with the
 * account's locations (in location order), on every signed-in request to an account. The
 * reach is left-joined, so a session with no reach there still answers its one row.
 */
const callerReachRows = preparedQuery((db, { tokenHash, customerId }: { tokenHash: string; customerId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('logins', 'logins.id', 'sessions.login_id')
    .leftJoin('contacts', (join) =>
      join.onRef('contacts.email_normalized', '=', 'logins.email').on('contacts.type', '=', 'Email').on('contacts.customer_id', '=', customerId),
    )
    .leftJoin('customers', 'customers.id', 'contacts.customer_id')
    .leftJoin('locations', 'locations.customer_id', 'contacts.customer_id')
    .select([
      'sessions.login_id',
      'sessions.expires_at',
      'logins.email',
      'customers.name as customer_name',
      'contacts.location_id as contact_location_id',
      'contacts.portal_access as contact_portal_access',
      'contacts.position as contact_position',
      'locations.id as location_id',
      'locations.name as location_name',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .orderBy('locations.position')
    .orderBy('locations.id')
    .orderBy('contacts.position'),
);

/**
 * The session and, when there is one, its login's reach into the account: the session (undefined
 * when the token names none) and the reach rows (empty when the address reaches nothing there, or the account has no location).
 */
export async function callerReach(
  db: Queryable,
  tokenHash: string,
  customerId: string,
): Promise<{ session: { login_id: string; expires_at: string; email: string } | undefined; reach: AccountReachRow[] }> {
  const rows = await callerReachRows.all(db, { tokenHash, customerId });
  const first = rows[0];
  if (!first) return { session: undefined, reach: [] };
  const reach = rows.filter((row): row is CallerReachRow & AccountReachRow => row.location_id !== null && row.customer_name !== null);
  return { session: { login_id: first.login_id, expires_at: first.expires_at, email: first.email }, reach };
}
