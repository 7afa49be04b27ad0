/**
 * The approved estimate as a PDF: the chosen option's lines and totals, the terms as agreed, and a
 * signature page carrying the signature record (what electronic-signature law asks to keep: intent,
 * consent, the signature tied to the exact record, reproducible).
 */
import type * as PdfLib from 'pdf-lib';
import type { Customer, Estimate, EstimateOption, PortalSettings } from '../../src/model/index.js';
import type { Database } from '../schema/database.js';
import { MARGIN, RIGHT, addressLines, formatAmount, formatDay, lineItems, start } from './pdf.js';

export interface EstimatePdfInput {
  estimate: Estimate;
  option: EstimateOption;
  signature: Database['estimate_signatures'] | null;
  customer: Customer;
  settings: PortalSettings;
  now: Date;
}

export async function estimatePdf(lib: typeof PdfLib, input: EstimatePdfInput): Promise<Uint8Array> {
  const { estimate, option, signature, customer, settings, now } = input;
  const money = (minor: number) => formatAmount(minor, estimate.currency);
  const { doc, writer: w } = await start(
    lib,
    settings,
    `Estimate ${estimate.number} (signed)`,
    `Estimate ${estimate.number} for ${customer.name}: ${option.name}, ${money(option.total)}, approved by ${signature?.signer_name ?? ''}`,
    ['estimate', estimate.number, customer.id],
    now,
  );
  w.line(`Estimate ${estimate.number}`, { size: 20, bold: true, gap: 10 });
  for (const l of w.wrap(estimate.name, RIGHT - MARGIN, 12)) w.line(l, { size: 12 });
  w.line(`Version ${estimate.version} · Issued ${formatDay(estimate.createdOn)} · Valid until ${formatDay(estimate.validUntil)}`, { gap: 12 });
  w.line('Customer', { bold: true });
  w.line(customer.name);
  for (const l of addressLines(customer.address)) w.line(l);
  w.space(6);
  w.line(`Approved option: ${option.name}`, { bold: true, size: 12 });
  if (option.description) for (const l of w.wrap(option.description, RIGHT - MARGIN, 10)) w.line(l);
  w.space(6);
  lineItems(w, option.items, option, money);
  w.space(10);
  w.line(`Terms (version ${estimate.terms.version})`, { bold: true });
  for (const l of w.wrap(estimate.terms.text, RIGHT - MARGIN, 9)) w.line(l, { size: 9 });

  // The signature record starts a page of its own (asking for more room than a page has turns one).
  w.ensure(10_000);
  w.line('Signature record', { size: 16, bold: true, gap: 12 });
  const consents = signature ? (JSON.parse(signature.consents) as { id: string; version: string; text: string }[]) : estimate.consents;
  const fields: [string, string][] = [
    ['Estimate', `${estimate.number} (${estimate.id}), version ${estimate.version}`],
    ['Option approved', `${option.name} (${option.id}), ${money(option.total)}`],
    ['Content SHA-256', signature?.content_sha256 ?? option.contentSha256],
    ['Signed by (typed name)', signature?.signer_name ?? ''],
    ['Signed at (server time, UTC)', signature?.signed_at ?? ''],
    ['Client address', signature?.client_address ?? 'not known (signed through the in-browser demo)'],
    ['User agent', signature?.user_agent ?? 'not known'],
    ['Signed through', signature?.via ?? ''],
  ];
  for (const [name, value] of fields) {
    w.line(name, { bold: true, size: 9, gap: 2 });
    for (const l of w.wrap(value || '—', RIGHT - MARGIN, 10)) w.line(l);
    w.space(4);
  }
  w.line('Consents as shown and agreed', { bold: true, size: 9, gap: 4 });
  for (const consent of consents) {
    for (const l of w.wrap(`[x] ${consent.text} (${consent.id}, version ${consent.version})`, RIGHT - MARGIN, 10)) w.line(l);
  }
  return doc.save();
}
