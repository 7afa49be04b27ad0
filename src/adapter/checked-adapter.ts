/**
 * A developer's own adapter, held to what `HttpAdapter` promises the elements: every answer checked
 * against the same schemas (a malformed one is BAD_RESPONSE, never a half-drawn element), every
 * failure a PortalError, and no call waits forever. `<portal-provider>` wraps any adapter that is not
 * an `HttpAdapter` (which checks its answers itself) in this.
 *
 * A Proxy, not a copy: a method added to or replaced on the adapter later is used as it is then, and a
 * method the adapter does not have stays missing (the element says the feature is not available).
 */
import { ADAPTER_METHODS, type AdapterMethod } from './adapter-kinds.js';
import { loadOnce } from './load-once.js';
import type { PortalAdapter } from './portal-adapter.js';
import { PortalError, toPortalError } from './portal-error.js';

/** How long a call may take before the element says it could not connect (and offers Try again). */
export const ADAPTER_CALL_TIMEOUT_MS = 30_000;
/**
 * Calls that may rightly take longer: a payment with a slow processor or a card check, a request sending
 * photos from a phone, a PDF made on demand. Cut short, a payment reads as "we did not hear back" while
 * it may still go through.
 */
const SLOW_CALL_TIMEOUT_MS = 120_000;
const slowCalls: ReadonlySet<string> = new Set(['pay', 'payByLink', 'requestAppointment', 'downloadInvoicePdf', 'downloadStatementPdf', 'downloadEstimatePdf']);

/** Optional methods the elements do fine without (they check later, or the feature is off): no warning when missing. */
const worksWithout: ReadonlySet<string> = new Set(['checkSignUpEmail', 'checkResetLink', 'verifyEmail']);
/** The methods `PortalAdapter` does not mark optional: plain JavaScript can still leave them out. */
const required: ReadonlySet<string> = new Set(['getSettings', 'signUp', 'signIn', 'signOut', 'refreshSession', 'requestPasswordReset', 'resetPassword']);

const isAdapterMethod: ReadonlySet<string> = new Set(ADAPTER_METHODS);

/** The table of what each method answers, and its check: loaded with the first answer (answer-checks.ts). */
const loadAnswerChecks = loadOnce(() => import('./answer-checks.js'));

function bounded<T>(work: Promise<T>, method: string, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      console.error(`[porchlight] the adapter's ${method}() did not settle within ${timeoutMs / 1000} s.`);
      reject(new PortalError('NETWORK', 'The portal took too long to answer.'));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function checkedAdapter(adapter: PortalAdapter, options: { timeoutMs?: number } = {}): PortalAdapter {
  const limitOf = (method: string) => options.timeoutMs ?? (slowCalls.has(method) ? SLOW_CALL_TIMEOUT_MS : ADAPTER_CALL_TIMEOUT_MS);
  const warned = new Set<string>();
  /** Per method, the function wrapped and its wrapper: a method replaced later gets a new one. */
  const wrappers = new Map<string, { of: unknown; wrapper: (...args: unknown[]) => Promise<unknown> }>();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !isAdapterMethod.has(property)) return value;
      if (value === undefined && !warned.has(property) && !worksWithout.has(property)) {
        // The customer reads "not available online"; the developer should know which method to add.
        warned.add(property);
        if (required.has(property)) console.error(`[porchlight] the adapter has no ${property}(), which every PortalAdapter must have: what calls it fails.`);
        else console.warn(`[porchlight] the adapter has no ${property}(): what needs it says it is not available online.`);
      }
      if (typeof value !== 'function') return value;
      const method = property as AdapterMethod;
      const cached = wrappers.get(method);
      let wrapper = cached?.of === value ? cached.wrapper : undefined;
      if (!wrapper) {
        wrapper = async (...args: unknown[]) => {
          try {
            // Called on the adapter itself, so a class's private fields and `this` work as written.
            const answer = await bounded(Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)), method, limitOf(method));
            const { checkAnswer } = await loadAnswerChecks();
            return await checkAnswer(method, answer);
          } catch (error) {
            throw toPortalError(error, method);
          }
        };
        wrappers.set(method, { of: value, wrapper });
      }
      return wrapper;
    },
  });
}
