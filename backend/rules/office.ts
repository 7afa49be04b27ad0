/**
 * The contractor's side: settings, the outbox, invitations, and resetting the demo. Office inputs are
 * checked like customers' inputs: a malformed URL or an over-long text is a 400 that names the field.
 */
import type { WordLanguage } from '../../src/model/common.js';
import { isMailbox } from '../../src/model/mailbox.js';
import { portalSettings, type PortalSettings } from '../../src/model/settings.js';
import { ApiError, invalid, json, requireString, type Route, type RouteContext } from '../http/http.js';
import { isPlainObject, refuseUnknownKeys, valueAt, whatIsWrong } from '../http/known-keys.js';
import { sequentialId } from './crypto.js';
import { grantsFor, loginByEmail } from './identity.js';
import { greetingFor, renderEmail } from './messages.js';
import { customerLanguage, languagesOf } from './languages.js';
import { linkLifetimes, onOwnSite, optionalAddress, ownSitePage, portalPage, spanishPages } from './links.js';
import { takeTurnWithImports } from '../import/import-records.js';
import { translationsKept } from './translations.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';

export const OFFICE_KEY_HEADER = 'X-Porchlight-Office-Key';
/** The longest text the office may save in a setting (the visits message is the longest in practice). */
const MAX_SETTING_TEXT = 2_000;
/** Most rows an office list returns at once. */
const OFFICE_LIST_LIMIT = 500;

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/**
 * Why these headers may not use the office routes (null: they carry the office key). A missing key and a
 * wrong one are told apart (someone rotating keys needs to know the header arrived), with the same status;
 * the wrong key's message says nothing about the right one, and the comparison takes as long whatever the
 * key given.
 */
export function officeKeyProblem(headers: Headers, officeKey: string): string | null {
  const given = headers.get(OFFICE_KEY_HEADER) ?? '';
  if (!given) return `Office endpoints need the office key: send it in the ${OFFICE_KEY_HEADER} header.`;
  if (!constantTimeEqual(given, officeKey)) return 'That office key is not the one this server uses.';
  return null;
}

export function requireOffice(context: RouteContext) {
  const problem = officeKeyProblem(context.request.headers, context.config.officeKey);
  if (problem) throw new ApiError(403, 'FORBIDDEN', problem);
}

/** The settings nest a few levels at most; a body nested deeper is refused before it is walked. */
const MAX_SETTING_DEPTH = 8;

/** The first string anywhere in the value longer than the limit, as a field path. */
function overlong(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.length > MAX_SETTING_TEXT ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_SETTING_DEPTH) {
    throw new ApiError(400, 'VALIDATION', `"${path}" is nested too deeply to be a setting.`, { field: path });
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const found = overlong(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** An IANA zone this runtime's Intl knows (`Intl.supportedValuesOf` leaves out aliases such as UTC, so try it). */
function knownTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone spelt as Intl lists it ("america/denver" → "America/Denver"); a name it lists under another
 * spelling (Node 20 lists Asia/Kolkata as Asia/Calcutta) is kept as the office typed it.
 */
function zoneAsNamed(zone: string): string {
  const lower = zone.toLowerCase();
  return Intl.supportedValuesOf('timeZone').find((listed) => listed.toLowerCase() === lower) ?? zone;
}

/** Settings a portal cannot work without: every message and every "call us" names them. */
const REQUIRED_SETTING_TEXT = {
  companyName: 'your company’s name as customers know it (every message and page shows it)',
  companyPhone: 'the phone number customers call (every “call us” shows it)',
} as const;

/**
 * The settings as the office reads them: every field there, a default where none was ever saved (the
 * link lifetimes, the email confirmation), so GET → edit → PUT always sends the whole set back, and a
 * misspelt name can be checked against what GET answered.
 */
function wholeSettings(settings: PortalSettings): Required<PortalSettings> {
  return {
    ...settings,
    portalUrl: settings.portalUrl ?? '',
    officeNoticeEmail: settings.officeNoticeEmail ?? '',
    requireEmailVerification: settings.requireEmailVerification !== false,
    links: linkLifetimes(settings),
    translations: settings.translations ?? {},
  };
}

function parseSettings(body: Record<string, unknown>): PortalSettings {
  const tooLong = overlong(body, '');
  if (tooLong) throw new ApiError(400, 'VALIDATION', `"${tooLong}" is too long (at most ${MAX_SETTING_TEXT} characters).`, { field: tooLong });
  // Before the schema, which would drop a misspelt key and save the settings without it.
  refuseUnknownKeys(body, portalSettings, 'setting', 'GET /office/settings');
  // The zone every date, arrival window and link expiry is read in: a typo would shift or break them
  // all, so it gets its own message rather than the schema's generic one.
  if (body.timeZone === undefined) {
    throw new ApiError(400, 'VALIDATION', '"timeZone" is missing: save the settings whole (read them, edit them, send them back).', { field: 'timeZone' });
  }
  if (typeof body.timeZone !== 'string' || !knownTimeZone(body.timeZone)) {
    throw new ApiError(400, 'VALIDATION', '"timeZone" is not a time zone we know: give an IANA name such as America/Chicago.', { field: 'timeZone' });
  }
  const parsed = portalSettings.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const field = path.join('.');
    // A field left out (a `links` object with one lifetime of three) is named as missing, not as "not valid".
    if (valueAt(body, path) === undefined) {
      throw new ApiError(400, 'VALIDATION', `"${field}" is missing: save the settings whole (read them, edit them, send them back).`, { field });
    }
    throw new ApiError(400, 'VALIDATION', `"${field}" ${issue ? whatIsWrong(issue) : 'is not valid'}.`, { field });
  }
  for (const [field, what] of Object.entries(REQUIRED_SETTING_TEXT)) {
    if (parsed.data[field as keyof typeof REQUIRED_SETTING_TEXT].trim() === '') {
      throw new ApiError(400, 'VALIDATION', `"${field}" is empty: give ${what}.`, { field });
    }
  }
  const notices = parsed.data.officeNoticeEmail?.trim() ?? '';
  if (notices !== '' && !isMailbox(notices)) {
    throw new ApiError(400, 'VALIDATION', '"officeNoticeEmail" is not an email address: give the office\'s address for notices (a new request, an estimate\'s answer, a payment), or leave it blank for none.', {
      field: 'officeNoticeEmail',
    });
  }
  const { hostname } = parsed.data;
  if (hostname !== '' && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(hostname)) {
    throw new ApiError(400, 'VALIDATION', 'The hostname is not valid: give the host name of your website, where the pages with the portal are, like www.example.com (no https://, no path).', {
      field: 'hostname',
    });
  }
  // Stored as browsers and URLs spell it (lower case): CORS compares the Origin header with it, and links
  // are checked against it, exactly.
  return {
    ...parsed.data,
    ...(parsed.data.officeNoticeEmail === undefined ? {} : { officeNoticeEmail: notices }),
    hostname: hostname.toLowerCase(),
    timeZone: zoneAsNamed(parsed.data.timeZone),
  };
}

/**
 * The portal pages saved (`portalUrl`, and each language's in `translations`), checked against the
 * settings being saved (a new hostname counts), each stored without a fragment (links add their own).
 * Blank is none: messages then open the site's main page.
 */
function portalPagesChecked(context: RouteContext, settings: PortalSettings): PortalSettings {
  const withNew = { config: context.config, settings };
  const checked = (value: string | undefined, field: string) => {
    if (value === undefined || value.trim() === '') return undefined;
    return ownSitePage(withNew, value.trim(), field).toString();
  };
  // A blank page is left out of what is saved, not kept as "".
  const withPage = <T extends { portalUrl?: string }>(words: T, portalUrl: string | undefined): T => {
    const copy = { ...words };
    delete copy.portalUrl;
    return portalUrl ? { ...copy, portalUrl } : copy;
  };
  const saved = withPage(settings, checked(settings.portalUrl, 'portalUrl'));
  if (settings.translations) {
    saved.translations = Object.fromEntries(
      Object.entries(settings.translations).map(([language, words]) => [language, withPage(words ?? {}, checked(words?.portalUrl, `translations.${language}.portalUrl`))]),
    );
  }
  return saved;
}

/**
 * What a save leaves out that the office meant to keep (a settings tool written before the field existed):
 * - no `translations`: the saved ones, each while what it translates is unchanged (translationsKept: a
 *   rewritten visits message drops its Spanish, a moved portal page its Spanish page);
 * - no `portalUrl`: the saved portal page, and each language's the body does not name;
 * - no `links`: the saved link lifetimes (not the defaults, which would quietly shorten or lengthen them);
 * - no `officeNoticeEmail`: the saved one (the office would stop hearing of new requests unawares).
 * A page is kept only while it is on the site being saved: one left on a hostname the office moved away
 * from goes. `""` clears a page; `"translations": {}` clears every translation.
 */
function keptFromSaved(context: RouteContext, body: Record<string, unknown>, settings: PortalSettings): PortalSettings {
  const saved = context.settings;
  const onSite = (page: string | undefined) => Boolean(page && URL.canParse(page) && onOwnSite({ config: context.config, settings }, new URL(page)));
  const given = isPlainObject(body.translations) ? body.translations : {};
  const named = (language: string) => isPlainObject(given[language]) && Object.hasOwn(given[language], 'portalUrl');
  const kept: PortalSettings = { ...settings };
  if (!Object.hasOwn(body, 'portalUrl') && onSite(saved.portalUrl)) kept.portalUrl = saved.portalUrl;
  if (!Object.hasOwn(body, 'links') && saved.links) kept.links = saved.links;
  if (!Object.hasOwn(body, 'officeNoticeEmail') && saved.officeNoticeEmail) kept.officeNoticeEmail = saved.officeNoticeEmail;
  if (!Object.hasOwn(body, 'translations')) {
    const words = (of: PortalSettings) => ({ visitsMessage: of.visitsMessage, portalUrl: of.portalUrl ?? '' });
    const translations = translationsKept(saved.translations, words(saved), words(kept));
    if (translations) kept.translations = translations;
  } else if (!Object.hasOwn(body, 'portalUrl') && (!saved.portalUrl || kept.portalUrl === saved.portalUrl)) {
    // A language the body sends without a page keeps its page (with the main one it went with); one the
    // body leaves out of its translations is cleared, as `"translations": {}` clears them all.
    for (const [language, words] of Object.entries(saved.translations ?? {}) as [WordLanguage, { portalUrl?: string } | undefined][]) {
      if (!words?.portalUrl || !isPlainObject(given[language]) || named(language)) continue;
      kept.translations = { ...kept.translations, [language]: { ...kept.translations?.[language], portalUrl: words.portalUrl } };
    }
  }
  // A page kept (not one the body names, which is checked, and refused, as given) only while on the site.
  for (const [language, words] of Object.entries(kept.translations ?? {}) as [WordLanguage, { portalUrl?: string } | undefined][]) {
    if (words?.portalUrl && !named(language) && !onSite(words.portalUrl)) {
      const rest = { ...words };
      delete rest.portalUrl;
      const others = { ...kept.translations };
      delete others[language];
      kept.translations = Object.keys(rest).length ? { ...others, [language]: rest } : others;
    }
  }
  return kept;
}

/**
 * An excluded business unit must be one the records have (a typo would hide nothing), or one already
 * excluded: a unit a later import dropped stays in what GET answers, and that goes back as it is.
 */
async function refuseUnknownUnits(context: RouteContext, excluded: readonly string[]): Promise<void> {
  const saved = new Set(context.settings.excludedBusinessUnitIds);
  if (excluded.every((id) => saved.has(id))) return;
  const units = await context.db.selectFrom('business_units').select(['id', 'name']).orderBy('name').execute();
  const index = excluded.findIndex((id) => !saved.has(id) && !units.some((unit) => unit.id === id));
  if (index === -1) return;
  const field = `excludedBusinessUnitIds.${index}`;
  const known = units.length ? `The business units are ${units.map((unit) => `${unit.name} (${unit.id})`).join(', ')}.` : 'There are none yet: they come with your records (POST /office/import).';
  throw new ApiError(400, 'VALIDATION', `There is no business unit "${excluded[index]!.slice(0, 60)}". ${known}`, { field });
}

/** What a visitor's page needs of the settings' translations: the visits message, not the office's pages. */
function visitsMessageOnly(translations: PortalSettings['translations']) {
  return Object.fromEntries(
    Object.entries(translations ?? {}).map(([language, words]) => [language, words?.visitsMessage === undefined ? {} : { visitsMessage: words.visitsMessage }]),
  );
}

/**
 * `?pending` (alone, `=true` or `=1`) asks for what is not delivered yet; `=false` or `=0`, or none, the
 * whole outbox. Anything else is refused: a sending job that read `?pending=no` as the whole outbox
 * would send every message again.
 */
function pendingParam(url: URL): boolean {
  const value = url.searchParams.get('pending');
  if (value === null || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw new ApiError(400, 'VALIDATION', '"pending" is true or false (or 1 or 0), or given alone as ?pending.', { field: 'pending' });
}

export const publicRoutes: Route[] = [
  {
    method: 'GET',
    path: '/settings',
    handler({ settings }) {
      return json({
        portalEnabled: settings.portalEnabled,
        companyName: settings.companyName,
        companyPhone: settings.companyPhone,
        companyEmail: settings.companyEmail,
        timeZone: settings.timeZone,
        schedulerEnabled: settings.schedulerEnabled,
        membershipsVisible: settings.membershipsVisible,
        visitsMessage: settings.visitsMessage,
        translations: visitsMessageOnly(settings.translations),
        onlinePaymentsEnabled: settings.onlinePaymentsEnabled,
        passwordPolicy: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
      });
    },
  },
];

export const officeRoutes: Route[] = [
  {
    method: 'POST',
    path: '/office/reset',
    body: 'none',
    async handler(context) {
      requireOffice(context);
      // Done by the backend itself after this handler (it owns seeding).
      context.resetRequested = true;
      return json({ reset: true });
    },
  },
  {
    method: 'GET',
    path: '/office/settings',
    handler(context) {
      requireOffice(context);
      return json(wholeSettings(context.settings));
    },
  },
  {
    method: 'PUT',
    path: '/office/settings',
    body: 'checked',
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const settings = portalPagesChecked(context, keptFromSaved(context, body, parseSettings(body)));
      await refuseUnknownUnits(context, settings.excludedBusinessUnitIds);
      await context.db.updateTable('settings').set({ value: JSON.stringify(settings) }).where('key', '=', 'portal').execute();
      return json(wholeSettings(settings));
    },
  },
  {
    method: 'GET',
    path: '/office/business-units',
    async handler(context) {
      requireOffice(context);
      return json(await context.db.selectFrom('business_units').selectAll().orderBy('name').execute());
    },
  },
  {
    method: 'GET',
    path: '/office/customers',
    async handler(context) {
      requireOffice(context);
      const customers = await context.db.selectFrom('customers').select(['id', 'name', 'type']).orderBy('name').limit(OFFICE_LIST_LIMIT).execute();
      const ids = customers.map((c) => c.id);
      const contacts = ids.length
        ? await context.db
            .selectFrom('contacts')
            .select(['customer_id', 'value', 'email_normalized'])
            .where('customer_id', 'in', ids)
            .where('type', '=', 'Email')
            .orderBy('location_id', 'desc')
            .orderBy('position')
            .execute()
        : [];
      const emails = [...new Set(contacts.map((c) => c.email_normalized!))];
      const confirmed = new Set(
        emails.length
          ? (await context.db.selectFrom('logins').select('email').where('email', 'in', emails).where('verified_at', 'is not', null).execute()).map(
              (l) => l.email,
            )
          : [],
      );
      const languages = await languagesOf(context.db, ids);
      // Their locations, for what the office makes at one (an estimate, a booking).
      const locations = ids.length
        ? await context.db.selectFrom('locations').select(['id', 'customer_id', 'name']).where('customer_id', 'in', ids).orderBy('position').execute()
        : [];
      return json(
        customers.map((customer) => {
          const mine = contacts.filter((c) => c.customer_id === customer.id);
          const unique = [...new Map(mine.map((c) => [c.value, c])).values()];
          return {
            ...customer,
            emails: unique.map((c) => ({ email: c.value, hasAccount: confirmed.has(c.email_normalized!) })),
            locations: locations.filter((l) => l.customer_id === customer.id).map((l) => ({ id: l.id, name: l.name })),
            ...languages.get(customer.id)!,
          };
        }),
      );
    },
  },
  {
    method: 'PUT',
    path: '/office/customers/:customerId/language',
    body: { language: true },
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const given = Object.hasOwn(body, 'language') ? body.language : undefined;
      if (given !== null && given !== 'en' && given !== 'es') {
        invalid('language', '"language" is "en" or "es", or null to follow the pages the customer uses.');
      }
      const customerId = context.params.customerId ?? '';
      // The office's record of it, as the records import keeps it: an import that names another writes
      // over it. Not while one is under way: it would write back the language it read before this.
      const language = given as 'en' | 'es' | null;
      const updated = await context.transaction(async (trx) => {
        await takeTurnWithImports(trx, context.dialect);
        return trx.updateTable('customers').set({ language }).where('id', '=', customerId).executeTakeFirst();
      });
      if (Number(updated.numUpdatedRows) !== 1) throw new ApiError(404, 'NOT_FOUND', 'No such customer.', { field: 'customerId' });
      return json({ id: customerId, ...(await languagesOf(context.db, [customerId])).get(customerId)! });
    },
  },
  {
    method: 'GET',
    path: '/office/outbox',
    query: ['pending'],
    async handler(context) {
      requireOffice(context);
      // `?pending`: what the sending job has not delivered yet, oldest first (it sends them in order).
      // Else the newest first, delivered or not, to look at. By time: ids begin with the message's
      // kind, so they do not order it.
      const pending = pendingParam(context.url);
      let query = context.db.selectFrom('outbox').selectAll();
      query = pending
        ? query.where('delivered_at', 'is', null).orderBy('sent_at', 'asc').orderBy('id', 'asc')
        : query.orderBy('sent_at', 'desc').orderBy('id', 'desc');
      const rows = await query.limit(OFFICE_LIST_LIMIT).execute();
      return json(
        rows.map((m) => ({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          body: m.body,
          html: m.html ?? null,
          link: m.link,
          kind: m.kind,
          sentAt: m.sent_at,
          deliveredAt: m.delivered_at ?? null,
        })),
      );
    },
  },
  {
    method: 'POST',
    path: '/office/outbox/:messageId/delivered',
    body: 'none',
    async handler(context) {
      requireOffice(context);
      const id = context.params.messageId ?? '';
      // Marked once: a second call (a job that retried) keeps the first time and answers the same.
      await context.db.updateTable('outbox').set({ delivered_at: context.now.toISOString() }).where('id', '=', id).where('delivered_at', 'is', null).execute();
      const row = await context.db.selectFrom('outbox').select(['id', 'delivered_at']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such message in the outbox.');
      return json({ id: row.id, deliveredAt: row.delivered_at });
    },
  },
  {
    method: 'POST',
    path: '/office/invitations',
    body: { email: true, portalUrl: true, translations: true },
    async handler(context) {
      requireOffice(context);
      const body = await context.body();
      const email = requireString(body, 'email', 320).trim();
      // The portal page named, else the settings' (portalUrl), in the customer's language (below).
      const named = optionalAddress(body, 'portalUrl');
      const url = named === undefined ? null : ownSitePage(context, named, 'portalUrl');
      // The Spanish portal page, where the site has one: for a customer who reads Spanish.
      const spanishPortal = spanishPages(body, ['portalUrl'])?.portalUrl;
      const spanishUrl = spanishPortal === undefined ? null : ownSitePage(context, spanishPortal, 'translations.es.portalUrl');
      const [grant] = await grantsFor(context.db, email);
      if (!grant) {
        throw new ApiError(422, 'EMAIL_NOT_ON_FILE', 'That email is not on any customer.', { field: 'email' });
      }
      // As at sign-up: a confirmed account holds the address, and "Create your account" would only lead
      // the customer to "an account with this email already exists". An unconfirmed sign-up does not.
      if ((await loginByEmail(context.db, email))?.verifiedAt) {
        throw new ApiError(
          409,
          'ACCOUNT_EXISTS',
          'This customer already has a portal account with this email: no invitation was sent. They can sign in, or reset their password if they forgot it.',
          { field: 'email' },
        );
      }
      // The invitation goes to the address the office chose (it is on file: checked above).
      const language = await customerLanguage(context.db, grant.customerId);
      const chosen = (language === 'es' && spanishUrl) || url || portalPage(context, language);
      if (!chosen) {
        throw new ApiError(400, 'VALIDATION', 'Name the portal page ("portalUrl"), or set the portal page or the hostname in the settings first: the invitation needs a page to open.', {
          field: 'portalUrl',
        });
      }
      const page = new URL(chosen);
      page.hash = `porchlight-sign-up=${encodeURIComponent(email)}`;
      const link = page.toString();
      const rendered = await renderEmail(context, context.db, 'invitation', language, {
        CustomerFirstName: await greetingFor(context.db, grant.customerId, email),
        CustomerPortalLink: link,
      });
      // Answered as GET /office/outbox lists it: the office reads one shape of message.
      const message = {
        id: sequentialId('mail', context.now),
        to: email,
        subject: rendered.subject,
        body: rendered.body,
        html: rendered.html,
        link,
        kind: 'invitation' as const,
        sentAt: context.now.toISOString(),
        deliveredAt: null,
      };
      await context.db
        .insertInto('outbox')
        .values({ id: message.id, to_address: message.to, subject: message.subject, body: message.body, html: message.html, link, kind: message.kind, sent_at: message.sentAt })
        .execute();
      return json(message, 201);
    },
  },
];
