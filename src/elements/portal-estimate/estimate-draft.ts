/**
 * What the customer chose and typed on an estimate, kept by the element so nothing is lost across
 * re-renders, a reload after a conflict, or a failed request; and the checks made before sending.
 */
import { msg } from '../../i18n/msg.js';
import type { Estimate } from '../../model/estimate.js';

/** Which of the three answers the customer is giving. */
export type EstimateAnswer = 'approve' | 'decline' | 'changes';

export interface EstimateDraft {
  answer: EstimateAnswer;
  optionId: string | null;
  signerName: string;
  /** Consent ids ticked. */
  consents: ReadonlySet<string>;
  reason: string;
  message: string;
  /** Field name (`option`, `signer`, `consent-<id>`, `reason`, `message`) → the problem. */
  problems: Readonly<Record<string, string>>;
  /** Why the last request did not go through, for the alert above the button. */
  error: string;
  /** Counts the answers tried: each attempt's alert is a new node, said again even in the same words. */
  attempt: number;
  busy: boolean;
}

export const REASON_MAX = 1000;
export const MESSAGE_MAX = 2000;

export function newEstimateDraft(estimate: Estimate): EstimateDraft {
  // One option: it is the choice. Several: the customer picks, nothing is chosen for them.
  const only = estimate.options.length === 1 ? estimate.options[0]!.id : null;
  return { answer: 'approve', optionId: only, signerName: '', consents: new Set(), reason: '', message: '', problems: {}, error: '', attempt: 0, busy: false };
}

/**
 * The draft for a new version of the estimate (after an office edit): the name typed stays, the
 * option stays if it still exists, and every consent must be ticked again for the new content.
 */
export function draftForNewVersion(draft: EstimateDraft, estimate: Estimate): EstimateDraft {
  const fresh = newEstimateDraft(estimate);
  const optionId = estimate.options.some((o) => o.id === draft.optionId) ? draft.optionId : fresh.optionId;
  return { ...fresh, answer: draft.answer, optionId, signerName: draft.signerName, reason: draft.reason, message: draft.message };
}

/** Letters in a name, in any script. */
function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** The problems with an approval as drafted; empty when it can be sent. */
export function checkApproval(draft: EstimateDraft, estimate: Estimate): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.optionId || !estimate.options.some((o) => o.id === draft.optionId)) problems.option = msg('Choose one of the options.');
  for (const consent of estimate.consents) {
    if (!draft.consents.has(consent.id)) problems[`consent-${consent.id}`] = msg('Tick this box to approve.');
  }
  if (letters(draft.signerName) < 2) problems.signer = msg('Type your full name to sign.');
  return problems;
}

export function checkDecline(draft: EstimateDraft): Record<string, string> {
  const reason = draft.reason.trim();
  if (!reason) return { reason: msg('Tell us why, in a few words.') };
  if (reason.length > REASON_MAX) return { reason: msg('Keep it under 1,000 characters.') };
  return {};
}

export function checkChanges(draft: EstimateDraft): Record<string, string> {
  const message = draft.message.trim();
  if (!message) return { message: msg('Tell us what you would like changed.') };
  if (message.length > MESSAGE_MAX) return { message: msg('Keep it under 2,000 characters.') };
  return {};
}
