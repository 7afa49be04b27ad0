/**
 * What a form's alert says after a failed attempt, and how it is drawn so that it is said every time.
 * Used by the pay form (in `<portal-invoices>` and `<portal-pay>`), `<portal-scheduler>` and `<portal-estimate>`.
 */
import { msg, str } from '../i18n/msg.js';
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';

/**
 * The problems found, in words that name them: one problem is said as it is; several, that there are
 * several and what the first one is (the field focus goes to). Never "the highlighted fields": a
 * screen reader has no highlight to show, and focus already in that field would read nothing new.
 */
export function problemsAlert(problems: Readonly<Record<string, string>>): string {
  const [first, ...more] = Object.values(problems).filter(Boolean);
  if (!first) return '';
  return more.length > 0 ? msg(str`Some fields need a change. The first: ${first}`) : first;
}

/**
 * The form's alert once an edit changed the problems from `before` to `after`: gone when it repeated a
 * problem now mended, or summed up problems now all mended (hidden while a field showed the same words,
 * it would otherwise show up, stale, once they are gone); else as it was.
 */
export function alertAfterEdit(alert: string, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string {
  const repeats = (problems: Readonly<Record<string, string>>) => Object.values(problems).includes(alert);
  const any = (problems: Readonly<Record<string, string>>) => Object.values(problems).some(Boolean);
  return alert && ((repeats(before) && !repeats(after)) || (any(before) && !any(after))) ? '' : alert;
}

/**
 * Whether focus is still where it was when the form was sent (`atSend`), or nowhere: only then may a
 * refusal that arrives later take it to the field at fault. A customer who moved on keeps their place.
 */
export function focusUnmoved(root: ShadowRoot, atSend: Element | null): boolean {
  const now = root.activeElement;
  return now === atSend || (now === null && document.activeElement === document.body);
}

/**
 * The message inside a form's `role="alert"` region: a new node for each attempt, so the same words
 * after a second failed attempt are announced again (an unchanged text node is not). When the words are
 * a field's own problem, shown beside that field (`problems`), they are said but not shown a second
 * time: on a phone the same sentence twice fills the screen.
 */
export function alertMessage(text: string, attempt: number, problems: Readonly<Record<string, string>> = {}) {
  const shownAtField = Object.values(problems).includes(text);
  return text ? keyed(attempt, html`<p class=${shownAtField ? 'visually-hidden' : 'message error'}>${text}</p>`) : nothing;
}
