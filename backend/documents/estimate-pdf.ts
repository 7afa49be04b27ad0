/**
 * The approved estimate as a PDF: the chosen option's lines and totals, the terms as agreed, and a
 * signature page carrying the signature record (what electronic-signature law asks to keep: intent,
 * consent, the signature tied to the exact record, reproducible). In the language of the page that asks
 * for it (`language`, English by default); the contractor's own words (the estimate's name, options,
 * terms) as written, and the consents as the signer was shown them (the signature record's).
 */
import type * as PdfLib from 'pdf-lib';
import type { Customer, Estimate, EstimateOption, PortalSettings } from '../../src/model/index.js';
import type { Database } from '../schema/database.js';
import { messageLocale, type MessageLanguage } from '../rules/languages.js';
import { formatDate, formatMoney } from '../../src/internal/format.js';
import { MARGIN, RIGHT, addressLines, lineItems, start } from './pdf.js';
import { pdfWords } from './pdf-words.js';

export interface EstimatePdfInput {
  estimate: Estimate;
  option: EstimateOption;
  signature: Database['estimate_signatures'] | null;
  customer: Customer;
  settings: PortalSettings;
  now: Date;
  /** The language of the page that asks for it; English by default. */
  language?: MessageLanguage;
}

export async function estimatePdf(lib: typeof PdfLib, input: EstimatePdfInput): Promise<Uint8Array> {
  const { estimate, option, signature, customer, settings, now, language = 'en' } = input;
  const words = pdfWords[language];
  const locale = messageLocale[language];
  const money = (minor: number) => formatMoney(minor, estimate.currency, locale);
  const { doc, writer: w } = await start(
    lib,
    settings,
    words.estimateTitle(estimate.number),
    words.estimateSubject(estimate.number, customer.name, option.name, money(option.total), signature?.signer_name ?? ''),
    [words.estimateKeyword, estimate.number, customer.id],
    now,
    locale,
    { estimate, option, signature, customer, amount: money(0) },
  );
  w.line(words.estimate(estimate.number), { size: 20, bold: true, gap: 10 });
  for (const l of w.wrap(estimate.name, RIGHT - MARGIN, 12)) w.line(l, { size: 12 });
  w.line(words.estimateDates(estimate.version, formatDate(estimate.createdOn, locale), formatDate(estimate.validUntil, locale)), { gap: 12 });
  w.line(words.customer, { bold: true });
  w.line(customer.name);
  for (const l of addressLines(customer.address)) w.line(l);
  w.space(6);
  w.line(words.approvedOption(option.name), { bold: true, size: 12 });
  if (option.description) for (const l of w.wrap(option.description, RIGHT - MARGIN, 10)) w.line(l);
  w.space(6);
  lineItems(w, option.items, option, money, language);
  w.space(10);
  w.line(words.terms(estimate.terms.version), { bold: true });
  for (const l of w.wrap(estimate.terms.text, RIGHT - MARGIN, 9)) w.line(l, { size: 9 });

  // The signature record starts a page of its own (asking for more room than a page has turns one).
  w.ensure(10_000);
  w.line(words.signatureRecord, { size: 16, bold: true, gap: 12 });
  // As the signer was shown them (the record keeps them so); without a record, as written: nothing says
  // which language was shown.
  const consents = signature ? (JSON.parse(signature.consents) as { id: string; version: string; text: string }[]) : estimate.consents;
  const fields: [string, string][] = [
    [words.estimateField, words.estimateValue(estimate.number, estimate.id, estimate.version)],
    [words.optionApproved, `${option.name} (${option.id}), ${money(option.total)}`],
    [words.contentSha256, signature?.content_sha256 ?? option.contentSha256],
    [words.signedBy, signature?.signer_name ?? ''],
    [words.signedAt, signature?.signed_at ?? ''],
    [words.clientAddress, signature?.client_address ?? words.clientAddressUnknown],
    [words.userAgent, signature?.user_agent ?? words.userAgentUnknown],
    [words.signedThrough, signature?.via ?? ''],
  ];
  for (const [name, value] of fields) {
    w.line(name, { bold: true, size: 9, gap: 2 });
    for (const l of w.wrap(value || '—', RIGHT - MARGIN, 10)) w.line(l);
    w.space(4);
  }
  w.line(words.consents, { bold: true, size: 9, gap: 4 });
  for (const consent of consents) {
    for (const l of w.wrap(words.consent(consent.text, consent.id, consent.version), RIGHT - MARGIN, 10)) w.line(l);
  }
  return doc.save();
}
