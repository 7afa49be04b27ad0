import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { formatDate, formatMoney } from '../../internal/format.js';
import type { Invoice } from '../../model/invoice.js';
import type { ViewContext } from './view-context.js';

export interface ListActions {
  open(invoiceId: string): void;
  toggle(invoiceId: string, on: boolean): void;
}

function dueText(invoice: Invoice, v: ViewContext) {
  const due = formatDate(invoice.dueDate, v.locale);
  return invoice.dueDate < v.today
    ? html`<span class="badge past-due" part="past-due">${msg('Past due')}</span> ${msg(str`Was due ${due}`)}`
    : msg(str`Due ${due}`);
}

/** Outstanding invoices, oldest due first, each with a checkbox to pay several at once. */
export function renderOutstanding(invoices: Invoice[], v: ViewContext, selected: ReadonlySet<string>, actions: ListActions) {
  return html`<ul class="invoices" part="list" aria-label=${msg('Outstanding invoices')}>
    ${invoices.map(
      (invoice) => html`<li class="row" part="row">
        ${v.paymentsOn
          ? html`<input
              type="checkbox"
              id=${`select-${invoice.id}`}
              .checked=${selected.has(invoice.id)}
              @change=${(e: Event) => actions.toggle(invoice.id, (e.target as HTMLInputElement).checked)}
              aria-label=${msg(str`Select invoice ${invoice.number} to pay`)}
            />`
          : nothing}
        <div class="what">
          <button type="button" class="link" @click=${() => actions.open(invoice.id)}>${msg(str`Invoice ${invoice.number}`)}</button>
          <span class="muted">${invoice.summary}</span>
          <span class="due">${dueText(invoice, v)}</span>
        </div>
        <div class="amount">
          <span class="muted">${msg('Balance')}</span>
          <strong>${formatMoney(invoice.balance, invoice.currency, v.locale)}</strong>
        </div>
      </li>`,
    )}
  </ul>`;
}

/** Paid invoices (and those that never owed anything), newest first. */
export function renderPaid(invoices: Invoice[], v: ViewContext, actions: Pick<ListActions, 'open'>) {
  if (invoices.length === 0) return html`<p class="muted" role="status">${msg('No paid invoices yet.')}</p>`;
  return html`<ul class="invoices" part="list" aria-label=${msg('Paid invoices')}>
    ${invoices.map(
      (invoice) => html`<li class="row" part="row">
        <div class="what">
          <button type="button" class="link" @click=${() => actions.open(invoice.id)}>${msg(str`Invoice ${invoice.number}`)}</button>
          <span class="muted">${invoice.summary}</span>
          <span class="due">${msg(str`Dated ${formatDate(invoice.invoiceDate, v.locale)}`)}</span>
        </div>
        <div class="amount">
          <span class="muted">${invoice.total === 0 ? msg('No charge') : msg('Paid')}</span>
          <strong>${formatMoney(invoice.total, invoice.currency, v.locale)}</strong>
        </div>
      </li>`,
    )}
  </ul>`;
}
