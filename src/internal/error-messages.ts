import { msg, str } from '../i18n/msg.js';
import type { PasswordProblem, PortalError } from '../adapter/portal-error.js';
import type { PublicSettings } from '../model/settings.js';

function callUs(settings: PublicSettings | null): string {
  return settings ? msg(str`Call ${settings.companyName} at ${settings.companyPhone}.`) : msg('Call our office.');
}

export function passwordProblemText(problem: PasswordProblem): string {
  switch (problem) {
    case 'TOO_SHORT':
      return msg('Use at least 12 characters.');
    case 'TOO_LONG':
      return msg('Use at most 128 characters.');
    case 'COMMON':
      return msg('This is one of the most common passwords; choose one that is harder to guess.');
    case 'CONTAINS_EMAIL':
      return msg('Do not use your email address in your password.');
  }
}

function retryText(seconds: number | undefined): string {
  const minutes = Math.max(1, Math.ceil((seconds ?? 900) / 60));
  return minutes === 1 ? msg('Try again in 1 minute') : msg(str`Try again in ${minutes} minutes`);
}

/**
 * Whether Try again can mend it. Not when the session is over, the feature is off, the thing is not
 * there, or the sign-in does not include it (only the office changes that, and the message says to
 * call): a button that can only fail again is no help.
 */
export function canRetry(error: PortalError): boolean {
  return !['SESSION_EXPIRED', 'FEATURE_DISABLED', 'NOT_FOUND', 'FORBIDDEN'].includes(error.code);
}

/**
 * A sentence the customer can act on, in the page's language, for any PortalError. Elements build
 * their wording from the stable code rather than showing the server's English.
 */
export function describeError(error: PortalError, settings: PublicSettings | null): string {
  switch (error.code) {
    case 'EMAIL_NOT_ON_FILE':
      return settings
        ? msg(
            str`We don’t have that email on file. Use the email ${settings.companyName} has for you (it is on your invoices and appointment emails), or call ${settings.companyPhone}.`,
          )
        : msg('We don’t have that email on file. Use the email your contractor has for you, or call their office.');
    case 'ACCOUNT_EXISTS':
      return msg('An account with this email already exists. Sign in, or reset your password if you forgot it.');
    case 'WEAK_PASSWORD':
      return (error.details.passwordProblems ?? []).map(passwordProblemText).join(' ') || msg('Choose a stronger password.');
    case 'INVALID_CREDENTIALS':
      return msg('That email and password don’t match. Check both and try again.');
    case 'LOCKED_OUT':
      return msg(str`Too many failed sign-in attempts. ${retryText(error.details.retryAfterSeconds)}, or reset your password.`);
    case 'INVALID_VERIFY_LINK':
      return msg('This confirmation link has expired or was already used. If you already confirmed your account, sign in; if not, create your account again to get a new link.');
    case 'EMAIL_NOT_VERIFIED':
      return msg('Confirm your email first: open the link we sent you when you created the account. No email? Create the account again to get a new link.');
    case 'INVALID_RESET_LINK':
      return msg('This reset link has expired or was already used. Ask for a new one below.');
    case 'SESSION_EXPIRED':
      return msg('Your session has ended. Please sign in again.');
    case 'FORBIDDEN':
      return msg(str`Your sign-in does not include this. ${callUs(settings)}`);
    case 'NOT_FOUND':
      return msg('We couldn’t find that. It may have been removed.');
    case 'PORTAL_DISABLED':
      return msg(str`The customer portal is turned off right now. ${callUs(settings)}`);
    case 'FEATURE_DISABLED':
      return msg(str`This isn’t available online. ${callUs(settings)}`);
    case 'VALIDATION':
      return msg('Some of the information isn’t valid. Check it and try again.');
    case 'CONFLICT':
      return msg('This changed while you were working on it. Reload and try again.');
    case 'PAYMENT_DECLINED':
      return msg('Your card was declined. Try another card or call your bank.');
    case 'INSUFFICIENT_FUNDS':
      return msg('The card has insufficient funds. Try another card.');
    case 'PAYMENT_FAILED':
      return msg('The payment could not be completed. You were not charged. Try again.');
    case 'OUTSIDE_SERVICE_AREA':
      return msg(str`That address is outside the area we serve. ${callUs(settings)}`);
    case 'DAY_UNAVAILABLE':
      return msg('A day or arrival window you chose is no longer open. Choose another.');
    case 'LINK_EXPIRED':
      return error.details.linkProblem === 'revoked'
        ? msg(str`This link is no longer valid. ${callUs(settings)}`)
        : msg('This link has expired.');
    case 'LINK_INVALID':
      return msg(str`This link doesn’t work. Check that it was copied whole. If it was: ${callUs(settings)}`);
    case 'RATE_LIMITED':
      return msg(str`Too many requests. ${retryText(error.details.retryAfterSeconds)}.`);
    case 'NETWORK':
      return msg('We couldn’t connect. Check your internet connection and try again.');
    case 'ABORTED':
      return msg('The request was cancelled.');
    case 'BAD_RESPONSE':
      return msg(str`Something went wrong on our side. Try again in a moment. If it keeps happening: ${callUs(settings)}`);
  }
}
