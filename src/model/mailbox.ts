/**
 * What an email must look like to receive messages. Its own module, apart from email.ts (which the
 * sign-in card loads first): only the forms that take an address to write to (sign-up, the scheduler)
 * and the backend need it.
 */

/**
 * One mailbox a message can go to: name@domain.tld, with nothing a mail tool would read as a list of
 * recipients or a display name (`,` `;` `:` angle brackets, quotes, brackets, spaces). The scheduler's
 * form, an appointment request and a sign-up check it alike.
 */
export function isMailbox(email: string): boolean {
  return /^[^\s@,;:<>()[\]\\"]+@[^\s@,;:<>()[\]\\"]+\.[^\s@,;:<>()[\]\\"]+$/.test(email);
}
