import { msg, str } from '../../i18n/msg.js';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PayLinkRequest } from '../../adapter/portal-adapter.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import { PortalPaymentFailedEvent } from '../../events/portal-payment-failed.js';
import { PortalPaymentSucceededEvent } from '../../events/portal-payment-succeeded.js';
import { describeError } from '../../internal/error-messages.js';
import { formatDate, formatMoney, localeOf, todayIn } from '../../internal/format.js';
import { KeptValue } from '../../internal/kept-value.js';
import { linkStyles } from '../../internal/link-styles.js';
import { PortalLinkElement } from '../../internal/portal-link-element.js';
import { contentStyles } from '../../internal/content-styles.js';
import { itemsStyles } from '../../internal/items-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import { safeTimeZone } from '../../internal/time-zone.js';
import type { PayLinkView } from '../../model/pay-link.js';
import type { Payment } from '../../model/payment.js';
import { cardDigits, parseExpiry } from '../portal-invoices/card-checks.js';
import { focusUnmoved, problemsAlert } from '../../internal/form-alert.js';
import { renderInvoiceDetail } from '../portal-invoices/invoice-detail.js';
import { amountEdit, cardEdit, changedDraft, checkDraft, newDraft, payTiming, renderPayForm, type DraftChange, type PayDraft } from '../portal-invoices/pay-form.js';
import { PaymentAttempts, paymentOutcomeUnknown, unknownOutcomeText } from '../portal-invoices/payment-attempt.js';
import { invoicesStyles } from '../portal-invoices/portal-invoices.styles.js';
import { renderReceipt } from '../portal-invoices/receipt.js';
import type { ViewContext } from '../portal-invoices/view-context.js';
import { payStyles } from './portal-pay.styles.js';

type View = { kind: 'invoice' } | { kind: 'pay' } | { kind: 'receipt'; payment: Payment };

/**
 * One invoice from a pay link, with no sign-in: the invoice, then the same pay form and the same
 * rules as `<portal-invoices>` (the contractor's settings, part payments, a minimum, one
 * Idempotency-Key per attempt so a double press or a dropped connection never charges twice), and the
 * receipt. Once the invoice is paid the link shows the receipt.
 *
 * The token comes from the `token` property or the page address (`#porchlight-link=<token>`); the
 * invoice from the `invoice-id` attribute, else the page address (`?invoice=<id>`), else the link itself.
 *
 * @summary One invoice paid by card from a link, with no sign-in; then its receipt.
 * @fires {PortalPaymentSucceededEvent} portal-payment-succeeded - A payment went through; `detail.payment` is the record.
 * @fires {PortalPaymentFailedEvent} portal-payment-failed - A payment attempt did not go through; `detail.code` says why.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title bar.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart detail - The invoice.
 * @csspart items - The invoice's line items.
 * @csspart invoice-balance - The balance due.
 * @csspart pay-form - The payment form.
 * @csspart pay-error - Where a failed payment is explained.
 * @csspart receipt - The receipt.
 * @csspart earlier-payments - Payments made on the invoice before the newest one (all of them, when it was paid elsewhere).
 * @csspart paid-elsewhere - The invoice was paid in full meanwhile, elsewhere: this customer's card was not charged.
 * @csspart call - How to pay when paying online is off.
 * @csspart link-problem - Why the link does not work (and a fresh link, when it expired).
 * @csspart resend-button - Send me a new link.
 * @csspart error - An error message.
 * @csspart no-link - What shows when the page address holds no link.
 * @csspart loading - The invoice is loading.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart input - Every text field (the payment form's).
 * @cssprop --portal-pay-max-width - Widest the element grows (40em).
 * @cssprop --portal-invoices-padding - Space inside the card (1em on a phone, up to 1.5em).
 * @cssstate loading - The invoice is loading.
 * @cssstate error - Loading failed.
 * @cssstate link-problem - The link does not work.
 * @cssstate paid - Nothing is left to pay.
 */
export class PortalPay extends PortalLinkElement {
  static override styles = [hostStyles, controlStyles, contentStyles, itemsStyles, invoicesStyles, linkStyles, payStyles];

  /** Which invoice. Left unset, read from the page address (`?invoice=<id>`), else found from the link. */
  @property({ attribute: 'invoice-id' }) invoiceId: string | undefined;

  /** @internal */
  @state() private view: View = { kind: 'invoice' };
  /** @internal */
  @state() private draft: PayDraft | null = null;
  /** @internal The receipt's whole split is open. */
  @state() private receiptShowingAll = false;
  /**
   * The invoice was paid in full by someone else while this form was open (the payment was refused as
   * a conflict): the paid invoice then says so, rather than showing that payment's receipt as if it
   * were this customer's.
   */
  @state() private paidElsewhere = false;
  /** @internal A payment answered that the link no longer works. */
  @state() private actionLinkError: PortalError | null = null;

  #attempts = new PaymentAttempts();
  /** Set synchronously on submit: a second click in the same instant does nothing. */
  #paying = false;
  /**
   * Where focus goes once the view shown next has rendered: its heading, or (back from the pay form by
   * Cancel) the invoice's Pay button that opened the form, so a keyboard customer carries on from where
   * they were rather than from the top of the invoice.
   */
  #focusTo: 'none' | 'view' | 'pay-button' = 'none';
  #reloads = 0;
  /** The answer shown when the last payment was made: what is left to pay waits for a newer one. */
  #paidFrom: PayLinkView | undefined;
  /** The link and invoice shown. */
  #key: string | undefined;
  /** The answer the draft was last checked against. */
  #draftFrom: PayLinkView | undefined;

  #task = new Task(this, {
    args: () => [this.portal?.adapter, this.linkToken(), this.#pageId(), this.#reloads] as const,
    task: async ([adapter, token, pageId], { signal }) => {
      if (!adapter || !token) return undefined;
      if (!adapter.getPayLink) throw new PortalError('FEATURE_DISABLED', 'This portal’s backend does not provide pay links.');
      const invoiceId = pageId ?? (await this.linkedDocument('pay', token, signal));
      return adapter.getPayLink(token, invoiceId, { signal });
    },
    onComplete: (answer) => {
      if (answer) this.#kept.keep(this.#linkKey(), answer);
    },
  });

  /**
   * The invoice last shown, and for which link: a reload that fails after paying must not take the
   * receipt away (the customer would pay again).
   */
  #kept = new KeptValue<PayLinkView>();

  #linkKey(): string {
    return `${this.linkToken() ?? ''}|${this.#pageId() ?? ''}`;
  }

  /**
   * This link's invoice as last loaded: kept while a reload runs and when it fails, and never another
   * link's (the task keeps its last value while a new link loads).
   */
  #shown(): PayLinkView | undefined {
    return this.#kept.for(this.#linkKey());
  }

  #pageId(): string | null {
    return this.invoiceId?.trim() || this.idFromPage('invoice');
  }

  /** Reload the invoice (the retry button; after a payment or a conflict). */
  reload() {
    this.#reloads++;
    void this.#task.run();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    const answer = this.#task.value;
    if (answer && answer !== this.#draftFrom) {
      this.#draftFrom = answer;
      this.#followBalance(answer);
    }
    // Another link or invoice: start again from the invoice.
    const key = this.#linkKey();
    if (this.#key !== undefined && key !== this.#key) {
      this.#go({ kind: 'invoice' }, 'none');
      this.actionLinkError = null;
      this.paidElsewhere = false;
    }
    this.#key = key;
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    const status = this.#task.status;
    const answer = this.#shown();
    this.setCustomState('loading', status === 1);
    this.setCustomState('error', status === 3 && !this.#linkError());
    this.setCustomState('link-problem', Boolean(this.#linkError()));
    this.setCustomState('paid', Boolean(answer && answer.invoice.balance <= 0));
    if (this.#focusTo !== 'none') {
      // The Pay button only while the invoice offers it (not once paid, nor with payments turned off).
      const target =
        (this.#focusTo === 'pay-button' ? this.renderRoot.querySelector<HTMLElement>('button[data-action="pay-invoice"]') : null) ??
        this.renderRoot.querySelector<HTMLElement>('#view-heading') ??
        this.renderRoot.querySelector<HTMLElement>('#heading');
      if (target) {
        this.#focusTo = 'none';
        target.focus();
      }
    }
  }

  /** After a reload the form follows the invoice: a new balance becomes the amount; paid, it closes. */
  #followBalance(answer: PayLinkView) {
    const draft = this.draft;
    if (!draft || this.view.kind !== 'pay') return;
    const invoice = answer.invoice;
    if (!answer.payable || invoice.balance <= 0) {
      this.#go({ kind: 'invoice' });
      return;
    }
    const old = draft.invoices[0];
    // A payment whose outcome is unknown stays as sent: Pay again must send the same one (same key).
    if (old && old.balance !== invoice.balance && !draft.unresolved) {
      this.draft = { ...draft, invoices: [invoice], amounts: newDraft([invoice], localeOf(this)).amounts };
    }
  }

  /** Back to the invoice. After a payment whose outcome is unknown, as it is now: it may have been paid. */
  #cancel() {
    const unresolved = this.draft?.unresolved;
    this.#go({ kind: 'invoice' }, 'pay-button');
    if (unresolved) this.reload();
  }

  #go(view: View, focus: 'none' | 'view' | 'pay-button' = 'view') {
    this.view = view;
    this.#focusTo = focus;
    this.receiptShowingAll = false;
    if (view.kind !== 'pay') {
      this.draft = null;
      this.#attempts.settle();
    }
  }

  #context(answer: PayLinkView | undefined): ViewContext {
    const timeZone = safeTimeZone(answer?.company.timeZone, this.portal?.settings?.timeZone);
    // An adapter without payByLink(): the invoice with the office's number, as when it can't be paid online.
    const canPay = typeof this.portal?.adapter.payByLink === 'function';
    return {
      locale: localeOf(this),
      timeZone,
      today: todayIn(timeZone),
      paymentsOn: Boolean(answer?.payable && answer.onlinePaymentsEnabled) && canPay,
      inLocale: (fn) => this.inLocale(fn),
    };
  }

  #startPaying(answer: PayLinkView) {
    this.paidElsewhere = false;
    this.draft = newDraft([answer.invoice], localeOf(this));
    this.#draftFrom = answer;
    this.#go({ kind: 'pay' });
  }

  /** Changes the open draft, or nothing when none is open (changedDraft, pay-form.ts). */
  #updateDraft(change: DraftChange) {
    this.draft = changedDraft(this.draft, change);
  }

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.#pay();
  };

  async #pay() {
    const draft = this.draft;
    const token = this.linkToken();
    const adapter = this.portal?.adapter;
    const answer = this.#shown();
    const invoice = draft?.invoices[0];
    if (!draft || !token || !answer || !invoice || !adapter?.payByLink || this.#paying) return;
    const v = this.#context(answer);
    const { amounts, problems } = checkDraft(draft, v);
    if (Object.keys(problems).length > 0) {
      this.#updateDraft({ problems, error: problemsAlert(problems), attempt: draft.attempt + 1 });
      await this.#focusInvalid();
      return;
    }
    const expiry = parseExpiry(draft.card.expiry)!;
    const body = {
      applications: [{ invoiceId: invoice.id, amount: amounts.get(invoice.id)! }],
      card: {
        number: cardDigits(draft.card.number),
        expMonth: expiry.month,
        expYear: expiry.year,
        cvc: draft.card.cvc.trim(),
        postalCode: draft.card.postalCode.trim(),
      },
    };
    const request: PayLinkRequest = { idempotencyKey: this.#attempts.keyFor(body), ...body };
    this.#paying = true;
    // Where focus was when Pay was pressed: a refusal that arrives after the customer moved on leaves it be.
    const focusAtSend = (this.renderRoot as ShadowRoot).activeElement;
    this.#updateDraft({ busy: true, slow: false, problems: {}, error: '', attempt: draft.attempt + 1 });
    const slow = setTimeout(() => this.#updateDraft((now) => (now.busy ? { slow: true } : {})), payTiming.slowAfterMs);
    try {
      const payment = await adapter.payByLink(token, invoice.id, request, { language: this.elementLocale.tag });
      this.#attempts.settle();
      this.paidElsewhere = false;
      this.#paidFrom = answer;
      this.#go({ kind: 'receipt', payment });
      this.dispatchEvent(new PortalPaymentSucceededEvent({ payment }));
      // The invoice as it is now (what is left to pay), behind the receipt.
      this.reload();
    } catch (error) {
      this.inLocale(() => this.#failed(toPortalError(error), body, draft));
    } finally {
      clearTimeout(slow);
      this.#paying = false;
      this.#updateDraft({ busy: false, slow: false });
    }
    // A field the backend refused: focus goes to it, as for the form's own checks, unless the customer
    // has moved on meanwhile (typing in another field, or elsewhere on the page).
    const refused = this.draft && Object.keys(this.draft.problems).length > 0;
    if (refused && focusUnmoved(this.renderRoot as ShadowRoot, focusAtSend)) await this.#focusInvalid();
  }

  /** Focus on the first field at fault, once it is drawn so. */
  async #focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  #failed(error: PortalError, body: Omit<PayLinkRequest, 'idempotencyKey'>, draft: PayDraft) {
    const outcomeUnknown = paymentOutcomeUnknown(error);
    // Unknown outcome: keep the key, so pressing Pay again cannot charge twice. Otherwise a new attempt.
    if (!outcomeUnknown) this.#attempts.settle();
    let message: string;
    let problems: Record<string, string> = {};
    if (this.isLinkProblem(error)) {
      this.actionLinkError = error;
      this.#focusTo = 'view';
      message = '';
    } else if (outcomeUnknown) {
      message = unknownOutcomeText(error);
    } else if (error.code === 'CONFLICT') {
      message = msg('The invoice’s balance changed, perhaps paid in another window. The amount due is updated; check it and pay again.');
      this.paidElsewhere = true;
      this.reload();
    } else if (error.code === 'VALIDATION' && error.details.field) {
      const field = fieldOf(error.details.field, draft);
      problems = field ? { [field]: msg('Check this field: it was not accepted.') } : {};
      // The field's own words say "this": above the button, the general sentence (focus goes to the field).
      message = describeError(error, this.portal?.settings ?? null);
    } else {
      message = describeError(error, this.portal?.settings ?? null);
    }
    if (this.draft && this.draft.invoices === draft.invoices) this.#updateDraft({ error: message, problems, unresolved: outcomeUnknown });
    const application = body.applications[0]!;
    this.dispatchEvent(
      new PortalPaymentFailedEvent({
        code: error.code,
        amount: application.amount,
        currency: draft.invoices[0]?.currency ?? 'USD',
        invoiceIds: [application.invoiceId],
        allOpen: false,
        outcomeUnknown,
      }),
    );
  }

  #linkError(): PortalError | null {
    if (this.actionLinkError) return this.actionLinkError;
    const error = this.#task.status === 3 ? toPortalError(this.#task.error) : null;
    return error && this.isLinkProblem(error) ? error : null;
  }

  #heading(answer: PayLinkView | undefined): string {
    return answer ? msg(str`Invoice ${answer.invoice.number} from ${answer.company.name}`) : msg('Pay your invoice');
  }

  protected override voidedWords(): [string, string] {
    return [msg('This invoice was voided'), msg('We voided this invoice, so there is nothing to pay here.')];
  }

  protected override render() {
    const portal = this.portal;
    const answer = this.#shown();
    if (!portal) return this.renderNotConnected(this.#heading(undefined));
    const linkError = this.#linkError();
    if (linkError) return this.frame(msg('Pay your invoice'), this.renderLinkProblem(linkError));
    if (!this.linkToken()) {
      return this.frame(
        this.#heading(undefined),
        html`<p class="message info" role="status" part="no-link">${msg('Open the link in the message we sent you to see and pay your invoice.')}</p>`,
      );
    }
    // A reload in the background (after paying) keeps the view steady: focus and typing stay put. One
    // that failed keeps it too (the receipt stays), with the problem said above it.
    if (answer) {
      const failed = this.#task.status === 3 ? toPortalError(this.#task.error) : null;
      return this.frame(
        this.#heading(answer),
        html`${failed ? this.renderFailure(failed, () => this.reload()) : nothing} ${this.#renderAnswer(answer)}`,
      );
    }
    const loading = () => this.frame(this.#heading(undefined), html`<p class="muted" role="status" part="loading">${msg('Loading your invoice…')}</p>`);
    return this.#task.render({
      initial: loading,
      pending: loading,
      complete: loading,
      error: (error) => this.frame(this.#heading(answer), this.renderFailure(toPortalError(error), () => this.reload())),
    });
  }

  #renderAnswer(answer: PayLinkView) {
    const v = this.#context(answer);
    const view = this.view;
    const invoice = answer.invoice;
    if (view.kind === 'pay' && this.draft) {
      return renderPayForm(this.draft, v, {
        amount: (id, value) => this.#updateDraft((draft) => amountEdit(draft, id, value)),
        card: (field, value) => this.#updateDraft((draft) => cardEdit(draft, field, value)),
        submit: this.#onSubmit,
        cancel: () => this.#cancel(),
      });
    }
    const receiptOf = (payment: Payment) => renderReceipt(payment, v, this.receiptShowingAll, { showAll: (open) => (this.receiptShowingAll = open) });
    // After paying, what is left is read from the invoice as reloaded, never from the one paid against.
    const fresh = answer !== this.#paidFrom && this.#task.status === 2;
    const payTheRest =
      fresh && v.paymentsOn && invoice.balance > 0
        ? html`<div class="rest stack">
            <p class="balance-line" part="invoice-balance">
              <span>${msg('Balance still due')}</span>
              <strong>${formatMoney(invoice.balance, invoice.currency, v.locale)}</strong>
            </p>
            <div class="actions">
              <button part="button" type="button" @click=${() => this.#startPaying(answer)}>${msg('Pay the rest')}</button>
            </div>
          </div>`
        : nothing;
    // What is left, once the invoice as reloaded says: the rest to pay, or that nothing is left.
    const paidUp =
      fresh && invoice.balance <= 0
        ? html`<p class="message success" part="invoice-balance">${msg('This invoice is now paid in full.')}</p>`
        : nothing;
    if (view.kind === 'receipt') return html`<div class="stack">${receiptOf(view.payment)} ${payTheRest} ${paidUp}</div>`;
    const latest = answer.receipts.at(-1);
    if (invoice.balance <= 0 && this.paidElsewhere) {
      return html`<article class="stack" part="paid-elsewhere" aria-labelledby="view-heading">
        <!-- Not a live region: focus moves to the heading, which is read then (a status would read it twice). -->
        <div class="message info stack">
          <h3 id="view-heading" tabindex="-1">${msg('This invoice has already been paid')}</h3>
          <p>${msg('It was paid in full in another window or by someone else. Your card was not charged.')}</p>
        </div>
        ${this.#earlier(answer.receipts, v, msg('Payments'))}
      </article>`;
    }
    if (invoice.balance <= 0 && latest) {
      return html`<div class="stack">${receiptOf(latest)} ${this.#earlier(answer.receipts.slice(0, -1), v, msg('Earlier payments'))}</div>`;
    }
    return html`<div class="stack">
      ${invoice.balance <= 0 ? html`<p class="message success" role="status">${msg('This invoice is paid in full. Thank you!')}</p>` : nothing}
      ${invoice.balance > 0 && !v.paymentsOn
        ? html`<p class="message info" part="call">${msg('This invoice can’t be paid online.')} ${this.callLine(this.callCompany(undefined, answer.company))}</p>`
        : nothing}
      ${renderInvoiceDetail(invoice, v, { pay: () => this.#startPaying(answer) })}
    </div>`;
  }

  /** Payments made on this invoice (before the newest one, or all): date, amount and receipt number. */
  #earlier(receipts: Payment[], v: ViewContext, heading: string) {
    if (receipts.length === 0) return nothing;
    return html`<section class="stack" aria-labelledby="earlier-heading" part="earlier-payments">
      <h4 id="earlier-heading">${heading}</h4>
      <ul class="applied">
        ${receipts.map(
          (p) => html`<li>
            <!-- The receipt number whole on one line: "R-" and "100006" apart at 320 px read as two things. -->
            <span>${formatDate(todayIn(v.timeZone, new Date(p.createdAt)), v.locale)} · ${msg(html`Receipt <span class="nowrap">${p.receiptNumber}</span>`)}</span>
            <span class="num">${formatMoney(p.amount, p.currency, v.locale)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

/** Backend field names → the pay form's. */
function fieldOf(field: string, draft: PayDraft): string | null {
  const card: Record<string, string> = {
    'card.number': 'number',
    'card.expMonth': 'expiry',
    'card.expYear': 'expiry',
    'card.cvc': 'cvc',
    'card.postalCode': 'postalCode',
  };
  if (card[field]) return card[field];
  const invoice = /^applications\.0\.amount$/.test(field) ? draft.invoices[0] : undefined;
  return invoice ? `amount-${invoice.id}` : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-pay': PortalPay;
  }
}
