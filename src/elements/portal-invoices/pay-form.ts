import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatMoney, minorToInput, parseMoney } from '../../internal/format.js';
import type { Invoice } from '../../model/invoice.js';
import { checkCard, emptyCard, formatCardNumber, type CardDraft, type CardField } from './card-checks.js';
import type { ViewContext } from './view-context.js';

/** The smallest payment on one invoice (or its whole balance when smaller), in minor units. */
export const MIN_PAYMENT = 100;

/** Everything the pay form shows and the customer typed; kept by the element so nothing is lost. */
export interface PayDraft {
  invoices: Invoice[];
  /** As typed, per invoice id. */
  amounts: Record<string, string>;
  card: CardDraft;
  /** Field name (`number`, `expiry`, `cvc`, `postalCode`, `amount-<invoiceId>`) → problem. */
  problems: Record<string, string>;
  /** The outcome of the last attempt, for the alert above the button. */
  error: string;
  busy: boolean;
}

export function newDraft(invoices: Invoice[], locale: string): PayDraft {
  const amounts = Object.fromEntries(invoices.map((i) => [i.id, minorToInput(i.balance, i.currency, locale)]));
  return { invoices, amounts, card: { ...emptyCard }, problems: {}, error: '', busy: false };
}

export interface PayActions {
  amount(invoiceId: string, value: string): void;
  card(field: CardField, value: string): void;
  submit(event: SubmitEvent): void;
  cancel(): void;
}

/** Each invoice's amount in minor units, or the problem with what was typed. */
export function checkAmounts(draft: PayDraft, v: ViewContext): { amounts: Map<string, number>; problems: Record<string, string> } {
  const amounts = new Map<string, number>();
  const problems: Record<string, string> = {};
  for (const invoice of draft.invoices) {
    const minor = parseMoney(draft.amounts[invoice.id] ?? '', invoice.currency, v.locale);
    const minimum = Math.min(MIN_PAYMENT, invoice.balance);
    const money = (m: number) => formatMoney(m, invoice.currency, v.locale);
    if (minor === null) {
      const example = minorToInput(12500, invoice.currency, v.locale);
      problems[`amount-${invoice.id}`] = msg(str`Enter an amount, for example ${example}.`);
    }
    else if (minor < minimum) problems[`amount-${invoice.id}`] = msg(str`Pay at least ${money(minimum)}.`);
    else if (minor > invoice.balance) {
      problems[`amount-${invoice.id}`] = msg(str`That is more than the ${money(invoice.balance)} due. Pay at most ${money(invoice.balance)}.`);
    } else amounts.set(invoice.id, minor);
  }
  return { amounts, problems };
}

export function checkDraft(draft: PayDraft, v: ViewContext) {
  const { amounts, problems } = checkAmounts(draft, v);
  return { amounts, problems: { ...problems, ...checkCard(draft.card) } as Record<string, string> };
}

export function draftTotal(draft: PayDraft, locale: string): number {
  return draft.invoices.reduce((sum, i) => sum + (parseMoney(draft.amounts[i.id] ?? '', i.currency, locale) ?? 0), 0);
}

function field(
  draft: PayDraft,
  name: CardField,
  label: string,
  attrs: { autocomplete: string; inputmode: string; placeholder?: string; hint?: string },
  actions: PayActions,
) {
  const problem = draft.problems[name];
  const describedBy = [attrs.hint ? `${name}-hint` : '', problem ? `${name}-problem` : ''].filter(Boolean).join(' ');
  return html`<label class=${name}>
    ${label}
    ${attrs.hint ? html`<span class="hint" id=${`${name}-hint`}>${attrs.hint}</span>` : nothing}
    <input
      name=${name}
      autocomplete=${attrs.autocomplete}
      inputmode=${attrs.inputmode}
      placeholder=${attrs.placeholder ?? ''}
      .value=${live(draft.card[name])}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      @input=${(e: Event) => actions.card(name, (e.target as HTMLInputElement).value)}
      @blur=${name === 'number' ? (e: Event) => actions.card(name, formatCardNumber((e.target as HTMLInputElement).value)) : nothing}
    />
    ${problem ? html`<span class="problem" id=${`${name}-problem`}>${problem}</span>` : nothing}
  </label>`;
}

/** Amount per invoice, card entry, total and Pay. A native form: Enter submits, autofill works. */
export function renderPayForm(draft: PayDraft, v: ViewContext, actions: PayActions) {
  const currency = draft.invoices[0]?.currency ?? 'USD';
  const total = formatMoney(draftTotal(draft, v.locale), currency, v.locale);
  const title =
    draft.invoices.length === 1 ? msg(str`Pay invoice ${draft.invoices[0]!.number}`) : msg(str`Pay ${draft.invoices.length} invoices`);
  return html`<form class="pay stack" part="pay-form" novalidate aria-labelledby="view-heading" @submit=${actions.submit}>
    <h3 id="view-heading" tabindex="-1">${title}</h3>
    <fieldset class="stack">
      <legend>${msg('Amount to pay')}</legend>
      ${draft.invoices.map((invoice) => {
        const name = `amount-${invoice.id}`;
        const problem = draft.problems[name];
        const balance = formatMoney(invoice.balance, invoice.currency, v.locale);
        return html`<label>
          ${msg(str`Invoice ${invoice.number}`)}
          <span class="hint" id=${`${name}-hint`}>${msg(str`Balance ${balance}. Pay it all or part of it.`)}</span>
          <input
            name=${name}
            inputmode="decimal"
            autocomplete="off"
            .value=${live(draft.amounts[invoice.id] ?? '')}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? `${name}-hint ${name}-problem` : `${name}-hint`}
            @input=${(e: Event) => actions.amount(invoice.id, (e.target as HTMLInputElement).value)}
          />
          ${problem ? html`<span class="problem" id=${`${name}-problem`}>${problem}</span>` : nothing}
        </label>`;
      })}
      <p class="total" aria-live="polite">${msg('Total')} <strong>${total}</strong></p>
    </fieldset>
    <fieldset class="card-fields">
      <legend>${msg('Card')}</legend>
      ${field(draft, 'number', msg('Card number'), { autocomplete: 'cc-number', inputmode: 'numeric' }, actions)}
      ${field(draft, 'expiry', msg('Expiry date'), { autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: msg('MM/YY') }, actions)}
      ${field(draft, 'cvc', msg('Security code'), { autocomplete: 'cc-csc', inputmode: 'numeric', hint: msg('3 digits on the back; 4 on the front for Amex') }, actions)}
      ${field(draft, 'postalCode', msg('Postal code'), { autocomplete: 'postal-code', inputmode: 'text' }, actions)}
    </fieldset>
    <p class="muted">${msg('Your card details go to the payment processor. We keep only the card type and last four digits.')}</p>
    <div role="alert" part="pay-error">${draft.error ? html`<p class="message error">${draft.error}</p>` : nothing}</div>
    <div class="actions">
      <button type="submit" ?disabled=${draft.busy} aria-disabled=${draft.busy ? 'true' : 'false'}>
        ${draft.busy ? msg('Paying…') : msg(str`Pay ${total}`)}
      </button>
      <button type="button" class="secondary" ?disabled=${draft.busy} @click=${actions.cancel}>${msg('Cancel')}</button>
    </div>
  </form>`;
}
