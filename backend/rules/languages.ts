/**
 * The language of a message to a customer: English or Spanish, the languages the elements speak.
 *
 * - A message the customer's own action sends (a confirmation or reset email, "request received", a
 *   receipt, "you approved") is in the language of the page they acted on: the elements send it as
 *   `Accept-Language` (docs/rest-contract.md, Conventions), and without it the browser's own header says it.
 * - A message the office sends later (an invoice's pay link, an estimate, a visit, an invitation) is in
 *   the customer's language: what the records import says, else what the portal last learned from the
 *   pages they used, else English.
 */
import type { WordLanguage } from '../../src/model/common.js';
import { wordLanguages } from '../../src/model/common.js';
import type { Queryable } from '../dialects/portal-database.js';

export type MessageLanguage = WordLanguage;

/** The Intl locale a message is formatted in: US English, and US Spanish ("$1,234.50", as on the bills). */
export const messageLocale: Record<MessageLanguage, string> = { en: 'en-US', es: 'es-US' };

const isMessageLanguage = (value: unknown): value is MessageLanguage => (wordLanguages as readonly unknown[]).includes(value);

/**
 * The first language of an `Accept-Language` header the messages are written in, by its weights
 * (`fr-CA, es;q=0.8, en;q=0.5` → `es`); English when it names neither, or is absent or malformed.
 */
export function languageOfHeader(header: string | null): MessageLanguage {
  const ranges = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const weight = parameters.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0], weight: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((range) => range.language).find(isMessageLanguage) ?? 'en';
}

/** The language of the page that sent this request. */
export const requestLanguage = (request: Request): MessageLanguage => languageOfHeader(request.headers.get('accept-language'));

/** The language the office's messages to this customer are written in. */
export async function customerLanguage(db: Queryable, customerId: string): Promise<MessageLanguage> {
  const row = await db.selectFrom('customers').select('language').where('id', '=', customerId).executeTakeFirst();
  return isMessageLanguage(row?.language) ? row.language : 'en';
}

/**
 * What the portal learns from a page a customer used: their language, for the office's later messages.
 * Written only where it changes, so a sign-in in the customer's usual language writes nothing.
 */
export async function rememberLanguage(db: Queryable, customerIds: readonly string[], language: MessageLanguage): Promise<void> {
  if (!customerIds.length) return;
  await db
    .updateTable('customers')
    .set({ language })
    .where('id', 'in', customerIds)
    .where((eb) => eb.or([eb('language', 'is', null), eb('language', '<>', language)]))
    .execute();
}

