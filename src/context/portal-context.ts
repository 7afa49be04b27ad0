import { createContext } from '@lit/context';
import type { PortalAdapter } from '../adapter/portal-adapter.js';
import type { PortalError } from '../adapter/portal-error.js';
import type { PortalSignedOutDetail } from '../events/portal-signed-out.js';
import type { AccountGrant, Session } from '../model/session.js';
import type { PublicSettings } from '../model/settings.js';

/**
 * Things that should be said once on a page, not by every element: that the portal is turned off,
 * and what this sign-in may see at each location of the account.
 */
export type NoticeTopic = 'portal-off' | 'access';

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
  /** Why the last session ended (`null` while one is on, or none ended yet). */
  sessionEndedBy: PortalSignedOutDetail['reason'] | null;
  /**
   * `true` the first time it is asked for `what` (`in:<token>`, `out:<token>`) on this portal: the element
   * that gets it tells the page, so several elements tell it once.
   */
  tellOnce(what: string): boolean;
  /** Called by `<portal-login>` after sign-in or sign-up. */
  signedIn(session: Session, options?: { newAccount?: boolean }): void;
  signOut(): Promise<void>;
  /** The backend said the session is gone (a 401): forget it, as if signed out. */
  sessionExpired(): void;
  selectAccount(customerId: string): void;
  dataChanged(): void;
  reloadSettings(): void;
  /**
   * Offers to say a page-wide notice. Of the elements that offer, the one with the lowest `rank`
   * (then the first to offer) says it; the others leave it out. Returns the release (on disconnect).
   */
  claimNotice(topic: NoticeTopic, owner: object, rank: number): () => void;
  /** Which element says each notice, or `null` when none offered. */
  noticeOwners: Readonly<Record<NoticeTopic, object | null>>;
}

export const portalContext = createContext<PortalContextValue>(Symbol.for('porchlight.portal'));
