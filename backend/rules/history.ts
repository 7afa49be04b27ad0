/**
 * Past work: completed jobs paged by keyset on the jobs index (newest first), each job's invoice as a
 * PDF, and the customer's statement as a PDF. The contract is in docs/contract/history.md.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Invoice } from '../../src/model/index.js';
import { todayIn } from '../../src/internal/format.js';
import { invoicePdf, statementPdf, type AgingBucket, type StatementSection } from '../documents/pdf.js';
import { loadPdfLib } from '../documents/load-pdf-lib.js';
import { pdfWords } from '../documents/pdf-words.js';
import { decodeCursor, encodeCursor, readLimit } from '../http/cursor.js';
import { ApiError, json, type Route, type RouteContext } from '../http/http.js';
import { customerOf } from '../queries/rows.js';
import { afterPosition } from '../queries/keyset.js';
import type { Database } from '../schema/database.js';
import { jobsInScope, jobsWithAppointments, visibleInvoices, visibleJobs, withDetails } from '../queries/scoping.js';
import { requireAccount, requireBillingAccount } from './identity.js';
import { requestLanguage } from './languages.js';

export const DEFAULT_JOB_PAGE = 50;
export const MAX_JOB_PAGE = 200;
const MAX_SEARCH_LENGTH = 200;

function readYear(url: URL): number | undefined {
  const raw = url.searchParams.get('year');
  if (raw === null || raw === '') return undefined;
  if (!/^\d{4}$/.test(raw)) throw new ApiError(400, 'VALIDATION', '"year" must be a four-digit year.', { field: 'year' });
  return Number(raw);
}

function readSearch(url: URL): string[] {
  const q = url.searchParams.get('q') ?? '';
  if (q.length > MAX_SEARCH_LENGTH) {
    throw new ApiError(400, 'VALIDATION', `Search for at most ${MAX_SEARCH_LENGTH} characters.`, { field: 'q' });
  }
  return q.toLocaleLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
}

/** `%`, `_` and `\` typed by a customer are searched for literally. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function listJobs(context: RouteContext) {
  const access = await requireAccount(context);
  const year = readYear(context.url);
  const words = readSearch(context.url);
  const limit = readLimit(context.url, DEFAULT_JOB_PAGE, MAX_JOB_PAGE);
  const key = `${year ?? ''}|${words.join(' ')}`;
  const rawCursor = context.url.searchParams.get('cursor');
  const after = rawCursor ? decodeCursor(rawCursor, 2, key) : null;

  // Completed jobs (what the list of years reads), in a year if one is given (the year asked for: what the
  // list and its count read).
  const completedIn = (inYear: number | undefined) => (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.and([
      eb('jobs.status', '=', 'Completed'),
      eb('jobs.completed_on', 'is not', null),
      ...(inYear === undefined ? [] : [eb('jobs.completed_on', '>=', `${inYear}-01-01`), eb('jobs.completed_on', '<=', `${inYear}-12-31`)]),
    ]);
  let matching = visibleJobs(context.db, context.settings, access).where(completedIn(year));
  for (const word of words) {
    // SQLite has no default LIKE escape character and PostgreSQL's is "\": say it, the same for both.
    // The invoice's number only when this caller may see the invoice (visibleJobs joins it so).
    const pattern = likePattern(word);
    matching = matching.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('jobs.search_text')} like ${pattern} escape ${'\\'}`,
        sql<boolean>`lower(${sql.ref('invoices.number')}) like ${pattern} escape ${'\\'}`,
      ]),
    );
  }

  let page = matching;
  if (after) {
    const [completedOn, id] = after as [string, string];
    page = page.where((eb) =>
      afterPosition(eb, 'desc', [
        ['jobs.completed_on', completedOn],
        ['jobs.id', id],
      ]),
    );
  }
  const [rows, count, years] = await Promise.all([
    page.orderBy('jobs.completed_on', 'desc').orderBy('jobs.id', 'desc').limit(limit + 1).execute(),
    // Without search words the count needs no invoice (only a search matches invoice numbers).
    (words.length > 0 ? matching.clearSelect() : jobsInScope(context.db, access).where(completedIn(year)))
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
    jobsInScope(context.db, access)
      .where(completedIn(undefined))
      .select((eb) => eb.fn<string>('substr', ['jobs.completed_on', eb.lit(1), eb.lit(4)]).as('year'))
      .distinct()
      .execute(),
  ]);
  const items = await jobsWithAppointments(context.db, context.settings, rows.slice(0, limit), access);
  const last = items.at(-1);
  return json({
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.completedOn!, last.id], key) : null,
    total: Number(count.total),
    years: years.map((y) => Number(y.year)).sort((a, b) => b - a),
  });
}

/** Latin letters no accent-folding reaches (they are letters of their own, not a letter and a mark). */
const LATIN_LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ø: 'O', ø: 'o', ß: 'ss', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', Ð: 'D', ð: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

/**
 * "Northwind Heating & Air" → "Northwind-Heating-Air": the start of every file name. The whole name, not
 * its first word ("The Plumbing Co" is not "The"), with accents folded ("Calefacción Núñez" →
 * "Calefaccion-Nunez", "Łódź Serwis" → "Lodz-Serwis") so every browser and file system keeps it, and cut
 * at a word within 40 characters.
 */
export function filePrefix(companyName: string): string {
  const words = companyName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^ -~]/g, (letter) => LATIN_LETTERS[letter] ?? letter)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let prefix = '';
  for (const word of words) {
    const longer = prefix ? `${prefix}-${word}` : word;
    if (longer.length > 40) break;
    prefix = longer;
  }
  return prefix || words[0]?.slice(0, 40) || 'Portal';
}

function pdfResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Access-Control-Expose-Headers': 'Content-Disposition',
      'Cache-Control': 'no-store',
      // In the language of the page that asks (Accept-Language).
      Vary: 'Accept-Language',
    },
  });
}

async function customerRecord(context: RouteContext, customerId: string) {
  const [row, locations, contacts] = await Promise.all([
    context.db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst(),
    context.db.selectFrom('locations').selectAll().where('customer_id', '=', customerId).execute(),
    context.db.selectFrom('contacts').selectAll().where('customer_id', '=', customerId).execute(),
  ]);
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'We could not find that account.');
  return customerOf(row, locations, contacts);
}

async function invoicePdfRoute(context: RouteContext) {
  const access = await requireAccount(context);
  // Only an invoice this caller may see: another customer's, one hidden by the settings or at a
  // location without billing access all answer the same 404 as an id that does not exist.
  const row = await visibleInvoices(context.db, context.settings, access)
    .selectAll()
    .where('id', '=', context.params.invoiceId ?? '')
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'We could not find that invoice.');
  const [invoice] = await withDetails(context.db, [row]);
  const lib = await loadPdfLib();
  const language = requestLanguage(context.request);
  const bytes = await invoicePdf(lib, {
    invoice: invoice!,
    customer: await customerRecord(context, access.grant.customerId),
    settings: context.settings,
    now: context.now,
    language,
  });
  return pdfResponse(bytes, `${filePrefix(context.settings.companyName)}-${pdfWords[language].invoiceFile}-${invoice!.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`);
}

/** Today's calendar date in the contractor's time zone. */
export function contractorToday(timeZone: string, now: Date): string {
  return todayIn(timeZone, now);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function bucketFor(ageDays: number): AgingBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 60) return '31-60';
  if (ageDays <= 90) return '61-90';
  return '90+';
}

/** Open invoices (balance above zero) the caller may see, aged by days since the invoice date. */
export function statementSections(invoices: Invoice[], statementDate: string): StatementSection[] {
  const open = invoices.filter((i) => i.balance > 0).sort((a, b) => a.invoiceDate.localeCompare(b.invoiceDate) || a.number.localeCompare(b.number));
  const sections = new Map<string, StatementSection>();
  for (const invoice of open) {
    let section = sections.get(invoice.currency);
    if (!section) {
      section = { currency: invoice.currency, lines: [], buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 }, total: 0 };
      sections.set(invoice.currency, section);
    }
    const ageDays = Math.max(0, daysBetween(invoice.invoiceDate, statementDate));
    const bucket = bucketFor(ageDays);
    section.lines.push({ invoice, ageDays, bucket });
    section.buckets[bucket] += invoice.balance;
    section.total += invoice.balance;
  }
  return [...sections.values()];
}

/** Most open invoices one statement lists; the rest are summed on its last line by the PDF. */
const STATEMENT_LIMIT = 2_000;

async function statementPdfRoute(context: RouteContext) {
  const access = await requireBillingAccount(context);
  const statementDate = contractorToday(context.settings.timeZone, context.now);
  const rows = await visibleInvoices(context.db, context.settings, access)
    .selectAll()
    .where('balance', '>', 0)
    .orderBy('invoice_date')
    .orderBy('number')
    .limit(STATEMENT_LIMIT)
    .execute();
  const sections = statementSections(await withDetails(context.db, rows), statementDate);
  const lib = await loadPdfLib();
  const language = requestLanguage(context.request);
  const bytes = await statementPdf(lib, {
    customer: await customerRecord(context, access.grant.customerId),
    settings: context.settings,
    statementDate,
    sections,
    now: context.now,
    language,
  });
  return pdfResponse(bytes, `${filePrefix(context.settings.companyName)}-${pdfWords[language].statementFile}-${statementDate}.pdf`);
}

export const historyRoutes: Route[] = [
  { method: 'GET', path: '/customers/:customerId/jobs', query: ['year', 'q', 'limit', 'cursor'], handler: listJobs, snapshot: true },
  { method: 'GET', path: '/customers/:customerId/invoices/:invoiceId/pdf', handler: invoicePdfRoute },
  { method: 'GET', path: '/customers/:customerId/statement/pdf', handler: statementPdfRoute },
];
