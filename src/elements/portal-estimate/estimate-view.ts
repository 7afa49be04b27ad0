/**
 * How an estimate reads: its facts, its options side by side as a list of cards (each with a heading,
 * its items and totals), the terms, and the three answers — approve (pick an option, tick each consent,
 * type the full name), decline with a reason, or ask for changes. Pure render functions.
 */
import { msg, str } from '../../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CatalogLanguage } from '../../i18n/locale.js';
import { formatDate, formatMoney, numberFormat } from '../../internal/format.js';
import type { Estimate, EstimateOption } from '../../model/estimate.js';
import { alertMessage } from '../../internal/form-alert.js';
import { MESSAGE_MAX, REASON_MAX, type EstimateAnswer, type EstimateDraft } from './estimate-draft.js';

export interface EstimateContext {
  locale: string;
  /** The catalog the element speaks (the estimate comes already in its words: estimateIn). */
  language: CatalogLanguage;
  /** The contractor's zone, for instants (when it was signed). */
  timeZone: string;
}

export interface EstimateActions {
  choose(optionId: string): void;
  consent(id: string, on: boolean): void;
  edit(field: 'signerName' | 'reason' | 'message', value: string): void;
  answer(answer: EstimateAnswer): void;
  /** Cancel (or Escape) in the decline or changes form: it closes, and focus goes back to the button that opened it. */
  cancel(kind: 'decline' | 'changes'): void;
  approve(event: SubmitEvent): void;
  decline(event: SubmitEvent): void;
  requestChanges(event: SubmitEvent): void;
}

export function money(minor: number, estimate: Estimate, v: EstimateContext) {
  return formatMoney(minor, estimate.currency, v.locale);
}

/** Location, dates and version. */
export function renderFacts(estimate: Estimate, v: EstimateContext) {
  return html`<dl class="facts" part="facts">
    <div><dt>${msg('For')}</dt><dd>${estimate.location.name}</dd></div>
    <div><dt>${msg('Estimate date')}</dt><dd>${formatDate(estimate.createdOn, v.locale)}</dd></div>
    <div><dt>${msg('Valid until')}</dt><dd>${formatDate(estimate.validUntil, v.locale)}</dd></div>
    ${estimate.version > 1
      ? html`<div><dt>${msg('Version')}</dt><dd>${numberFormat(v.locale).format(estimate.version)}</dd></div>`
      : nothing}
  </dl>`;
}

/**
 * One option as a card: heading, "Recommended", description, items (two columns, so it fits a phone:
 * the quantity and unit price sit under each description) and totals. `choice` adds its radio.
 */
export function renderOption(option: EstimateOption, estimate: Estimate, v: EstimateContext, choice: TemplateResult | typeof nothing = nothing) {
  const m = (minor: number) => money(minor, estimate, v);
  const quantity = numberFormat(v.locale, { maximumFractionDigits: 2 });
  const headingId = `option-${option.id}`;
  return html`<li class="option ${option.recommended ? 'recommended' : ''}" part="option" aria-labelledby=${headingId}>
    <div class="option-title">
      <h4 id=${headingId}>${option.name}</h4>
      ${option.recommended ? html`<span class="badge brand" part="recommended">${msg('Recommended')}</span>` : nothing}
    </div>
    ${option.description ? html`<p class="description">${option.description}</p>` : nothing}
    <table class="items" part="items">
      <caption class="visually-hidden">${msg(str`What ${option.name} includes`)}</caption>
      <thead>
        <tr><th scope="col">${msg('Item')}</th><th scope="col" class="num">${msg('Amount')}</th></tr>
      </thead>
      <tbody>
        ${option.items.map(
          (item) => html`<tr>
            <td>
              ${item.description}
              ${item.quantity === 1
                ? nothing
                : html`<span class="each">${msg(str`${quantity.format(item.quantity)} × ${m(item.unitPrice)}`)}</span>`}
            </td>
            <td class="num">${m(item.total)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row">${msg('Subtotal')}</th><td class="num">${m(option.subtotal)}</td></tr>
        <tr><th scope="row">${msg('Tax')}</th><td class="num">${m(option.tax)}</td></tr>
        <tr class="strong"><th scope="row">${msg('Total')}</th><td class="num">${m(option.total)}</td></tr>
      </tfoot>
    </table>
    ${choice}
  </li>`;
}

/** The options to pick from, side by side where there is room (stacked on a phone). */
function renderChoices(estimate: Estimate, v: EstimateContext, draft: EstimateDraft, actions: EstimateActions) {
  const problem = draft.problems.option;
  return html`<fieldset class="options" part="options" aria-describedby=${problem ? 'option-problem' : nothing}>
    <legend><h3>${estimate.options.length === 1 ? msg('What we propose') : msg('Choose an option')}</h3></legend>
    ${problem ? html`<p class="problem" id="option-problem">${problem}</p>` : nothing}
    <ul class="option-list">
      ${estimate.options.map((option) =>
        renderOption(
          option,
          estimate,
          v,
          html`<label class="choose">
            <input
              type="radio"
              name="option"
              value=${option.id}
              .checked=${live(draft.optionId === option.id)}
              aria-invalid=${problem ? 'true' : 'false'}
              @change=${() => actions.choose(option.id)}
            />
            <span>${msg(str`Choose ${option.name}, ${money(option.total, estimate, v)}`)}</span>
          </label>`,
        ),
      )}
    </ul>
  </fieldset>`;
}

function renderTerms(estimate: Estimate) {
  return html`<section class="terms stack quiet" aria-labelledby="terms-heading" part="terms">
    <h3 id="terms-heading">${msg('Terms')}</h3>
    <div class="terms-text">${estimate.terms.text}</div>
    <p class="muted">${msg(str`Terms version ${estimate.terms.version}`)}</p>
  </section>`;
}

/** The approval: option, terms, each consent a box to tick, the typed name, and Approve. */
function renderApprove(estimate: Estimate, v: EstimateContext, draft: EstimateDraft, actions: EstimateActions) {
  const chosen = estimate.options.find((o) => o.id === draft.optionId);
  const signerProblem = draft.problems.signer;
  return html`<form class="approve stack" part="approve-form" novalidate aria-label=${msg('Approve the estimate')} @submit=${actions.approve}>
    ${renderChoices(estimate, v, draft, actions)} ${renderTerms(estimate)}
    <fieldset class="sign stack" part="sign">
      <legend><h3>${msg('Approve and sign')}</h3></legend>
      ${estimate.consents.map((consent) => {
        const name = `consent-${consent.id}`;
        const problem = draft.problems[name];
        return html`<div class="consent">
          <label class="check">
            <input
              type="checkbox"
              name=${name}
              .checked=${live(draft.consents.has(consent.id))}
              aria-invalid=${problem ? 'true' : 'false'}
              aria-describedby=${problem ? `${name}-problem` : nothing}
              @change=${(e: Event) => actions.consent(consent.id, (e.target as HTMLInputElement).checked)}
            />
            <span>${consent.text}</span>
          </label>
          ${problem ? html`<span class="problem" id=${`${name}-problem`}>${problem}</span>` : nothing}
        </div>`;
      })}
      <div class="field">
        <label for="signer">${msg('Your full name')}</label>
        <input part="input"
          id="signer"
          name="signer"
          autocomplete="name"
          .value=${live(draft.signerName)}
          aria-invalid=${signerProblem ? 'true' : 'false'}
          aria-describedby=${signerProblem ? 'signer-hint signer-problem' : 'signer-hint'}
          @input=${(e: Event) => actions.edit('signerName', (e.target as HTMLInputElement).value)}
        />
        <span class="hint" id="signer-hint">${msg('Typing your name is your electronic signature on this estimate.')}</span>
        ${signerProblem ? html`<span class="problem" id="signer-problem">${signerProblem}</span>` : nothing}
      </div>
    </fieldset>
    <div role="alert" part="approve-error">${alertMessage(draft.answer === 'approve' ? draft.error : '', draft.attempt, draft.problems)}</div>
    <div class="actions">
      <button type="submit" part="approve-button button" aria-disabled=${draft.busy ? 'true' : 'false'}>
        ${draft.busy && draft.answer === 'approve'
          ? msg('Approving…')
          : chosen
            ? msg(str`Approve ${chosen.name}, ${money(chosen.total, estimate, v)}`)
            : msg('Approve')}
      </button>
    </div>
  </form>`;
}

/** Decline with a reason, or ask for changes with a message: one small form each, opened on request. */
function renderOtherAnswer(draft: EstimateDraft, actions: EstimateActions) {
  const open = draft.answer;
  const toggle = (answer: EstimateAnswer) => () => actions.answer(open === answer ? 'approve' : answer);
  const textForm = (kind: 'decline' | 'changes') => {
    const field = kind === 'decline' ? 'reason' : 'message';
    const problem = draft.problems[field];
    const max = kind === 'decline' ? REASON_MAX : MESSAGE_MAX;
    return html`<form
      id=${`${kind}-form`}
      class="stack"
      part=${`${kind}-form`}
      novalidate
      aria-label=${kind === 'decline' ? msg('Decline the estimate') : msg('Ask for changes')}
      @submit=${kind === 'decline' ? actions.decline : actions.requestChanges}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape' || e.isComposing) return;
        // Escape is Cancel, and goes no further (a dialog on the page around the estimate stays open).
        e.preventDefault();
        e.stopPropagation();
        actions.cancel(kind);
      }}
    >
      <div class="field">
        <label for=${field}>${kind === 'decline' ? msg('Why are you declining?') : msg('What would you like changed?')}</label>
        <textarea part="input"
          id=${field}
          name=${field}
          rows="4"
          maxlength=${max}
          .value=${live(kind === 'decline' ? draft.reason : draft.message)}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${[kind === 'changes' ? 'message-hint' : '', problem ? `${field}-problem` : ''].filter(Boolean).join(' ') || nothing}
          @input=${(e: Event) => actions.edit(field === 'reason' ? 'reason' : 'message', (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${problem ? html`<span class="problem" id=${`${field}-problem`}>${problem}</span>` : nothing}
      </div>
      ${kind === 'changes'
        ? // Said before sending: a request for changes closes this version to answers (a customer who only
          // had a question would otherwise find Approve gone). A description, not the name.
          html`<p class="hint" id="message-hint">${msg('We’ll send you an updated estimate to review. Until then, this one can’t be approved online.')}</p>`
        : nothing}
      <div role="alert">${alertMessage(draft.answer === kind ? draft.error : '', draft.attempt, draft.problems)}</div>
      <div class="actions">
        <button part="button" type="submit" aria-disabled=${draft.busy ? 'true' : 'false'}>
          ${kind === 'decline'
            ? draft.busy ? msg('Sending…') : msg('Decline the estimate')
            : draft.busy ? msg('Sending…') : msg('Send my request')}
        </button>
        <button part="button secondary-button" type="button" class="secondary" @click=${() => actions.cancel(kind)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  };
  return html`<section class="other stack" aria-labelledby="other-heading" part="other-answers">
    <h3 id="other-heading">${msg('Not ready to approve?')}</h3>
    <div class="actions">
      <button part="button secondary-button"
        type="button"
        id="decline-button"
        class="secondary"
        aria-expanded=${open === 'decline' ? 'true' : 'false'}
        aria-controls=${open === 'decline' ? 'decline-form' : nothing}
        @click=${toggle('decline')}
      >
        ${msg('Decline')}
      </button>
      <button part="button secondary-button"
        type="button"
        id="changes-button"
        class="secondary"
        aria-expanded=${open === 'changes' ? 'true' : 'false'}
        aria-controls=${open === 'changes' ? 'changes-form' : nothing}
        @click=${toggle('changes')}
      >
        ${msg('Ask for changes')}
      </button>
    </div>
    ${open === 'decline' ? textForm('decline') : open === 'changes' ? textForm('changes') : nothing}
  </section>`;
}

/** An open estimate: everything the customer needs to answer it. */
export function renderOpenEstimate(estimate: Estimate, v: EstimateContext, draft: EstimateDraft, actions: EstimateActions) {
  return html`${renderApprove(estimate, v, draft, actions)} ${renderOtherAnswer(draft, actions)}`;
}
