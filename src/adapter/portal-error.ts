/**
 * The one error every adapter call fails with. `code` is stable and safe to branch on;
 * `message` is written for the customer (the elements localise their own wording from the code).
 */
export const portalErrorCodes = [
  'EMAIL_NOT_ON_FILE',
  'ACCOUNT_EXISTS',
  'WEAK_PASSWORD',
  'INVALID_CREDENTIALS',
  'LOCKED_OUT',
  'INVALID_RESET_LINK',
  'INVALID_VERIFY_LINK',
  'EMAIL_NOT_VERIFIED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PORTAL_DISABLED',
  'FEATURE_DISABLED',
  'VALIDATION',
  'CONFLICT',
  'PAYMENT_DECLINED',
  'INSUFFICIENT_FUNDS',
  'PAYMENT_FAILED',
  'OUTSIDE_SERVICE_AREA',
  'DAY_UNAVAILABLE',
  'LINK_EXPIRED',
  'LINK_INVALID',
  'RATE_LIMITED',
  'NETWORK',
  'BAD_RESPONSE',
  'ABORTED',
] as const;
export type PortalErrorCode = (typeof portalErrorCodes)[number];

/** Why a password was refused; several may apply at once. */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_EMAIL';

/** Why a link without sign-in does not work (docs/contract/links.md). */
export const linkProblems = ['expired', 'revoked', 'unknown', 'other-document'] as const;
export type LinkProblem = (typeof linkProblems)[number];

/** Why a revoked link was revoked: a newer link was sent, the office turned it off, or the document was voided or withdrawn. */
export const revokedReasons = ['replaced', 'revoked', 'voided'] as const;
export type RevokedReason = (typeof revokedReasons)[number];

export interface PortalErrorDetails {
  /** LOCKED_OUT, RATE_LIMITED: when the customer may try again. */
  retryAfterSeconds?: number;
  /** WEAK_PASSWORD: every reason the password was refused. */
  passwordProblems?: PasswordProblem[];
  /** VALIDATION: the request field at fault. */
  field?: string;
  /** VALIDATION of the office's records import: each problem, path first (`customers[3].contacts[0].value: …`). */
  problems?: string[];
  /** LINK_EXPIRED, LINK_INVALID: why a link without sign-in does not work (docs/contract/links.md). */
  linkProblem?: LinkProblem;
  /** A revoked link only: why it was revoked. */
  revokedBecause?: RevokedReason;
  /**
   * An expired link only: whether a fresh one (`resendLink`) would work. `false` when it would expire
   * too (the visit long over, the invoice paid long ago): the page gives the phone instead.
   */
  renewable?: boolean;
  /** LINK_EXPIRED, LINK_INVALID: whom to call, so the element needs no other request. */
  companyName?: string;
  companyPhone?: string;
}

/**
 * Every failure the elements handle. The customer reads the element's own sentence for `code` (in their
 * language, with `details` such as the minutes to wait); `message` is for the developer and logs, and
 * is never shown.
 */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  readonly code: PortalErrorCode;
  readonly details: PortalErrorDetails;
  /** HTTP status when the error came over HTTP. */
  readonly status: number | undefined;

  constructor(
    code: PortalErrorCode,
    message: string,
    details: PortalErrorDetails = {},
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = details;
    this.status = options.status;
  }
}

export function isPortalError(value: unknown): value is PortalError {
  return value instanceof PortalError;
}

const knownCodes: ReadonlySet<string> = new Set(portalErrorCodes);

/**
 * What `fetch` throws when the network fails, and what `import()` throws when a chunk of code does not
 * arrive (the REST client, the schemas, loaded with the first request), in Chromium, Firefox and Safari.
 */
const NETWORK_FAILURE =
  /^(failed to fetch|networkerror when attempting to fetch resource\.?|load failed|the network connection was lost\.?|failed to fetch dynamically imported module: \S+|error loading dynamically imported module(: \S+)?|importing a module script failed\.?)$/i;

/**
 * Any thrown value as a PortalError, so elements only ever handle one type. A custom adapter may throw
 * a PortalError from another copy of Porchlight (the CDN file and an npm bundle on one page), or any
 * Error with a `code` from the list: both keep their code. A failed `fetch` is NETWORK. Anything else
 * is BAD_RESPONSE, and its cause goes to the console for the developer (the customer sees only
 * "Something went wrong on our side"), naming `method`, the adapter method that threw it, when given.
 */
export function toPortalError(value: unknown, method?: string): PortalError {
  // A code this version has no sentence for (a typo, a newer version's) is not passed on as it is: it is
  // converted below like any other unknown failure, and said to the console.
  if (value instanceof PortalError && knownCodes.has(value.code)) return value;
  // Elements convert in render too: one value converts (and is logged) once.
  const known = typeof value === 'object' && value !== null ? converted.get(value) : undefined;
  if (known) return known;
  const error = convert(value, method);
  if (typeof value === 'object' && value !== null) converted.set(value, error);
  return error;
}

const converted = new WeakMap<object, PortalError>();

/** `method`: the adapter method that threw it, named in the console so the developer knows where to look. */
function convert(value: unknown, method: string | undefined): PortalError {
  if (value instanceof DOMException && value.name === 'AbortError') {
    return new PortalError('ABORTED', 'The request was cancelled.', {}, { cause: value });
  }
  if (value instanceof Error) {
    const { code, details, status } = value as Error & { code?: unknown; details?: unknown; status?: unknown };
    if (typeof code === 'string' && knownCodes.has(code)) {
      return new PortalError(code as PortalErrorCode, value.message, typeof details === 'object' && details !== null ? (details as PortalErrorDetails) : {}, {
        cause: value,
        status: typeof status === 'number' ? status : undefined,
      });
    }
    if (value instanceof TypeError && NETWORK_FAILURE.test(value.message)) {
      return new PortalError('NETWORK', 'We couldn’t connect.', {}, { cause: value });
    }
  }
  const failed = method ? `the adapter's ${method}() failed` : 'a call failed';
  const code = value instanceof Error ? (value as Error & { code?: unknown }).code : undefined;
  const what = typeof code === 'string' ? `with the code "${code}", which is not a PortalErrorCode` : 'with something other than a PortalError';
  console.error(`[porchlight] ${failed} ${what} (shown to the customer as "Something went wrong on our side"):`, value);
  return new PortalError('BAD_RESPONSE', 'Something went wrong on our side.', {}, { cause: value });
}
