/**
 * Online estimates: options side by side, approved by a typed name with the consent texts shown, or
 * declined, or sent back with changes asked for. A decision freezes the version; an office edit is a
 * new version to approve again. The approval's signature record ties the name to a SHA-256 of exactly
 * what was shown (docs/contract/links.md).
 */
import { sql, type Transaction } from 'kysely';
import type {
  ConsentText,
  Estimate,
  EstimateDecision,
  EstimateOption,
  EstimateView,
} from '../../src/model/index.js';
import { isCalendarDay, wordLanguages, type WordLanguage } from '../../src/model/common.js';
import { formatMoney } from '../../src/internal/format.js';
import { estimatePdf } from '../documents/estimate-pdf.js';
import { loadPdfLib } from '../documents/load-pdf-lib.js';
import { pdfWords } from '../documents/pdf-words.js';
import { ApiError, invalid, json, requireString, type Route, type RouteContext } from '../http/http.js';
import { forUpdate, type DialectName, type Queryable } from '../dialects/portal-database.js';
import { customerOf } from '../queries/rows.js';
import { billingLocationsForQuery } from '../queries/scoping.js';
import { holdCounter, nextNumber } from '../queries/counters.js';
import type { Database } from '../schema/database.js';
import { randomId, sha256 } from './crypto.js';
import { translationsKept } from './translations.js';
import { isPlainObject } from '../http/known-keys.js';
import { contractorToday, filePrefix } from './history.js';
import { requireAccount } from './identity.js';
import { linkJson, linkPortal, requireLink, voidOf } from './links.js';
import { sendTemplated } from './messages.js';
import { cameBy, customerNameOf, noticeOffice, oneLine } from './office-notices.js';
import { learnLanguage, messageLocale, requestLanguage, type MessageLanguage } from './languages.js';
import { estimateIn, inLanguage } from '../../src/i18n/contractor-words.js';
import { standardConsents } from './standard-consents.js';

/** What the estimates table keeps as JSON beside its columns. */
export interface StoredEstimateContent {
  number: string;
  locationName: string;
  validUntil: string;
  currency: string;
  options: Omit<EstimateOption, 'contentSha256'>[];
  terms: Estimate['terms'];
  consents: ConsentText[];
  decision: EstimateDecision | null;
  /** The name for readers of another language (the name itself is a column). */
  translations?: Estimate['translations'];
}

/** Copies `translations` onto a part when there are any (a part without them stores and hashes as before). */
const withWords = <T extends object, W>(part: T, translations: W | undefined): T & { translations?: W } => (translations ? { ...part, translations } : part);

/** An estimate as the seed and the office write it (the option hashes are computed, never stored). */
export type EstimateRecord = Omit<Estimate, 'options'> & { options: Omit<EstimateOption, 'contentSha256'>[] };

export function estimateRow(estimate: EstimateRecord): Database['estimates'] {
  const content: StoredEstimateContent = withWords({
    number: estimate.number,
    locationName: estimate.location.name,
    validUntil: estimate.validUntil,
    currency: estimate.currency,
    options: estimate.options,
    terms: estimate.terms,
    consents: estimate.consents,
    decision: estimate.decision,
  }, estimate.translations);
  return {
    id: estimate.id,
    customer_id: estimate.customerId,
    location_id: estimate.location.id,
    name: estimate.name,
    created_on: estimate.createdOn,
    status: estimate.status,
    version: estimate.version,
    content: JSON.stringify(content),
  };
}

/**
 * The SHA-256 of exactly what an option shows: canonical JSON of the estimate's id and version, the
 * option, the terms, with the office's translations of them (what a reader of another language is shown).
 * An estimate without translations hashes as it did before they existed, so older signatures still match.
 */
async function contentHash(row: Database['estimates'], content: StoredEstimateContent, option: StoredEstimateContent['options'][number]) {
  return sha256(
    JSON.stringify({
      estimate: row.id,
      version: row.version,
      currency: content.currency,
      option: withWords({
        id: option.id,
        name: option.name,
        description: option.description,
        items: option.items.map((i) => [i.description, i.quantity, i.unitPrice, i.total, ...(i.translations ? [i.translations] : [])]),
        subtotal: option.subtotal,
        tax: option.tax,
        total: option.total,
      }, option.translations),
      terms: content.terms,
    }),
  );
}

/** The stored estimate as a record (the dump's form): the option hashes left out. */
export function recordOf(row: Database['estimates']): EstimateRecord {
  const content = JSON.parse(row.content) as StoredEstimateContent;
  return withWords({
    id: row.id,
    number: content.number,
    name: row.name,
    customerId: row.customer_id,
    location: { id: row.location_id, name: content.locationName },
    createdOn: row.created_on,
    validUntil: content.validUntil,
    version: row.version,
    status: row.status as Estimate['status'],
    currency: content.currency,
    options: content.options,
    terms: content.terms,
    consents: content.consents,
    decision: content.decision,
  }, content.translations);
}

export async function estimateOf(row: Database['estimates']): Promise<Estimate> {
  const record = recordOf(row);
  const content = JSON.parse(row.content) as StoredEstimateContent;
  return { ...record, options: await Promise.all(record.options.map(async (o) => ({ ...o, contentSha256: await contentHash(row, content, o) }))) };
}

async function estimateRowById(db: Queryable, id: string) {
  return db.selectFrom('estimates').selectAll().where('id', '=', id).executeTakeFirst();
}

function view(context: RouteContext, estimate: Estimate): EstimateView {
  return { estimate, company: { name: context.settings.companyName, phone: context.settings.companyPhone, timeZone: context.settings.timeZone } };
}

/** Who may act on an estimate, and how the signature record names the way in. */
interface EstimateAccess {
  row: Database['estimates'];
  via: string;
  /** The signed-in email (the portal's way in); a link's holder is not named. */
  signedInAs?: string;
  /** The link's token hash (a link's way in): its messages name the portal page it was sent with. */
  linkTokenHash?: string;
  /** Answers in the link's way (no-referrer, noindex) or the portal's. */
  answer: (body: unknown, status?: number) => Response;
}

const notFound = () => new ApiError(404, 'NOT_FOUND', 'We could not find that estimate.');

async function byLink(context: RouteContext): Promise<EstimateAccess> {
  const id = context.params.estimateId ?? '';
  let row: Database['estimates'] | undefined;
  const link = await requireLink(context, 'estimate', id, {
    expired: async () => {
      row = await estimateRowById(context.db, id);
      // An open estimate's link works through its valid-until day; a decided one keeps showing the decision.
      return !row || isExpired(context, row);
    },
    // Its link expires only with the estimate: a fresh one would open expired too (only the office can extend it).
    renewable: async () => false,
  });
  if (!row) throw notFound();
  return { row, via: `link:${link.tokenHash.slice(0, 8)}`, linkTokenHash: link.tokenHash, answer: linkJson };
}

/**
 * An estimate is a billing document: its prices, its answer and its signature record (the signer's
 * address and browser) are for contacts with billing access where the work is, as its link and its
 * messages are (docs/contract/links.md). A site contact without billing sees none of it, as with invoices.
 */
async function bySession(context: RouteContext): Promise<EstimateAccess> {
  const access = await requireAccount(context);
  const row = await estimateRowById(context.db, context.params.estimateId ?? '');
  if (!row || row.customer_id !== access.grant.customerId || !access.billingLocationIds.includes(row.location_id)) throw notFound();
  // Withdrawn by the office: gone from the customer's portal.
  if (await voidOf(context.db, 'estimate', row.id)) throw notFound();
  return { row, via: `portal:${access.caller.loginId}`, signedInAs: access.caller.email, answer: json };
}

function text(body: Record<string, unknown>, field: string, min: number, max: number): string {
  const value = requireString(body, field, max).trim();
  if (value.length < min) invalid(field, `"${field}" is required.`);
  return value;
}

const decided = () => new ApiError(409, 'CONFLICT', 'This estimate was already answered. Reload to see its status.');
const changed = () =>
  new ApiError(409, 'CONFLICT', 'This estimate changed since you opened it. Review the new version before you answer.', { field: 'version' });

/**
 * An open estimate takes an answer through its valid-until day, in the company's calendar, however
 * the customer comes (a link stops working then; signed in, the answer is refused).
 */
function isExpired(context: RouteContext, row: Database['estimates']): boolean {
  return row.status === 'Open' && contractorToday(context.settings.timeZone, context.now) > (JSON.parse(row.content) as StoredEstimateContent).validUntil;
}

/** Whether the estimate is open and past its valid-until day (false for one that does not exist). */
export async function estimateExpired(context: RouteContext, estimateId: string): Promise<boolean> {
  const row = await estimateRowById(context.db, estimateId);
  return row !== undefined && isExpired(context, row);
}

function refuseIfExpired(context: RouteContext, row: Database['estimates']): void {
  if (!isExpired(context, row)) return;
  const { validUntil } = JSON.parse(row.content) as StoredEstimateContent;
  const { companyName, companyPhone } = context.settings;
  throw new ApiError(409, 'CONFLICT', `This estimate expired on ${validUntil}. Call ${companyName} at ${companyPhone} for a new one.`, { field: 'validUntil' });
}

/**
 * The same answer sent again (a retry after the first one's answer was lost) is answered as the first
 * was: the estimate as it is now, marked replayed. The customer did what they meant to, once; a
 * refusal would tell them the estimate "changed" under their own answer.
 */
function replayed(context: RouteContext, access: EstimateAccess, estimate: Estimate): Response {
  const response = access.answer(view(context, estimate));
  response.headers.set('Idempotent-Replayed', 'true');
  return response;
}

/** An answer as the customer sent it; `version` undefined: an answer that did not say which version it saw. */
type SentAnswer =
  | { kind: 'approved'; optionId: string; signerName: string; version: number }
  | { kind: 'declined'; reason: string; version: number | undefined }
  | { kind: 'changes-requested'; message: string; version: number | undefined };

/** Whether the estimate's decision is this very answer (a retry of it), not another one. */
function isSameAnswer(estimate: Estimate, sent: SentAnswer): boolean {
  const earlier = estimate.decision;
  // Decided, and by that answer at this version: an open estimate keeps an earlier version's decision
  // only to show it, and an answer to it now would be recorded anew.
  if (estimate.status === 'Open' || !earlier || earlier.version !== estimate.version) return false;
  if (earlier.kind !== sent.kind || (sent.version !== undefined && sent.version !== earlier.version)) return false;
  if (earlier.kind === 'approved' && sent.kind === 'approved') return earlier.optionId === sent.optionId && earlier.signerName === sent.signerName;
  if (earlier.kind === 'declined' && sent.kind === 'declined') return earlier.reason === sent.reason;
  return earlier.kind === 'changes-requested' && sent.kind === 'changes-requested' && earlier.message === sent.message;
}

/**
 * Records an answer, or answers a retry of one already recorded (found before, or when two copies of
 * it race: the one that lost finds the other's decision). Any other decided estimate is a refusal.
 */
async function answerOnce(context: RouteContext, access: EstimateAccess, sent: SentAnswer, record: () => Promise<void>): Promise<Response> {
  const current = async () => estimateOf((await estimateRowById(context.db, access.row.id))!);
  try {
    await record();
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const now = await current();
      if (isSameAnswer(now, sent)) return replayed(context, access, now);
    }
    throw error;
  }
  return access.answer(view(context, await current()));
}

/** The decision, written once: only an open estimate at the version the customer saw changes. */
async function decide(
  dialect: DialectName,
  trx: Transaction<Database>,
  row: Database['estimates'],
  status: Estimate['status'],
  decision: EstimateDecision,
): Promise<void> {
  // The office's withdrawal and the customer's answer can cross. Both take the estimate's row lock first
  // (PostgreSQL; SQLite writes one transaction at a time), and the withdrawal is then looked for by a
  // statement of its own: under READ COMMITTED the UPDATE's own NOT EXISTS below is re-checked against
  // its first snapshot and would miss a withdrawal committed while this answer waited for the lock.
  const locked = await forUpdate(dialect, trx.selectFrom('estimates').select('content').where('id', '=', row.id)).executeTakeFirst();
  if (!locked || (await voidOf(trx, 'estimate', row.id))) throw decided();
  // The content as it is under the lock, not as the request first read it: an office edit that keeps the
  // version (a later valid-until day) may have landed since, and the decision must not write it back.
  const content = JSON.parse(locked.content) as StoredEstimateContent;
  const updated = await trx
    .updateTable('estimates')
    .set({ status, content: JSON.stringify({ ...content, decision }) })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', 'Open')
    // Not withdrawn meanwhile (the office's withdrawal and the customer's answer can cross).
    .where((eb) => eb.not(eb.exists(eb.selectFrom('document_voids').select('document_voids.document_id').where('document_voids.purpose', '=', 'estimate').whereRef('document_voids.document_id', '=', 'estimates.id'))))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    // Lost to an office edit (a new version, open again) or to another answer: said as which, so the page
    // shows "changed since you opened it" or "already answered" truly.
    const now = await trx.selectFrom('estimates').select(['version', 'status']).where('id', '=', row.id).executeTakeFirst();
    throw now && now.version !== row.version && now.status === 'Open' ? changed() : decided();
  }
}

async function approve(context: RouteContext, access: EstimateAccess): Promise<Response> {
  const body = await context.body();
  const estimate = await estimateOf(access.row);
  const optionId = text(body, 'optionId', 1, 128);
  const signerName = text(body, 'signerName', 1, 200);
  if ((signerName.match(/\p{L}/gu) ?? []).length < 2) invalid('signerName', 'Type your full name to sign.');
  const version = body.version;
  const shown = body.contentSha256;
  if (typeof version !== 'number' || !Number.isInteger(version)) invalid('version', '"version" is the estimate version you were shown.');
  if (typeof shown !== 'string' || !/^[0-9a-f]{64}$/.test(shown)) invalid('contentSha256', '"contentSha256" is the SHA-256 of the option you were shown.');
  const sent: SentAnswer = { kind: 'approved', optionId, signerName, version };
  if (estimate.status !== 'Open') {
    if (isSameAnswer(estimate, sent)) return replayed(context, access, estimate);
    throw decided();
  }
  refuseIfExpired(context, access.row);
  const option = estimate.options.find((o) => o.id === optionId);
  if (!option) invalid('optionId', 'Choose one of the options.');
  if (version !== estimate.version || shown !== option.contentSha256) throw changed();
  const given = Array.isArray(body.consents) ? (body.consents as unknown[]) : [];
  for (const consent of estimate.consents) {
    const ok = given.some((g) => {
      const entry = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
      return entry.id === consent.id && entry.version === consent.version;
    });
    if (!ok) invalid(`consents.${consent.id}`, `Tick “${consent.text}” to approve.`);
  }
  const signedAt = context.now.toISOString();
  // The language of the page it was signed on: the consents are recorded, and its record sent, in it.
  const language = requestLanguage(context.request);
  const answer = await answerOnce(context, access, sent, () => context.transaction(async (trx) => {
    await decide(context.dialect, trx, access.row, 'Approved', { kind: 'approved', optionId, signerName, signedAt, version });
    await trx
      .insertInto('estimate_signatures')
      .values({
        id: randomId('sig'),
        estimate_id: estimate.id,
        version,
        option_id: optionId,
        content_sha256: option.contentSha256,
        signer_name: signerName,
        // As shown: in the language of the page it was signed on (the element shows that language's text).
        consents: JSON.stringify(consentsAsShown(estimate.consents, language)),
        signed_at: signedAt,
        client_address: context.clientAddress,
        user_agent: context.request.headers.get('User-Agent')?.slice(0, 512) ?? null,
        via: access.via,
      })
      .execute();
    // A record of what was signed, for the customer's files, as a payment has its receipt: to the contacts
    // who may approve there (whoever signed, by link or signed in). Once: a retried approval is replayed
    // by answerOnce without coming here. In the language of the page it was signed on.
    // Approved through a link: the portal page the link was sent with, in this language.
    const portal = access.linkTokenHash ? await linkPortal(context, trx, access.linkTokenHash, language) : null;
    await sendTemplated(context, trx, {
      language,
      kind: 'estimateApproved',
      outboxKind: 'estimate-approved',
      customerId: access.row.customer_id,
      document: { locationId: access.row.location_id, need: 'billing' },
      values: {
        EstimateNumber: estimate.number,
        ApprovedOption: `${inLanguage(language, option.name, option.translations, 'name')}, ${formatMoney(option.total, estimate.currency, messageLocale[language])}`,
        SignerName: signerName,
        ...(portal ? { CustomerPortalLink: portal } : {}),
      },
      link: null,
    });
    const total = formatMoney(option.total, estimate.currency, 'en-US');
    await noticeOffice(context, trx, {
      kind: 'estimate',
      subject: `Estimate ${estimate.number} approved: ${option.name}, ${total}`,
      lines: [
        `${oneLine(signerName)} approved ${option.name} (${total}) on estimate ${estimate.number}, ${estimate.name}, for ${await customerNameOf(trx, access.row.customer_id)}, ${cameBy(access.signedInAs)}.`,
        'The signed record (consents, time, address) is with the estimate; its PDF is the customer’s copy.',
      ],
    });
  }));
  // Signed in, the page speaks the customer's language (rules/languages.ts); a link's holder teaches nothing.
  if (answer.ok && access.signedInAs) await learnLanguage(context, access.signedInAs);
  return answer;
}

async function decline(context: RouteContext, access: EstimateAccess, kind: 'declined' | 'changes-requested'): Promise<Response> {
  const body = await context.body();
  const at = context.now.toISOString();
  const version = access.row.version;
  const field = kind === 'declined' ? 'reason' : 'message';
  const seen = typeof body.version === 'number' ? body.version : undefined;
  const answerOf = (said: string): SentAnswer => (kind === 'declined' ? { kind, reason: said, version: seen } : { kind, message: said, version: seen });
  if (access.row.status !== 'Open') {
    // Decided: the same answer again is replayed; anything else, well-formed or not, is refused as decided.
    const estimate = await estimateOf(access.row);
    const given = body[field];
    if (typeof given === 'string' && isSameAnswer(estimate, answerOf(given.trim()))) return replayed(context, access, estimate);
    throw decided();
  }
  const said = text(body, field, 1, kind === 'declined' ? 1_000 : 2_000);
  const sent = answerOf(said);
  refuseIfExpired(context, access.row);
  // The version shown, when the client sends it: an answer to an estimate the office changed since is
  // an answer to something the customer never saw.
  if (body.version !== undefined) {
    if (typeof body.version !== 'number' || !Number.isInteger(body.version)) invalid('version', '"version" is the estimate version you were shown.');
    if (body.version !== version) throw changed();
  }
  return answerOnce(context, access, sent, () =>
    context.transaction(async (trx) => {
      await (kind === 'declined'
        ? decide(context.dialect, trx, access.row, 'Declined', { kind, reason: said, at, version })
        : decide(context.dialect, trx, access.row, 'ChangesRequested', { kind, message: said, at, version }));
      const { number, name } = recordOf(access.row);
      const customer = await customerNameOf(trx, access.row.customer_id);
      const by = cameBy(access.signedInAs);
      await noticeOffice(context, trx, {
        kind: 'estimate',
        subject: kind === 'declined' ? `Estimate ${number} declined by ${customer}` : `Changes asked on estimate ${number} by ${customer}`,
        lines: [
          kind === 'declined'
            ? `${customer} declined estimate ${number}, ${name} (${by}). Their reason:`
            : `${customer} asks for changes to estimate ${number}, ${name} (${by}):`,
          said,
          kind === 'declined' ? '' : 'Edit the estimate to send them a new version (its link shows it), or call them.',
        ],
      });
    }),
  );
}

export async function signatureOf(db: Queryable, estimateId: string, version: number) {
  return db.selectFrom('estimate_signatures').selectAll().where('estimate_id', '=', estimateId).where('version', '=', version).executeTakeFirst();
}

async function pdf(context: RouteContext, access: EstimateAccess): Promise<Response> {
  const estimate = await estimateOf(access.row);
  const decision = estimate.decision;
  if (estimate.status !== 'Approved' || decision?.kind !== 'approved') {
    throw new ApiError(409, 'CONFLICT', 'The signed estimate is ready once an option is approved.');
  }
  const signature = await signatureOf(context.db, estimate.id, estimate.version);
  const [customer, locations, contacts] = await Promise.all([
    context.db.selectFrom('customers').selectAll().where('id', '=', estimate.customerId).executeTakeFirstOrThrow(),
    context.db.selectFrom('locations').selectAll().where('customer_id', '=', estimate.customerId).execute(),
    context.db.selectFrom('contacts').selectAll().where('customer_id', '=', estimate.customerId).execute(),
  ]);
  const language = requestLanguage(context.request);
  // In the contractor's words for this language, as the page showed it.
  const shown = estimateIn(language, estimate);
  const bytes = await estimatePdf(await loadPdfLib(), {
    estimate: shown,
    option: shown.options.find((o) => o.id === decision.optionId)!,
    signature: signature ?? null,
    customer: customerOf(customer, locations, contacts),
    settings: context.settings,
    now: context.now,
    language,
  });
  return new Response(bytes as BodyInit, {
    headers: {
      'Content-Type': 'application/pdf',
      // Named as the invoice and statement PDFs are: the company first, so a customer's downloads sort together.
      'Content-Disposition': `attachment; filename="${filePrefix(context.settings.companyName)}-${pdfWords[language].signedEstimateFile(estimate.number.replace(/[^A-Za-z0-9-]/g, ''))}.pdf"`,
      'Access-Control-Expose-Headers': 'Content-Disposition',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      // In the language of the page that asks (Accept-Language).
      Vary: 'Accept-Language',
    },
  });
}

/** A customer's approval: the option, the name signed, what was shown, and each consent ticked. */
const approvalBody = { optionId: true, signerName: true, version: true, contentSha256: true, consents: [{ id: true, version: true }] } as const;
/** A decline says why, a request for changes what to change; each may name the version it answers. */
const declineBody = { reason: true, version: true } as const;
const changesBody = { message: true, version: true } as const;

export const estimateRoutes: Route[] = [
  {
    method: 'GET',
    path: '/links/estimates/:estimateId',
    async handler(context) {
      const access = await byLink(context);
      return access.answer(view(context, await estimateOf(access.row)));
    },
  },
  { method: 'POST', path: '/links/estimates/:estimateId/approve', body: approvalBody, handler: async (c) => approve(c, await byLink(c)) },
  { method: 'POST', path: '/links/estimates/:estimateId/decline', body: declineBody, handler: async (c) => decline(c, await byLink(c), 'declined') },
  {
    method: 'POST',
    path: '/links/estimates/:estimateId/request-changes',
    body: changesBody,
    handler: async (c) => decline(c, await byLink(c), 'changes-requested'),
  },
  { method: 'GET', path: '/links/estimates/:estimateId/pdf', handler: async (c) => pdf(c, await byLink(c)) },
  {
    method: 'GET',
    path: '/customers/:customerId/estimates',
    snapshot: true,
    async handler(context) {
      const access = await requireAccount(context);
      // Billing documents (bySession): at the locations with billing access only.
      const locations = billingLocationsForQuery(access);
      const rows = await context.db
        .selectFrom('estimates')
        .selectAll()
        .where('customer_id', '=', access.grant.customerId)
        .where('location_id', 'in', locations)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('document_voids').select('document_voids.document_id').where('document_voids.purpose', '=', 'estimate').whereRef('document_voids.document_id', '=', 'estimates.id'))))
        .orderBy('created_on', 'desc')
        .orderBy('id')
        .limit(200)
        .execute();
      return json(await Promise.all(rows.map(estimateOf)));
    },
  },
  {
    method: 'GET',
    path: '/customers/:customerId/estimates/:estimateId',
    snapshot: true,
    async handler(context) {
      const access = await bySession(context);
      return json(view(context, await estimateOf(access.row)));
    },
  },
  { method: 'POST', path: '/customers/:customerId/estimates/:estimateId/approve', body: approvalBody, handler: async (c) => approve(c, await bySession(c)) },
  {
    method: 'POST',
    path: '/customers/:customerId/estimates/:estimateId/decline',
    body: declineBody,
    handler: async (c) => decline(c, await bySession(c), 'declined'),
  },
  {
    method: 'POST',
    path: '/customers/:customerId/estimates/:estimateId/request-changes',
    body: changesBody,
    handler: async (c) => decline(c, await bySession(c), 'changes-requested'),
  },
  { method: 'GET', path: '/customers/:customerId/estimates/:estimateId/pdf', handler: async (c) => pdf(c, await bySession(c)) },
];

/**
 * quantity × unitPrice when it is a whole number of cents, else null: a total the customer signs must be
 * the product of what the line shows, never a rounded one. Worked out from the quantity's decimal digits,
 * not in floating point, where 0.1 × 30 is 3.0000000000000004 though the line is exactly 3 cents.
 */
function exactLineTotal(quantity: number, unitPrice: number): number | null {
  // The shortest decimal that reads back as this number ("1.5", "0.333", "1e-7"): the quantity as written.
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(quantity));
  if (!match) return null;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const places = fraction.length - Number(exponent);
  const cents = BigInt(whole + fraction) * BigInt(unitPrice);
  if (places <= 0) return Number(cents * 10n ** BigInt(-places));
  const scale = 10n ** BigInt(places);
  return cents % scale === 0n ? Number(cents / scale) : null;
}

type Words<Key extends string> = Partial<Record<WordLanguage, Partial<Record<Key, string>>>>;

/**
 * The office's words in the elements' other language for one part of an estimate, from its
 * `translations` (`{ "es": { "name": "…" } }`, at `path`): each text at most its limit, trimmed, a blank
 * one left out. Another language, another field or a text that is not one is refused by path. Undefined
 * when there are none.
 */
function wordsIn<Key extends string>(part: Record<string, unknown>, path: string, limits: Record<Key, number>): Words<Key> | undefined {
  const at = (rest: string) => (path ? `${path}.${rest}` : rest);
  const given = Object.hasOwn(part, 'translations') ? part.translations : undefined;
  if (given === undefined || given === null) return undefined;
  const fields = Object.keys(limits).map((key) => `"${key}"`).join(', ');
  if (!isPlainObject(given)) invalid(at('translations'), `"${at('translations')}" gives the words in another language: { "es": { ${fields} } }.`);
  const words: Words<Key> = {};
  for (const [language, texts] of Object.entries(given)) {
    if (!(wordLanguages as readonly string[]).includes(language)) invalid(at(`translations.${language}`), 'Translations are given for en or es.');
    if (texts === undefined || texts === null) continue;
    if (!isPlainObject(texts)) invalid(at(`translations.${language}`), `"${at(`translations.${language}`)}" names the words: ${fields}.`);
    const kept: Partial<Record<Key, string>> = {};
    for (const [key, value] of Object.entries(texts)) {
      const field = at(`translations.${language}.${key}`);
      if (!Object.hasOwn(limits, key)) invalid(field, `There is no "${key}" here: the words are ${fields}.`);
      if (value === undefined || value === null) continue;
      const limit = limits[key as Key];
      if (typeof value !== 'string' || value.length > limit) invalid(field, `"${field}" is text of at most ${limit.toLocaleString('en-US')} characters.`);
      if (value.trim()) kept[key as Key] = value.trim();
    }
    if (Object.keys(kept).length) words[language as WordLanguage] = kept;
  }
  return Object.keys(words).length ? words : undefined;
}

/**
 * A part's translations as an edit gives them; when it leaves them out (a tool that rebuilds the options
 * from what it knows, or from before translations), the ones the same part had, each kept while the
 * text it translates is unchanged, as the settings and the services do (rules/translations.ts).
 */
function wordsOrKept<Key extends string>(
  part: Record<string, unknown>,
  path: string,
  limits: Record<Key, number>,
  before: { translations?: Words<Key>; texts: Record<Key, string> } | undefined,
  texts: Record<Key, string>,
): Words<Key> | undefined {
  if (Object.hasOwn(part, 'translations')) return wordsIn(part, path, limits);
  return before && translationsKept(before.translations, before.texts, texts);
}

/**
 * What the office writes of an estimate (name, valid-until day, options, terms), read from an edit's or a
 * new estimate's body: `current` gives what an edit leaves out; a new estimate (no `current`) needs all.
 */
function officeContent(
  body: Record<string, unknown>,
  current: {
    name: string;
    validUntil: string;
    terms: StoredEstimateContent['terms'];
    options: StoredEstimateContent['options'];
    translations?: StoredEstimateContent['translations'];
  } | null,
) {
  const name = Object.hasOwn(body, 'name') || !current ? text(body, 'name', 1, 200) : current.name;
  // The name's translations: the ones given, else (an edit that leaves them out) the ones kept while the
  // name they translate is unchanged. `"translations": null` (or `{}`) removes them.
  const translations = wordsOrKept(body, '', { name: 200 }, current ? { translations: current.translations, texts: { name: current.name } } : undefined, { name });
  const validUntil = Object.hasOwn(body, 'validUntil') || !current ? text(body, 'validUntil', 10, 10) : current.validUntil;
  if (!isCalendarDay(validUntil)) invalid('validUntil', '"validUntil" is a date, YYYY-MM-DD.');
  let terms = current?.terms;
  if (Object.hasOwn(body, 'terms') || !current) {
    const given = (typeof body.terms === 'object' && body.terms !== null ? body.terms : {}) as Record<string, unknown>;
    const version = Object.hasOwn(given, 'version') ? given.version : undefined;
    const words = Object.hasOwn(given, 'text') ? given.text : undefined;
    if (typeof version !== 'string' || !version.trim() || version.length > 40) invalid('terms.version', 'The terms need a version (at most 40 characters).');
    if (typeof words !== 'string' || !words.trim() || words.length > 20_000) invalid('terms.text', 'The terms need their text (at most 20,000 characters).');
    const termsText = words.trim();
    const before = current ? { translations: current.terms.translations, texts: { text: current.terms.text } } : undefined;
    terms = withWords({ version: version.trim(), text: termsText }, wordsOrKept(given, 'terms', { text: 20_000 }, before, { text: termsText }));
  }
  let options = current?.options;
  if (Object.hasOwn(body, 'options') || !current) {
    if (!Array.isArray(body.options) || body.options.length === 0 || body.options.length > 6) invalid('options', 'Give one to six options.');
    options = (body.options as unknown[]).map((raw, i) => {
      const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const field = `options.${i}`;
      const optionId = typeof o.id === 'string' ? o.id : `opt-${i + 1}`;
      // The option this one was before the edit (the same id), whose translations an edit may leave out.
      const previous = current?.options.find((option) => option.id === optionId);
      const items = Array.isArray(o.items) && o.items.length > 0 && o.items.length <= 100 ? (o.items as unknown[]) : invalid(`${field}.items`, 'Each option needs one to a hundred items.');
      const parsedItems = items.map((rawItem, j) => {
        const it = (typeof rawItem === 'object' && rawItem !== null ? rawItem : {}) as Record<string, unknown>;
        const quantity = it.quantity;
        const unitPrice = it.unitPrice;
        if (typeof quantity !== 'number' || !(quantity > 0) || quantity > 10_000) invalid(`${field}.items.${j}.quantity`, 'A quantity above zero.');
        if (typeof unitPrice !== 'number' || !Number.isSafeInteger(unitPrice) || unitPrice < 0) invalid(`${field}.items.${j}.unitPrice`, 'Prices are whole numbers of cents.');
        const total = exactLineTotal(quantity, unitPrice);
        if (total === null) {
          invalid(
            `${field}.items.${j}`,
            `Line ${j + 1} of option ${i + 1}: ${quantity} × ${unitPrice} cents is not a whole number of cents. Change the quantity or the unit price so the line’s total is exact.`,
          );
        }
        if (!Number.isSafeInteger(total)) invalid(`${field}.items.${j}.unitPrice`, 'This item’s total is too large.');
        const description = text(it, 'description', 1, 500);
        // The same line before the edit: the one with this description in the option with this id.
        const line = previous?.items.find((item) => item.description === description);
        const before = line && { translations: line.translations, texts: { description } };
        return withWords({ description, quantity, unitPrice, total }, wordsOrKept(it, `${field}.items.${j}`, { description: 500 }, before, { description }));
      });
      const subtotal = parsedItems.reduce((sum, item) => sum + item.total, 0);
      const tax = o.tax === undefined ? 0 : o.tax;
      if (typeof tax !== 'number' || !Number.isSafeInteger(tax) || tax < 0) invalid(`${field}.tax`, 'Tax is a whole number of cents, zero or more.');
      if (!Number.isSafeInteger(subtotal + tax)) invalid(`${field}.items`, 'This option’s total is too large.');
      if (o.id !== undefined && (typeof o.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.id))) invalid(`${field}.id`, 'An option id is 1 to 64 letters, digits, "-" or "_".');
      const words = { name: text(o, 'name', 1, 100), description: typeof o.description === 'string' ? o.description.slice(0, 2_000) : '' };
      const before = previous && { translations: previous.translations, texts: { name: previous.name, description: previous.description } };
      return withWords(
        { id: optionId, ...words, recommended: o.recommended === true, items: parsedItems, subtotal, tax, total: subtotal + tax },
        wordsOrKept(o, field, { name: 100, description: 2_000 }, before, words),
      );
    });
    // Each option its own id: the customer's approval names one (a generated id may meet a given one).
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.id)) invalid(`options.${i}.id`, 'Each option needs its own id.');
      seen.add(option.id);
    });
  }
  return { name, validUntil, terms: terms!, options: options!, translations };
}

/**
 * What an office's estimate takes, at every level (the routes' bodies): a misspelt field would otherwise
 * be dropped without a word, a "numbr" the office thinks it set, an option's "recomended", or an edit's
 * "validUntill" that changes nothing yet reopens an approved estimate as a new version.
 */
export const estimateEditBody = {
  name: true,
  validUntil: true,
  terms: { version: true, text: true, translations: true },
  options: [
    {
      id: true,
      name: true,
      description: true,
      recommended: true,
      tax: true,
      items: [{ description: true, quantity: true, unitPrice: true, translations: true }],
      translations: true,
    },
  ],
  translations: true,
} as const;
export const newEstimateBody = { ...estimateEditBody, id: true, number: true, customerId: true, locationId: true, currency: true } as const;

/** Whether an estimate already has this number (kept in its content, as the page shows it). */
async function numberTaken(db: Queryable, dialect: DialectName, number: string): Promise<boolean> {
  const stored = dialect === 'postgres' ? sql<string>`(content::json ->> 'number')` : sql<string>`json_extract(content, '$.number')`;
  return (await db.selectFrom('estimates').select('id').where(stored, '=', number).limit(1).executeTakeFirst()) !== undefined;
}

/** Each consent's id, version and text as a reader of `language` is shown it (its translation, else as written). */
function consentsAsShown(consents: ConsentText[], language: MessageLanguage) {
  return consents.map((consent) => ({ id: consent.id, version: consent.version, text: inLanguage(language, consent.text, consent.translations, 'text') }));
}

/**
 * A new estimate from the office, for one of a customer's locations: open, version 1, valid from today
 * (one already past its day could not be answered). `id` and `number` are the office's own when given
 * (its field-service system's), else made here.
 */
export async function createEstimate(context: RouteContext, body: Record<string, unknown>): Promise<Estimate> {
  const customerId = requireString(body, 'customerId', 64);
  const locationId = requireString(body, 'locationId', 64);
  const id = Object.hasOwn(body, 'id') ? requireString(body, 'id', 64) : randomId('est');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) invalid('id', 'An estimate id is 1 to 64 letters, digits, "-" or "_".');
  const currency = Object.hasOwn(body, 'currency') ? requireString(body, 'currency', 3) : 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) invalid('currency', '"currency" is a three-letter code such as USD.');
  const { name, validUntil, terms, options, translations } = officeContent(body, null);
  const today = contractorToday(context.settings.timeZone, context.now);
  if (validUntil < today) invalid('validUntil', `A new estimate must be valid until today (${today}) or later.`);
  const location = await context.db
    .selectFrom('locations')
    .select(['id', 'name'])
    .where('id', '=', locationId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!location) {
    const customer = await context.db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
    if (!customer) invalid('customerId', 'There is no customer with this id.');
    invalid('locationId', 'This customer has no location with this id.');
  }
  return context.transaction(async (trx) => {
    // The number the customer reads in the message and on the page: one estimate's only. One the office
    // gives that is taken is refused; a made one skips any the office gave before.
    let number = Object.hasOwn(body, 'number') ? text(body, 'number', 1, 40) : null;
    // Two estimates made at once (several servers) take turns here, a given number and a made one alike.
    await holdCounter(trx, context.dialect, 'estimate-number', 5_000);
    if (number !== null && (await numberTaken(trx, context.dialect, number))) {
      throw new ApiError(409, 'CONFLICT', `Estimate number ${number} is already another estimate’s.`, { field: 'number' });
    }
    while (number === null || (await numberTaken(trx, context.dialect, number))) number = `E-${await nextNumber(trx, 'estimate-number', 5_000)}`;
    const record: EstimateRecord = {
      id,
      number,
      name,
      customerId,
      location: { id: location.id, name: location.name },
      createdOn: today,
      validUntil,
      version: 1,
      status: 'Open',
      currency,
      options,
      terms,
      consents: standardConsents(terms.version),
      decision: null,
      ...(translations ? { translations } : {}),
    };
    const inserted = await trx.insertInto('estimates').values(estimateRow(record)).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    // An id the office gave twice (a retried request, or a typo): the first estimate stays as it is.
    if (!inserted) throw new ApiError(409, 'CONFLICT', `There is already an estimate with the id ${id}.`, { field: 'id' });
    return estimateOf((await estimateRowById(trx, id))!);
  });
}

/** The office's edit: a new version (but for a new valid-until day of an open one); a decided estimate opens again for a new decision. */
export async function editEstimate(context: RouteContext, id: string, body: Record<string, unknown>): Promise<Estimate> {
  const row = await estimateRowById(context.db, id);
  if (!row) throw notFound();
  if (await voidOf(context.db, 'estimate', id)) throw new ApiError(409, 'CONFLICT', 'This estimate was withdrawn: make a new one instead.', { field: 'estimateId' });
  // Nothing to change would still make a new version of a decided estimate, to approve again unchanged.
  if (Object.keys(body).length === 0) throw new ApiError(400, 'VALIDATION', `An edit names what it changes: ${Object.keys(estimateEditBody).join(', ')}.`);
  const content = JSON.parse(row.content) as StoredEstimateContent;
  const { name, validUntil, terms, options, translations } = officeContent(body, { name: row.name, ...content });
  // The customer's last answer stays, naming the version it was given to (now older than the estimate's):
  // the page says what they answered before and that this version needs its own answer. The signature
  // records of earlier versions stay in estimate_signatures.
  // The customer's consent to the terms names the terms' version: new terms, a new consent to give.
  // A consent still worded as the standard one takes its Spanish (an estimate made before consents had it).
  const standard = standardConsents(terms.version);
  const consents = content.consents.map((consent) => {
    const same = standard.find((s) => s.id === consent.id && s.text === consent.text);
    const translated = consent.translations ?? same?.translations;
    return { ...consent, ...(consent.id === 'terms' ? { version: terms.version } : {}), ...(translated ? { translations: translated } : {}) };
  });
  const next: StoredEstimateContent = { ...content, validUntil, terms, consents, options, decision: content.decision, translations };
  // None now: none stored (an estimate without translations stores as before they existed).
  if (!translations) delete next.translations;
  // Only the valid-until day of an open estimate (extended so the customer can still answer): nothing
  // they read or sign changed, so the version stays and a page open on it can still be approved.
  // Anything else, or any edit of a decided estimate, is a new version to answer.
  const sameContent = row.status === 'Open' && Object.keys(body).every((key) => key === 'validUntil');
  const updated = await context.db
    .updateTable('estimates')
    .set({ name, version: sameContent ? row.version : row.version + 1, status: 'Open', content: JSON.stringify(next) })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .where('status', '=', row.status)
    .executeTakeFirst();
  // Another edit, or the customer's answer, landed since this one read the row: this edit would erase it.
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ApiError(409, 'CONFLICT', 'This estimate changed while you edited it. Reload it and edit again.', { field: 'version' });
  }
  return estimateOf((await estimateRowById(context.db, id))!);
}

export { estimateRowById };
