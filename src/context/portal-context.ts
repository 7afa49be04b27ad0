import { createContext } from '@lit/context';
import type { PortalAdapter } from '../adapter/portal-adapter.js';
import type { PortalError } from '../adapter/portal-error.js';
import type { AccountGrant, Session } from '../model/session.js';
import type { PublicSettings } from '../model/settings.js';

/**
 * What `<portal-provider>` gives every element below it. A new object on every change, so
 * consumers that subscribe re-render; the callbacks are how elements change the shared state.
 */
export interface PortalContextValue {
  adapter: PortalAdapter;
  /** `null` until loaded; see `settingsError` when loading failed. */
  settings: PublicSettings | null;
  settingsError: PortalError | null;
  session: Session | null;
  /** The customer account ("Bill to") every element shows, chosen from `session.accounts`. */
  account: AccountGrant | null;
  /** Bumped when data changes (a payment): elements showing data reload. */
  dataVersion: number;
  /** Called by `<portal-login>` after sign-in or sign-up. */
  signedIn(session: Session, options?: { newAccount?: boolean }): void;
  signOut(): Promise<void>;
  /** The backend said the session is gone (a 401): forget it, as if signed out. */
  sessionExpired(): void;
  selectAccount(customerId: string): void;
  dataChanged(): void;
  reloadSettings(): void;
}

export const portalContext = createContext<PortalContextValue>(Symbol.for('porchlight.portal'));
