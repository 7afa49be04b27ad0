import * as z from 'zod/mini';
import { currency, id, inOtherLanguages, isoDate, isoDateTime, minorUnits, reference } from './common.js';

/** Open until the customer decides; a decision freezes the version (an office edit makes a new one). */
export const estimateStatuses = ['Open', 'Approved', 'Declined', 'ChangesRequested'] as const;
export type EstimateStatus = (typeof estimateStatuses)[number];

/**
 * The contractor's words in an estimate (its name, an option's name and description, an item's
 * description, the terms) may come in the elements' other language too, in `translations` as for the
 * services: a reader of that language is shown them (src/i18n/contractor-words.ts, estimateIn). An
 * option's `contentSha256` covers its own, its items' and the terms' translations (as it covers their
 * English, and not the estimate's name), so an approval signs what either reader saw.
 */
export const estimateItem = z.object({
  description: z.string(),
  quantity: z.number(),
  unitPrice: minorUnits,
  total: minorUnits,
  translations: inOtherLanguages({ description: z.optional(z.string()) }),
});
export type EstimateItem = z.infer<typeof estimateItem>;

/** One choice of the estimate ("Good", "Better", "Best"), priced on its own. */
export const estimateOption = z.object({
  id,
  name: z.string(),
  description: z.string(),
  translations: inOtherLanguages({ name: z.optional(z.string()), description: z.optional(z.string()) }),
  recommended: z.boolean(),
  items: z.array(estimateItem),
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
  /** SHA-256 (hex) of exactly what is shown for this option: what an approval signs. */
  contentSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type EstimateOption = z.infer<typeof estimateOption>;

/**
 * A consent text as shown, with its version: agreement to the terms, consent to sign electronically.
 * `translations`: the same consent in the elements' other language (the standard consents come in
 * Spanish), shown to a reader of that language; the signature record keeps the text as shown.
 */
export const consentText = z.object({ id, version: z.string(), text: z.string(), translations: inOtherLanguages({ text: z.optional(z.string()) }) });
export type ConsentText = z.infer<typeof consentText>;

export const estimateDecision = z.union([
  z.object({ kind: z.literal('approved'), optionId: id, signerName: z.string(), signedAt: isoDateTime, version: z.int() }),
  z.object({ kind: z.literal('declined'), reason: z.string(), at: isoDateTime, version: z.int() }),
  z.object({ kind: z.literal('changes-requested'), message: z.string(), at: isoDateTime, version: z.int() }),
]);
export type EstimateDecision = z.infer<typeof estimateDecision>;

export const estimate = z.object({
  id,
  number: z.string(),
  /** What the work is, in the contractor's words. */
  name: z.string(),
  /** The name for readers of another language (`{ "es": { "name": "…" } }`). */
  translations: inOtherLanguages({ name: z.optional(z.string()) }),
  customerId: id,
  location: reference,
  createdOn: isoDate,
  /** The last day the estimate (and its link) can be approved, in the contractor's time zone. */
  validUntil: isoDate,
  version: z.int(),
  status: z.enum(estimateStatuses),
  currency,
  options: z.array(estimateOption),
  terms: z.object({ version: z.string(), text: z.string(), translations: inOtherLanguages({ text: z.optional(z.string()) }) }),
  consents: z.array(consentText),
  /**
   * The customer's latest answer. Its `version` is older than the estimate's when the office edited the
   * estimate since (then `status` is `Open` again and this version needs its own answer).
   */
  decision: z.nullable(estimateDecision),
});
export type Estimate = z.infer<typeof estimate>;

/** What the contractor's name, phone and zone a link page needs, with the document. */
export const linkCompany = z.object({ name: z.string(), phone: z.string(), timeZone: z.string() });
export type LinkCompany = z.infer<typeof linkCompany>;

export const estimateView = z.object({ estimate, company: linkCompany });
export type EstimateView = z.infer<typeof estimateView>;
