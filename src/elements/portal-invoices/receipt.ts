import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { formatDateTime, formatMoney, numberFormat } from '../../internal/format.js';
import type { Payment } from '../../model/payment.js';
import type { ViewContext } from './view-context.js';

/** Rows of the split shown at once; a payment of every open invoice can cover thousands. */
export const RECEIPT_ROWS_SHOWN = 20;

export interface ReceiptActions {
  /** "Back to invoices"; left out (a pay link's receipt), no button. */
  done?(): void;
  /** The customer opened (or closed) the rest of the split. */
  showAll(open: boolean): void;
}

/**
 * What the customer keeps after paying: receipt number, when (in the contractor's time zone, named),
 * which card, and how it split across invoices. Past `RECEIPT_ROWS_SHOWN` invoices the rest of the
 * split is behind a disclosure, rendered only when opened.
 */
export function renderReceipt(payment: Payment, v: ViewContext, showingAll: boolean, actions: ReceiptActions) {
  const money = (minor: number) => formatMoney(minor, payment.currency, v.locale);
  const row = (a: Payment['applications'][number]) =>
    html`<tr><td>${msg(str`Invoice ${a.invoiceNumber}`)}</td><td class="num">${money(a.amount)}</td></tr>`;
  const table = (rows: Payment['applications'], caption: string, footer: boolean) => html`<table class="items">
    <caption class="visually-hidden">${caption}</caption>
    <thead>
      <tr><th scope="col">${msg('Invoice')}</th><th scope="col" class="num">${msg('Amount')}</th></tr>
    </thead>
    <tbody>
      ${rows.map(row)}
    </tbody>
    ${footer
      ? html`<tfoot>
          <tr class="strong"><th scope="row">${msg('Total paid')}</th><td class="num">${money(payment.amount)}</td></tr>
        </tfoot>`
      : nothing}
  </table>`;
  const applications = payment.applications;
  const shown = applications.slice(0, RECEIPT_ROWS_SHOWN);
  const rest = applications.slice(RECEIPT_ROWS_SHOWN);
  const count = numberFormat(v.locale).format(applications.length);
  const restCount = numberFormat(v.locale).format(rest.length);
  return html`<article class="receipt stack" part="receipt" aria-labelledby="view-heading">
    <!-- Not a live region: focus moves to the heading, which is read then (a status would read it twice). -->
    <div class="message success">
      <h3 id="view-heading" tabindex="-1">${msg(str`Thank you! We received your payment of ${money(payment.amount)}.`)}</h3>
    </div>
    <dl class="facts">
      <div><dt>${msg('Receipt number')}</dt><dd>${payment.receiptNumber}</dd></div>
      <div><dt>${msg('Paid on')}</dt><dd>${formatDateTime(payment.createdAt, v.timeZone, v.locale)}</dd></div>
      <div><dt>${msg('Card')}</dt><dd>${payment.card.brand} •••• ${payment.card.last4}</dd></div>
    </dl>
    ${applications.length > 1 ? html`<p>${msg(str`Applied to ${count} invoices:`)}</p>` : nothing}
    ${table(shown, msg('How the payment was applied'), rest.length === 0)}
    ${rest.length > 0
      ? html`<details
            class="split-rest"
            ?open=${showingAll}
            @toggle=${(e: Event) => actions.showAll((e.currentTarget as HTMLDetailsElement).open)}
          >
            <summary>${msg(str`Show the other ${restCount} invoices`)}</summary>
            ${showingAll ? table(rest, msg('How the payment was applied, continued'), false) : nothing}
          </details>
          <p class="total"><span class="total-label">${msg('Total paid')}</span> <strong class="total-amount">${money(payment.amount)}</strong></p>`
      : nothing}
    <p class="muted">${msg('A copy of this receipt was sent to your email address.')}</p>
    ${actions.done
      ? html`<div class="actions"><button part="button" type="button" @click=${actions.done}>${msg('Back to invoices')}</button></div>`
      : nothing}
  </article>`;
}
