/**
 * An email as the portal compares and shows it: trimmed, in lower case. Sign-up matches the address
 * on file this way, the session carries it this way, and the sign-in card shows it this way. No zod
 * here: the sign-in card's code imports it without the schemas.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * One mailbox a message can go to: name@domain.tld, with nothing a mail tool would read as a list of
 * recipients or a display name (`,` `;` `:` angle brackets, quotes, brackets, spaces). The scheduler's
 * form, an appointment request and a sign-up check it alike.
 */
export function isMailbox(email: string): boolean {
  return /^[^\s@,;:<>()[\]\\"]+@[^\s@,;:<>()[\]\\"]+\.[^\s@,;:<>()[\]\\"]+$/.test(email);
}
