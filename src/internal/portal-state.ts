import type { PortalAdapter } from '../adapter/portal-adapter.js';
import { lazyHttpAdapter } from '../adapter/lazy-http-adapter.js';
import { PortalError, toPortalError } from '../adapter/portal-error.js';
import type { NoticeTopic, PortalContextValue } from '../context/portal-context.js';
import { PortalSignedOutEvent, type PortalSignedOutDetail } from '../events/portal-signed-out.js';
import type { Session } from '../model/session.js';
import type { PublicSettings } from '../model/settings.js';
import { revokeSession } from './revoke-later.js';

/** Where the session is kept between page loads. */
export type SessionPersistence = 'local' | 'session' | 'memory';

export interface PortalStateEvents {
  signedIn(session: Session, newAccount: boolean): void;
  signedOut(reason: SessionEnd): void;
}

interface NoticeClaim {
  topic: NoticeTopic;
  owner: object;
  rank: number;
  /** Earlier offers win a tie. */
  order: number;
}

/**
 * The settings are the first thing every portal asks for, and every backend has them: a 404 there
 * means the address is wrong (an `api-base` pointing at the website, a missing `/api`), not that
 * something was removed. The developer is told how to fix it; the customer reads "something went
 * wrong on our side", not "we couldn't find that".
 */
function settingsFailure(error: PortalError): PortalError {
  if (error.code !== 'NOT_FOUND' && error.code !== 'BAD_RESPONSE') return error;
  console.error(
    `[porchlight] The portal's settings could not be read (${error.code}: ${error.message}). If this keeps happening, check that api-base (or your adapter) points at the portal's REST API, e.g. https://portal.example.com/api.`,
  );
  return error.code === 'NOT_FOUND' ? new PortalError('BAD_RESPONSE', 'The portal settings were not found at this address.') : error;
}

/** Why a session ended: the sign-out button here, on its own, or signed out in another tab. */
export type SessionEnd = PortalSignedOutDetail['reason'];

/** Longest delay setTimeout honours; a session that ends later is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The state `<portal-provider>` shares: adapter, settings, session and the chosen account.
 * Not an element, so a lone element with an `api-base` can hold one too (see `PortalState.shared`).
 */
export class PortalState {
  adapter: PortalAdapter;
  readonly #storageKey: string;
  #persistence: SessionPersistence;
  #settings: PublicSettings | null = null;
  #settingsError: PortalError | null = null;
  #session: Session | null = null;
  #customerId: string | null = null;
  #dataVersion = 0;
  #listeners = new Set<(value: PortalContextValue) => void>();
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #settingsRequest: AbortController | null = null;
  #claims: NoticeClaim[] = [];
  #claimOrder = 0;
  events: Partial<PortalStateEvents> = {};
  /** What has been told to the page (`in:<token>`, `out:<token>`): each once, by whichever element tells first. */
  #told = new Set<string>();
  #endedBy: SessionEnd | null = null;
  value: PortalContextValue;

  static #shared = new Map<string, PortalState>();

  /**
   * One state per API base on the page, so elements used without a provider share a sign-in.
   * `storageKey` is where its session is kept: `keptSessionKey(apiBase)`, worked out by the caller,
   * which has that module already (a sign-in card peeks at it before this module arrives).
   */
  static shared(apiBase: string, storageKey: string): PortalState {
    let state = PortalState.#shared.get(apiBase);
    if (!state) {
      // The REST client loads with the first request, not with the element.
      state = new PortalState(lazyHttpAdapter(apiBase), { storageKey });
      // With no provider element to fire from, the page hears an expired session on the document.
      state.events.signedOut = (reason) => {
        if (reason === 'expired') document.dispatchEvent(new PortalSignedOutEvent({ reason }));
      };
      PortalState.#shared.set(apiBase, state);
      state.start();
    }
    return state;
  }

  /** `storageKey`: where the session is kept in the browser's storage (`keptSessionKey(…)`). */
  constructor(adapter: PortalAdapter, options: { storageKey: string; persistence?: SessionPersistence }) {
    this.adapter = adapter;
    this.#storageKey = options.storageKey;
    this.#persistence = options.persistence ?? 'local';
    this.value = this.#snapshot();
  }

  subscribe(listener: (value: PortalContextValue) => void): () => void {
    this.#listeners.add(listener);
    listener(this.value);
    return () => this.#listeners.delete(listener);
  }

  /** Restores a kept session, loads settings and follows sign-ins in other tabs. */
  start() {
    this.#restoreSession();
    this.reloadSettings();
    if (this.#session) void this.#confirmSession();
    globalThis.addEventListener?.('storage', this.#onStorage);
  }

  stop() {
    globalThis.removeEventListener?.('storage', this.#onStorage);
    clearTimeout(this.#expiryTimer);
    this.#settingsRequest?.abort();
  }

  /** A session the host page obtained itself (its own sign-in): used as if the customer signed in here. */
  adoptSession(session: Session) {
    if (this.#session?.token === session.token) return;
    this.#signedIn(session, false);
  }

  setAdapter(adapter: PortalAdapter) {
    if (adapter === this.adapter) return;
    this.adapter = adapter;
    this.reloadSettings();
  }

  setPersistence(persistence: SessionPersistence) {
    if (persistence === this.#persistence) return;
    this.#forget();
    this.#persistence = persistence;
    this.#keep();
  }

  reloadSettings() {
    this.#settingsRequest?.abort();
    const request = new AbortController();
    this.#settingsRequest = request;
    this.#settingsError = null;
    // Through a promise: an adapter without getSettings() (plain JavaScript) throws at once, and that is
    // a settings failure like any other, not an error thrown out of the provider.
    new Promise<PublicSettings>((resolve) => resolve(this.adapter.getSettings({ signal: request.signal }))).then(
      (settings) => {
        if (request.signal.aborted) return;
        const backOn = this.#settings?.portalEnabled === false && settings.portalEnabled;
        this.#settings = settings;
        this.#emit();
        // The portal was off and is back: the kept session is confirmed again (it may have ended meanwhile).
        if (backOn && this.#session) void this.#confirmSession();
      },
      (error: unknown) => {
        if (request.signal.aborted) return;
        this.#settingsError = settingsFailure(toPortalError(error));
        this.#emit();
      },
    );
    this.#emit();
  }

  #snapshot(): PortalContextValue {
    const session = this.#session;
    const account = session?.accounts.find((a) => a.customerId === this.#customerId) ?? session?.accounts[0] ?? null;
    return {
      adapter: this.adapter,
      settings: this.#settings,
      settingsError: this.#settingsError,
      session,
      account,
      dataVersion: this.#dataVersion,
      signedIn: (next, options) => this.#signedIn(next, true, options?.newAccount ?? false),
      sessionEndedBy: this.#endedBy,
      tellOnce: (what) => {
        if (this.#told.has(what)) return false;
        this.#told.add(what);
        return true;
      },
      signOut: () => this.#signOut(),
      sessionExpired: () => this.#end('expired'),
      selectAccount: (customerId) => {
        if (!session?.accounts.some((a) => a.customerId === customerId)) return;
        this.#customerId = customerId;
        this.#keep();
        this.#emit();
      },
      dataChanged: () => {
        this.#dataVersion++;
        this.#emit();
      },
      reloadSettings: () => this.reloadSettings(),
      claimNotice: this.#claimNotice,
      noticeOwners: { 'portal-off': this.#noticeOwner('portal-off'), access: this.#noticeOwner('access') },
    };
  }

  #claimNotice = (topic: NoticeTopic, owner: object, rank: number): (() => void) => {
    const claim = { topic, owner, rank, order: this.#claimOrder++ };
    this.#claims.push(claim);
    this.#emit();
    return () => {
      const index = this.#claims.indexOf(claim);
      if (index < 0) return;
      this.#claims.splice(index, 1);
      this.#emit();
    };
  };

  #noticeOwner(topic: NoticeTopic): object | null {
    let best: NoticeClaim | null = null;
    for (const claim of this.#claims) {
      if (claim.topic !== topic) continue;
      if (!best || claim.rank < best.rank || (claim.rank === best.rank && claim.order < best.order)) best = claim;
    }
    return best?.owner ?? null;
  }

  #emit() {
    this.value = this.#snapshot();
    for (const listener of this.#listeners) listener(this.value);
  }

  #signedIn(session: Session, announce: boolean, newAccount = false) {
    this.#session = session;
    this.#endedBy = null;
    // A sign-in here is told to the page by the element where it happened.
    if (announce) this.#told.add(`in:${session.token}`);
    if (!session.accounts.some((a) => a.customerId === this.#customerId)) {
      this.#customerId = session.accounts[0]?.customerId ?? null;
    }
    this.#keep();
    this.#scheduleExpiry();
    this.#emit();
    if (announce) this.events.signedIn?.(session, newAccount);
  }

  async #signOut() {
    const session = this.#session;
    // Signed out on this device at once, whatever the network says; on the server as soon as it hears.
    this.#end('user');
    if (session) await revokeSession(this.adapter, session);
  }

  #end(reason: SessionEnd) {
    if (!this.#session) return;
    this.#endedBy = reason;
    this.#session = null;
    this.#customerId = null;
    clearTimeout(this.#expiryTimer);
    this.#forget();
    this.#emit();
    this.events.signedOut?.(reason);
  }

  async #confirmSession() {
    const session = this.#session;
    if (!session) return;
    try {
      const fresh = await this.adapter.refreshSession(session);
      if (this.#session?.token === session.token) this.#signedIn(fresh, false);
    } catch (error) {
      // Offline is not signed out: keep the session and let the next call decide. Nor is a portal the
      // contractor turned off for a while: the customer is still signed in when it comes back.
      if (error instanceof PortalError && error.code === 'SESSION_EXPIRED') this.#end('expired');
    }
  }

  #scheduleExpiry() {
    clearTimeout(this.#expiryTimer);
    if (!this.#session) return;
    const remaining = Date.parse(this.#session.expiresAt) - Date.now();
    if (remaining <= 0) {
      this.#end('expired');
      return;
    }
    this.#expiryTimer = setTimeout(() => {
      if (this.#session && Date.parse(this.#session.expiresAt) <= Date.now()) this.#end('expired');
      else this.#scheduleExpiry();
    }, Math.min(remaining, MAX_TIMER_MS));
  }

  #storage(): Storage | null {
    try {
      if (this.#persistence === 'local') return globalThis.localStorage ?? null;
      if (this.#persistence === 'session') return globalThis.sessionStorage ?? null;
    } catch {
      // Storage can be blocked (third-party frames, strict privacy settings): keep it in memory.
    }
    return null;
  }

  #keep() {
    const storage = this.#storage();
    if (!storage || !this.#session) return;
    try {
      storage.setItem(this.#storageKey, JSON.stringify({ session: this.#session, customerId: this.#customerId }));
    } catch {
      // Full or blocked storage: the session simply does not survive a reload.
    }
  }

  #forget() {
    try {
      this.#storage()?.removeItem(this.#storageKey);
    } catch {
      // As above.
    }
  }

  #restoreSession() {
    let raw: string | null;
    try {
      raw = this.#storage()?.getItem(this.#storageKey) ?? null;
    } catch {
      raw = null;
    }
    if (!raw) return;
    try {
      const kept = JSON.parse(raw) as { session?: unknown; customerId?: unknown };
      // We wrote this after the adapter validated it; a light check catches a corrupted entry, and
      // the session is confirmed with the backend (and fully validated) right after.
      const session = kept.session as Session | undefined;
      const looksRight =
        typeof session?.token === 'string' &&
        typeof session.email === 'string' &&
        Array.isArray(session.accounts) &&
        Date.parse(session.expiresAt) > Date.now();
      if (!looksRight) {
        this.#forget();
        return;
      }
      this.#session = session;
      this.#customerId = typeof kept.customerId === 'string' ? kept.customerId : null;
      this.#scheduleExpiry();
      this.#emit();
    } catch {
      this.#forget();
    }
  }

  /** Another tab signed in or out with the same storage: follow it. */
  #onStorage = (event: StorageEvent) => {
    if (event.key !== this.#storageKey || this.#persistence !== 'local') return;
    if (event.newValue === null) {
      this.#end('elsewhere');
      return;
    }
    const before = this.#session?.token;
    this.#session = null;
    this.#restoreSession();
    if (this.#session && (this.#session as Session).token !== before) this.#emit();
  };
}
