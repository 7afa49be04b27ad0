/**
 * Links without a sign-in: one token, one purpose, one document (docs/contract/links.md). A token is
 * 128 random bits, stored only as its SHA-256, and carried in the URL's fragment. Opening a link only
 * reads; every change is a POST a person makes. A link that does not work says why.
 */
import type { Selectable, Transaction } from 'kysely';
import { revokedReasons, type RevokedReason } from '../../src/adapter/portal-error.js';
import type { PortalSettings } from '../../src/model/index.js';
import type { WordLanguage } from '../../src/model/common.js';
import { ApiError, invalid, json, requireString, type Route, type RouteContext } from '../http/http.js';
import { isPlainObject } from '../http/known-keys.js';
import { clientSubject, takeSlot } from '../queries/rate-events.js';
import type { Queryable } from '../dialects/portal-database.js';
import type { Database, DocumentLinksTable } from '../schema/database.js';
import { sha256 } from './crypto.js';

export const LINK_HEADER = 'X-Porchlight-Link';
export const linkPurposes = ['estimate', 'pay', 'visit'] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

/** Query parameter naming the document in a link's address, per purpose. */
export const documentParam: Record<LinkPurpose, string> = { estimate: 'estimate', pay: 'invoice', visit: 'visit' };

export const DEFAULT_LINK_LIFETIMES = { payLinkMaxDays: 365, payLinkDaysAfterPaid: 90, visitLinkHoursAfterVisit: 24 };
/** Link lookups one client address may make in a minute. */
const LOOKUPS_PER_MINUTE = 120;

export function linkLifetimes(settings: PortalSettings) {
  return { ...DEFAULT_LINK_LIFETIMES, ...settings.links };
}

/** When a visit-status link stops working: `links.visitLinkHoursAfterVisit` after its visit ends (ms). */
export function visitLinkEnd(settings: PortalSettings, visitEndMs: number): string {
  return new Date(visitEndMs + linkLifetimes(settings).visitLinkHoursAfterVisit * 3_600_000).toISOString();
}

/** 128 random bits, URL-safe: 22 characters, short enough for a text message. */
export function newLinkToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Whether an address is on the contractor's own site: the hostname setting (https only) or an origin
 * the server was configured with. Every emailed link (a link without sign-in, a reset, a confirmation,
 * an invitation) may only point there, never at an address a stranger typed into a request.
 */
export function onOwnSite(context: Pick<RouteContext, 'config' | 'settings'>, url: URL): boolean {
  // A URL's origin and hostname are lower case whatever was typed; the configured ones may not be (the
  // hostname setting is saved lower-cased, but a row from before that may still say WWW.Acme.example).
  const origin = url.origin;
  return (
    context.config.linkOrigins.some((allowed) => allowed.toLowerCase() === origin) ||
    // The site itself, not another port of its host (a test server, an admin tool): `:443` reads as ''.
    (url.protocol === 'https:' && url.port === '' && url.hostname === context.settings.hostname.toLowerCase())
  );
}

/** The sites a link may open on, in words for a refusal: "https://www.acme.example or http://localhost:5173". */
export function ownSitesInWords(context: Pick<RouteContext, 'config' | 'settings'>): string {
  const sites = [...(context.settings.hostname ? [`https://${context.settings.hostname.toLowerCase()}`] : []), ...context.config.linkOrigins];
  return sites.length ? sites.join(' or ') : 'the hostname setting (none is saved yet)';
}

/**
 * A page of the contractor's site the office names for what is sent to customers (a link's page, the
 * portal page, an invitation's): a whole http(s) address, with no user name or password in it, on the
 * hostname setting or a configured origin (ownSitesInWords says which), its fragment dropped (links
 * add their own). Refused as a 400 naming `field`: a leaked office key must not mail customers a link to
 * someone else's site.
 */
export function ownSitePage(context: Pick<RouteContext, 'config' | 'settings'>, value: string, field: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url) invalid(field, `"${field}" is not a whole web address: give it with its https://, like https://www.example.com/account.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(field, `"${field}" must be an http or https address.`);
  if (url.username || url.password) invalid(field, `"${field}" must not carry a user name or password.`);
  if (!onOwnSite(context, url)) invalid(field, `"${field}" must be on the portal’s own site: ${ownSitesInWords(context)}.`);
  url.hash = '';
  return url;
}

/**
 * The contractor's site, where a link or a message opens when no page is named: the hostname
 * setting's, else the first origin the server was configured with. Null when neither is known.
 */
export function sitePage(context: Pick<RouteContext, 'config' | 'settings'>): string | null {
  if (context.settings.hostname) return `https://${context.settings.hostname.toLowerCase()}/`;
  return context.config.linkOrigins[0] ? `${context.config.linkOrigins[0]}/` : null;
}

/**
 * The page with the portal on it, in `language`: where a message's portal link opens
 * (CustomerPortalLink), and a link sent without a page of its own. The settings' `portalUrl` in that
 * language (`translations.es.portalUrl`), else the main one, each while still on the site (a hostname
 * or an origin may change after it was saved); else the site's main page (sitePage). Null when no site is known.
 */
export function portalPage(context: Pick<RouteContext, 'config' | 'settings'>, language: WordLanguage): string | null {
  return namedPortalPage(context, language) ?? sitePage(context);
}

/**
 * The portal's page the settings name (`portalUrl`, in `language` first) while still on the site, else
 * null. Without a fragment: a link adds its own. (A save checks all this; a page written another way is
 * checked here too.)
 */
export function namedPortalPage(context: Pick<RouteContext, 'config' | 'settings'>, language: WordLanguage): string | null {
  const { settings } = context;
  for (const page of [settings.translations?.[language]?.portalUrl, settings.portalUrl]) {
    if (!page) continue;
    const url = URL.canParse(page) ? new URL(page) : null;
    if (!url || !onOwnSite(context, url) || url.username || url.password || (url.protocol !== 'https:' && url.protocol !== 'http:')) continue;
    url.hash = '';
    return url.toString();
  }
  return null;
}

/** Answers for link routes: never cached, never indexed, never leaked through a Referer. */
export function linkJson(body: unknown, status = 200): Response {
  return json(body, status, { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' });
}

/** Why a link was revoked (the contract's `revokedBecause`): shared with the elements, which say it in words. */
export type { RevokedReason };

/** What a voided document is called, per purpose, in a revoked link's message. */
const voidedWords: Record<LinkPurpose, string> = {
  estimate: 'This estimate was withdrawn',
  pay: 'This invoice was voided',
  visit: 'This visit was canceled',
};

/**
 * Whether a fresh link for an expired one's document would work (rules/document-links.ts decides: an
 * unpaid invoice's yes; a visit long over, an invoice paid long ago, an estimate past its day no).
 */
export type Renewable = (context: RouteContext, link: LinkRow) => Promise<boolean>;

export function linkError(
  context: RouteContext,
  status: 404 | 410,
  problem: 'expired' | 'revoked' | 'unknown' | 'other-document',
  revoked?: { reason: RevokedReason; purpose: LinkPurpose },
  renewable?: boolean,
): ApiError {
  const { companyName, companyPhone } = context.settings;
  const call = `Call ${companyName} at ${companyPhone}.`;
  const message =
    problem === 'expired'
      ? renewable === false
        ? `This link has expired. ${call}`
        : 'This link has expired. We can send a fresh one to the contact we have on file.'
      : problem === 'revoked'
        ? revoked?.reason === 'voided'
          ? `${voidedWords[revoked.purpose]}, so this link no longer works. ${call}`
          : `This link is no longer valid. ${call}`
        : `This link doesn’t work. ${call}`;
  return new ApiError(status, status === 410 ? 'LINK_EXPIRED' : 'LINK_INVALID', message, {
    linkProblem: problem,
    // Only for an expired link: whether asking for a fresh one (POST /links/resend) would bring one.
    ...(problem === 'expired' && renewable !== undefined ? { renewable } : {}),
    // Only for a revoked link whose reason was recorded: why (a newer link, the office, the document voided or withdrawn).
    ...(problem === 'revoked' && revoked ? { revokedBecause: revoked.reason } : {}),
    companyName,
    companyPhone,
  });
}

export interface LinkRow {
  tokenHash: string;
  purpose: LinkPurpose;
  documentId: string;
  customerId: string;
  createdAt: string;
  expiresAt: string | null;
  /** The page it opens (null on links made before migration 0008). */
  page: string | null;
  /** The pages it was sent with, by language (null on links made before migration 0012). */
  pages: LinkPages | null;
}

/**
 * The pages a link and its message open: the link's own page and the portal's. `es`: the contractor's
 * Spanish pages, for a customer who reads Spanish (else the same pages in every language).
 */
export interface LinkPages {
  page: string;
  portal: string;
  es?: { page: string; portal: string };
  /**
   * The pages the office did not name (they were the portal's page at the time): a fresh link for this
   * one, and a message about what was done through it, take the portal's page as saved now instead.
   * Absent, on a link sent before it was kept: a page that is the site's main page or the portal's
   * page (either language) is taken for such a default.
   */
  defaulted?: LinkPageKey[];
}
export type LinkPageKey = 'page' | 'portal' | 'es.page' | 'es.portal';
const linkPageKeys: readonly LinkPageKey[] = ['page', 'portal', 'es.page', 'es.portal'];

/**
 * The pages a link (a new one, its fresh copy) and its messages use now: each page the office named, while
 * still on the site; a Spanish one it did not name, the English one it named, else the portal's
 * Spanish page; any other, the portal's page as saved now (portalPage). `defaulted`: what was not
 * named, or is gone from the site, so it follows the settings again next time. Null with no site known.
 */
export function pagesNow(
  context: Pick<RouteContext, 'config' | 'settings'>,
  pages: { page?: string; portal?: string; es?: { page?: string; portal?: string }; defaulted?: LinkPageKey[] },
): (LinkPages & { defaulted: LinkPageKey[] }) | null {
  const english = portalPage(context, 'en');
  const spanishPortal = portalPage(context, 'es');
  const older = [sitePage(context), english, spanishPortal];
  const values: Record<LinkPageKey, string | undefined> = { page: pages.page, portal: pages.portal, 'es.page': pages.es?.page, 'es.portal': pages.es?.portal };
  const isNamed = (key: LinkPageKey) => {
    const value = values[key];
    return value !== undefined && (pages.defaulted ? !pages.defaulted.includes(key) : !older.includes(value));
  };
  const kept = (key: LinkPageKey) => {
    const value = values[key];
    return value && isNamed(key) && URL.canParse(value) && onOwnSite(context, new URL(value)) ? value : null;
  };
  const page = kept('page') ?? english;
  if (!page) return null;
  const portal = kept('portal') ?? english ?? page;
  const inSpanish = (key: LinkPageKey, englishKey: LinkPageKey, englishPage: string) =>
    kept(key) ?? (!isNamed(key) && kept(englishKey) ? englishPage : (spanishPortal ?? englishPage));
  const es = { page: inSpanish('es.page', 'page', page), portal: inSpanish('es.portal', 'portal', portal) };
  const bilingual = es.page !== page || es.portal !== portal || kept('es.page') !== null || kept('es.portal') !== null;
  return { page, portal, ...(bilingual ? { es } : {}), defaulted: linkPageKeys.filter((key) => kept(key) === null) };
}

async function limitLookups(context: RouteContext) {
  if (!context.clientAddress) return;
  const since = new Date(context.now.getTime() - 60_000);
  const subject = clientSubject(context.clientAddress);
  const slot = await context.transaction((trx) => takeSlot(trx, { bucket: 'client-links', subject, since, now: context.now, limit: LOOKUPS_PER_MINUTE }));
  if ('full' in slot) {
    throw new ApiError(429, 'RATE_LIMITED', 'Too many link lookups from your network. Wait a minute and try again.', { retryAfterSeconds: 60 });
  }
}

/** The link the request carries, whatever its purpose; refusals as in the contract. */
async function presentedLink(context: RouteContext, renewable?: Renewable): Promise<LinkRow> {
  await limitLookups(context);
  const token = context.request.headers.get(LINK_HEADER) ?? '';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw linkError(context, 404, 'unknown');
  const tokenHash = await sha256(token);
  const row = await context.db.selectFrom('document_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) throw linkError(context, 404, 'unknown');
  if (row.revoked_at !== null) {
    // A link revoked before reasons were recorded (migration 0004) has none: the answer then gives none either.
    const reason = revokedReasons.find((r) => r === row.revoked_reason);
    throw linkError(context, 410, 'revoked', reason ? { reason, purpose: row.purpose as LinkPurpose } : undefined);
  }
  const link = linkRowOf(row);
  if (row.expires_at !== null && Date.parse(row.expires_at) <= context.now.getTime()) throw await expiredError(context, link, renewable);
  return link;
}

async function expiredError(context: RouteContext, link: LinkRow, renewable?: Renewable): Promise<ApiError> {
  return linkError(context, 410, 'expired', undefined, renewable ? await renewable(context, link) : undefined);
}

function linkRowOf(row: Selectable<DocumentLinksTable>): LinkRow {
  return {
    tokenHash: row.token_hash,
    purpose: row.purpose as LinkPurpose,
    documentId: row.document_id,
    customerId: row.customer_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    page: row.page,
    pages: row.pages ? (JSON.parse(row.pages) as LinkPages) : null,
  };
}

/**
 * The link for this purpose and document, or the refusal. `expired(link)` decides what only the
 * document knows (a paid invoice, a visit that is over, an estimate past its date); `renewable`,
 * whether an expired link's refusal offers a fresh one.
 */
export async function requireLink(
  context: RouteContext,
  purpose: LinkPurpose,
  documentId: string,
  expiry: { expired?: (link: LinkRow) => Promise<boolean> | boolean; renewable: Renewable },
): Promise<LinkRow> {
  const link = await presentedLink(context, expiry.renewable);
  if (link.purpose !== purpose || link.documentId !== documentId) throw linkError(context, 404, 'other-document');
  if (expiry.expired && (await expiry.expired(link))) throw await expiredError(context, link, expiry.renewable);
  return link;
}

/** Makes a new link for a document, revoking the earlier ones for it: the newest link is the one that works. */
export async function issueLink(
  trx: Transaction<Database>,
  input: { purpose: LinkPurpose; documentId: string; customerId: string; now: Date; expiresAt: string | null; page: string; pages?: LinkPages },
): Promise<string> {
  await revokeLinks(trx, input.purpose, input.documentId, input.now, 'replaced');
  const token = newLinkToken();
  await trx
    .insertInto('document_links')
    .values({
      token_hash: await sha256(token),
      purpose: input.purpose,
      document_id: input.documentId,
      customer_id: input.customerId,
      created_at: input.now.toISOString(),
      expires_at: input.expiresAt,
      revoked_at: null,
      revoked_reason: null,
      page: input.page,
      pages: input.pages ? JSON.stringify(input.pages) : null,
    })
    .execute();
  return token;
}

export async function revokeLinks(
  db: RouteContext['db'] | Transaction<Database>,
  purpose: LinkPurpose,
  documentId: string,
  now: Date,
  reason: RevokedReason,
) {
  await db
    .updateTable('document_links')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('purpose', '=', purpose)
    .where('document_id', '=', documentId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** When (and why) the office voided an invoice (`pay`) or withdrew an estimate, or undefined. */
export async function voidOf(db: Queryable, purpose: 'pay' | 'estimate', documentId: string) {
  return db.selectFrom('document_voids').selectAll().where('purpose', '=', purpose).where('document_id', '=', documentId).executeTakeFirst();
}

/** `<page>?estimate=<id>#porchlight-link=<token>`: the token in the fragment, never in a log or a Referer. */
export function linkAddress(page: string, purpose: LinkPurpose, documentId: string, token: string): string {
  const url = new URL(page);
  url.searchParams.set(documentParam[purpose], documentId);
  url.hash = `porchlight-link=${token}`;
  return url.toString();
}

/** Resending an expired link: a fresh one to the contact on file, the same answer whatever happens. */
export type Resender = (context: RouteContext, link: LinkRow) => Promise<void>;

export function linkRoutes(resend: Resender, renewable: Renewable): Route[] {
  return [
    {
      method: 'GET',
      path: '/links/open',
      async handler(context) {
        const link = await presentedLink(context, renewable);
        return linkJson({ purpose: link.purpose, documentId: link.documentId });
      },
    },
    {
      method: 'POST',
      path: '/links/resend',
      body: { token: true },
      async handler(context) {
        await limitLookups(context);
        const token = requireString(await context.body(), 'token', 64);
        const row = /^[A-Za-z0-9_-]{16,64}$/.test(token)
          ? await context.db.selectFrom('document_links').selectAll().where('token_hash', '=', await sha256(token)).executeTakeFirst()
          : undefined;
        // Only a real link that has not been revoked; the answer is the same either way.
        if (row && row.revoked_at === null) {
          await resend(context, linkRowOf(row));
        }
        return linkJson({ accepted: true }, 202);
      },
    },
  ];
}

/** An address a body may name (`pageUrl`), as text, else undefined; checked as a page of the site by the route. */
export function optionalAddress(body: Record<string, unknown>, field: string, path = field): string | undefined {
  const value = Object.hasOwn(body, field) ? body[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(path, `"${path}" must be a web address, as text.`);
  return value;
}

/**
 * The Spanish pages a send names, `translations: { es: { pageUrl, portalUrl } }` (`fields` are the ones
 * this route takes), each still to be checked as a page of the site; undefined when it names none. A
 * language or a field the route does not take is refused by path rather than ignored.
 */
export function spanishPages<Field extends string>(body: Record<string, unknown>, fields: readonly Field[]): Partial<Record<Field, string>> | undefined {
  const translations = Object.hasOwn(body, 'translations') ? body.translations : undefined;
  if (translations === undefined || translations === null) return undefined;
  if (!isPlainObject(translations)) invalid('translations', '"translations" gives the Spanish pages: { "es": { … } }.');
  for (const language of Object.keys(translations)) {
    if (language !== 'es') invalid(`translations.${language}`, 'Pages are given in Spanish (es) beside the main ones.');
  }
  const es = translations.es;
  if (es === undefined || es === null) return undefined;
  if (!isPlainObject(es)) invalid('translations.es', `"translations.es" names the Spanish pages: ${fields.map((f) => `"${f}"`).join(', ')}.`);
  const pages: Partial<Record<Field, string>> = {};
  for (const key of Object.keys(es)) {
    if (!(fields as readonly string[]).includes(key)) {
      invalid(`translations.es.${key}`, `There is no "${key}" here: the Spanish pages are ${fields.map((f) => `"${f}"`).join(', ')}.`);
    }
    const value = optionalAddress(es, key, `translations.es.${key}`);
    if (value !== undefined) pages[key as Field] = value;
  }
  return pages;
}

/**
 * The portal page for a message about what was done through a link (a receipt, "you approved"), in
 * `language`: the one the office named for the link, else the portal's page as saved now (pagesNow).
 * Null for a link from before its pages were kept (0012): the message's own portal page then.
 */
export async function linkPortal(context: RouteContext, db: Queryable, tokenHash: string, language: 'en' | 'es'): Promise<string | null> {
  const row = await db.selectFrom('document_links').select('pages').where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row?.pages) return null;
  const pages = pagesNow(context, JSON.parse(row.pages) as LinkPages);
  return (language === 'es' && pages?.es ? pages.es.portal : pages?.portal) ?? null;
}
