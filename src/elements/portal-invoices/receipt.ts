import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { formatDateTime, formatMoney } from '../../internal/format.js';
import type { Payment } from '../../model/payment.js';
import type { ViewContext } from './view-context.js';

/** What the customer keeps after paying: receipt number, when, which card, and how it split. */
export function renderReceipt(payment: Payment, v: ViewContext, done: () => void) {
  const money = (minor: number) => formatMoney(minor, payment.currency, v.locale);
  return html`<article class="receipt stack" part="receipt" aria-labelledby="view-heading">
    <div class="message success" role="status">
      <h3 id="view-heading" tabindex="-1">${msg(str`Thank you! We received your payment of ${money(payment.amount)}.`)}</h3>
    </div>
    <dl class="facts">
      <div><dt>${msg('Receipt number')}</dt><dd>${payment.receiptNumber}</dd></div>
      <div><dt>${msg('Paid on')}</dt><dd>${formatDateTime(payment.createdAt, v.timeZone, v.locale)}</dd></div>
      <div><dt>${msg('Card')}</dt><dd>${payment.card.brand} •••• ${payment.card.last4}</dd></div>
    </dl>
    <table class="items">
      <caption class="visually-hidden">${msg('How the payment was applied')}</caption>
      <thead>
        <tr><th scope="col">${msg('Invoice')}</th><th scope="col" class="num">${msg('Amount')}</th></tr>
      </thead>
      <tbody>
        ${payment.applications.map(
          (a) => html`<tr><td>${msg(str`Invoice ${a.invoiceNumber}`)}</td><td class="num">${money(a.amount)}</td></tr>`,
        )}
      </tbody>
      <tfoot>
        <tr class="strong"><th scope="row">${msg('Total paid')}</th><td class="num">${money(payment.amount)}</td></tr>
      </tfoot>
    </table>
    <p class="muted">${msg('A copy of this receipt was sent to your email address.')}</p>
    <div class="actions"><button type="button" @click=${done}>${msg('Back to invoices')}</button></div>
  </article>`;
}
