import type { AppointmentRequestBody, AppointmentRequestReceipt } from '../model/booking-request.js';
import type { Estimate, EstimateView } from '../model/estimate.js';
import type { Invoice } from '../model/invoice.js';
import type { InstalledEquipment } from '../model/installed-equipment.js';
import type { Job } from '../model/job.js';
import type { Membership } from '../model/membership.js';
import type { PayLinkView } from '../model/pay-link.js';
import type { Payment } from '../model/payment.js';
import type { Availability, SchedulerConfig, ServiceLocation } from '../model/scheduler.js';
import type { Session } from '../model/session.js';
import type { PublicSettings } from '../model/settings.js';
import type { VisitStatusView } from '../model/visit-status.js';

/** Passed to every call: the element's AbortSignal, so a superseded request is cancelled. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * The language of the element that calls (a BCP 47 tag, "es-US"). The HTTP adapter sends it as
   * `Accept-Language`: the backend writes the messages the call sends (a confirmation, a reset link, a
   * receipt, "request received") and the PDFs it makes in it, and learns it for the office's later
   * messages (docs/localization.md).
   */
  language?: string;
}

/** A decline or a request for changes: the version the customer was shown, when known. */
export interface EstimateAnswerOptions extends CallOptions {
  version?: number;
}

/** Which customer account a data call is for, and who asks. The backend checks both. */
export interface AccountScope {
  session: Session;
  customerId: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface SignUpRequest extends Credentials {
  /**
   * The page that asked, when the contractor requires email confirmation. Email the customer a link to a
   * page with the sign-in card, `${page}#porchlight-verify=${token}`, and `<portal-login>` there sends the
   * token to `verifyEmail`; add `&porchlight-email=${encodeURIComponent(email)}` and the card, opened on a
   * fresh page, names the account it confirms. Make `page` the portal's page the contractor configured
   * where there is one, and `verifyUrl` only after checking it is on their site: the token rides in the
   * fragment, which a page that forwards elsewhere would carry along (the reference backend does so).
   */
  verifyUrl?: string;
}

/** Sign-up that waits for the customer to confirm their email from a link. */
export interface VerificationSent {
  verificationSent: true;
  email: string;
}

/** What the first step of sign-up learned: the email as the contractor has it on file. */
export interface SignUpCheck {
  /** `Marcus.Reyes@Example.com` when the customer typed `MARCUS.reyes@EXAMPLE.com`. */
  email: string;
}

export function isVerificationSent(result: Session | VerificationSent): result is VerificationSent {
  return 'verificationSent' in result;
}

/** For callers that know confirmation is off (tests, stories): the session, or an error saying why not. */
export function sessionOf(result: Session | VerificationSent): Session {
  if (isVerificationSent(result)) throw new Error(`Sign-up for ${result.email} waits for email confirmation`);
  return result;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. `null` on the last page. */
  nextCursor: string | null;
  /** How many items the query matches, over every page (a windowed list sizes itself with it). */
  total: number;
}

export interface InvoiceQuery {
  /** `open`: balance above zero, oldest due first. `paid`: the rest, newest first. */
  status: 'open' | 'paid';
  /** From the previous page's `nextCursor`, with the same `status`. */
  cursor?: string | null;
  /** Page size, 1–200 (default 50). */
  limit?: number;
}

export interface BalanceSummary {
  currency: string;
  totalDue: number;
  pastDue: number;
  pastDueCount: number;
  openCount: number;
  nextDueDate: string | null;
}

export interface JobQuery {
  /** Only jobs completed in this calendar year. */
  year?: number;
  /** Words that must all appear in the job (type, summary, number, technician, location, invoice number). */
  search?: string;
  /** From the previous page's `nextCursor`, with the same `year` and `search`. */
  cursor?: string | null;
  /** Page size, 1–200 (default 50). */
  limit?: number;
}

/** A page of completed jobs, newest first, with what a filter bar and a windowed list need. */
export interface JobPage extends Page<Job> {
  /** The years that have completed jobs the caller can see, newest first (for the year filter). */
  years: number[];
}

/** The card as the customer entered it. A processor's hosted fields would send a token instead. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode: string;
}

/** Pays the invoices listed, each with its amount (part payments allowed; at most 50 invoices). */
export interface InvoicesPaymentBody {
  applications: { invoiceId: string; amount: number }[];
  card: CardDetails;
  allOpen?: never;
}

/**
 * Pays everything due ("Pay all"), oldest due first, without listing the invoices: `amount` is the
 * balance's `totalDue` as the customer saw it. The backend refuses (CONFLICT) when that is no longer
 * the total due, so the customer is never charged for a total they did not see.
 */
export interface AllOpenPaymentBody {
  allOpen: true;
  amount: number;
  card: CardDetails;
  applications?: never;
}

export type PaymentBody = InvoicesPaymentBody | AllOpenPaymentBody;

/** A card payment: one of the two bodies, and the key that makes re-sending it safe. */
export type PaymentRequest = PaymentBody & {
  /** Unique per attempt; the same key repeated never charges twice. */
  idempotencyKey: string;
};

/** A range of days, `YYYY-MM-DD` in the contractor's zone. Both left out: today to the last bookable day. */
export interface AvailabilityQuery {
  from?: string;
  to?: string;
}

/** An appointment request as `<portal-scheduler>` sends it. */
export interface AppointmentRequest extends AppointmentRequestBody {
  /** Unique per request the customer means to send; the same key repeated never makes a second request. */
  idempotencyKey: string;
}

export interface AppointmentRequestOptions extends CallOptions {
  /** The signed-in customer's session; left out on the public site. */
  session?: Session | null;
}

/**
 * A link without a sign-in (docs/contract/links.md): the token from the link's address, sent as
 * `X-Porchlight-Link`. It opens one document for one purpose.
 */
export interface LinkAccess {
  linkToken: string;
}

/** Who opens a document: someone holding a link, or the signed-in customer (the account's routes). */
export type DocumentAccess = LinkAccess | AccountScope;

export function isLinkAccess(access: DocumentAccess): access is LinkAccess {
  return 'linkToken' in access;
}

/** What a link opens (`GET /links/open`): its purpose and its document. */
export interface LinkTarget {
  purpose: 'estimate' | 'pay' | 'visit';
  documentId: string;
}

/** What the customer signs when approving an estimate: one option of one version, as it was shown. */
export interface EstimateApproval {
  optionId: string;
  /** The customer's full name, as typed. */
  signerName: string;
  /** The estimate's version shown; an office edit since then makes the backend refuse (CONFLICT). */
  version: number;
  /** The chosen option's `contentSha256` as shown: the approval is tied to that exact content. */
  contentSha256: string;
  /** Every consent ticked, with the version of the text shown. */
  consents: { id: string; version: string }[];
}

/** A pay link's card payment: the link's one invoice, part or all of its balance. The same body as `pay`. */
export interface PayLinkRequest {
  /** Unique per attempt; the same key repeated never charges twice. */
  idempotencyKey: string;
  applications: { invoiceId: string; amount: number }[];
  card: PaymentRequest['card'];
}

export interface PortalDocument {
  blob: Blob;
  fileName: string;
}

/**
 * The one seam between Porchlight's elements and a contractor's backend. Every call resolves to
 * parsed domain objects or rejects with a `PortalError`. Elements never call `fetch` themselves.
 */
export interface PortalAdapter {
  getSettings(options?: CallOptions): Promise<PublicSettings>;

  /**
   * First step of sign-up: is this email on file, and free? Rejects with EMAIL_NOT_ON_FILE or
   * ACCOUNT_EXISTS. Resolves with the email as it is on file, or with nothing (the element then shows
   * the email as typed). Optional: without it the element checks at the final step.
   */
  checkSignUpEmail?(email: string, options?: CallOptions): Promise<SignUpCheck | void>;
  /** A session, or `VerificationSent` when the account works only after the emailed link is opened. */
  signUp(request: SignUpRequest, options?: CallOptions): Promise<Session | VerificationSent>;
  /**
   * Confirms the email from the link's token, with the password chosen at sign-up, and signs in. Needed
   * only with email confirmation. A wrong password rejects with INVALID_CREDENTIALS (and counts towards
   * LOCKED_OUT, as at sign-in); the link stays good for the right one.
   */
  verifyEmail?(token: string, password: string, options?: CallOptions): Promise<Session>;
  signIn(credentials: Credentials, options?: CallOptions): Promise<Session>;
  signOut(session: Session, options?: CallOptions): Promise<void>;
  /** Confirms a stored session is still good and returns its current grants. */
  refreshSession(session: Session, options?: CallOptions): Promise<Session>;
  /**
   * Answers the same whether or not the email is on file. Email the customer
   * `${page}#porchlight-reset=${token}`, a page with the sign-in card: the card there reads the token from
   * the address and sends it to `checkResetLink` and `resetPassword`. `resetUrl` is the page that asked;
   * as for `verifyUrl`, prefer the portal's page the contractor configured, and use `resetUrl` only after
   * checking it is on their site.
   */
  requestPasswordReset(email: string, resetUrl: string, options?: CallOptions): Promise<void>;
  /**
   * Is this reset link's token still good (not used, not expired)? Rejects with INVALID_RESET_LINK.
   * Resolves with `{ email }`, the account the link is for (the card names it, and gives it to a password
   * manager beside the new password), or with nothing. Optional: without it the link is checked when the
   * new password is sent.
   */
  checkResetLink?(token: string, options?: CallOptions): Promise<{ email: string } | void>;
  resetPassword(token: string, password: string, options?: CallOptions): Promise<void>;

  getBalance?(scope: AccountScope, options?: CallOptions): Promise<BalanceSummary>;
  /** One page of the open or paid invoices; follow `nextCursor` for the next. */
  listInvoices?(scope: AccountScope, query: InvoiceQuery, options?: CallOptions): Promise<Page<Invoice>>;
  getInvoice?(scope: AccountScope, invoiceId: string, options?: CallOptions): Promise<Invoice>;
  pay?(scope: AccountScope, request: PaymentRequest, options?: CallOptions): Promise<Payment>;
  listJobs?(scope: AccountScope, query: JobQuery, options?: CallOptions): Promise<JobPage>;
  listVisits?(scope: AccountScope, options?: CallOptions): Promise<{ upcoming: Job[]; recent: Job[] }>;
  downloadInvoicePdf?(scope: AccountScope, invoiceId: string, options?: CallOptions): Promise<PortalDocument>;
  downloadStatementPdf?(scope: AccountScope, options?: CallOptions): Promise<PortalDocument>;
  listMemberships?(scope: AccountScope, options?: CallOptions): Promise<Membership[]>;
  listEquipment?(scope: AccountScope, options?: CallOptions): Promise<InstalledEquipment[]>;

  /** The contractor's services, service area, windows and rules for requests. No session needed. */
  getSchedulerConfig?(options?: CallOptions): Promise<SchedulerConfig>;
  /** Each day of a range: open with its windows, or why not. No session needed. */
  getAvailability?(query: AvailabilityQuery, options?: CallOptions): Promise<Availability>;
  /** The account's locations a visit can be requested for, with addresses and the service-area check. */
  listServiceLocations?(scope: AccountScope, options?: CallOptions): Promise<ServiceLocation[]>;
  /** Sends a request to the office's review queue (signed in with `options.session`, or anonymous). */
  requestAppointment?(request: AppointmentRequest, options?: AppointmentRequestOptions): Promise<AppointmentRequestReceipt>;

  /*
   * Links without a sign-in (docs/contract/links.md). Opening only reads: every change is a separate
   * call a person makes. A link that does not work rejects with LINK_EXPIRED or LINK_INVALID, with
   * `details.linkProblem`, `companyName` and `companyPhone`, and for a revoked link `revokedBecause` when known.
   */
  /** What a link opens, from its token alone (for a page address that does not name the document). */
  openLink?(linkToken: string, options?: CallOptions): Promise<LinkTarget>;
  /** One estimate, from a link or the signed-in account. */
  getEstimate?(access: DocumentAccess, estimateId: string, options?: CallOptions): Promise<EstimateView>;
  /** The signed-in account's estimates, for it to pick one. */
  listEstimates?(scope: AccountScope, options?: CallOptions): Promise<Estimate[]>;
  /** Approves one option (declining the others). CONFLICT when the estimate changed since it was shown. */
  approveEstimate?(access: DocumentAccess, estimateId: string, approval: EstimateApproval, options?: CallOptions): Promise<EstimateView>;
  /**
   * Declines the estimate. With `options.version` (the version shown), CONFLICT when the office changed
   * it since: the customer answers what they saw.
   */
  declineEstimate?(access: DocumentAccess, estimateId: string, reason: string, options?: EstimateAnswerOptions): Promise<EstimateView>;
  /** Asks for changes; `options.version` as for `declineEstimate`. */
  requestEstimateChanges?(access: DocumentAccess, estimateId: string, message: string, options?: EstimateAnswerOptions): Promise<EstimateView>;
  /** The approved estimate with its signature page. CONFLICT before approval. */
  downloadEstimatePdf?(access: DocumentAccess, estimateId: string, options?: CallOptions): Promise<PortalDocument>;
  /** One invoice from a pay link, with its receipts and whether it can still be paid. */
  getPayLink?(linkToken: string, invoiceId: string, options?: CallOptions): Promise<PayLinkView>;
  /** Pays the link's invoice; the same Idempotency-Key rule as `pay`. */
  payByLink?(linkToken: string, invoiceId: string, request: PayLinkRequest, options?: CallOptions): Promise<Payment>;
  /** One visit from a link: technician's first name, arrival window, status. */
  getVisitStatus?(linkToken: string, appointmentId: string, options?: CallOptions): Promise<VisitStatusView>;
  /**
   * For an expired link: sends a fresh one to the contact on file (never to an address given here).
   * Resolves the same whether or not anything was sent.
   */
  resendLink?(linkToken: string, options?: CallOptions): Promise<void>;
}
