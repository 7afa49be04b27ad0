/**
 * Who is asking, and which customers and locations they reach. Every data route goes through
 * `requireAccount`, so the scoping rules live in one place. Reach is found from the caller's email
 * through the contacts' email index, never by reading every customer.
 */
import type { AccountGrant, LocationAccess, Session } from '../../src/model/index.js';
import type { Queryable } from '../dialects/portal-database.js';
import { ApiError, type RouteContext } from '../http/http.js';
import { callerReach, sessionByTokenHash, type AccountReachRow } from '../queries/access.js';
import { normaliseEmail } from '../queries/rows.js';
import { sha256, type PasswordHash } from './crypto.js';

export { normaliseEmail };

/** Customers and locations whose Email contacts match this address, and the access each gives. */
export async function grantsFor(db: Queryable, email: string): Promise<AccountGrant[]> {
  const contacts = await db
    .selectFrom('contacts')
    .innerJoin('customers', 'customers.id', 'contacts.customer_id')
    .select(['contacts.customer_id', 'contacts.location_id', 'contacts.portal_access', 'contacts.position', 'customers.name'])
    .where('contacts.type', '=', 'Email')
    .where('contacts.email_normalized', '=', normaliseEmail(email))
    .execute();
  if (contacts.length === 0) return [];
  const customerIds = [...new Set(contacts.map((c) => c.customer_id))];
  const locations = await db
    .selectFrom('locations')
    .select(['id', 'customer_id', 'name'])
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
  const names = new Map(contacts.map((c) => [c.customer_id, c.name]));
  const ordered = customerIds.sort((a, b) => names.get(a)!.localeCompare(names.get(b)!) || (a < b ? -1 : 1));
  return ordered.flatMap((customerId) => {
    const mine = contacts.filter((c) => c.customer_id === customerId);
    const grant = grantOf(customerId, names.get(customerId)!, mine, locations.filter((l) => l.customer_id === customerId));
    return grant ? [grant] : [];
  });
}

interface GrantContact {
  location_id: string | null;
  portal_access: string | null;
  position: number;
}

/**
 * One account's grant from the address's Email contacts there and the account's locations (in
 * position order): a contact on the customer reaches every location with billing; a contact at a
 * location reaches that location with its portal access (the first such contact decides). Null when
 * it reaches no location.
 */
function grantOf(customerId: string, name: string, contacts: GrantContact[], locations: { id: string; name: string }[]): AccountGrant | null {
  const onCustomer = contacts.some((c) => c.location_id === null);
  const reached = locations.flatMap((location) => {
    if (onCustomer) return [{ locationId: location.id, name: location.name, access: 'billing' as LocationAccess }];
    const contact = contacts.filter((c) => c.location_id === location.id).sort((a, b) => a.position - b.position)[0];
    return contact ? [{ locationId: location.id, name: location.name, access: (contact.portal_access ?? 'nonBilling') as LocationAccess }] : [];
  });
  return reached.length > 0 ? { customerId, name, locations: reached } : null;
}

/** The caller's grant on one account (what `grantsFor` finds for it), from its reach rows there. */
function grantFrom(customerId: string, rows: AccountReachRow[]): AccountGrant | null {
  if (rows.length === 0) return null;
  const locations = [...new Map(rows.map((r) => [r.location_id, { id: r.location_id, name: r.location_name }])).values()];
  const contacts = rows.map((r) => ({ location_id: r.contact_location_id, portal_access: r.contact_portal_access, position: r.contact_position }));
  return grantOf(customerId, rows[0]!.customer_name, contacts, locations);
}

/** The Email contact on file for this address, as the office typed it; null when there is none. */
export async function emailOnFile(db: Queryable, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('contacts')
    .select('value')
    .where('type', '=', 'Email')
    .where('email_normalized', '=', normaliseEmail(email))
    .orderBy('customer_id')
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return row ? row.value.trim() : null;
}

export interface LoginRow {
  id: string;
  email: string;
  password: PasswordHash;
  verifiedAt: string | null;
}

/** The login for an email: the confirmed one if there is one, else the newest unconfirmed sign-up. */
export async function loginByEmail(db: Queryable, email: string): Promise<LoginRow | null> {
  const rows = await db
    .selectFrom('logins')
    .select(['id', 'email', 'password', 'verified_at', 'created_at'])
    .where('email', '=', normaliseEmail(email))
    .execute();
  const row = rows.find((r) => r.verified_at !== null) ?? rows.sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  return row ? { id: row.id, email: row.email, password: JSON.parse(row.password) as PasswordHash, verifiedAt: row.verified_at } : null;
}

export async function sessionView(db: Queryable, email: string, expiresAt: string, token: string): Promise<Session> {
  return { token, expiresAt, email, accounts: await grantsFor(db, email) };
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get('Authorization') ?? '';
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,256})$/i.exec(header);
  return match?.[1] ?? null;
}

export interface Caller {
  loginId: string;
  email: string;
  tokenHash: string;
  token: string;
  expiresAt: string;
}

/** The signed-in caller, or a 401 the adapter turns into "session expired". */
export async function requireCaller(context: RouteContext): Promise<Caller> {
  const { token, tokenHash } = await callerToken(context);
  return callerOf(await sessionByTokenHash.first(context.db, { tokenHash }), token, tokenHash, context);
}

async function callerToken(context: RouteContext): Promise<{ token: string; tokenHash: string }> {
  const token = bearerToken(context.request);
  if (!token) throw new ApiError(401, 'SESSION_EXPIRED', 'Please sign in.');
  return { token, tokenHash: await sha256(token) };
}

function callerOf(row: { login_id: string; expires_at: string; email: string } | undefined, token: string, tokenHash: string, context: RouteContext): Caller {
  if (!row || Date.parse(row.expires_at) <= context.now.getTime()) {
    throw new ApiError(401, 'SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
  }
  return { loginId: row.login_id, email: row.email, tokenHash, token, expiresAt: row.expires_at };
}

export interface AccountAccess {
  caller: Caller;
  grant: AccountGrant;
  /** Location ids where the caller sees invoices and payments. */
  billingLocationIds: string[];
  /** Location ids where the caller sees visits, equipment and memberships. */
  visibleLocationIds: string[];
}

/**
 * The caller's access to the customer named in the path. Another customer's id answers 404, the
 * same as an id that does not exist, so ids cannot be probed.
 */
export async function requireAccount(context: RouteContext): Promise<AccountAccess> {
  const { token, tokenHash } = await callerToken(context);
  const customerId = context.params.customerId ?? '';
  // The session and its reach into this account in one query: every signed-in account request asks both.
  const { session, reach } = await callerReach(context.db, tokenHash, customerId);
  const caller = callerOf(session, token, tokenHash, context);
  const grant = grantFrom(customerId, reach);
  if (!grant) throw new ApiError(404, 'NOT_FOUND', 'We could not find that account.');
  const visible = grant.locations.filter((l) => l.access !== 'none');
  return {
    caller,
    grant,
    billingLocationIds: visible.filter((l) => l.access === 'billing').map((l) => l.locationId),
    visibleLocationIds: visible.map((l) => l.locationId),
  };
}

/** For invoice and payment routes: refuses a caller with no billing access at any location. */
export async function requireBillingAccount(context: RouteContext): Promise<AccountAccess> {
  const access = await requireAccount(context);
  if (access.billingLocationIds.length === 0) {
    throw new ApiError(403, 'FORBIDDEN', 'Your sign-in does not include billing for this account.');
  }
  return access;
}
