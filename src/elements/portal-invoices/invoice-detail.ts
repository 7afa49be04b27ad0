import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { formatDate, formatMoney, numberFormat } from '../../internal/format.js';
import type { Invoice } from '../../model/invoice.js';
import type { ViewContext } from './view-context.js';

export interface DetailActions {
  /** "Back to invoices"; left out (a pay link shows one invoice), no button. */
  back?(): void;
  pay(invoiceId: string): void;
}

/** One invoice: line items, tax, total, payments applied, balance, business unit, location, job. */
export function renderInvoiceDetail(invoice: Invoice, v: ViewContext, actions: DetailActions) {
  const money = (minor: number) => formatMoney(minor, invoice.currency, v.locale);
  const quantity = numberFormat(v.locale, { maximumFractionDigits: 2 });
  return html`<article class="detail stack" part="detail" aria-labelledby="view-heading">
    <div class="view-header">
      <h3 id="view-heading" tabindex="-1">${msg(str`Invoice ${invoice.number}`)}</h3>
      ${actions.back
        ? html`<button part="button secondary-button" type="button" class="secondary" @click=${actions.back}>${msg('Back to invoices')}</button>`
        : nothing}
    </div>
    <p>${invoice.summary}</p>
    <dl class="facts">
      <div><dt>${msg('Invoice date')}</dt><dd>${formatDate(invoice.invoiceDate, v.locale)}</dd></div>
      <div>
        <dt>${msg('Due date')}</dt>
        <dd>
          ${formatDate(invoice.dueDate, v.locale)}
          ${invoice.balance > 0 && invoice.dueDate < v.today ? html`<span class="badge danger">${msg('Past due')}</span>` : nothing}
        </dd>
      </div>
      <div><dt>${msg('Service location')}</dt><dd>${invoice.location.name}</dd></div>
      <div><dt>${msg('Business unit')}</dt><dd>${invoice.businessUnit.name}</dd></div>
      <div><dt>${msg('Job')}</dt><dd>${invoice.job ? msg(str`Job ${invoice.job.number}`) : msg('None')}</dd></div>
    </dl>
    <table class="items" part="items">
      <caption class="visually-hidden">${msg(str`Line items of invoice ${invoice.number}`)}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('Description')}</th>
          <th scope="col" class="num">${msg('Qty')}</th>
          <th scope="col" class="num">${msg('Unit price')}</th>
          <th scope="col" class="num">${msg('Amount')}</th>
        </tr>
      </thead>
      <tbody>
        ${invoice.items.map(
          (item) => html`<tr>
            <td>${item.description}</td>
            <td class="num">${quantity.format(item.quantity)}</td>
            <td class="num">${money(item.unitPrice)}</td>
            <td class="num">${money(item.total)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="3">${msg('Subtotal')}</th><td class="num">${money(invoice.subtotal)}</td></tr>
        <tr><th scope="row" colspan="3">${msg('Tax')}</th><td class="num">${money(invoice.tax)}</td></tr>
        <tr class="strong"><th scope="row" colspan="3">${msg('Total')}</th><td class="num">${money(invoice.total)}</td></tr>
      </tfoot>
    </table>
    <section class="stack quiet" aria-labelledby="payments-heading">
      <h4 id="payments-heading">${msg('Payments applied')}</h4>
      ${invoice.payments.length === 0
        ? html`<p class="muted">${msg('No payments yet.')}</p>`
        : html`<ul class="applied">
            ${invoice.payments.map(
              (p) => html`<li>
                <span>${formatDate(p.paidOn, v.locale)} · ${p.method}</span>
                <span class="num">${money(p.amount)}</span>
              </li>`,
            )}
          </ul>`}
    </section>
    <p class="balance-line" part="invoice-balance">
      <span>${msg('Balance due')}</span>
      <strong>${money(invoice.balance)}</strong>
    </p>
    ${invoice.balance > 0 && v.paymentsOn
      ? html`<div class="actions">
          <button part="button" type="button" data-action="pay-invoice" @click=${() => actions.pay(invoice.id)}>${msg(str`Pay invoice ${invoice.number}`)}</button>
        </div>`
      : nothing}
  </article>`;
}
