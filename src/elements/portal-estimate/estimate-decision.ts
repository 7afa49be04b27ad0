/** An estimate once answered: what was decided, by whom and when, and the signed PDF. */
import { msg, str } from '../../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, numberFormat } from '../../internal/format.js';
import type { Estimate, EstimateDecision } from '../../model/estimate.js';
import { money, renderOption, type EstimateContext } from './estimate-view.js';

export interface DecisionActions {
  download(): void;
  /** The PDF is being fetched. */
  downloading: boolean;
  /** What became of the last download ("Downloaded …", or why it failed). */
  downloadNotice: string;
  downloadFailed: boolean;
}

/**
 * The decision at the top (focusable: it takes focus once the customer has answered), then its
 * facts; an approval also shows the option signed for and offers the signed PDF.
 */
export function renderDecision(
  estimate: Estimate,
  decision: EstimateDecision,
  v: EstimateContext,
  actions: DecisionActions,
  callLine: TemplateResult,
) {
  const when = (instant: string) => formatDateTime(instant, v.timeZone, v.locale);
  const version = numberFormat(v.locale).format(decision.version);
  if (decision.kind === 'approved') {
    const option = estimate.options.find((o) => o.id === decision.optionId);
    return html`<div class="decision stack" part="decision">
      <!-- Not a live region: focus moves to the heading once answered, which is read then (a status would read it twice). -->
      <div class="message success">
        <h3 id="decision-heading" tabindex="-1">
          ${option ? msg(str`Approved: ${option.name}, ${money(option.total, estimate, v)}`) : msg('Approved')}
        </h3>
      </div>
      <dl class="facts">
        <div><dt>${msg('Signed by')}</dt><dd>${decision.signerName}</dd></div>
        <div><dt>${msg('Signed on')}</dt><dd>${when(decision.signedAt)}</dd></div>
        <div><dt>${msg('Estimate version')}</dt><dd>${version}</dd></div>
      </dl>
      <div class="actions">
        <button
          type="button"
          part="pdf-button button"
          aria-disabled=${actions.downloading ? 'true' : 'false'}
          @click=${actions.download}
        >
          ${actions.downloading ? msg('Preparing the PDF…') : msg('Download the signed estimate (PDF)')}
        </button>
      </div>
      <p role=${actions.downloadFailed ? 'alert' : 'status'} class=${actions.downloadFailed ? 'problem' : 'muted'}>${actions.downloadNotice}</p>
      ${option
        ? html`<h3>${msg('What you approved')}</h3>
            <ul class="option-list single">
              ${renderOption(option, estimate, v)}
            </ul>`
        : nothing}
    </div>`;
  }
  const declined = decision.kind === 'declined';
  return html`<div class="decision stack" part="decision">
    <!-- Not a live region, as above: the heading takes focus. -->
    <div class="message info">
      <h3 id="decision-heading" tabindex="-1">${declined ? msg('You declined this estimate') : msg('You asked for changes')}</h3>
    </div>
    <dl class="facts">
      <div><dt>${msg('On')}</dt><dd>${when(decision.at)}</dd></div>
      <div><dt>${msg('Estimate version')}</dt><dd>${version}</dd></div>
    </dl>
    <div class="stack">
      <h4>${declined ? msg('Your reason') : msg('Your message')}</h4>
      <p class="customer-text">${declined ? decision.reason : decision.message}</p>
    </div>
    <p>
      ${declined ? msg('Changed your mind?') : msg('We will send you an updated estimate to review.')}
      ${callLine}
    </p>
  </div>`;
}

/**
 * The customer's answer to an earlier version, above an estimate the office has edited since: what they
 * answered and when, and that this version needs its own answer (an approval does not carry over).
 */
export function renderEarlierAnswer(estimate: Estimate, decision: EstimateDecision, v: EstimateContext) {
  const when = (instant: string) => formatDateTime(instant, v.timeZone, v.locale);
  const format = (n: number) => numberFormat(v.locale).format(n);
  const earlier = format(decision.version);
  const current = format(estimate.version);
  let said: string;
  if (decision.kind === 'approved') {
    said = msg(str`You approved version ${earlier} on ${when(decision.signedAt)}, signed ${decision.signerName}.`);
  } else if (decision.kind === 'declined') {
    said = msg(str`You declined version ${earlier} on ${when(decision.at)}.`);
  } else {
    said = msg(str`You asked for changes to version ${earlier} on ${when(decision.at)}.`);
  }
  return html`<div class="message info stack" part="earlier-answer">
    <p>${said}</p>
    ${decision.kind === 'changes-requested'
      ? html`<p>${msg('Your message:')} <span class="customer-text">${decision.message}</span></p>`
      : nothing}
    <p>
      ${decision.kind === 'approved'
        ? msg(str`The estimate has changed since. This is version ${current}: review it, and approve it again if it suits you.`)
        : msg(str`The estimate has been updated since. This is version ${current}: review it, and approve it if it suits you.`)}
    </p>
  </div>`;
}
