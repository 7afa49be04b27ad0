/**
 * The contractor's messages: templates with merge tags (rules/merge-tags.ts) for invitations,
 * invoices, estimates, receipts and visits, sent through the outbox to the contacts on file — an
 * email to the customer's email, a text message to their mobile phone. The office edits the templates;
 * a template with an unknown tag is refused when it is saved.
 */
import type { Transaction } from 'kysely';
import { ApiError, json, type Route, type RouteContext } from '../http/http.js';
import { isPlainObject } from '../http/known-keys.js';
import { forUpdate, type DialectName, type Queryable } from '../dialects/portal-database.js';
import { normaliseEmail } from '../queries/rows.js';
import type { Database } from '../schema/database.js';
import { sequentialId } from './crypto.js';
import { escapeHtml, MERGE_TAGS, renderTemplate, TemplateError, usesTag, validateTemplate, type MergeTag, type MergeValues } from './merge-tags.js';
import { portalPage } from './links.js';
import { customerLanguage, type MessageLanguage } from './languages.js';
import { spanishTemplates, spanishWithoutPayments } from './messages-es.js';

export const messageKinds = [
  'invitation',
  'invoice',
  'estimate',
  'receipt',
  'visit',
  'emailConfirmation',
  'passwordReset',
  'requestReceived',
  'requestBooked',
  'requestDismissed',
  'estimateApproved',
  'visitCanceled',
] as const;
export type MessageKind = (typeof messageKinds)[number];

/**
 * Account emails go to the address signed up with, and only there: a confirmation or reset link sent
 * by text to the phone on file would reach someone who did not ask for it. Their `sms` stays empty.
 */
export const emailOnlyKinds: ReadonlySet<MessageKind> = new Set(['emailConfirmation', 'passwordReset']);

/** Filled in for every message. */
const everyMessage = ['CustomerFirstName', 'CompanyName', 'CompanyPhone', 'CustomerPortalLink'] as const satisfies readonly MergeTag[];

/**
 * The tags each message fills in. A template naming another (a pay link in an estimate's message) is
 * refused when saved: sent, it would reach the customer as a blank.
 */
export const messageTags: Record<MessageKind, readonly MergeTag[]> = {
  invitation: everyMessage,
  invoice: [...everyMessage, 'InvoicePayLink', 'InvoiceNumber'],
  estimate: [...everyMessage, 'OnlineEstimateLink', 'EstimateNumber'],
  receipt: everyMessage,
  visit: [...everyMessage, 'VisitStatusLink', 'VisitDate', 'ArrivalWindow'],
  emailConfirmation: [...everyMessage, 'ConfirmEmailLink'],
  passwordReset: [...everyMessage, 'PasswordResetLink'],
  requestReceived: [...everyMessage, 'RequestReference', 'ServiceName', 'PreferredDays'],
  requestBooked: [...everyMessage, 'RequestReference', 'ServiceName', 'VisitDate', 'ArrivalWindow', 'TechnicianName'],
  requestDismissed: [...everyMessage, 'RequestReference', 'ServiceName'],
  estimateApproved: [...everyMessage, 'EstimateNumber', 'ApprovedOption', 'SignerName'],
  visitCanceled: [...everyMessage, 'VisitDate', 'ArrivalWindow'],
};

/**
 * The link a message exists to carry. Its email text and HTML must name it: an invitation without the
 * portal's address, or a confirmation email without its link, leaves the customer nothing to open.
 */
const ownLink: Partial<Record<MessageKind, MergeTag>> = {
  invitation: 'CustomerPortalLink',
  invoice: 'InvoicePayLink',
  estimate: 'OnlineEstimateLink',
  visit: 'VisitStatusLink',
  emailConfirmation: 'ConfirmEmailLink',
  passwordReset: 'PasswordResetLink',
};

export interface MessageTemplate {
  /** Plain text. */
  subject: string;
  /** The email's HTML. */
  html: string;
  /** The email's plain-text part. */
  text: string;
  /** The text message (SMS). */
  sms: string;
}

export type Templates = Record<MessageKind, MessageTemplate>;

export const defaultTemplates: Templates = {
  invitation: {
    subject: 'Your {{CompanyName}} customer portal',
    html: '<p>Hi {{CustomerFirstName}},</p><p>See your invoices, pay online, and check your membership and equipment any time.</p><p><a href="{{CustomerPortalLink}}">Create your account</a> with this email address.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nSee your invoices, pay online, and check your membership and equipment any time. Create your account with this email address:\n{{CustomerPortalLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
    sms: '{{CompanyName}}: your customer portal is ready. Create your account: {{CustomerPortalLink}}',
  },
  invoice: {
    subject: 'Invoice {{InvoiceNumber}} from {{CompanyName}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your invoice {{InvoiceNumber}} is ready. <a href="{{InvoicePayLink}}">View and pay it online</a>, or see all your invoices in <a href="{{CustomerPortalLink}}">your customer portal</a>.</p><p>Questions? Call {{CompanyPhone}}.</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour invoice {{InvoiceNumber}} is ready. View and pay it online:\n{{InvoicePayLink}}\n\nAll your invoices, in your customer portal:\n{{CustomerPortalLink}}\n\nQuestions? Call {{CompanyPhone}}.',
    sms: '{{CompanyName}}: your invoice {{InvoiceNumber}} is ready. Pay online: {{InvoicePayLink}}',
  },
  estimate: {
    subject: 'Estimate {{EstimateNumber}} from {{CompanyName}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your estimate {{EstimateNumber}} is ready. <a href="{{OnlineEstimateLink}}">Review the options and approve online</a>.</p><p>Questions? Call {{CompanyPhone}}.</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour estimate {{EstimateNumber}} is ready. Review the options and approve online:\n{{OnlineEstimateLink}}\n\nQuestions? Call {{CompanyPhone}}.',
    sms: '{{CompanyName}}: your estimate {{EstimateNumber}} is ready: {{OnlineEstimateLink}}',
  },
  receipt: {
    subject: 'Your payment receipt from {{CompanyName}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Thank you for your payment. See every receipt in <a href="{{CustomerPortalLink}}">your customer portal</a>.</p>',
    text: 'Hi {{CustomerFirstName}},\n\nThank you for your payment. See every receipt in your customer portal:\n{{CustomerPortalLink}}',
    sms: '{{CompanyName}}: thank you for your payment.',
  },
  visit: {
    subject: 'Your visit on {{VisitDate}} from {{CompanyName}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your visit is on {{VisitDate}}, arrival window {{ArrivalWindow}}. <a href="{{VisitStatusLink}}">Follow your visit</a>: the technician, and when they are on the way.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour visit is on {{VisitDate}}, arrival window {{ArrivalWindow}}. Follow your visit (the technician, and when they are on the way):\n{{VisitStatusLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
    sms: '{{CompanyName}}: your visit on {{VisitDate}}, arrival window {{ArrivalWindow}}. Follow it: {{VisitStatusLink}}',
  },
  emailConfirmation: {
    subject: 'Confirm your {{CompanyName}} portal account',
    html: '<p>Open the link below within 24 hours to confirm this is your email and finish creating your {{CompanyName}} customer portal account.</p><p><a href="{{ConfirmEmailLink}}">Confirm my email</a></p><p>If you did not ask for an account, ignore this email.</p>',
    text: 'Open the link below within 24 hours to confirm this is your email and finish creating your {{CompanyName}} customer portal account. If you did not ask for an account, ignore this email.\n\n{{ConfirmEmailLink}}',
    sms: '',
  },
  passwordReset: {
    subject: 'Reset your {{CompanyName}} portal password',
    html: '<p>Someone asked to reset the password for your {{CompanyName}} customer portal. If it was you, open the link below within 30 minutes.</p><p><a href="{{PasswordResetLink}}">Choose a new password</a></p><p>If not, ignore this email; your password has not changed.</p>',
    text: 'Someone asked to reset the password for your {{CompanyName}} customer portal. If it was you, open the link below within 30 minutes. If not, ignore this email; your password has not changed.\n\n{{PasswordResetLink}}',
    sms: '',
  },
  requestReceived: {
    subject: 'We received your request {{RequestReference}} — not yet booked',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Thank you for your request for {{ServiceName}}. It is not booked yet: we review every request and confirm a day and arrival window with you.</p><p>Your preferred days: {{PreferredDays}}.<br>Reference: {{RequestReference}}</p><p>For anything urgent, call {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nThank you for your request for {{ServiceName}}. It is not booked yet: we review every request and confirm a day and arrival window with you.\n\nYour preferred days: {{PreferredDays}}.\nReference: {{RequestReference}}\n\nFor anything urgent, call {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: we received your request {{RequestReference}}. It is not booked yet: we will confirm a day and arrival window with you.',
  },
  requestBooked: {
    subject: 'Your visit is booked: {{VisitDate}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your {{ServiceName}} visit is booked: {{VisitDate}}, arrival window {{ArrivalWindow}}.<br>Reference: {{RequestReference}}</p><p>To change it, call {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour {{ServiceName}} visit is booked: {{VisitDate}}, arrival window {{ArrivalWindow}}.\nReference: {{RequestReference}}\n\nTo change it, call {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: your visit is booked for {{VisitDate}}, arrival window {{ArrivalWindow}}. Ref {{RequestReference}}.',
  },
  requestDismissed: {
    subject: 'About your request {{RequestReference}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Thank you for your request for {{ServiceName}}. We’re sorry, we can’t book it from the request alone. Please call us at {{CompanyPhone}} and we’ll find a time that works for you.</p><p>{{CompanyName}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nThank you for your request for {{ServiceName}}. We’re sorry, we can’t book it from the request alone.\nPlease call us at {{CompanyPhone}} and we’ll find a time that works for you.\n\n{{CompanyName}}',
    sms: '{{CompanyName}}: about your request {{RequestReference}}, please call us at {{CompanyPhone}} and we’ll find a time that works.',
  },
  estimateApproved: {
    subject: 'You approved estimate {{EstimateNumber}} from {{CompanyName}}',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Thank you for approving estimate {{EstimateNumber}}: {{ApprovedOption}}, signed by {{SignerName}}. The signed copy is in <a href="{{CustomerPortalLink}}">your customer portal</a>, and on the page where you approved it.</p><p>We will call you to schedule the work. Questions? Call {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nThank you for approving estimate {{EstimateNumber}}: {{ApprovedOption}}, signed by {{SignerName}}. The signed copy is in your customer portal, and on the page where you approved it:\n{{CustomerPortalLink}}\n\nWe will call you to schedule the work. Questions? Call {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: thank you for approving estimate {{EstimateNumber}} ({{ApprovedOption}}). We will call you to schedule the work.',
  },
  visitCanceled: {
    subject: 'Your visit on {{VisitDate}} is canceled',
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your visit on {{VisitDate}}, arrival window {{ArrivalWindow}}, is canceled.</p><p>To book another time, call {{CompanyPhone}} or ask for a visit in <a href="{{CustomerPortalLink}}">your customer portal</a>.</p><p>{{CompanyName}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour visit on {{VisitDate}}, arrival window {{ArrivalWindow}}, is canceled.\n\nTo book another time, call {{CompanyPhone}} or ask for a visit in your customer portal:\n{{CustomerPortalLink}}\n\n{{CompanyName}}',
    sms: '{{CompanyName}}: your visit on {{VisitDate}} is canceled. Call {{CompanyPhone}} to book another time.',
  },
};

/**
 * The default parts that speak of paying online, as they read while online payments are off. A new
 * server starts with payments off (its card processor is simulated), and its first invoice email must
 * not send customers to pay where they cannot: the pay link then shows the invoice and whom to call.
 */
const withoutPayments: Partial<Record<MessageKind, Partial<MessageTemplate>>> = {
  invitation: {
    html: '<p>Hi {{CustomerFirstName}},</p><p>See your invoices, and check your membership and equipment any time.</p><p><a href="{{CustomerPortalLink}}">Create your account</a> with this email address.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hi {{CustomerFirstName}},\n\nSee your invoices, and check your membership and equipment any time. Create your account with this email address:\n{{CustomerPortalLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
  },
  invoice: {
    html: '<p>Hi {{CustomerFirstName}},</p><p>Your invoice {{InvoiceNumber}} is ready. <a href="{{InvoicePayLink}}">View it online</a>, or see all your invoices in <a href="{{CustomerPortalLink}}">your customer portal</a>.</p><p>To pay, or with any question, call {{CompanyPhone}}.</p>',
    text: 'Hi {{CustomerFirstName}},\n\nYour invoice {{InvoiceNumber}} is ready. View it online:\n{{InvoicePayLink}}\n\nAll your invoices, in your customer portal:\n{{CustomerPortalLink}}\n\nTo pay, or with any question, call {{CompanyPhone}}.',
    sms: '{{CompanyName}}: your invoice {{InvoiceNumber}} is ready: {{InvoicePayLink}}',
  },
};

/** The default templates in each language, and their parts while online payments are off. */
const defaultsIn: Record<MessageLanguage, { templates: Templates; withoutPayments: typeof withoutPayments }> = {
  en: { templates: defaultTemplates, withoutPayments },
  es: { templates: spanishTemplates, withoutPayments: spanishWithoutPayments },
};

/** A message's default template in `language` while online payments are on (`paymentsOn`) or off. */
export function defaultTemplate(kind: MessageKind, paymentsOn: boolean, language: MessageLanguage = 'en'): MessageTemplate {
  const defaults = defaultsIn[language];
  return paymentsOn ? defaults.templates[kind] : { ...defaults.templates[kind], ...defaults.withoutPayments[kind] };
}

/** The languages the office translates its templates into: the main set is the English one. */
const translatedLanguages = ['es'] as const satisfies readonly MessageLanguage[];
type TranslatedLanguage = (typeof translatedLanguages)[number];

const MAX_TEMPLATE_LENGTH = 10_000;
const templateParts = ['subject', 'html', 'text', 'sms'] as const satisfies readonly (keyof MessageTemplate)[];

/** The parts of each message the office wrote itself, by message. */
type OwnParts = Partial<Record<MessageKind, Partial<MessageTemplate>>>;

/**
 * How the templates row is stored since the defaults follow online payments: only the parts the office
 * wrote itself, marked so (`v: 2`). A row without the mark is the whole set as older versions saved it,
 * where a part equal to the (then only, payments-on) default was the default.
 */
interface StoredTemplates {
  v: 2;
  own: OwnParts;
  /** The same for each translation: the parts that differ from that language's defaults. */
  translations?: Partial<Record<TranslatedLanguage, OwnParts>>;
}

/**
 * The templates row as stored, in the current shape: an unmarked older row is the main set, in English.
 * `lock` (PostgreSQL) holds the row for a save that keeps part of it: two saves at once then take turns.
 */
async function readStored(db: Queryable, lock?: DialectName): Promise<{ stored: StoredTemplates; marked: boolean }> {
  const query = db.selectFrom('settings').select('value').where('key', '=', 'templates');
  const row = await (lock ? forUpdate(lock, query) : query).executeTakeFirst();
  const value = row ? (JSON.parse(row.value) as StoredTemplates | OwnParts) : {};
  const marked = (value as Partial<StoredTemplates>).v === 2;
  return { stored: marked ? (value as StoredTemplates) : { v: 2, own: value as OwnParts }, marked };
}

/**
 * The templates in use in `language`: each part the office wrote, else the default for the payments
 * setting, so a part left as the default follows the setting when the office turns payments on or off.
 */
function inUse({ stored, marked }: { stored: StoredTemplates; marked: boolean }, paymentsOn: boolean, language: MessageLanguage): Templates {
  const own = (language === 'en' ? stored.own : stored.translations?.[language]) ?? {};
  const templateOf = (kind: MessageKind): MessageTemplate => {
    const written = own[kind] ?? {};
    const template = { ...defaultTemplate(kind, paymentsOn, language) };
    for (const part of templateParts) {
      const text = written[part];
      const olderDefault = !marked && text === defaultTemplates[kind][part];
      if (text !== undefined && !olderDefault) template[part] = text;
    }
    return template;
  };
  return Object.fromEntries(messageKinds.map((kind) => [kind, templateOf(kind)])) as Templates;
}

/** The templates in use in `language` (rules above). */
export async function readTemplates(db: Queryable, paymentsOn: boolean, language: MessageLanguage = 'en'): Promise<Templates> {
  return inUse(await readStored(db), paymentsOn, language);
}

/** Every set in use: the main (English) one and each translation, as GET /office/templates answers them. */
async function readTemplateSets(db: Queryable, paymentsOn: boolean) {
  const stored = await readStored(db);
  const translations = Object.fromEntries(translatedLanguages.map((language) => [language, inUse(stored, paymentsOn, language)]));
  return { templates: inUse(stored, paymentsOn, 'en'), translations: translations as Record<TranslatedLanguage, Templates> };
}

/** What a save keeps of one set: the parts that differ from its language's default of the moment, each the office's own from then on. */
function ownParts(templates: Templates, paymentsOn: boolean, language: MessageLanguage): OwnParts {
  const own: OwnParts = {};
  for (const kind of messageKinds) {
    const fallback = defaultTemplate(kind, paymentsOn, language);
    const parts = Object.fromEntries(templateParts.filter((part) => templates[kind][part] !== fallback[part]).map((part) => [part, templates[kind][part]]));
    if (Object.keys(parts).length) own[kind] = parts;
  }
  return own;
}

/**
 * Parts a message cannot go without: an email with no subject, or a blank HTML or plain-text part (a
 * mail program shows one of the two), reaches the customer as an empty email. An empty text message
 * (`sms`) is how the office sends none for that message.
 */
const requiredParts: ReadonlySet<keyof MessageTemplate> = new Set(['subject', 'html', 'text']);

const isOneOf = <T extends string>(list: readonly T[], key: string): key is T => (list as readonly string[]).includes(key);

/** What a save says: the main set, and the translations it gives (absent: the saved ones stay). */
interface TemplateSave {
  /** Absent from a save that gives only `translations`: the English set stays as saved. */
  templates?: Templates;
  translations?: Partial<Record<TranslatedLanguage, Templates>>;
}

/**
 * Checks every template of a save; the refusal names the message, the part and the tag. The body is
 * the whole set, by message (`{ "invoice": { … }, … }`), or what GET answered (`{ "templates": …,
 * "translations": …, "tags": … }`) sent back edited (`tags` and `messageTags` are read-only and
 * ignored). PUT replaces the set: a message or a part left out goes back to its default. A key the set
 * does not have (a misspelt message or part, or another shape) is refused rather than ignored: ignored,
 * the save would answer 200 with the customised text gone.
 *
 * `translations` (`{ "es": { "invoice": { … } } }`) is the Spanish set, checked by the same rules
 * against the Spanish defaults. A set a save leaves out stays as saved: a save without `translations`
 * (a tool written before them) changes only the English, one with only `translations` only the Spanish.
 */
function parseTemplates(sent: Record<string, unknown>, paymentsOn: boolean): TemplateSave {
  const wrapped = Object.hasOwn(sent, 'templates') && isPlainObject(sent.templates);
  if (wrapped) {
    for (const key of Object.keys(sent)) {
      if (key !== 'templates' && key !== 'translations' && key !== 'tags' && key !== 'messageTags') {
        throw new ApiError(400, 'VALIDATION', `There is no "${key}" beside "templates": send back what GET /office/templates answers, or the templates by message.`, {
          field: key,
        });
      }
    }
  }
  if (wrapped && Object.hasOwn(sent.templates as object, 'translations')) {
    const field = 'templates.translations';
    throw new ApiError(400, 'VALIDATION', `"translations" goes beside "templates", not inside it: { "templates": …, "translations": { "es": … } }.`, { field });
  }
  const { translations, ...main } = wrapped ? { ...(sent.templates as Record<string, unknown>), translations: sent.translations } : sent;
  const onlyTranslations = !wrapped && translations !== undefined && Object.keys(main).length === 0;
  const save: TemplateSave = onlyTranslations ? {} : { templates: parseSet(main, paymentsOn, 'en', '') };
  if (translations === undefined) return save;
  if (!isPlainObject(translations)) {
    throw new ApiError(400, 'VALIDATION', '"translations" must be the templates by language: { "es": { "invoice": { … } } }.', { field: 'translations' });
  }
  save.translations = {};
  for (const language of Object.keys(translations)) {
    if (!isOneOf(translatedLanguages, language)) {
      const field = `translations.${language}`;
      throw new ApiError(400, 'VALIDATION', `Templates are translated into ${translatedLanguages.join(', ')}: the main templates are the English ones.`, { field });
    }
    const set = translations[language];
    if (!isPlainObject(set)) throw new ApiError(400, 'VALIDATION', `"translations.${language}" must be the templates by message.`, { field: `translations.${language}` });
    save.translations[language] = parseSet(set, paymentsOn, language, `translations.${language}.`);
  }
  return save;
}

/** One set of templates (one language's), each refusal naming its field with `prefix` before it. */
function parseSet(body: Record<string, unknown>, paymentsOn: boolean, language: MessageLanguage, prefix: string): Templates {
  for (const name of Object.keys(body)) {
    if (!isOneOf(messageKinds, name)) {
      throw new ApiError(400, 'VALIDATION', `There is no message "${prefix}${name}". The messages are: ${messageKinds.join(', ')}.`, { field: `${prefix}${name}` });
    }
  }
  const templates = {} as Templates;
  for (const kind of messageKinds) {
    const fallback = defaultTemplate(kind, paymentsOn, language);
    const given = Object.hasOwn(body, kind) ? body[kind] : fallback;
    if (!isPlainObject(given)) {
      throw new ApiError(400, 'VALIDATION', `"${prefix}${kind}" must be a template: { "subject", "html", "text", "sms" }.`, { field: `${prefix}${kind}` });
    }
    for (const name of Object.keys(given)) {
      if (!isOneOf(templateParts, name)) {
        const field = `${prefix}${kind}.${name}`;
        throw new ApiError(400, 'VALIDATION', `There is no part "${field}". A message's parts are: ${templateParts.join(', ')}.`, { field });
      }
    }
    const part = (name: keyof MessageTemplate): string => {
      const value = Object.hasOwn(given, name) ? given[name] : fallback[name];
      const field = `${prefix}${kind}.${name}`;
      if (typeof value !== 'string') throw new ApiError(400, 'VALIDATION', `"${field}" must be text.`, { field });
      if (name === 'sms' && emailOnlyKinds.has(kind) && value.trim() !== '') {
        throw new ApiError(400, 'VALIDATION', `"${field}" must stay empty: an account email goes only to the address it was asked for, never by text.`, { field });
      }
      if (requiredParts.has(name) && value.trim() === '') {
        throw new ApiError(400, 'VALIDATION', `"${field}" is empty: the message would reach the customer blank. Write it, or leave it out for the default.`, { field });
      }
      if (value.length > MAX_TEMPLATE_LENGTH) throw new ApiError(400, 'VALIDATION', `"${field}" is too long.`, { field });
      try {
        validateTemplate(value, name === 'html' ? 'html' : 'text', messageTags[kind]);
      } catch (error) {
        if (error instanceof TemplateError) throw new ApiError(400, 'VALIDATION', `${field}: ${error.message}`, { field });
        throw error;
      }
      return value;
    };
    templates[kind] = { subject: part('subject'), html: part('html'), text: part('text'), sms: part('sms') };
    const link = ownLink[kind];
    for (const name of ['text', 'html'] as const) {
      if (link && !usesTag(templates[kind][name], link)) {
        const field = `${prefix}${kind}.${name}`;
        throw new ApiError(400, 'VALIDATION', `"${field}" must carry {{${link}}}: it is what this message is sent for.`, { field });
      }
    }
  }
  return templates;
}

/** How a message greets a person: "Hi Dana," for Dana Whitfield (a business is greeted by its whole name, by contactsOnFile). */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** How messages greet a customer: a person by first name ("Dana"), a business by its whole name. */
export async function customerGreeting(db: Queryable, customerId: string): Promise<string> {
  const customer = await db.selectFrom('customers').select(['name', 'type']).where('id', '=', customerId).executeTakeFirst();
  if (!customer) return '';
  return customer.type === 'Residential' ? firstNameOf(customer.name) : customer.name;
}

/**
 * How a message to `email` greets its reader: by the customer's name when the address is the customer's
 * own (a customer-level contact), else by no name ("Hi,"): a contact on file at a location only (a site
 * superintendent, a tenant) is someone else, with no name of their own on file, and must not be greeted
 * as the account holder.
 */
export async function greetingFor(db: Queryable, customerId: string, email: string | null): Promise<string> {
  if (email === null) return customerGreeting(db, customerId);
  const own = await db
    .selectFrom('contacts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('type', '=', 'Email')
    .where('location_id', 'is', null)
    .where('email_normalized', '=', normaliseEmail(email))
    .executeTakeFirst();
  return own ? customerGreeting(db, customerId) : '';
}

/** Who may be sent a document's link, or its receipt: a contact at its location with enough access there. */
export interface DocumentReach {
  locationId: string;
  /** `billing` for an invoice or an estimate (paying, approving); `visible` (billing or non-billing) for a visit. */
  need: 'billing' | 'visible';
}

/**
 * The customer's contacts on file that messages go to (their email and mobile phone), and how to greet
 * them. A customer-level contact comes first (it reaches every location with billing). Else, for a
 * document, a contact at the document's location whose portal access there is enough: a link or a
 * receipt never goes to someone the portal would not show the document to (a location contact with no
 * access, or non-billing for an invoice). Without a document, any contact on file.
 */
export async function contactsOnFile(db: Queryable, customerId: string, document?: DocumentReach) {
  const rows = await db
    .selectFrom('contacts')
    .select(['type', 'value', 'location_id', 'portal_access'])
    .where('customer_id', '=', customerId)
    .orderBy('position')
    .execute();
  const reaches = (row: (typeof rows)[number]) => {
    if (row.location_id === null || !document) return true;
    if (row.location_id !== document.locationId) return false;
    // An unset access is non-billing, as for signing in (rules/identity.ts, grantOf).
    const access = row.portal_access ?? 'nonBilling';
    return document.need === 'billing' ? access === 'billing' : access !== 'none';
  };
  const customerLevel = rows.filter((r) => r.location_id === null);
  const allowed = rows.filter(reaches);
  const pick = (type: string) => customerLevel.find((r) => r.type === type) ?? allowed.find((r) => r.type === type);
  const [email, mobile] = [pick('Email')?.value.trim() ?? null, pick('MobilePhone')?.value.trim() ?? null];
  // Greeted as whom the email goes to: a location's own contact by no name.
  return { email, mobile, firstName: await greetingFor(db, customerId, email) };
}

export interface SendInput {
  kind: MessageKind;
  /** The outbox's name for it, when not the template's (`estimate-approved` for `estimateApproved`). */
  outboxKind?: string;
  customerId: string;
  /** The document the message is about: only a contact who may see it is sent it. */
  document: DocumentReach;
  values: MergeValues;
  /** A link the office page offers to open (the main link of the message). */
  link: string | null;
  /** Lines the system adds after the template's text (a receipt's amounts), in `language`. */
  details?: string[];
  /** The message's language (rules/languages.ts): the page's for the customer's own action, else the customer's. */
  language: MessageLanguage;
}

/**
 * An email rendered from the kind's template in `language`, with the system's detail lines after it
 * (escaped for HTML). The values come formatted for that language (messageLocale).
 */
export async function renderEmail(context: RouteContext, db: Queryable, kind: MessageKind, language: MessageLanguage, values: MergeValues, detailLines: string[] = []) {
  const template = (await readTemplates(db, context.settings.onlinePaymentsEnabled, language))[kind];
  const all: MergeValues = {
    CompanyName: context.settings.companyName,
    CompanyPhone: context.settings.companyPhone,
    // The portal's page in the message's language (rules/links.ts). With no site known there is no
    // address to give, and the tag renders empty rather than as a broken `https:///`.
    CustomerPortalLink: portalPage(context, language) ?? '',
    ...values,
  };
  const details = detailLines.length ? `\n\n${detailLines.join('\n')}` : '';
  const htmlDetails = detailLines.length
    ? `<p>${detailLines.map(escapeHtml).join('<br>')}</p>`
    : '';
  return {
    subject: renderTemplate(template.subject, 'text', all),
    body: renderTemplate(template.text, 'text', all) + details,
    html: renderTemplate(template.html, 'html', all) + htmlDetails,
    sms: renderTemplate(template.sms, 'text', all),
  };
}

/**
 * Whom a message of this kind about this document would reach, before it is rendered: the contacts on
 * file who may see it, the mobile only while the office's template has a text message (an empty one is
 * how it sends none; putInOutbox skips the text by the same rule once it is rendered).
 */
export async function recipientsOf(context: RouteContext, kind: MessageKind, customerId: string, document: DocumentReach) {
  const contacts = await contactsOnFile(context.db, customerId, document);
  const language = await customerLanguage(context.db, customerId);
  const texts = (await readTemplates(context.db, context.settings.onlinePaymentsEnabled, language))[kind].sms.trim() !== '';
  return { ...contacts, mobile: texts ? contacts.mobile : null };
}

/** Renders the kind's template for this customer and puts an email and a text message in the outbox. */
export async function sendTemplated(context: RouteContext, db: Queryable | Transaction<Database>, input: SendInput): Promise<string | null> {
  const contacts = await contactsOnFile(db, input.customerId, input.document);
  const message = await renderEmail(context, db, input.kind, input.language, { CustomerFirstName: contacts.firstName, ...input.values }, input.details);
  return putInOutbox(context, db, { email: contacts.email, phone: contacts.mobile }, message, input.outboxKind ?? input.kind, input.link);
}

/**
 * A rendered message into the outbox: an email to `email`, and a text to `phone` unless the office left
 * the text message empty. Answers the first message's id (null: nobody to send to).
 */
export async function putInOutbox(
  context: RouteContext,
  db: Queryable | Transaction<Database>,
  to: { email: string | null; phone: string | null },
  message: { subject: string; body: string; html: string; sms: string },
  kind: string,
  link: string | null,
): Promise<string | null> {
  const sentAt = context.now.toISOString();
  let firstId: string | null = null;
  if (to.email) {
    firstId = sequentialId('mail', context.now);
    await db
      .insertInto('outbox')
      .values({ id: firstId, to_address: to.email, subject: message.subject, body: message.body, html: message.html, link, kind, sent_at: sentAt })
      .execute();
  }
  if (to.phone && message.sms.trim()) {
    const id = sequentialId('sms', context.now);
    firstId ??= id;
    await db
      .insertInto('outbox')
      .values({ id, to_address: to.phone, subject: 'Text message', body: message.sms, html: null, link, kind: `${kind}-sms`, sent_at: sentAt })
      .execute();
  }
  return firstId;
}

export function templateRoutes(requireOffice: (context: RouteContext) => void): Route[] {
  return [
    {
      method: 'GET',
      path: '/office/templates',
      async handler(context) {
        requireOffice(context);
        return json({ ...(await readTemplateSets(context.db, context.settings.onlinePaymentsEnabled)), tags: MERGE_TAGS, messageTags });
      },
    },
    {
      method: 'PUT',
      path: '/office/templates',
      body: 'checked',
      maxBodyBytes: 128 * 1024,
      async handler(context) {
        requireOffice(context);
        const paymentsOn = context.settings.onlinePaymentsEnabled;
        const save = parseTemplates(await context.body(), paymentsOn);
        await context.transaction(async (trx) => {
          // A set the save leaves out stays as saved: read it in the write's transaction, the row held
          // (made first when there is none yet), so a save meanwhile is not written over with the set
          // from before it.
          await trx
            .insertInto('settings')
            .values({ key: 'templates', value: JSON.stringify({ v: 2, own: {} } satisfies StoredTemplates) })
            .onConflict((oc) => oc.column('key').doNothing())
            .execute();
          const current = await readStored(trx, context.dialect);
          const translations = save.translations
            ? Object.fromEntries(Object.entries(save.translations).map(([language, set]) => [language, ownParts(set, paymentsOn, language as TranslatedLanguage)]))
            : current.stored.translations;
          const english = save.templates ?? inUse(current, paymentsOn, 'en');
          const stored: StoredTemplates = { v: 2, own: ownParts(english, paymentsOn, 'en'), ...(translations ? { translations } : {}) };
          const value = JSON.stringify(stored);
          await trx
            .insertInto('settings')
            .values({ key: 'templates', value })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
            .execute();
        });
        // As they are now in use: a part left as a default reads as the default for the payments setting.
        return json(await readTemplateSets(context.db, paymentsOn));
      },
    },
  ];
}
