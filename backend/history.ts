/**
 * Past work: completed jobs (paged with an opaque cursor), each job's invoice as a PDF, and the
 * customer's statement as a PDF. The contract is in docs/contract/history.md.
 */
import type { Invoice, Job } from '../src/model/index.js';
import { ApiError, json, type Route, type RouteContext } from './http.js';
import { requireAccount, requireBillingAccount } from './identity.js';
import { loadPdfLib } from './documents/load-pdf-lib.js';
import { invoicePdf, statementPdf, type AgingBucket, type StatementSection } from './documents/pdf.js';
import { visibleInvoices, visibleJobs } from './scoping.js';
import type { BackendState } from './state.js';

export const DEFAULT_JOB_PAGE = 50;
export const MAX_JOB_PAGE = 200;
const MAX_SEARCH_LENGTH = 200;

/** Newest first; the id breaks ties so the order is total and a cursor names one place in it. */
function compareJobs(a: Job, b: Job): number {
  const byDate = (b.completedOn ?? '').localeCompare(a.completedOn ?? '');
  return byDate !== 0 ? byDate : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

export function technicianNames(job: Job): string[] {
  return [...new Set(job.appointments.flatMap((a) => (a.technician ? [a.technician.name] : [])))];
}

function searchText(job: Job): string {
  return [job.number, job.jobType, job.summary, job.location.name, job.businessUnit.name, job.invoice?.number ?? '', ...technicianNames(job)]
    .join(' ')
    .toLocaleLowerCase();
}

/** Every word of the query must appear somewhere in the job. */
function matchesSearch(job: Job, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = searchText(job);
  return words.every((word) => text.includes(word));
}

function searchWords(q: string): string[] {
  return q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

interface CursorPosition {
  completedOn: string;
  id: string;
  /** The query the cursor belongs to: a cursor used with another year or search is refused. */
  query: string;
}

function queryKey(year: number | undefined, words: string[]): string {
  return `${year ?? ''}|${words.join(' ')}`;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(position: CursorPosition): string {
  return toBase64Url(JSON.stringify([1, position.completedOn, position.id, position.query]));
}

function decodeCursor(cursor: string): CursorPosition {
  const refuse = () => new ApiError(400, 'VALIDATION', 'That page link is not valid. Start from the first page.', { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 1 || !parsed.slice(1).every((part) => typeof part === 'string') || parsed.length !== 4) {
    throw refuse();
  }
  const [, completedOn, id, query] = parsed as [number, string, string, string];
  return { completedOn, id, query };
}

function readYear(url: URL): number | undefined {
  const raw = url.searchParams.get('year');
  if (raw === null || raw === '') return undefined;
  if (!/^\d{4}$/.test(raw)) throw new ApiError(400, 'VALIDATION', '"year" must be a four-digit year.', { field: 'year' });
  return Number(raw);
}

function readLimit(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return DEFAULT_JOB_PAGE;
  const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_JOB_PAGE)) {
    throw new ApiError(400, 'VALIDATION', `"limit" must be a whole number from 1 to ${MAX_JOB_PAGE}.`, { field: 'limit' });
  }
  return limit;
}

function readSearch(url: URL): string[] {
  const q = url.searchParams.get('q') ?? '';
  if (q.length > MAX_SEARCH_LENGTH) {
    throw new ApiError(400, 'VALIDATION', `Search for at most ${MAX_SEARCH_LENGTH} characters.`, { field: 'q' });
  }
  return searchWords(q);
}

async function listJobs(context: RouteContext) {
  const access = await requireAccount(context);
  const year = readYear(context.url);
  const words = readSearch(context.url);
  const limit = readLimit(context.url);
  const rawCursor = context.url.searchParams.get('cursor');
  const key = queryKey(year, words);
  const after = rawCursor ? decodeCursor(rawCursor) : null;
  if (after && after.query !== key) {
    throw new ApiError(400, 'VALIDATION', 'That page link belongs to another search. Start from the first page.', { field: 'cursor' });
  }

  const completed = visibleJobs(context.state, access).filter((job) => job.status === 'Completed' && job.completedOn);
  const years = [...new Set(completed.map((job) => Number(job.completedOn!.slice(0, 4))))].sort((a, b) => b - a);
  const prefix = year === undefined ? '' : `${year}-`;
  const matching = completed.filter((job) => job.completedOn!.startsWith(prefix) && matchesSearch(job, words)).sort(compareJobs);

  let start = 0;
  if (after) {
    const marker = { completedOn: after.completedOn, id: after.id } as Job;
    // Keyset paging: the first job after the cursor's place, even if jobs were added or removed since.
    start = matching.findIndex((job) => compareJobs(marker, job) < 0);
    if (start < 0) start = matching.length;
  }
  const items = matching.slice(start, start + limit);
  const last = items.at(-1);
  const nextCursor =
    last && start + limit < matching.length ? encodeCursor({ completedOn: last.completedOn!, id: last.id, query: key }) : null;
  return json({ items, nextCursor, total: matching.length, years });
}

/** "Northwind Heating & Air" → "Northwind": the start of every file name. */
export function filePrefix(companyName: string): string {
  const word = companyName.trim().split(/\s+/)[0] ?? '';
  return word.replace(/[^A-Za-z0-9-]/g, '') || 'Portal';
}

function pdfResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Access-Control-Expose-Headers': 'Content-Disposition',
      'Cache-Control': 'no-store',
    },
  });
}

function customerOf(state: BackendState, customerId: string) {
  const customer = state.customers.find((c) => c.id === customerId);
  if (!customer) throw new ApiError(404, 'NOT_FOUND', 'We could not find that account.');
  return customer;
}

async function invoicePdfRoute(context: RouteContext) {
  const access = await requireAccount(context);
  // Only an invoice this caller may see: another customer's, one hidden by the settings or at a
  // location without billing access all answer the same 404 as an id that does not exist.
  const invoice = visibleInvoices(context.state, access).find((i) => i.id === context.params.invoiceId);
  if (!invoice) throw new ApiError(404, 'NOT_FOUND', 'We could not find that invoice.');
  const lib = await loadPdfLib();
  const bytes = await invoicePdf(lib, {
    invoice,
    customer: customerOf(context.state, access.grant.customerId),
    settings: context.state.settings,
    now: context.now,
  });
  return pdfResponse(bytes, `${filePrefix(context.state.settings.companyName)}-invoice-${invoice.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`);
}

/** Today's calendar date in the contractor's time zone. */
export function contractorToday(state: BackendState, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: state.settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
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

async function statementPdfRoute(context: RouteContext) {
  const access = await requireBillingAccount(context);
  const statementDate = contractorToday(context.state, context.now);
  const sections = statementSections(visibleInvoices(context.state, access), statementDate);
  const lib = await loadPdfLib();
  const bytes = await statementPdf(lib, {
    customer: customerOf(context.state, access.grant.customerId),
    settings: context.state.settings,
    statementDate,
    sections,
    now: context.now,
  });
  return pdfResponse(bytes, `${filePrefix(context.state.settings.companyName)}-statement-${statementDate}.pdf`);
}

export const historyRoutes: Route[] = [
  { method: 'GET', path: '/customers/:customerId/jobs', handler: listJobs },
  { method: 'GET', path: '/customers/:customerId/invoices/:invoiceId/pdf', handler: invoicePdfRoute },
  { method: 'GET', path: '/customers/:customerId/statement/pdf', handler: statementPdfRoute },
];

export { addSyntheticJobs } from './synthetic-jobs.js';
