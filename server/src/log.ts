/**
 * Structured logs: one JSON object per line on stdout. A request line holds the request id, method,
 * route, status and time, and never a query string, a header, a body, an id or a token from the path:
 * passwords, session tokens, card numbers and links never reach it because nothing that could carry
 * them is written.
 */
export type LogLine = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; msg: string };
export type Logger = (line: LogLine) => void;

/** Writes each line as JSON to stdout (one `write`, so lines from one process never interleave). */
export const jsonLogger: Logger = (line) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

export const silentLogger: Logger = () => {};

/**
 * The literal words of the REST contract's paths (docs/rest-contract.md and docs/contract/*), with a
 * few the next features use. Any other path segment is an id, a token or something a client made up:
 * the log shows `:id` in its place. A test reads the backend's routes and fails on a word missing here.
 */
const PATH_WORDS = new Set([
  'api',
  'auth',
  'sign-in',
  'sign-up',
  'sign-out',
  'check',
  'session',
  'password-reset',
  'confirm',
  'verify-email',
  'settings',
  'office',
  'reset',
  'business-units',
  'customers',
  'language',
  'import',
  'outbox',
  'invitations',
  'balance',
  'invoices',
  'payments',
  'jobs',
  'pdf',
  'statement',
  'memberships',
  'equipment',
  'visits',
  'locations',
  'appointments',
  'availability',
  'slots',
  'booking-requests',
  'estimates',
  'links',
  'approve',
  'decline',
  'delivered',
  'request-changes',
  'book',
  'config',
  'dismiss',
  'open',
  'photos',
  'requests',
  'resend',
  'revoke',
  'scheduling',
  'service-locations',
  'status',
  'technicians',
  'templates',
  'void',
  'withdraw',
  'healthz',
  'readyz',
]);

/** `/api/customers/c_81/invoices/inv-9/pdf?x=1` → `/api/customers/:id/invoices/:id/pdf`. */
export function routeOf(pathname: string): string {
  const segments = pathname.split('/').map((segment) => {
    if (segment === '') return segment;
    return PATH_WORDS.has(segment.toLowerCase()) ? segment.toLowerCase() : ':id';
  });
  const route = segments.join('/');
  // A made-up path must not make an enormous log line either.
  return route.length > 200 ? `${route.slice(0, 200)}…` : route;
}

/**
 * An error's message for a log line, with anything that looks like a secret taken out (a card number,
 * a token, an email a database error quoted): the backend's own rule, so the two logs cannot drift apart.
 */
export { redactSecrets } from '../../backend/http/http.js';
