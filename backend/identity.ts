/**
 * Who is asking, and which customers and locations they reach. Every data route goes through
 * `requireAccount`, so the scoping rules live in one place.
 */
import type { AccountGrant, LocationAccess, Session } from '../src/model/index.js';
import { sha256 } from './crypto.js';
import { ApiError, type RouteContext } from './http.js';
import type { BackendState, LoginRecord, SessionRecord } from './state.js';

/** Emails compare ignoring case and surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Customers and locations whose Email contacts match this address, and the access each gives. */
export function grantsFor(state: BackendState, email: string): AccountGrant[] {
  const wanted = normaliseEmail(email);
  const matches = (value: string) => normaliseEmail(value) === wanted;
  const grants: AccountGrant[] = [];
  for (const customer of state.customers) {
    const onCustomer = customer.contacts.some((c) => c.type === 'Email' && matches(c.value));
    const locations = customer.locations.flatMap((location) => {
      if (onCustomer) return [{ locationId: location.id, name: location.name, access: 'billing' as LocationAccess }];
      const contact = location.contacts.find((c) => c.type === 'Email' && matches(c.value));
      return contact ? [{ locationId: location.id, name: location.name, access: contact.portalAccess ?? 'nonBilling' }] : [];
    });
    if (locations.length > 0) grants.push({ customerId: customer.id, name: customer.name, locations });
  }
  return grants;
}

export function isEmailOnFile(state: BackendState, email: string): boolean {
  return grantsFor(state, email).length > 0;
}

export function sessionView(state: BackendState, login: LoginRecord, record: SessionRecord, token: string): Session {
  return { token, expiresAt: record.expiresAt, email: login.email, accounts: grantsFor(state, login.email) };
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export interface Caller {
  login: LoginRecord;
  session: SessionRecord;
  token: string;
}

/** The signed-in caller, or a 401 the adapter turns into "session expired". */
export async function requireCaller(context: RouteContext): Promise<Caller> {
  const token = bearerToken(context.request);
  if (!token) throw new ApiError(401, 'SESSION_EXPIRED', 'Please sign in.');
  const tokenHash = await sha256(token);
  const session = context.state.sessions.find((s) => s.tokenHash === tokenHash);
  if (!session || Date.parse(session.expiresAt) <= context.now.getTime()) {
    throw new ApiError(401, 'SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
  }
  const login = context.state.logins.find((l) => l.id === session.loginId);
  if (!login) throw new ApiError(401, 'SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
  return { login, session, token };
}

export interface AccountAccess {
  caller: Caller;
  grant: AccountGrant;
  /** Location ids where the caller sees invoices and payments. */
  billingLocationIds: Set<string>;
  /** Location ids where the caller sees visits, equipment and memberships. */
  visibleLocationIds: Set<string>;
}

/**
 * The caller's access to the customer named in the path. Another customer's id answers 404, the
 * same as an id that does not exist, so ids cannot be probed.
 */
export async function requireAccount(context: RouteContext): Promise<AccountAccess> {
  const caller = await requireCaller(context);
  const customerId = context.params.customerId ?? '';
  const grant = grantsFor(context.state, caller.login.email).find((g) => g.customerId === customerId);
  if (!grant) throw new ApiError(404, 'NOT_FOUND', 'We could not find that account.');
  const visible = grant.locations.filter((l) => l.access !== 'none');
  return {
    caller,
    grant,
    billingLocationIds: new Set(visible.filter((l) => l.access === 'billing').map((l) => l.locationId)),
    visibleLocationIds: new Set(visible.map((l) => l.locationId)),
  };
}

/** For invoice and payment routes: refuses a caller with no billing access at any location. */
export async function requireBillingAccount(context: RouteContext): Promise<AccountAccess> {
  const access = await requireAccount(context);
  if (access.billingLocationIds.size === 0) {
    throw new ApiError(403, 'FORBIDDEN', 'Your sign-in does not include billing for this account.');
  }
  return access;
}
