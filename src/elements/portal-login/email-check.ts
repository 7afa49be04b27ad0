/** What can be said about a typed email before it is sent: is it a whole address at all? */
import { msg, str } from '../../i18n/msg.js';

/**
 * `name@domain`, nothing missing on either side of the @ and no spaces: enough to sign in or ask for a
 * reset with (an account may hold an address the sign-up rule would not take today). A sign-up checks
 * more: isMailbox (src/model/mailbox.ts), the backend's own rule, passed by its step.
 */
export function isCompleteEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim());
}

/** "“marcus” is not a complete email address …", or a plain request for one when nothing was typed. */
export function incompleteEmailText(email: string): string {
  const typed = email.trim();
  if (!typed) return msg('Enter your email address.');
  return msg(str`“${typed}” is not a complete email address. Enter the whole address, like name@example.com.`);
}
