/**
 * What each adapter method must resolve to, and the check of a developer's own adapter's answer
 * against it (checked-adapter.ts). Loaded with the first answer, not with `<portal-provider>`: the
 * table names a schema per method, and the schemas themselves load only when an answer needs one.
 */
import type { AdapterMethod } from './adapter-kinds.js';
import { loadOnce } from './load-once.js';
import { PortalError } from './portal-error.js';
import type { WireSchemaName } from './wire-schemas.js';

type AnswerCheck = WireSchemaName | 'document' | 'nothing';

/** What each method resolves to: the schema HttpAdapter reads its answer with, a document, or nothing. */
const answers: Record<AdapterMethod, AnswerCheck> = {
  getSettings: 'publicSettings',
  checkSignUpEmail: 'signUpCheck',
  signUp: 'signUp',
  verifyEmail: 'session',
  signIn: 'session',
  signOut: 'nothing',
  refreshSession: 'session',
  requestPasswordReset: 'nothing',
  // Whose link it is, `{ email }`, in the sign-up check's shape.
  checkResetLink: 'signUpCheck',
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

const loadWireSchemas = loadOnce(() => import('./wire-schemas.js'));

function unreadable(method: string, cause: unknown) {
  // For the developer of the adapter: which method, and what was wrong with its answer.
  console.error(`[porchlight] the adapter's ${method}() resolved to something the elements cannot use:`, cause);
  return new PortalError('BAD_RESPONSE', 'The portal sent an answer we could not read.', {}, { cause });
}

/** The answer as the elements may use it, or a BAD_RESPONSE PortalError saying (to the console) what was wrong. */
export async function checkAnswer(method: AdapterMethod, answer: unknown): Promise<unknown> {
  const check = answers[method];
  if (check === 'nothing') return undefined;
  if (check === 'document') {
    const document = answer as { blob?: unknown; fileName?: unknown } | null;
    if (document && document.blob instanceof Blob && typeof document.fileName === 'string') return answer;
    throw unreadable(method, answer);
  }
  // checkSignUpEmail may resolve with nothing ("go ahead, show the email as typed"), checkResetLink too
  // (the link is good; whose it is goes unsaid).
  if ((method === 'checkSignUpEmail' || method === 'checkResetLink') && (answer === undefined || answer === null)) return undefined;
  const { wire } = await loadWireSchemas();
  // Each problem carries the value received (`input`): the developer sees `"125.00"` where a whole number
  // of cents was expected, not only "Invalid input".
  const parsed = wire[check].safeParse(answer, { reportInput: true });
  if (!parsed.success) throw unreadable(method, parsed.error);
  // The answer itself, not zod's copy (which drops unknown keys): a session may carry the backend's own
  // fields (a refresh token, its user id), and it comes back to the adapter in every later call.
  return answer;
}
