/**
 * Notices to the office: what a customer did that someone at the office must act on — a new appointment
 * request to book or dismiss, an estimate approved, declined or sent back with changes, a payment to
 * record in the field-service system. Without them the office learns of a request only by looking at
 * its queue. To the `officeNoticeEmail` setting (none while it is blank), through the outbox like every
 * message, written in the same transaction as what it reports (so exactly once). In English, the office's
 * language; every customer's word is text (escaped in the HTML, on one line in the subject).
 */
import type { Queryable } from '../dialects/portal-database.js';
import type { RouteContext } from '../http/http.js';
import { cleanText, escapeHtml } from './merge-tags.js';
import { putInOutbox } from './messages.js';

export type NoticeKind = 'request' | 'estimate' | 'payment';

export interface OfficeNotice {
  kind: NoticeKind;
  subject: string;
  /** Paragraphs of plain text. */
  lines: string[];
}

/** A customer's words on one line, cut to `max` characters: a subject or a quoted reason. */
export function oneLine(text: string, max = 120): string {
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The customer's name as the office knows it (the account's), for a notice; its id if it is gone. */
export async function customerNameOf(db: Queryable, customerId: string): Promise<string> {
  const row = await db.selectFrom('customers').select('name').where('id', '=', customerId).executeTakeFirst();
  return row?.name ?? customerId;
}

/** How the customer came: signed in (as whom: a business account has several people) or by the link sent to them. */
export function cameBy(signedInAs: string | undefined): string {
  return signedInAs ? `signed in to the portal as ${signedInAs}` : 'from the link sent to them';
}

export async function noticeOffice(context: RouteContext, db: Queryable, notice: OfficeNotice): Promise<void> {
  const to = context.settings.officeNoticeEmail?.trim();
  if (!to) return;
  const lines = notice.lines.filter((line) => line.trim() !== '');
  const message = {
    subject: oneLine(notice.subject, 200),
    body: lines.join('\n\n'),
    html: lines.map((line) => `<p>${escapeHtml(line).replace(/\n/g, '<br>')}</p>`).join('\n'),
    sms: '',
  };
  await putInOutbox(context, db, { email: to, phone: null }, message, `office-${notice.kind}`, null);
}
