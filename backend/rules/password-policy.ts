import type { PasswordProblem } from '../../src/adapter/portal-error.js';

/**
 * NIST SP 800-63B-4 and OWASP ASVS 5.0: a length floor and ceiling, any characters (spaces and
 * non-Latin letters included), no composition rules, and a check against passwords attackers try first.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords of 12 or more characters that top the breached-password lists. Shorter favourites
 * ("123456", "password") already fail the length rule.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000',
  '123123123123', 'qwertyuiopas', 'qwertyuiop123', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'password1234',
  'password12345', 'password123456', 'passwordpassword', 'password123!', 'iloveyou1234', 'welcome12345',
  'welcome123456', 'letmein12345', 'abcdefghijkl', 'abc123abc123', 'qwerty123456', 'qwertyqwerty',
  'asdfghjkl123', 'zxcvbnm12345', 'football1234', 'baseball1234', 'princess1234', 'sunshine1234',
  'changeme1234', 'administrator', 'administrator1', 'adminadmin123', 'trustno1trustno1', 'monkey123456',
  'dragon123456', 'superman1234', 'starwars1234', 'michael12345', 'jennifer1234', 'correcthorsebatterystaple',
  'correct horse battery staple', 'mypassword123', 'mypassword1234', 'newpassword1', 'newpassword123',
  'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'secret123456', 'letmeinplease', 'iloveyouforever',
  'aaaaaaaaaaaa', 'abcd1234abcd', '1234qwerasdf', 'q1w2e3r4t5y6', 'summer202020', 'winter202020',
  'qazwsxedcrfv', 'homeowner123', 'customer1234', 'portal123456',
]);

/** Words attackers start from; a password that is only these, repeated, plus digits or symbols, is common. */
const COMMON_BASES = [
  'password', 'passw0rd', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'asdfgh', 'zxcvbn', 'letmein', 'welcome', 'iloveyou',
  'admin', 'abc', 'abcdef', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'starwars',
  'superman', 'master', 'shadow', 'trustno1', 'changeme', 'secret', 'login', 'hello', 'freedom', 'whatever',
];
const COMMON_PATTERN = new RegExp(`^(?:${COMMON_BASES.join('|').replace(/[@$]/g, '\\$&')})+[\\d\\s!@#$%^&*.?_-]*$`);

/** Runs of one character, or digits/letters in order ("123456789012", "abcdefghijkl"). */
function isTrivialSequence(text: string): boolean {
  const chars = [...text.replace(/\s/g, '')];
  if (chars.length === 0 || chars.every((c) => c === chars[0])) return true;
  const steps = chars.slice(1).map((c, i) => c.charCodeAt(0) - chars[i]!.charCodeAt(0));
  return /^[\da-z]+$/.test(text) && (steps.every((s) => s === 1 || s === -9) || steps.every((s) => s === -1 || s === 9));
}

function normalise(text: string) {
  return text.normalize('NFKC').toLowerCase();
}

export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Length counts characters as a person sees them, not UTF-16 units.
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('TOO_LONG');
  const candidate = normalise(password);
  if (
    COMMON_PASSWORDS.has(candidate) ||
    COMMON_PASSWORDS.has(candidate.trim()) ||
    COMMON_PATTERN.test(candidate) ||
    isTrivialSequence(candidate)
  ) {
    problems.push('COMMON');
  }
  const mail = normalise(email.trim());
  const localPart = mail.split('@')[0] ?? '';
  if (mail && (candidate.includes(mail) || (localPart.length >= 4 && candidate.includes(localPart)))) {
    problems.push('CONTAINS_EMAIL');
  }
  return problems;
}
