/** Sign-up by email match, sign-in with lockout, sessions, sign-out and password reset. */
import { hashPassword, randomId, randomToken, sha256, verifyPassword } from './crypto.js';
import { ApiError, json, noContent, readJsonObject, requireString, type Route, type RouteContext } from './http.js';
import { isEmailOnFile, normaliseEmail, requireCaller, sessionView } from './identity.js';
import { passwordProblems } from './password-policy.js';
import type { LoginRecord } from './state.js';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const RESET_EMAILS_PER_WINDOW = 5;
export const RESET_WINDOW_MS = 60 * 60_000;

function assertStrongPassword(password: string, email: string) {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) {
    const reasons: Record<string, string> = {
      TOO_SHORT: 'use at least 12 characters',
      TOO_LONG: 'use at most 128 characters',
      COMMON: 'it is one of the most common passwords',
      CONTAINS_EMAIL: 'it must not contain your email address',
    };
    throw new ApiError(422, 'WEAK_PASSWORD', `Choose another password: ${problems.map((p) => reasons[p]).join('; ')}.`, {
      passwordProblems: problems,
      field: 'password',
    });
  }
}

async function startSession(context: RouteContext, login: LoginRecord) {
  const token = randomToken();
  const record = {
    tokenHash: await sha256(token),
    loginId: login.id,
    createdAt: context.now.toISOString(),
    expiresAt: new Date(context.now.getTime() + context.config.sessionTtlMs).toISOString(),
  };
  // Expired sessions are dropped as new ones start, so the store does not grow without end.
  context.state.sessions = context.state.sessions.filter((s) => Date.parse(s.expiresAt) > context.now.getTime());
  context.state.sessions.push(record);
  context.markChanged();
  return sessionView(context.state, login, record, token);
}

/** Failures inside the window; older ones are forgotten. */
function recentFailures(context: RouteContext, email: string): number[] {
  const since = context.now.getTime() - LOCKOUT_WINDOW_MS;
  return (context.state.failedSignIns[email] ?? []).map(Date.parse).filter((t) => t > since);
}

function assertNotLockedOut(context: RouteContext, email: string) {
  const failures = recentFailures(context, email);
  if (failures.length < LOCKOUT_FAILURES) return;
  // Locked until the oldest failure that counts leaves the window.
  const unlockAt = failures[failures.length - LOCKOUT_FAILURES]! + LOCKOUT_WINDOW_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((unlockAt - context.now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new ApiError(
    423,
    'LOCKED_OUT',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
    { retryAfterSeconds },
  );
}

/** A confirmed login; records from before email confirmation existed count as confirmed. */
export function isVerified(login: LoginRecord): boolean {
  return login.verifiedAt !== null;
}

function resetLinkBase(context: RouteContext, requested: string, field = 'resetUrl'): string {
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    throw new ApiError(400, 'VALIDATION', 'The page address for the link is not valid.', { field });
  }
  // The link carries a secret: it may only point at the portal's own host or the API's own origin,
  // never at an address a stranger typed into the request.
  const allowed =
    context.config.linkOrigins.includes(url.origin) ||
    (url.protocol === 'https:' && url.hostname === context.state.settings.hostname);
  if (!allowed || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ApiError(400, 'VALIDATION', 'The link must point at the portal’s own site.', { field });
  }
  url.hash = '';
  return url.toString();
}

/** The email-match rule: the address must be an Email contact on file, and not have an account yet. */
function assertEmailCanSignUp(context: RouteContext, email: string) {
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ApiError(400, 'VALIDATION', 'Enter the email address you gave us, like name@example.com.', { field: 'email' });
  }
  const { settings } = context.state;
  if (!isEmailOnFile(context.state, email)) {
    throw new ApiError(
      422,
      'EMAIL_NOT_ON_FILE',
      `We don’t have that email on file. Use the email ${settings.companyName} has for you (it is on your invoices), or call us at ${settings.companyPhone}.`,
      { field: 'email' },
    );
  }
  // An unconfirmed sign-up does not hold the address: whoever owns the mailbox may start again.
  if (context.state.logins.some((l) => l.email === email && isVerified(l))) {
    throw new ApiError(409, 'ACCOUNT_EXISTS', 'An account with this email already exists. Sign in, or reset your password.', {
      field: 'email',
    });
  }
}

const VERIFY_TTL_MS = 24 * 60 * 60_000;

async function sendVerification(context: RouteContext, login: LoginRecord, linkBase: string) {
  const token = randomToken();
  context.state.resetTokens.push({
    purpose: 'verify',
    tokenHash: await sha256(token),
    loginId: login.id,
    expiresAt: new Date(context.now.getTime() + VERIFY_TTL_MS).toISOString(),
    usedAt: null,
  });
  const { companyName } = context.state.settings;
  context.state.outbox.push({
    id: randomId('mail'),
    to: login.email,
    subject: `Confirm your ${companyName} portal account`,
    body: `Open the link below within 24 hours to confirm this is your email and finish creating your ${companyName} customer portal account. If you did not ask for an account, ignore this email.`,
    link: `${linkBase}#porchlight-verify=${token}`,
    kind: 'verify-email',
    sentAt: context.now.toISOString(),
  });
}

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/auth/verify-email',
    async handler(context) {
      const token = requireString(await readJsonObject(context.request), 'token', 256);
      const tokenHash = await sha256(token);
      const record = context.state.resetTokens.find((r) => r.tokenHash === tokenHash && r.purpose === 'verify');
      const login = record && context.state.logins.find((l) => l.id === record.loginId);
      if (!record || !login || record.usedAt !== null || Date.parse(record.expiresAt) <= context.now.getTime()) {
        throw new ApiError(400, 'INVALID_VERIFY_LINK', 'This confirmation link has expired or was already used. Sign up again to get a new one.');
      }
      login.verifiedAt = context.now.toISOString();
      context.state.resetTokens = context.state.resetTokens.filter((r) => r.loginId !== login.id);
      context.markChanged();
      return json(await startSession(context, login));
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-up/check',
    async handler(context) {
      const body = await readJsonObject(context.request);
      assertEmailCanSignUp(context, normaliseEmail(requireString(body, 'email', 320)));
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-up',
    async handler(context) {
      const body = await readJsonObject(context.request);
      const email = normaliseEmail(requireString(body, 'email', 320));
      const password = requireString(body, 'password', 4096);
      assertEmailCanSignUp(context, email);
      assertStrongPassword(password, email);
      const mustVerify = context.state.settings.requireEmailVerification === true;
      const verifyBase = mustVerify ? resetLinkBase(context, requireString(body, 'verifyUrl', 2048), 'verifyUrl') : '';
      // Replaces an unconfirmed sign-up for the same address, and its links.
      const stale = context.state.logins.filter((l) => l.email === email).map((l) => l.id);
      context.state.logins = context.state.logins.filter((l) => !stale.includes(l.id));
      context.state.resetTokens = context.state.resetTokens.filter((r) => !stale.includes(r.loginId));
      const login: LoginRecord = {
        id: randomId('login'),
        email,
        password: await hashPassword(password, context.config.passwordIterations),
        createdAt: context.now.toISOString(),
        verifiedAt: mustVerify ? null : context.now.toISOString(),
      };
      context.state.logins.push(login);
      context.markChanged();
      if (!mustVerify) return json(await startSession(context, login), 201);
      await sendVerification(context, login, verifyBase);
      return json({ verificationSent: true, email }, 202);
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-in',
    async handler(context) {
      const body = await readJsonObject(context.request);
      const email = normaliseEmail(requireString(body, 'email', 320));
      const password = requireString(body, 'password', 4096);
      assertNotLockedOut(context, email);
      const login = context.state.logins.find((l) => l.email === email);
      // Unknown emails count failures too, so lockout does not reveal who has an account.
      const ok = login ? await verifyPassword(password, login.password) : false;
      if (!login || !ok) {
        context.state.failedSignIns[email] = [
          ...recentFailures(context, email).map((t) => new Date(t).toISOString()),
          context.now.toISOString(),
        ];
        context.markChanged();
        assertNotLockedOut(context, email);
        throw new ApiError(401, 'INVALID_CREDENTIALS', 'That email and password do not match. Check both and try again.');
      }
      delete context.state.failedSignIns[email];
      if (!isVerified(login)) {
        throw new ApiError(403, 'EMAIL_NOT_VERIFIED', 'Confirm your email first: open the link we sent when you created the account.');
      }
      return json(await startSession(context, login));
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-out',
    async handler(context) {
      const caller = await requireCaller(context);
      context.state.sessions = context.state.sessions.filter((s) => s.tokenHash !== caller.session.tokenHash);
      context.markChanged();
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/auth/session',
    async handler(context) {
      const caller = await requireCaller(context);
      return json(sessionView(context.state, caller.login, caller.session, caller.token));
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset',
    async handler(context) {
      const body = await readJsonObject(context.request);
      const email = normaliseEmail(requireString(body, 'email', 320));
      const linkBase = resetLinkBase(context, requireString(body, 'resetUrl', 2048));
      const login = context.state.logins.find((l) => l.email === email);
      // At most a few emails an hour to one address; past that the answer is the same, but nothing is sent.
      const since = context.now.getTime() - RESET_WINDOW_MS;
      const recent = (context.state.resetRequests?.[email] ?? []).filter((t) => Date.parse(t) > since);
      if (login && recent.length < RESET_EMAILS_PER_WINDOW) {
        context.state.resetRequests = { ...context.state.resetRequests, [email]: [...recent, context.now.toISOString()] };
        const token = randomToken();
        const expiresAt = new Date(context.now.getTime() + context.config.resetTtlMs);
        context.state.resetTokens.push({
          tokenHash: await sha256(token),
          loginId: login.id,
          expiresAt: expiresAt.toISOString(),
          usedAt: null,
        });
        // The token rides in the fragment, so it never reaches a server log or a Referer header.
        const link = `${linkBase}#porchlight-reset=${token}`;
        const { companyName } = context.state.settings;
        context.state.outbox.push({
          id: randomId('mail'),
          to: login.email,
          subject: `Reset your ${companyName} portal password`,
          body: `Someone asked to reset the password for your ${companyName} customer portal. If it was you, open the link below within 30 minutes. If not, ignore this email; your password has not changed.`,
          link,
          kind: 'password-reset',
          sentAt: context.now.toISOString(),
        });
        context.markChanged();
      }
      // The same answer either way: no one learns from it whether an email has an account.
      return json({ accepted: true }, 202);
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset/confirm',
    async handler(context) {
      const body = await readJsonObject(context.request);
      const token = requireString(body, 'token', 256);
      const password = requireString(body, 'password', 4096);
      const tokenHash = await sha256(token);
      const record = context.state.resetTokens.find((r) => r.tokenHash === tokenHash && r.purpose !== 'verify');
      if (!record || record.usedAt !== null || Date.parse(record.expiresAt) <= context.now.getTime()) {
        throw new ApiError(400, 'INVALID_RESET_LINK', 'This reset link has expired or was already used. Ask for a new one.');
      }
      const login = context.state.logins.find((l) => l.id === record.loginId);
      if (!login) throw new ApiError(400, 'INVALID_RESET_LINK', 'This reset link is no longer valid. Ask for a new one.');
      assertStrongPassword(password, login.email);
      login.password = await hashPassword(password, context.config.passwordIterations);
      // The reset link reached the mailbox: that confirms the email too.
      if (!isVerified(login)) login.verifiedAt = context.now.toISOString();
      record.usedAt = context.now.toISOString();
      // Every other link sent to this login dies with it: an older email must not reset it again.
      context.state.resetTokens = context.state.resetTokens.filter((r) => r.loginId !== login.id || r === record);
      // A new password ends every session and lifts a lockout.
      context.state.sessions = context.state.sessions.filter((s) => s.loginId !== login.id);
      delete context.state.failedSignIns[login.email];
      context.markChanged();
      return noContent();
    },
  },
];
