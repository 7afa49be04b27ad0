/**
 * Sign-up by email match, sign-in with lockout, sessions, sign-out, email confirmation and password
 * reset. Slow work (PBKDF2) happens outside transactions; what must happen once is a conditional
 * update (`used_at IS NULL`) or a unique index (one confirmed login per email).
 */
import type { Transaction } from 'kysely';
import { ApiError, errorResponse, json, noContent, requireString, type Route, type RouteContext } from '../http/http.js';
import { clearEvents, dropEvent, pruneEvents, takeSlot } from '../queries/rate-events.js';
import type { Database } from '../schema/database.js';
import { hashPassword, randomId, randomToken, sha256, verifyPassword, type PasswordHash } from './crypto.js';
import { emailOnFile, grantsFor, loginByEmail, normaliseEmail, requireCaller, sessionView, type LoginRow } from './identity.js';
import { greetingFor, putInOutbox, renderEmail } from './messages.js';
import { learnLanguage, requestLanguage } from './languages.js';
import { namedPortalPage, onOwnSite } from './links.js';
import { isMailbox } from '../../src/model/mailbox.js';
import { passwordProblems } from './password-policy.js';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const RESET_EMAILS_PER_WINDOW = 5;
export const RESET_WINDOW_MS = 60 * 60_000;
const VERIFY_TTL_MS = 24 * 60 * 60_000;

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

/** Confirmation emails to one address in the reset window: refused past the same cap as reset emails. */
async function limitVerifyEmails(trx: Transaction<Database>, email: string, context: RouteContext) {
  const slot = await takeSlot(trx, {
    bucket: 'verify-email',
    subject: email,
    since: windowStart(context, RESET_WINDOW_MS),
    now: context.now,
    limit: RESET_EMAILS_PER_WINDOW,
  });
  if ('full' in slot) {
    const retryAfterSeconds = Math.max(60, Math.ceil((Date.parse(slot.full[0]!) + RESET_WINDOW_MS - context.now.getTime()) / 1000));
    throw new ApiError(429, 'RATE_LIMITED', 'We have sent several confirmation emails to this address in the last hour. Open the newest one, or reset the password (a reset confirms the address too).', {
      retryAfterSeconds,
      field: 'email',
    });
  }
}

/** A hash to check unknown emails against: sign-in takes as long whether or not an account exists. */
const dummyHashes = new Map<number, Promise<PasswordHash>>();
function dummyHash(iterations: number): Promise<PasswordHash> {
  let hash = dummyHashes.get(iterations);
  if (!hash) {
    hash = hashPassword(randomToken(), iterations);
    dummyHashes.set(iterations, hash);
  }
  return hash;
}

async function startSession(context: RouteContext, db: Transaction<Database> | RouteContext['db'], login: { id: string; email: string }) {
  const token = randomToken();
  const expiresAt = new Date(context.now.getTime() + context.config.sessionTtlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({ token_hash: await sha256(token), login_id: login.id, created_at: context.now.toISOString(), expires_at: expiresAt })
    .execute();
  // Expired sessions are dropped as new ones start (an index range), so the table does not grow without end.
  await db.deleteFrom('sessions').where('expires_at', '<=', context.now.toISOString()).execute();
  return sessionView(db, login.email, expiresAt, token);
}

function lockedOut(context: RouteContext, failures: string[]): ApiError | null {
  if (failures.length < LOCKOUT_FAILURES) return null;
  // Locked until the oldest failure that counts leaves the window.
  const unlockAt = Date.parse(failures[failures.length - LOCKOUT_FAILURES]!) + LOCKOUT_WINDOW_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((unlockAt - context.now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(
    423,
    'LOCKED_OUT',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
    { retryAfterSeconds },
  );
}

/**
 * Claims one password check for this email, before the (slow) hash: refused at once while it is locked
 * out, else counted as a failed sign-in up front; a right password withdraws it. Guesses sent together
 * are each counted before any is checked, so no more than LOCKOUT_FAILURES passwords are tried in a
 * window, however many arrive at once and at however many servers (a right password, the owner's,
 * settles the failures counted before it: see settledBy). Resolves with the count.
 */
async function claimPasswordCheck(context: RouteContext, email: string, since: Date): Promise<PasswordCheck> {
  const slot = await context.transaction((trx) =>
    takeSlot(trx, { bucket: 'sign-in-failure', subject: email, since, now: context.now, limit: LOCKOUT_FAILURES }),
  );
  if ('full' in slot) throw lockedOut(context, slot.full)!;
  if (Math.random() < 0.01) await pruneEvents(context.db, context.now);
  return { id: slot.taken, failuresBefore: slot.before, failureIdsBefore: slot.beforeIds };
}

/** A claimed password check: its count's id, and the failures counted before it in the window. */
interface PasswordCheck {
  id: string;
  failuresBefore: string[];
  failureIdsBefore: string[];
}

/**
 * Runs the claimed check. One that fails for another reason than the password (the database away, the
 * login replaced meanwhile) withdraws its count: only wrong passwords lock an account.
 */
async function checkingPassword<T>(context: RouteContext, claim: PasswordCheck, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    await dropEvent(context.db, claim.id).catch(() => undefined);
    throw error;
  }
}

/**
 * What a right password withdraws: its own count and the failures counted before it. Not the counts of
 * guesses still being checked beside it (taken after it): those stand, so a sign-in by the owner in the
 * middle of a burst of guesses lets no more of them through.
 */
const settledBy = (claim: PasswordCheck) => [claim.id, ...claim.failureIdsBefore];

/**
 * A wrong password, already counted by its claim: the lockout when this failure was the one that
 * reached it (by its place in the count, so of guesses sent together only the fifth says so), else null.
 */
function lockoutAfterFailure(context: RouteContext, check: PasswordCheck): ApiError | null {
  return lockedOut(context, [...check.failuresBefore, context.now.toISOString()]);
}

function windowStart(context: RouteContext, ms: number) {
  return new Date(context.now.getTime() - ms);
}

function linkBase(context: RouteContext, requested: string, field = 'resetUrl'): string {
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    throw new ApiError(400, 'VALIDATION', 'The page address for the link is not valid.', { field });
  }
  // The link carries a secret: it may only point at the portal's own host or a configured origin,
  // never at an address a stranger typed into the request.
  if (!onOwnSite(context, url) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ApiError(400, 'VALIDATION', 'The link must point at the portal’s own site.', { field });
  }
  if (url.username || url.password) throw new ApiError(400, 'VALIDATION', 'The page address for the link must not carry a user name or password.', { field });
  // Where the contractor named the portal's page, the secret opens there, in the language the request
  // came in, whichever page asked: a page a stranger's request names is only known to be on the site, and
  // a site may have one that forwards anywhere (`/out?to=…`), taking the fragment and its token along.
  const named = namedPortalPage(context, requestLanguage(context.request));
  if (named) return named;
  url.hash = '';
  return url.toString();
}

/** The email-match rule: the address must be an Email contact on file, and not have an account yet. */
async function assertEmailCanSignUp(context: RouteContext, email: string): Promise<string> {
  if (!isMailbox(email)) {
    throw new ApiError(400, 'VALIDATION', 'That is not a complete email address. Enter it like name@example.com.', { field: 'email' });
  }
  const { settings } = context;
  const onFile = await emailOnFile(context.db, email);
  if (onFile === null) {
    throw new ApiError(
      422,
      'EMAIL_NOT_ON_FILE',
      `We don’t have that email on file. Use the email ${settings.companyName} has for you (it is on your invoices), or call us at ${settings.companyPhone}.`,
      { field: 'email' },
    );
  }
  // An unconfirmed sign-up does not hold the address: whoever owns the mailbox may start again.
  const existing = await loginByEmail(context.db, email);
  if (existing && existing.verifiedAt !== null) {
    throw new ApiError(409, 'ACCOUNT_EXISTS', 'An account with this email already exists. Sign in, or reset your password.', {
      field: 'email',
    });
  }
  return onFile;
}

async function sendOneTimeLink(
  context: RouteContext,
  trx: Transaction<Database>,
  login: { id: string; email: string },
  purpose: 'reset' | 'verify',
  base: string,
) {
  const token = randomToken();
  const ttl = purpose === 'verify' ? VERIFY_TTL_MS : context.config.resetTtlMs;
  await trx
    .insertInto('one_time_tokens')
    .values({
      token_hash: await sha256(token),
      purpose,
      login_id: login.id,
      created_at: context.now.toISOString(),
      expires_at: new Date(context.now.getTime() + ttl).toISOString(),
      used_at: null,
    })
    .execute();
  // The token rides in the fragment, so it never reaches a server log or a Referer header. A confirmation
  // link names the address it was sent to there too: the card, opened on a fresh page, says whose account
  // it confirms (only the password chosen at sign-up completes it). A reset link need not: the card asks
  // the backend whose link it is (`/auth/password-reset/check`), which no crafted link can change.
  const [kind, template, link] =
    purpose === 'verify'
      ? (['verify-email', 'emailConfirmation', `${base}#porchlight-verify=${token}&porchlight-email=${encodeURIComponent(login.email)}`] as const)
      : (['password-reset', 'passwordReset', `${base}#porchlight-reset=${token}`] as const);
  const grant = (await grantsFor(trx, login.email))[0];
  // In the language of the page that asked for it.
  const message = await renderEmail(context, trx, template, requestLanguage(context.request), {
    CustomerFirstName: grant ? await greetingFor(trx, grant.customerId, login.email) : '',
    [purpose === 'verify' ? 'ConfirmEmailLink' : 'PasswordResetLink']: link,
  });
  await putInOutbox(context, trx, { email: login.email, phone: null }, message, kind, link);
}

/** A one-time token of this purpose that is still good, or null. */
async function usableToken(context: RouteContext, token: string, purpose: 'reset' | 'verify') {
  const row = await context.db
    .selectFrom('one_time_tokens')
    .innerJoin('logins', 'logins.id', 'one_time_tokens.login_id')
    .select(['one_time_tokens.token_hash', 'one_time_tokens.expires_at', 'one_time_tokens.used_at', 'logins.id as login_id', 'logins.email'])
    .where('one_time_tokens.token_hash', '=', await sha256(token))
    .where('one_time_tokens.purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= context.now.getTime()) return null;
  return row;
}

/** Marks the token used, once: the second of two racing requests finds nothing to update. */
async function useToken(trx: Transaction<Database>, tokenHash: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: unknown })?.code ?? '') + String((error as Error)?.message ?? '');
  return /23505|UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(text);
}

/** A used confirmation link whose account is confirmed: most often the email opened again after it worked. */
const alreadyConfirmed = () =>
  new ApiError(400, 'INVALID_VERIFY_LINK', 'This confirmation link was already used: your account is confirmed. Sign in, or reset your password if you forgot it.');

/**
 * Why a confirmation link does not work. Used, with its account confirmed: say so (signing up again
 * would only answer that the account exists). Else (expired, unknown, or replaced by a newer sign-up)
 * either may be true, and the customer is told both ways in.
 */
async function deadVerifyLink(context: RouteContext, token: string): Promise<ApiError> {
  const row = await context.db
    .selectFrom('one_time_tokens')
    .innerJoin('logins', 'logins.id', 'one_time_tokens.login_id')
    .select(['one_time_tokens.used_at', 'logins.verified_at'])
    .where('one_time_tokens.token_hash', '=', await sha256(token))
    .where('one_time_tokens.purpose', '=', 'verify')
    .executeTakeFirst();
  if (row && row.used_at !== null && row.verified_at !== null) return alreadyConfirmed();
  return new ApiError(
    400,
    'INVALID_VERIFY_LINK',
    'This confirmation link has expired or was already used. If you already confirmed your account, sign in (or reset your password); if not, sign up again to get a new link.',
  );
}

/** Thrown inside the confirming transaction when the link was taken meanwhile: it rolls back, then says why. */
const LINK_TAKEN = Symbol('confirmation link taken');

const invalidReset = () => new ApiError(400, 'INVALID_RESET_LINK', 'This reset link has expired or was already used. Ask for a new one.');

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/auth/verify-email',
    body: { token: true, password: true },
    async handler(context) {
      const body = await context.body();
      const token = requireString(body, 'token', 256);
      const password = requireString(body, 'password', 4096);
      const record = await usableToken(context, token, 'verify');
      if (!record) throw await deadVerifyLink(context, token);
      // The link proves the mailbox; the password proves this is who signed up. Without it, anyone who
      // knows an address on file could sign up with their own password and wait for its owner to open
      // the "confirm your email" message they expect: the owner would confirm the stranger's account.
      const since = windowStart(context, LOCKOUT_WINDOW_MS);
      const claim = await claimPasswordCheck(context, record.email, since);
      const right = await checkingPassword(context, claim, async () => {
        const login = await context.db.selectFrom('logins').select('password').where('id', '=', record.login_id).executeTakeFirstOrThrow();
        return verifyPassword(password, JSON.parse(login.password) as PasswordHash);
      });
      if (!right) {
        // Counted with failed sign-ins (the same lockout), and the link stays usable for the right password.
        const refusal = lockoutAfterFailure(context, claim);
        return errorResponse(
          refusal ??
            new ApiError(401, 'INVALID_CREDENTIALS', 'That is not the password chosen for this account. Enter the one you chose when you signed up.', {
              field: 'password',
            }),
        );
      }
      // The right password: its claim was not a failure, and the failures before it are settled.
      await dropEvent(context.db, ...settledBy(claim));
      try {
        const session = await context.transaction(async (trx) => {
          // Another request used it first, or a newer sign-up replaced it: which, is read once this
          // transaction has rolled back (below).
          if (!(await useToken(trx, record.token_hash, context.now))) throw LINK_TAKEN;
          await trx.updateTable('logins').set({ verified_at: context.now.toISOString() }).where('id', '=', record.login_id).execute();
          // Every other link of the login dies; this one stays, used, so opening it again says the
          // account is confirmed rather than "expired".
          await trx.deleteFrom('one_time_tokens').where('login_id', '=', record.login_id).where('token_hash', '!=', record.token_hash).execute();
          return startSession(context, trx, { id: record.login_id, email: record.email });
        });
        await learnLanguage(context, session.email);
        return json(session);
      } catch (error) {
        if (error === LINK_TAKEN) throw await deadVerifyLink(context, token);
        if (!isUniqueViolation(error)) throw error;
        throw new ApiError(409, 'ACCOUNT_EXISTS', 'An account with this email already exists. Sign in, or reset your password.');
      }
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-up/check',
    body: { email: true },
    async handler(context) {
      const email = normaliseEmail(requireString(await context.body(), 'email', 320));
      // The address as the office has it on file, so the next screen shows it as the customer will see it.
      return json({ email: await assertEmailCanSignUp(context, email) });
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-up',
    body: { email: true, password: true, verifyUrl: true },
    async handler(context) {
      const body = await context.body();
      const email = normaliseEmail(requireString(body, 'email', 320));
      const password = requireString(body, 'password', 4096);
      await assertEmailCanSignUp(context, email);
      assertStrongPassword(password, email);
      // On unless the contractor turned it off: a settings row without it must not open accounts to
      // anyone who knows an address on file.
      const mustVerify = context.settings.requireEmailVerification !== false;
      const verifyBase = mustVerify ? linkBase(context, requireString(body, 'verifyUrl', 2048), 'verifyUrl') : '';
      const hash = await hashPassword(password, context.config.passwordIterations);
      // Set when the sign-up starts a session at once (no confirmation): its page's language is learned after.
      let signedIn: string | null = null;
      try {
        const answer = await context.transaction(async (trx) => {
          // Confirmation emails to one address are capped as reset emails are: each sign-up mails
          // one, and without a cap anyone could fill a customer's inbox from many networks. Counted
          // before anything changes, so a refused sign-up leaves the last link working.
          if (mustVerify) await limitVerifyEmails(trx, email, context);
          // Replaces an unconfirmed sign-up for the same address, and its links.
          const stale = (await trx.selectFrom('logins').select('id').where('email', '=', email).where('verified_at', 'is', null).execute()).map(
            (l) => l.id,
          );
          if (stale.length > 0) {
            await trx.deleteFrom('one_time_tokens').where('login_id', 'in', stale).execute();
            await trx.deleteFrom('sessions').where('login_id', 'in', stale).execute();
            await trx.deleteFrom('logins').where('id', 'in', stale).execute();
          }
          const login = { id: randomId('login'), email };
          await trx
            .insertInto('logins')
            .values({
              id: login.id,
              email,
              password: JSON.stringify(hash),
              created_at: context.now.toISOString(),
              verified_at: mustVerify ? null : context.now.toISOString(),
            })
            .execute();
          if (!mustVerify) {
            signedIn = login.email;
            return json(await startSession(context, trx, login), 201);
          }
          await sendOneTimeLink(context, trx, login, 'verify', verifyBase);
          return json({ verificationSent: true, email }, 202);
        });
        if (signedIn) await learnLanguage(context, signedIn);
        return answer;
      } catch (error) {
        // Two sign-ups for one address at the same moment: the unique index lets one through.
        if (!isUniqueViolation(error)) throw error;
        throw new ApiError(409, 'ACCOUNT_EXISTS', 'An account with this email already exists. Sign in, or reset your password.', {
          field: 'email',
        });
      }
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-in',
    body: { email: true, password: true },
    async handler(context) {
      const body = await context.body();
      const email = normaliseEmail(requireString(body, 'email', 320));
      const password = requireString(body, 'password', 4096);
      const since = windowStart(context, LOCKOUT_WINDOW_MS);
      const claim = await claimPasswordCheck(context, email, since);
      const { login, ok } = await checkingPassword(context, claim, async () => {
        const login: LoginRow | null = await loginByEmail(context.db, email);
        // Unknown emails are checked against a dummy hash (the same time as a wrong password) and count
        // failures too, so neither timing nor lockout tells who has an account.
        const ok = login
          ? await verifyPassword(password, login.password)
          : await verifyPassword(password, await dummyHash(context.config.passwordIterations)).then(() => false);
        return { login, ok };
      });
      if (!login || !ok) {
        const refusal = lockoutAfterFailure(context, claim);
        return errorResponse(
          refusal ?? new ApiError(401, 'INVALID_CREDENTIALS', 'That email and password do not match. Check both and try again.'),
        );
      }
      await dropEvent(context.db, ...settledBy(claim));
      if (login.verifiedAt === null) {
        throw new ApiError(403, 'EMAIL_NOT_VERIFIED', 'Confirm your email first: open the link we sent when you created the account.');
      }
      const session = await startSession(context, context.db, login);
      // The page signed in on speaks the customer's language: the office's later messages use it.
      await learnLanguage(context, login.email);
      return json(session);
    },
  },
  {
    method: 'POST',
    path: '/auth/sign-out',
    body: 'none',
    async handler(context) {
      const caller = await requireCaller(context);
      await context.db.deleteFrom('sessions').where('token_hash', '=', caller.tokenHash).execute();
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/auth/session',
    snapshot: true,
    async handler(context) {
      const caller = await requireCaller(context);
      return json(await sessionView(context.db, caller.email, caller.expiresAt, caller.token));
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset',
    body: { email: true, resetUrl: true },
    async handler(context) {
      const body = await context.body();
      const email = normaliseEmail(requireString(body, 'email', 320));
      const base = linkBase(context, requireString(body, 'resetUrl', 2048));
      const login = await loginByEmail(context.db, email);
      // At most a few emails an hour to one address; past that the answer is the same, but nothing is
      // sent. Counted for every address, with an account or not: both take the same transaction, so
      // the time of the answer says less about whether the email has an account.
      await context.transaction(async (trx) => {
        const since = windowStart(context, RESET_WINDOW_MS);
        const slot = await takeSlot(trx, { bucket: 'reset-email', subject: email, since, now: context.now, limit: RESET_EMAILS_PER_WINDOW });
        if ('full' in slot) return;
        if (login) await sendOneTimeLink(context, trx, login, 'reset', base);
      });
      // The same answer either way: no one learns from it whether an email has an account.
      return json({ accepted: true }, 202);
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset/check',
    body: { token: true },
    async handler(context) {
      const token = requireString(await context.body(), 'token', 256);
      const record = await usableToken(context, token, 'reset');
      if (!record) throw invalidReset();
      // Whose link it is: the card names the account, and a password manager saves the new password for it.
      return json({ email: record.email });
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset/confirm',
    body: { token: true, password: true },
    async handler(context) {
      const body = await context.body();
      const token = requireString(body, 'token', 256);
      const password = requireString(body, 'password', 4096);
      const record = await usableToken(context, token, 'reset');
      if (!record) throw invalidReset();
      assertStrongPassword(password, record.email);
      const hash = await hashPassword(password, context.config.passwordIterations);
      await context.transaction(async (trx) => {
        if (!(await useToken(trx, record.token_hash, context.now))) throw invalidReset();
        await trx
          .updateTable('logins')
          .set((eb) => ({
            password: JSON.stringify(hash),
            // The reset link reached the mailbox: that confirms the email too.
            verified_at: eb.fn.coalesce('verified_at', eb.val(context.now.toISOString())),
          }))
          .where('id', '=', record.login_id)
          .execute();
        // Every other link sent to this login dies with it: an older email must not reset it again.
        await trx.deleteFrom('one_time_tokens').where('login_id', '=', record.login_id).where('token_hash', '!=', record.token_hash).execute();
        // A new password ends every session and lifts a lockout.
        await trx.deleteFrom('sessions').where('login_id', '=', record.login_id).execute();
        await clearEvents(trx, 'sign-in-failure', record.email);
      });
      return noContent();
    },
  },
];
