import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import type { BalanceSummary } from '../../adapter/portal-adapter.js';
import { formatDate, formatMoney, numberFormat } from '../../internal/format.js';
import type { ViewContext } from './view-context.js';

/** Total due, the past-due part (amount and count) and the next due date. */
export function renderBalance(balance: BalanceSummary, v: ViewContext) {
  const money = (minor: number) => formatMoney(minor, balance.currency, v.locale);
  const pastDueCount = numberFormat(v.locale).format(balance.pastDueCount);
  return html`<dl class="balance" part="balance">
    <div class="total">
      <dt>${msg('Balance due')}</dt>
      <dd>${money(balance.totalDue)}</dd>
    </div>
    ${balance.pastDue > 0
      ? html`<div class="past-due">
          <dt>${msg('Past due')}</dt>
          <dd>
            ${money(balance.pastDue)}
            <span class="muted">${balance.pastDueCount === 1 ? msg('(1 invoice)') : msg(str`(${pastDueCount} invoices)`)}</span>
          </dd>
        </div>`
      : nothing}
    ${balance.nextDueDate
      ? html`<div>
          <dt>${msg('Next due date')}</dt>
          <dd>${formatDate(balance.nextDueDate, v.locale)}</dd>
        </div>`
      : nothing}
  </dl>`;
}
