/** What can be said about a typed email before it is sent: is it a whole address at all? */
import { msg, str } from '../../i18n/msg.js';
import { isMailbox } from '../../model/email.js';

/** One whole mailbox, `name@domain.tld`: the backend's own rule for a sign-up (src/model/email.ts). */
export function isCompleteEmail(email: string): boolean {
  return isMailbox(email.trim());
}

/** "“marcus” is not a complete email address …", or a plain request for one when nothing was typed. */
export function incompleteEmailText(email: string): string {
  const typed = email.trim();
  if (!typed) return msg('Enter your email address.');
  return msg(str`“${typed}” is not a complete email address. Enter the whole address, like name@example.com.`);
}
