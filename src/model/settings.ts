import * as z from 'zod/mini';
import { id, inOtherLanguages, timeZone } from './common.js';
import { reviewStatuses, syncStatuses } from './invoice.js';
import { membershipStatuses } from './membership.js';

/** The contractor's words in the settings that customers read, for pages in another language. */
const visitsMessageTranslations = inOtherLanguages({ visitsMessage: z.optional(z.string()) });
/** The same, and the site's portal page in that language (the office's settings only: no page needs it). */
const settingsTranslations = inOtherLanguages({ visitsMessage: z.optional(z.string()), portalUrl: z.optional(z.string()) });

/** The contractor's portal settings, as the office sets them. */
export const portalSettings = z.object({
  portalEnabled: z.boolean(),
  hostname: z.string(),
  /**
   * The page of the contractor's site with the portal on it (`https://www.acme.example/account`): where a
   * message's portal link (CustomerPortalLink), a link sent without a page of its own, and every
   * password-reset and sign-up confirmation link open, so it must have the sign-in card (`<portal-login>`
   * or `<portal-app>`). Blank: the site's main page for messages, and the page that asked for a reset or
   * confirmation. Left out of a save, the saved one stays (a tool from before it). On the hostname setting
   * (https) or a configured link origin.
   */
  portalUrl: z.optional(z.string()),
  companyName: z.string(),
  companyPhone: z.string(),
  companyEmail: z.string(),
  /**
   * Where the office hears of what a customer did that someone there acts on: a new appointment request
   * to review, an estimate's answer, a payment to record (backend/rules/office-notices.ts). Blank or left
   * out: no notices. Never shown to customers (companyEmail is the address they see).
   */
  officeNoticeEmail: z.optional(z.string()),
  /** IANA zone in which the contractor's dates and times are shown. */
  timeZone,
  schedulerEnabled: z.boolean(),
  membershipsVisible: z.boolean(),
  membershipStatuses: z.array(z.enum(membershipStatuses)),
  /** Plain text; never interpreted as markup. */
  visitsMessage: z.string(),
  /**
   * The visits message and the portal page for customers in another language
   * (`{ "es": { "visitsMessage": "…", "portalUrl": "https://www.acme.example/es/cuenta" } }`).
   */
  translations: settingsTranslations,
  invoiceFilter: z.object({
    syncStatuses: z.array(z.enum(syncStatuses)),
    reviewStatuses: z.array(z.enum(reviewStatuses)),
  }),
  excludedBusinessUnitIds: z.array(id),
  onlinePaymentsEnabled: z.boolean(),
  /**
   * Sign-up must be confirmed from a link sent to the email on file before the account works.
   * Proves the person owns the mailbox, not only that they know the address. On unless `false`:
   * settings saved without it (an office tool that leaves it out, a row from before it existed) keep it on.
   */
  requireEmailVerification: z.optional(z.boolean()),
  /** Links without a sign-in: how long each kind works (docs/contract/links.md). Defaults when unset. */
  links: z.optional(
    z.object({
      /** A pay link works while the invoice is unpaid, at most this many days. */
      payLinkMaxDays: z.int().check(z.minimum(1), z.maximum(3650)),
      /** After the invoice is paid, the link shows the receipt for this many days. */
      payLinkDaysAfterPaid: z.int().check(z.minimum(0), z.maximum(3650)),
      /** A visit-status link works until this many hours after the visit ends. */
      visitLinkHoursAfterVisit: z.int().check(z.minimum(1), z.maximum(24 * 365)),
    }),
  ),
});
export type PortalSettings = z.infer<typeof portalSettings>;

/** What any visitor may read before signing in: no filters, nothing that reveals the office's rules. */
export const publicSettings = z.object({
  portalEnabled: z.boolean(),
  companyName: z.string(),
  companyPhone: z.string(),
  companyEmail: z.string(),
  timeZone,
  schedulerEnabled: z.boolean(),
  membershipsVisible: z.boolean(),
  visitsMessage: z.string(),
  translations: visitsMessageTranslations,
  onlinePaymentsEnabled: z.boolean(),
  passwordPolicy: z.object({ minLength: z.int(), maxLength: z.int() }),
});
export type PublicSettings = z.infer<typeof publicSettings>;
