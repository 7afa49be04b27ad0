/**
 * Sign-outs the server has not heard yet. The customer is signed out on the device at once; ending the
 * session on the server too may fail (offline, the server down or busy), and a token left valid works
 * for hours. So each one is tried again while the page is open: when the browser is back online, and
 * after a while (30 s, then twice as long each time, up to 10 minutes), until the server hears it or
 * the session expires on its own.
 *
 * Per token, with the adapter it was signed out through (a later `adapter` on the provider may be
 * another backend), and kept here rather than on the provider's state: a single-page app may remove `<portal-provider>`
 * on sign-out. In memory only: a signed-out token is never left in the device's storage for the next
 * person at a shared computer to find.
 */
import type { PortalAdapter } from '../adapter/portal-adapter.js';
import { toPortalError } from '../adapter/portal-error.js';
import type { Session } from '../model/session.js';

/** Tunable by tests only. */
export const revokeTimings = { firstDelayMs: 30_000, maxDelayMs: 600_000 };

/** Failures after which revoking later may work: the network, the server's own trouble, a pause. */
const retryableFailures: ReadonlySet<string> = new Set(['NETWORK', 'BAD_RESPONSE', 'RATE_LIMITED', 'PORTAL_DISABLED', 'ABORTED']);

interface Unrevoked {
  session: Session;
  adapter: PortalAdapter;
  delayMs: number;
  timer?: ReturnType<typeof setTimeout>;
  /** An attempt is on its way: the `online` event does not start a second one beside it. */
  sending: boolean;
  /** Back online while an attempt was on its way: if that one fails, the next goes at once. */
  onlineMeanwhile: boolean;
}

const unrevoked = new Map<string, Unrevoked>();

/** Ends `session` on the server through `adapter`, now and, if that fails in a way that may pass, later. */
export function revokeSession(adapter: PortalAdapter, session: Session): Promise<void> {
  const waiting = unrevoked.get(session.token);
  if (waiting) return waiting.sending ? Promise.resolve() : attempt(waiting);
  const entry: Unrevoked = { session, adapter, delayMs: revokeTimings.firstDelayMs / 2, sending: false, onlineMeanwhile: false };
  unrevoked.set(session.token, entry);
  if (unrevoked.size === 1) globalThis.addEventListener?.('online', retryAll);
  return attempt(entry);
}

/** Sign-outs still waiting (for tests). */
export function unrevokedCount(): number {
  return unrevoked.size;
}

function retryAll() {
  for (const entry of unrevoked.values()) {
    if (entry.sending) entry.onlineMeanwhile = true;
    else void attempt(entry);
  }
}

function forget(entry: Unrevoked) {
  clearTimeout(entry.timer);
  if (unrevoked.get(entry.session.token) !== entry) return;
  unrevoked.delete(entry.session.token);
  if (unrevoked.size === 0) globalThis.removeEventListener?.('online', retryAll);
}

async function attempt(entry: Unrevoked): Promise<void> {
  clearTimeout(entry.timer);
  if (Date.parse(entry.session.expiresAt) <= Date.now()) {
    forget(entry);
    return;
  }
  entry.sending = true;
  entry.onlineMeanwhile = false;
  try {
    await entry.adapter.signOut(entry.session);
    forget(entry);
  } catch (error) {
    // Told to the developer by the adapter's own checks (checked-adapter.ts), not to the customer.
    if (!retryableFailures.has(toPortalError(error).code) || typeof entry.adapter.signOut !== 'function') {
      forget(entry);
      return;
    }
    if (unrevoked.get(entry.session.token) !== entry) return;
    entry.delayMs = Math.min(entry.delayMs * 2, revokeTimings.maxDelayMs);
    entry.timer = setTimeout(() => void attempt(entry), entry.onlineMeanwhile ? 0 : entry.delayMs);
  } finally {
    entry.sending = false;
  }
}
