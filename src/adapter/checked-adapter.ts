/**
 * A developer's own adapter, held to what `HttpAdapter` promises the elements: every answer checked
 * against the same schemas (a malformed one is BAD_RESPONSE, never a half-drawn element), every
 * failure a PortalError, and no call waits forever. `<portal-provider>` wraps any adapter that is not
 * an `HttpAdapter` (which checks its answers itself) in this.
 *
 * A Proxy, not a copy: a method added to or replaced on the adapter later is used as it is then, and a
 * method the adapter does not have stays missing (the element says the feature is not available).
 */
import type { PortalAdapter } from './portal-adapter.js';
import { PortalError, toPortalError } from './portal-error.js';
import type * as WireModule from './wire-schemas.js';
import type { WireSchemaName } from './wire-schemas.js';

/** How long a call may take before the element says it could not reach the portal (and offers Try again). */
export const ADAPTER_CALL_TIMEOUT_MS = 30_000;
/**
 * Calls that may rightly take longer: a payment with a slow processor or a card check, a request sending
 * photos from a phone, a PDF made on demand. Cut short, a payment reads as "we did not hear back" while
 * it may still go through.
 */
const SLOW_CALL_TIMEOUT_MS = 120_000;
const slowCalls: ReadonlySet<string> = new Set(['pay', 'payByLink', 'requestAppointment', 'downloadInvoicePdf', 'downloadStatementPdf', 'downloadEstimatePdf']);

type AnswerCheck = WireSchemaName | 'document' | 'nothing';

/** What each method resolves to: the schema HttpAdapter reads its answer with, a document, or nothing. */
const answers: Record<keyof PortalAdapter, AnswerCheck> = {
  getSettings: 'publicSettings',
  checkSignUpEmail: 'signUpCheck',
  signUp: 'signUp',
  verifyEmail: 'session',
  signIn: 'session',
  signOut: 'nothing',
  refreshSession: 'session',
  requestPasswordReset: 'nothing',
  checkResetLink: 'nothing',
  resetPassword: 'nothing',
  getBalance: 'balanceSummary',
  listInvoices: 'invoicePage',
  getInvoice: 'invoice',
  pay: 'payment',
  listJobs: 'jobPage',
  listVisits: 'visits',
  downloadInvoicePdf: 'document',
  downloadStatementPdf: 'document',
  listMemberships: 'memberships',
  listEquipment: 'equipment',
  getSchedulerConfig: 'schedulerConfig',
  getAvailability: 'availability',
  listServiceLocations: 'serviceLocations',
  requestAppointment: 'appointmentRequestReceipt',
  openLink: 'linkTarget',
  getEstimate: 'estimateView',
  listEstimates: 'estimates',
  approveEstimate: 'estimateView',
  declineEstimate: 'estimateView',
  requestEstimateChanges: 'estimateView',
  downloadEstimatePdf: 'document',
  getPayLink: 'payLinkView',
  payByLink: 'payment',
  getVisitStatus: 'visitStatusView',
  resendLink: 'nothing',
};

/** Optional methods the elements do fine without (they check later, or the feature is off): no warning when missing. */
const worksWithout: ReadonlySet<string> = new Set(['checkSignUpEmail', 'checkResetLink', 'verifyEmail']);

let wireSchemas: Promise<typeof WireModule> | undefined;

const unreadable = (method: string, cause: unknown) => {
  // For the developer of the adapter: which method, and what was wrong with its answer.
  console.error(`[porchlight] the adapter's ${method}() resolved to something the elements cannot use:`, cause);
  return new PortalError('BAD_RESPONSE', 'The portal sent an answer we could not read.', {}, { cause });
};

async function checked(method: keyof PortalAdapter, answer: unknown): Promise<unknown> {
  const check = answers[method];
  if (check === 'nothing') return undefined;
  if (check === 'document') {
    const document = answer as { blob?: unknown; fileName?: unknown } | null;
    if (document && document.blob instanceof Blob && typeof document.fileName === 'string') return answer;
    throw unreadable(method, answer);
  }
  // checkSignUpEmail may resolve with nothing: "go ahead, show the email as typed".
  if (method === 'checkSignUpEmail' && (answer === undefined || answer === null)) return undefined;
  const { wire } = await (wireSchemas ??= import('./wire-schemas.js'));
  const parsed = wire[check].safeParse(answer);
  if (!parsed.success) throw unreadable(method, parsed.error);
  // The answer itself, not zod's copy (which drops unknown keys): a session may carry the backend's own
  // fields (a refresh token, its user id), and it comes back to the adapter in every later call.
  return answer;
}

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
      if (typeof property !== 'string' || !Object.hasOwn(answers, property)) return value;
      if (value === undefined && !warned.has(property) && !worksWithout.has(property)) {
        // The customer reads "not available online"; the developer should know which method to add.
        warned.add(property);
        console.warn(`[porchlight] the adapter has no ${property}(): what needs it says it is not available online.`);
      }
      if (typeof value !== 'function') return value;
      const method = property as keyof PortalAdapter;
      let wrapper = wrappers.get(method)?.of === value ? wrappers.get(method)!.wrapper : undefined;
      if (!wrapper) {
        wrapper = async (...args: unknown[]) => {
          try {
            // Called on the adapter itself, so a class's private fields and `this` work as written.
            const answer = await bounded(Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)), method, limitOf(method));
            return await checked(method, answer);
          } catch (error) {
            throw toPortalError(error);
          }
        };
        wrappers.set(method, { of: value, wrapper });
      }
      return wrapper;
    },
  });
}
