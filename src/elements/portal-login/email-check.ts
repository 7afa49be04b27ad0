/** What can be said about a typed email before it is sent: is it a whole address at all? */
import { msg, str } from '../../i18n/msg.js';
import { html } from 'lit';

/** `name@domain`, nothing missing on either side of the @ and no spaces inside (the backend's own rule). */
export function isCompleteEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim());
}

/** "“marcus” is not a complete email address …", or a plain request for one when nothing was typed. */
export function incompleteEmailText(email: string): string {
  const typed = email.trim();
  if (!typed) return msg('Enter your email address.');
  return msg(str`“${typed}” is not a complete email address. Enter the whole address, like name@example.com.`);
}

/**
 * An email with line-break opportunities after the @ and before each dot of the domain, so a long
 * address on a phone breaks as `dana.whitfield@` / `example.com`, not mid-word. Text only, never HTML.
 */
export function breakableEmail(email: string) {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  const domain = email.slice(at + 1).split('.');
  return html`${email.slice(0, at + 1)}<wbr />${domain.map((part, i) => (i === 0 ? part : html`<wbr />.${part}`))}`;
}
