import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDate, formatMoney, numberFormat } from '../../internal/format.js';
import { canRetry } from '../../internal/error-messages.js';
import { LazyCode } from '../../internal/lazy-code.js';
import { unreachableText } from '../../internal/portal-element.js';
import { WHOLE_LIST_MAX } from '../../internal/whole-list.js';
import type { Invoice } from '../../model/invoice.js';
import type { InvoicePager } from './invoice-pager.js';
import type { ViewContext } from './view-context.js';

/** Start loading the next page when the rendered rows come this close to the end of what is loaded. */
const PREFETCH_ROWS = 15;

/** The virtualizer and its layout (windowed-rows.ts), loaded the first time a list is too long to draw whole. */
const windowing = new LazyCode(() => import('./windowed-rows.js'));

/** Settles once the windowing code asked for has arrived or failed, and the lists were asked to draw again. */
export const windowingSettled = (): Promise<void> => windowing.settled();

export interface ListActions {
  open(invoiceId: string): void;
  toggle(invoiceId: string, on: boolean): void;
  /** The retry button of a page that failed to load. */
  retry(): void;
  /** Draws the list again: the windowing code of a long list has arrived (or failed to). */
  redraw(): void;
}

function dueText(invoice: Invoice, v: ViewContext) {
  const due = formatDate(invoice.dueDate, v.locale);
  return invoice.dueDate < v.today
    ? html`<span class="badge danger" part="past-due">${msg('Past due')}</span> ${msg(str`Was due ${due}`)}`
    : msg(str`Due ${due}`);
}

function outstandingRow(invoice: Invoice, v: ViewContext, selected: ReadonlySet<string>, actions: ListActions) {
  return html`<div class="row" part="row">
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
      <button part="link-button" type="button" class="link" data-invoice=${invoice.id} @click=${() => actions.open(invoice.id)}>${msg(str`Invoice ${invoice.number}`)}</button>
      <span class="muted">${invoice.summary}</span>
      <span class="due">${dueText(invoice, v)}</span>
    </div>
    <div class="amount">
      <span class="muted">${msg('Balance')}</span>
      <strong>${formatMoney(invoice.balance, invoice.currency, v.locale)}</strong>
    </div>
  </div>`;
}

function paidRow(invoice: Invoice, v: ViewContext, actions: Pick<ListActions, 'open'>) {
  return html`<div class="row" part="row">
    <div class="what">
      <button part="link-button" type="button" class="link" data-invoice=${invoice.id} @click=${() => actions.open(invoice.id)}>${msg(str`Invoice ${invoice.number}`)}</button>
      <span class="muted">${invoice.summary}</span>
      <span class="due">${msg(str`Dated ${formatDate(invoice.invoiceDate, v.locale)}`)}</span>
    </div>
    <div class="amount">
      <span class="muted">${invoice.total === 0 ? msg('No charge') : msg('Paid')}</span>
      <strong>${formatMoney(invoice.total, invoice.currency, v.locale)}</strong>
    </div>
  </div>`;
}

/**
 * A list of invoices. A short, complete list is rendered whole, part of the page: the page scrolls, as
 * a customer expects. A longer one is windowed: only the rows in view (and a margin) are in the DOM,
 * whatever the count, the next page loading as the rows near the end of what is loaded. With room
 * around it (`ownBox`, see list-room.ts) it scrolls in a box of `--portal-invoices-list-height` that
 * shows it scrolls (shadows at the edge with more beyond) and takes focus, named as the list, so arrows
 * and Page Down scroll it; on a phone it is part of the page too. Each row says where it is in the
 * whole list (`aria-posinset` of `aria-setsize`), and its controls are reached with Tab as in any list:
 * focusing a row out of view scrolls it into view, which renders the next ones.
 */
function windowed(
  pager: InvoicePager,
  label: string,
  v: ViewContext,
  row: (invoice: Invoice) => ReturnType<typeof outstandingRow>,
  actions: Pick<ListActions, 'retry' | 'redraw'>,
  ownBox: boolean,
) {
  const onRange = (event: Event) => {
    const { last } = event as Event & { last: number };
    if (last >= pager.items.length - PREFETCH_ROWS) void pager.more();
  };
  const count = numberFormat(v.locale).format(pager.total);
  const loaded = pager.items.length;
  const short = pager.nextCursor === null && loaded === pager.total && loaded <= WHOLE_LIST_MAX;
  // A long list whose windowing code is not here yet shows what is loaded, whole, meanwhile.
  const code = short ? null : windowing.get(actions.redraw);
  const whole = !code;
  const rows = (scroller: boolean) =>
    code!.virtualize({
      // Its own scroller: a fixed-height box, and the virtualizer knows its viewport from the start,
      // wherever the element sits. Else the page (or whatever scrolls around the element) is.
      scroller,
      // Given, not left to the default: the default layout is a dynamic import, a round trip before the
      // first rows appear.
      layout: code!.flow(),
      items: pager.items as Invoice[],
      keyFunction: (invoice: Invoice | undefined, index: number) => invoice?.id ?? index,
      // Drawn by the virtualizer on its own schedule, outside the element's render: in its language.
      renderItem: (invoice: Invoice | undefined, index: number) =>
        invoice === undefined
          ? html``
          : html`<div role="listitem" class="item" aria-posinset=${index + 1} aria-setsize=${pager.total}>${v.inLocale(() => row(invoice))}</div>`,
    });
  // Two templates, not one with a changing class: the virtualizer takes its scroller once, when created.
  return html`${whole
      ? html`<div role="list" class="invoices" part="list" aria-label=${label} data-list=${pager.listStatus}>
          ${repeat(
            pager.items,
            (invoice) => invoice.id,
            (invoice) => html`<div role="listitem" class="item">${row(invoice)}</div>`,
          )}
        </div>`
      : ownBox
        ? html`<div
            role="list"
            class="invoices windowed scroll-box"
            part="list"
            tabindex="0"
            aria-label=${label}
            data-list=${pager.listStatus}
            @rangeChanged=${onRange}
          >
            ${rows(true)}
          </div>`
        : html`<div role="list" class="invoices windowed" part="list" aria-label=${label} data-list=${pager.listStatus} @rangeChanged=${onRange}>
            ${rows(false)}
          </div>`}
    ${!short && windowing.lost
      ? html`<div class="message error" part="error">
          <p role="alert">${unreachableText()}</p>
          <button part="button secondary-button" type="button" class="secondary" @click=${() => windowing.retry(actions.redraw)}>${msg('Try again')}</button>
        </div>`
      : nothing}
    ${pager.error
      ? html`<div class="message error" part="error">
          <p role="alert">${msg('We couldn’t load more invoices.')}</p>
          ${canRetry(pager.error) ? html`<button part="button secondary-button" type="button" class="secondary" @click=${actions.retry}>${msg('Try again')}</button>` : nothing}
        </div>`
      : nothing}
    <p class="muted list-status" role="status">
      ${loaded < pager.total && code
        ? pager.status === 'more'
          ? msg(str`${count} invoices · Loading more…`)
          : msg(str`${count} invoices · Scroll for more`)
        : pager.total > 1
          ? msg(str`${count} invoices`)
          : nothing}
    </p>`;
}

/**
 * Outstanding invoices, oldest due first, each with a checkbox to pay several at once. `ownBox`: a long
 * list may scroll in a box of its own (there is room for one, list-room.ts).
 */
export function renderOutstanding(pager: InvoicePager, v: ViewContext, selected: ReadonlySet<string>, ownBox: boolean, actions: ListActions) {
  return windowed(pager, msg('Outstanding invoices'), v, (invoice) => outstandingRow(invoice, v, selected, actions), actions, ownBox);
}

/** Paid invoices (and those that never owed anything), newest first. */
export function renderPaid(pager: InvoicePager, v: ViewContext, ownBox: boolean, actions: Pick<ListActions, 'open' | 'retry' | 'redraw'>) {
  if (pager.total === 0 && pager.items.length === 0) return html`<p class="muted" role="status">${msg('No paid invoices yet.')}</p>`;
  return windowed(pager, msg('Paid invoices'), v, (invoice) => paidRow(invoice, v, actions), actions, ownBox);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The button that opens `invoiceId` in `pager`'s list, once its row is drawn; null when the list no
 * longer has the invoice (a reload since left it out, or it was paid) or its row never appears. A list
 * drawn anew starts at its top: a windowed one is asked to bring the row into its window first (centred,
 * so the rows around it show too), then has a few frames to draw it.
 */
export async function invoiceButton(root: ParentNode, pager: InvoicePager, invoiceId: string): Promise<HTMLElement | null> {
  const index = pager.items.findIndex((i) => i.id === invoiceId);
  if (index < 0) return null;
  const list = `[data-list="${pager.listStatus}"]`;
  let asked = false;
  for (let frame = 0; frame < 30; frame++) {
    const found = root.querySelector<HTMLElement>(`${list} button[data-invoice="${CSS.escape(invoiceId)}"]`);
    if (found) return found;
    const ref = windowing.current?.virtualizerRef;
    const virtualizer = ref ? root.querySelector<HTMLElement & VirtualizerHostElement>(list)?.[ref] : undefined;
    const row = asked ? undefined : virtualizer?.element(index);
    if (row) {
      row.scrollIntoView({ block: 'center' });
      asked = true;
    }
    await nextFrame();
  }
  return null;
}
