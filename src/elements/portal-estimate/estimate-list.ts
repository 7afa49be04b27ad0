/** The signed-in account's estimates, for the customer to open one. */
import { msg, str } from '../../i18n/msg.js';
import { html } from 'lit';
import { formatDate } from '../../internal/format.js';
import type { Estimate, EstimateStatus } from '../../model/estimate.js';
import { money, type EstimateContext } from './estimate-view.js';

export function estimateStatusText(status: EstimateStatus): string {
  switch (status) {
    case 'Open':
      return msg('Waiting for your answer');
    case 'Approved':
      return msg('Approved');
    case 'Declined':
      return msg('Declined');
    case 'ChangesRequested':
      return msg('Changes asked for');
  }
}

/**
 * What matters next to the status: an open estimate's last day to answer; an approved one's choice and
 * its amount (its valid-until day no longer matters); nothing for a declined one or one sent back.
 */
function detailOf(estimate: Estimate, v: EstimateContext): string | null {
  if (estimate.status === 'Open') return msg(str`valid until ${formatDate(estimate.validUntil, v.locale)}`);
  const decision = estimate.decision;
  if (estimate.status !== 'Approved' || decision?.kind !== 'approved') return null;
  const option = estimate.options.find((o) => o.id === decision.optionId);
  return option ? `${option.name}, ${money(option.total, estimate, v)}` : null;
}

export function renderEstimateList(estimates: Estimate[], v: EstimateContext, open: (estimateId: string) => void) {
  if (estimates.length === 0) return html`<p class="muted" role="status" part="empty">${msg('You have no estimates.')}</p>`;
  return html`<ul class="estimates" part="list">
    ${estimates.map(
      (estimate) => html`<li class="estimate-row">
        <button part="link-button" type="button" class="link" data-estimate=${estimate.id} @click=${() => open(estimate.id)}>${msg(str`Estimate ${estimate.number}`)}</button>
        <span>${estimate.name}</span>
        <span class="muted">${[estimateStatusText(estimate.status), detailOf(estimate, v)].filter(Boolean).join(' · ')}</span>
      </li>`,
    )}
  </ul>`;
}
