/**
 * The schemas the HTTP adapter checks answers against. Loaded with a dynamic import the first time
 * the adapter sends a request (in parallel with that request), so an element's first paint does not
 * wait for zod: it keeps `<portal-login>` inside its 16 KB gzip budget.
 */
import * as z from 'zod/mini';
import { appointmentRequestReceipt } from '../model/booking-request.js';
import { currency, isoDate } from '../model/common.js';
import { estimate, estimateView } from '../model/estimate.js';
import { invoice } from '../model/invoice.js';
import { installedEquipment } from '../model/installed-equipment.js';
import { job } from '../model/job.js';
import { membership } from '../model/membership.js';
import { payLinkView } from '../model/pay-link.js';
import { payment } from '../model/payment.js';
import { session } from '../model/session.js';
import { availability, schedulerConfig, serviceLocation } from '../model/scheduler.js';
import { publicSettings } from '../model/settings.js';
import { visitStatusView } from '../model/visit-status.js';

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    // Read field by field (errorDetails below): one odd detail must not cost the code and the message.
    details: z.optional(z.unknown()),
  }),
});

/**
 * The error details this version reads, each checked on its own: a detail of the wrong type (a
 * `null` reason, a number for a name) is left out, and the rest of the error kept. `linkProblem` and
 * `revokedBecause` take any text here: a reason this version does not know is left out by the adapter
 * (errorFrom). Not `z.catch`, which pulls 3.5 KB gzip of zod's issue reporting into every element's
 * first load (measured with scripts/size-report.mjs).
 */
export const errorDetails = {
  retryAfterSeconds: z.number(),
  passwordProblems: z.array(z.enum(['TOO_SHORT', 'TOO_LONG', 'COMMON', 'CONTAINS_EMAIL'])),
  field: z.string(),
  linkProblem: z.string(),
  revokedBecause: z.string(),
  renewable: z.boolean(),
  companyName: z.string(),
  companyPhone: z.string(),
};

export const balanceSummary = z.object({
  currency,
  totalDue: z.int(),
  pastDue: z.int(),
  pastDueCount: z.int(),
  openCount: z.int(),
  nextDueDate: z.nullable(isoDate),
});

export const wire = {
  session,
  signUp: z.union([session, z.object({ verificationSent: z.literal(true), email: z.string() })]),
  signUpCheck: z.object({ email: z.string() }),
  publicSettings,
  invoice,
  invoicePage: z.object({
    items: z.array(invoice),
    nextCursor: z.nullable(z.string()),
    total: z.int().check(z.minimum(0)),
  }),
  payment,
  balanceSummary,
  jobPage: z.object({
    items: z.array(job),
    nextCursor: z.nullable(z.string()),
    total: z.int().check(z.minimum(0)),
    years: z.array(z.int()),
  }),
  visits: z.object({ upcoming: z.array(job), recent: z.array(job) }),
  memberships: z.array(membership),
  equipment: z.array(installedEquipment),
  schedulerConfig,
  availability,
  serviceLocations: z.array(serviceLocation),
  appointmentRequestReceipt,
  linkTarget: z.object({ purpose: z.enum(['estimate', 'pay', 'visit']), documentId: z.string().check(z.minLength(1)) }),
  estimateView,
  estimates: z.array(estimate),
  payLinkView,
  visitStatusView,
};

export type WireSchemas = typeof wire;
export type WireSchemaName = keyof WireSchemas;
export type WireType<K extends WireSchemaName> = z.infer<WireSchemas[K]>;
