/**
 * The language of a message to a customer: English or Spanish, the languages the elements speak.
 *
 * - A message the customer's own action sends (a confirmation or reset email, "request received", a
 *   receipt, "you approved") is in the language of the page they acted on: the elements send it as
 *   `Accept-Language` (docs/rest-contract.md, Conventions), and without it the browser's own header says it.
 * - A message the office sends later (an invoice's pay link, an estimate, a visit, an invitation) is in
 *   the customer's language: the office's record (`customers.language`: the records import's, or set by
 *   hand), else the language of the page the customer last used signed in as one of the customer's own
 *   contacts (`customer_page_languages`), else English.
 */
import type { WordLanguage } from '../../src/model/common.js';
import { wordLanguages } from '../../src/model/common.js';
import type { Queryable } from '../dialects/portal-database.js';
import type { RouteContext } from '../http/http.js';
import { normaliseEmail } from '../queries/rows.js';

export type MessageLanguage = WordLanguage;

/** The Intl locale a message is formatted in: US English, and US Spanish ("$1,234.50", as on the bills). */
export const messageLocale: Record<MessageLanguage, string> = { en: 'en-US', es: 'es-US' };

const isMessageLanguage = (value: unknown): value is MessageLanguage => (wordLanguages as readonly unknown[]).includes(value);

/**
 * The first language of an `Accept-Language` header the messages are written in, by its weights
 * (`fr-CA, es;q=0.8, en;q=0.5` → `es`); null when it names neither, or is absent or malformed.
 */
export function namedLanguage(header: string | null): MessageLanguage | null {
  const ranges = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const weight = parameters.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0], weight: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((range) => range.language).find(isMessageLanguage) ?? null;
}

/** The language a message answering this request is written in: the one its header names, else English. */
export const requestLanguage = (request: Request): MessageLanguage => namedLanguage(request.headers.get('accept-language')) ?? 'en';

/** A customer's language as the office sees it: the one in use, and where it comes from. */
export interface CustomerLanguages {
  /** What the office's messages to them are written in (the rule above). */
  language: MessageLanguage;
  /** The office's record: the records import's, or set by hand (`PUT /office/customers/:id/language`); null: none. */
  languageOnFile: MessageLanguage | null;
  /** The language of the pages they last used signed in; null: none yet. */
  pageLanguage: MessageLanguage | null;
}

/** Each customer's languages, by id (a customer not on file is not in the map). */
export async function languagesOf(db: Queryable, customerIds: readonly string[]): Promise<Map<string, CustomerLanguages>> {
  if (!customerIds.length) return new Map();
  const rows = await db
    .selectFrom('customers')
    .leftJoin('customer_page_languages', 'customer_page_languages.customer_id', 'customers.id')
    .select(['customers.id', 'customers.language as onFile', 'customer_page_languages.language as page'])
    .where('customers.id', 'in', customerIds)
    .execute();
  const known = (value: string | null | undefined): MessageLanguage | null => (isMessageLanguage(value) ? value : null);
  return new Map(
    rows.map((row) => {
      const onFile = known(row.onFile);
      const page = known(row.page);
      return [row.id, { language: onFile ?? page ?? 'en', languageOnFile: onFile, pageLanguage: page }];
    }),
  );
}

/** The language the office's messages to this customer are written in (the rule above). */
export async function customerLanguage(db: Queryable, customerId: string): Promise<MessageLanguage> {
  return (await languagesOf(db, [customerId])).get(customerId)?.language ?? 'en';
}

/** Keeps `language` as the page language of these customers (a customer booked from a request: the request's). */
export async function keepPageLanguage(db: Queryable, customerIds: readonly string[], language: MessageLanguage, now: Date): Promise<void> {
  for (const customerId of customerIds) {
    await db
      .insertInto('customer_page_languages')
      .values({ customer_id: customerId, language, learned_at: now.toISOString() })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ language, learned_at: now.toISOString() }))
      .execute();
  }
}

/**
 * What the portal learns from a page a person signed in as `email` used (a sign-in, a payment, an
 * approval, a request): its language, for the office's later messages to the customers whose own
 * contact that email is. Not those it reaches through one location only: a site superintendent's
 * Spanish is not the bill payer's. Only a language the request names (`en` or `es`): a client that
 * sends none, or another, teaches nothing.
 *
 * Called once the action is done, outside its transaction, and never fails it: a payment made is not
 * answered with an error because its language could not be kept.
 */
export async function learnLanguage(context: RouteContext, email: string): Promise<void> {
  const language = namedLanguage(context.request.headers.get('accept-language'));
  if (!language) return;
  try {
    const own = await context.db
      .selectFrom('contacts')
      .select('customer_id')
      .distinct()
      .where('type', '=', 'Email')
      .where('email_normalized', '=', normaliseEmail(email))
      .where('location_id', 'is', null)
      .execute();
    await keepPageLanguage(
      context.db,
      own.map((row) => row.customer_id),
      language,
      context.now,
    );
  } catch (error) {
    // Best effort (above): told to the log, and the next page the customer uses teaches it again.
    context.reportUnexpected?.(error);
  }
}
