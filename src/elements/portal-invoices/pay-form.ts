import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatMoney, minorToInput, numberFormat, parseMoney } from '../../internal/format.js';
import type { Invoice } from '../../model/invoice.js';
import { alertAfterEdit, alertMessage } from '../../internal/form-alert.js';
import { checkCard, emptyCard, formatCardNumber, type CardDraft, type CardField } from './card-checks.js';
import type { ViewContext } from './view-context.js';

/** The smallest payment on one invoice (or its whole balance when smaller), in minor units. */
export const MIN_PAYMENT = 100;

/** "Pay all": everything due as the balance said, whether or not every invoice is loaded. */
export interface AllOpenDraft {
  /** The balance's `totalDue`, in minor units: what will be charged. */
  amount: number;
  /** The balance's `openCount`. */
  count: number;
  currency: string;
}

/** Everything the pay form shows and the customer typed; kept by the element so nothing is lost. */
export interface PayDraft {
  /** The invoices chosen, each with an amount field (empty for "Pay all"). */
  invoices: Invoice[];
  /** Set for "Pay all": one fixed amount, applied by the backend oldest due first. */
  allOpen: AllOpenDraft | null;
  /** As typed, per invoice id. */
  amounts: Record<string, string>;
  card: CardDraft;
  /** Field name (`number`, `expiry`, `cvc`, `postalCode`, `amount-<invoiceId>`) → problem. */
  problems: Record<string, string>;
  /** The outcome of the last attempt, for the alert above the button. */
  error: string;
  /** Counts the presses of Pay: each attempt's alert is a new node, said again even in the same words. */
  attempt: number;
  busy: boolean;
  /**
   * The last payment's outcome is unknown (the connection dropped): its amounts and card stay as sent
   * until Pay again finds out (PaymentAttempts keeps its key). Changed, it would be another payment with
   * another key, and the first might have gone through too: two charges.
   */
  unresolved: boolean;
  /** Paying for longer than `payTiming.slowAfterMs`: the form says it is still waiting, and not to leave. */
  slow: boolean;
}

/**
 * When a payment in flight is "slow": long enough that a customer may think the page is stuck and
 * leave or pay again, short of the adapter's own time limit. An object so a test can shorten it.
 */
export const payTiming = { slowAfterMs: 10_000 };

/** A change to the payment draft: what changes, or a function of the draft (a field's value). */
export type DraftChange = Partial<PayDraft> | ((draft: PayDraft) => Partial<PayDraft>);

/**
 * The draft with a change applied, or null when none is open. A change made from a field's value is a
 * function of the draft: a field's blur also fires as the form is removed (Enter in Card number pays,
 * the receipt replaces the form), by when the draft is gone.
 */
export function changedDraft(draft: PayDraft | null, change: DraftChange): PayDraft | null {
  return draft && { ...draft, ...(typeof change === 'function' ? change(draft) : change) };
}

export function newDraft(invoices: Invoice[], locale: string): PayDraft {
  const amounts = Object.fromEntries(invoices.map((i) => [i.id, minorToInput(i.balance, i.currency, locale)]));
  return { invoices, allOpen: null, amounts, card: { ...emptyCard }, problems: {}, error: '', attempt: 0, busy: false, unresolved: false, slow: false };
}

/** A draft paying everything due: the amount is the balance's, not a sum of loaded invoices. */
export function newAllOpenDraft(allOpen: AllOpenDraft): PayDraft {
  return { invoices: [], allOpen, amounts: {}, card: { ...emptyCard }, problems: {}, error: '', attempt: 0, busy: false, unresolved: false, slow: false };
}

/** Nothing left to pay in this draft (paid meanwhile, in another window or by someone else). */
export function draftIsEmpty(draft: PayDraft): boolean {
  return draft.allOpen ? draft.allOpen.amount <= 0 : draft.invoices.length === 0;
}

/**
 * What the form's controls do. `amount` and `card` can be called after the form has gone: a field's
 * blur fires as the form is removed (the receipt replaces it, Cancel), so they do nothing without a draft.
 */
export interface PayActions {
  amount(invoiceId: string, value: string): void;
  card(field: CardField, value: string): void;
  submit(event: SubmitEvent): void;
  cancel(): void;
}

/**
 * The draft's problems once the customer edits `name`: that field's is gone (it was about the value they
 * are changing, and would stay red while they fix it), and the alert with it if it is now stale
 * (alertAfterEdit); the others stay until the next attempt.
 */
function withoutProblem(draft: PayDraft, name: string): Pick<PayDraft, 'problems' | 'error'> {
  const { problems, error } = draft;
  if (!(name in problems)) return { problems, error };
  const rest = { ...problems };
  delete rest[name];
  return { problems: rest, error: alertAfterEdit(error, problems, rest) };
}

/** An amount typed in: its problem goes (withoutProblem). */
export function amountEdit(draft: PayDraft, invoiceId: string, value: string): Partial<PayDraft> {
  return { amounts: { ...draft.amounts, [invoiceId]: value }, ...withoutProblem(draft, `amount-${invoiceId}`) };
}

/**
 * A card field typed in: its problem goes (withoutProblem), unless only spaces moved, as when the number
 * is grouped on leaving the field: "This card number isn't valid" stays while the digits are the same.
 */
export function cardEdit(draft: PayDraft, field: CardField, value: string): Partial<PayDraft> {
  const card = { ...draft.card, [field]: value };
  const sameDigits = draft.card[field].replace(/\s/g, '') === value.replace(/\s/g, '');
  return sameDigits ? { card } : { card, ...withoutProblem(draft, field) };
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

/**
 * What Pay would charge, in minor units, or null while an amount is missing or would be refused: the
 * button and the total then say no amount rather than one that will not be charged.
 */
export function chargeOf(draft: PayDraft, v: ViewContext): number | null {
  if (draft.allOpen) return draft.allOpen.amount;
  const { amounts, problems } = checkAmounts(draft, v);
  if (Object.keys(problems).length > 0) return null;
  return [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
}

/**
 * Card number, on leaving the field: its digits grouped as on the card. Only when that changes what
 * was typed: a blur as the form is removed (after paying) then asks nothing of a draft that is gone.
 */
function groupCardNumber(input: HTMLInputElement, actions: PayActions) {
  const grouped = formatCardNumber(input.value);
  if (grouped !== input.value) actions.card('number', grouped);
}

/**
 * One labelled input. Label, input, then hint and problem below it: the three are rows of the card grid
 * (subgrid), so the inputs of one row line up whatever the label or hint lengths. The label holds its
 * text only: hint and problem are the input's description, not part of its name (read once, not twice).
 */
function field(
  draft: PayDraft,
  name: CardField,
  label: string,
  attrs: { autocomplete: string; inputmode: string; placeholder?: string; hint?: string },
  actions: PayActions,
) {
  const problem = draft.problems[name];
  const describedBy = [attrs.hint ? `${name}-hint` : '', problem ? `${name}-problem` : ''].filter(Boolean).join(' ');
  return html`<div class=${`field ${name}`}>
    <label class="label-text" for=${`field-${name}`}>${label}</label>
    <input part="input"
      id=${`field-${name}`}
      name=${name}
      autocomplete=${attrs.autocomplete}
      inputmode=${attrs.inputmode}
      placeholder=${attrs.placeholder ?? ''}
      .value=${live(draft.card[name])}
      ?readonly=${draft.unresolved}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      @input=${(e: Event) => actions.card(name, (e.target as HTMLInputElement).value)}
      @blur=${name === 'number' ? (e: Event) => groupCardNumber(e.target as HTMLInputElement, actions) : nothing}
    />
    <span class="below">
      ${attrs.hint ? html`<span class="hint" id=${`${name}-hint`}>${attrs.hint}</span>` : nothing}
      ${problem ? html`<span class="problem" id=${`${name}-problem`}>${problem}</span>` : nothing}
    </span>
  </div>`;
}

function amountFields(draft: PayDraft, v: ViewContext, actions: PayActions) {
  return draft.invoices.map((invoice) => {
    const name = `amount-${invoice.id}`;
    const problem = draft.problems[name];
    const balance = formatMoney(invoice.balance, invoice.currency, v.locale);
    return html`<div class="field">
      <label class="label-text" for=${`field-${name}`}>${msg(str`Invoice ${invoice.number}`)}</label>
      <input part="input"
        id=${`field-${name}`}
        name=${name}
        inputmode="decimal"
        autocomplete="off"
        .value=${live(draft.amounts[invoice.id] ?? '')}
        ?readonly=${draft.unresolved}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${name}-hint ${name}-problem` : `${name}-hint`}
        @input=${(e: Event) => actions.amount(invoice.id, (e.target as HTMLInputElement).value)}
      />
      <span class="below">
        <span class="hint" id=${`${name}-hint`}>${msg(str`Balance ${balance}. Pay it all or part of it.`)}</span>
        ${problem ? html`<span class="problem" id=${`${name}-problem`}>${problem}</span>` : nothing}
      </span>
    </div>`;
  });
}

/** Amount per invoice (or everything due), card entry, total and Pay. A native form: Enter submits, autofill works. */
export function renderPayForm(draft: PayDraft, v: ViewContext, actions: PayActions) {
  const all = draft.allOpen;
  const currency = all?.currency ?? draft.invoices[0]?.currency ?? 'USD';
  const charge = chargeOf(draft, v);
  const total = charge === null ? null : formatMoney(charge, currency, v.locale);
  const count = all ? numberFormat(v.locale).format(all.count) : '';
  const title = all
    ? all.count === 1
      ? msg('Pay your balance')
      : msg(str`Pay all ${count} invoices`)
    : draft.invoices.length === 1
      ? msg(str`Pay invoice ${draft.invoices[0]!.number}`)
      : msg(str`Pay ${draft.invoices.length} invoices`);
  return html`<form class="pay stack" part="pay-form" novalidate aria-labelledby="view-heading" @submit=${actions.submit}>
    <h3 id="view-heading" tabindex="-1">${title}</h3>
    <fieldset class="stack">
      <legend>${msg('Amount to pay')}</legend>
      ${all
        ? html`<p>
            ${all.count === 1
              ? msg('Everything you owe. We’ll email you a receipt.')
              : msg(str`Everything you owe on ${count} invoices, applied to the oldest due first. We’ll email you a receipt showing how it was split.`)}
          </p>`
        : amountFields(draft, v, actions)}
      <!-- Label and amount on one line, a note on its own line below: three pieces, never run together.
           Not a live region: it changes with each key pressed in an amount, and is read when reached. -->
      <p class="total">
        <span class="total-label">${msg('Total')}</span>
        ${total === null ? html`<span class="total-note">${msg('Check the amounts above')}</span>` : html`<strong class="total-amount">${total}</strong>`}
      </p>
    </fieldset>
    <fieldset class="card-fields">
      <legend>${msg('Card')}</legend>
      ${field(draft, 'number', msg('Card number'), { autocomplete: 'cc-number', inputmode: 'numeric' }, actions)}
      ${field(draft, 'expiry', msg('Expiry date'), { autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: msg('MM/YY') }, actions)}
      ${field(draft, 'cvc', msg('Security code'), { autocomplete: 'cc-csc', inputmode: 'numeric', hint: msg('3 digits on the back; 4 on the front for Amex') }, actions)}
      ${field(draft, 'postalCode', msg('Postal code'), { autocomplete: 'postal-code', inputmode: 'text' }, actions)}
    </fieldset>
    <p class="muted">${msg('Your card details go to the payment processor. We keep only the card type and last four digits.')}</p>
    <div role="alert" part="pay-error">${alertMessage(draft.error, draft.attempt, draft.problems)}</div>
    <div class="actions">
      <!-- Busy, the button is aria-disabled, never disabled: a disabled button loses focus to the page's
           <body>, and a customer whose card was declined would Tab from the top. A second press is refused
           by the element's own guard. -->
      <button part="button" type="submit" aria-disabled=${draft.busy ? 'true' : 'false'}>
        ${draft.busy ? msg('Paying…') : total === null ? msg('Pay') : msg(str`Pay ${total}`)}
      </button>
      <button part="button secondary-button" type="button" class="secondary" ?disabled=${draft.busy} @click=${actions.cancel}>${msg('Cancel')}</button>
    </div>
    <div role="status">
      ${draft.busy && draft.slow
        ? html`<p class="muted">${msg('Still waiting for the payment processor. Keep this page open: you will not be charged twice.')}</p>`
        : nothing}
    </div>
  </form>`;
}
