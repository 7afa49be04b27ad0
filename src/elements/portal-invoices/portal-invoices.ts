import { msg, str } from '../../i18n/msg.js';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccountScope, BalanceSummary, InvoiceQuery, Page, PaymentBody, PaymentRequest } from '../../adapter/portal-adapter.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import { PortalPaymentFailedEvent } from '../../events/portal-payment-failed.js';
import { PortalPaymentSucceededEvent } from '../../events/portal-payment-succeeded.js';
import { describeError } from '../../internal/error-messages.js';
import { localeOf, numberFormat, todayIn } from '../../internal/format.js';
import { PortalDataElement } from '../../internal/portal-data-element.js';
import { contentStyles } from '../../internal/content-styles.js';
import { itemsStyles } from '../../internal/items-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { PortalContextValue } from '../../context/portal-context.js';
import type { Invoice } from '../../model/invoice.js';
import type { Payment } from '../../model/payment.js';
import { renderBalance } from './balance-summary.js';
import { cardDigits, parseExpiry, type CardField } from './card-checks.js';
import { renderInvoiceDetail } from './invoice-detail.js';
import { invoiceButton, renderOutstanding, renderPaid, windowingSettled } from './invoice-list.js';
import { InvoicePager } from './invoice-pager.js';
import { ListRoom } from './list-room.js';
import { amountEdit, cardEdit, changedDraft, checkDraft, draftIsEmpty, newAllOpenDraft, newDraft, payTiming, renderPayForm, type DraftChange, type PayDraft } from './pay-form.js';
import { PaymentAttempts, paymentOutcomeUnknown, unknownOutcomeText } from './payment-attempt.js';
import { invoicesStyles } from './portal-invoices.styles.js';
import { focusUnmoved, problemsAlert } from '../../internal/form-alert.js';
import { renderReceipt } from './receipt.js';
import type { ViewContext } from './view-context.js';

export interface InvoicesData {
  balance: BalanceSummary;
  /** The first page of the open invoices; the pager holds every page loaded since. */
  open: Page<Invoice>;
}

/** The list's buttons that open the pay form. */
type PayAction = 'pay-all' | 'pay-selected';
/** What on the list opened a view: an invoice's row (in the outstanding or the paid list), or a pay button. */
type Opener = { pager: InvoicePager; invoiceId: string } | { action: PayAction };

/** Most invoices "Pay selected" sends in one payment (the contract's cap for a list of invoices). */
export const MAX_SELECTED = 50;

type View =
  | { kind: 'list' }
  | { kind: 'detail'; invoiceId: string }
  | { kind: 'pay' }
  | { kind: 'receipt'; payment: Payment };

/** Backend field names → the pay form's. */
function formField(field: string | undefined, draft: PayDraft): string | null {
  if (!field) return null;
  const card: Record<string, CardField> = {
    'card.number': 'number',
    'card.expMonth': 'expiry',
    'card.expYear': 'expiry',
    'card.cvc': 'cvc',
    'card.postalCode': 'postalCode',
  };
  if (card[field]) return card[field];
  const amount = /^applications\.(\d+)\.amount$/.exec(field);
  const invoice = amount ? draft.invoices[Number(amount[1])] : undefined;
  return invoice ? `amount-${invoice.id}` : null;
}

/** Which invoice's control had the focus in a list, and which list (its `data-list`). */
interface ListFocus {
  list: string;
  invoiceId: string;
  checkbox: boolean;
}

function focusedListControl(root: ShadowRoot | null): ListFocus | null {
  const active = root?.activeElement as HTMLElement | null | undefined;
  const list = active?.closest<HTMLElement>('[data-list]');
  const row = active?.closest('[part~="row"]');
  const invoiceId = row?.querySelector<HTMLElement>('button[data-invoice]')?.dataset.invoice;
  if (!active || !list?.dataset.list || !invoiceId) return null;
  return { list: list.dataset.list, invoiceId, checkbox: active.matches('input[type="checkbox"]') };
}

/**
 * What the customer owes: the balance, outstanding invoices (paid ones on request), each invoice's
 * detail, and — when the contractor takes payments online — paying one or several invoices by card,
 * with a receipt. After a payment every element on the page reloads (`portal.dataChanged()`).
 *
 * Long lists stay fast: the backend pages them, the next page loads as the list nears its end, and
 * only the rows in view are in the DOM. A list scrolls in a box of its own only when it is long and
 * the screen has room for one; otherwise it is part of the page. "Pay all" pays the balance's total
 * due without needing every invoice loaded (the backend applies it oldest due first); "Pay selected"
 * pays the loaded invoices ticked, up to 50.
 *
 * @summary The customer's balance, invoices and card payments.
 * @fires {PortalPaymentSucceededEvent} portal-payment-succeeded - A payment went through; `detail.payment` is the record.
 * @fires {PortalPaymentFailedEvent} portal-payment-failed - A payment attempt did not go through; `detail.code` says why.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title bar.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart balance - The balance summary.
 * @csspart list - A list of invoices.
 * @csspart row - One invoice in a list.
 * @csspart past-due - The "Past due" badge.
 * @csspart detail - One invoice's detail.
 * @csspart items - The line-items table.
 * @csspart invoice-balance - The balance line of an invoice's detail.
 * @csspart pay-form - The payment form.
 * @csspart pay-error - Where a failed payment is explained.
 * @csspart receipt - The receipt after paying.
 * @csspart empty - The "nothing due" message.
 * @csspart error - An error message.
 * @csspart signed-out - "Sign in to see …", when no one is signed in.
 * @csspart loading - The loading message.
 * @csspart portal-off - Said when the contractor has turned the portal off (by the first data element on a page without `<portal-login>`).
 * @csspart no-billing - Said where the invoices would be, for a sign-in without billing access.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart link-button - A button that looks like a link.
 * @csspart input - Every text field and select.
 * @cssprop --portal-invoices-max-width - Widest the element grows (48em).
 * @cssprop --portal-invoices-padding - Space inside the card (1em on a phone, up to 1.5em).
 * @cssprop --portal-invoices-row-gap - Space between invoice rows.
 * @cssprop --portal-invoices-list-height - Height of a long list's own scroll box, on a screen with room for one (32em); a short list, or any on a phone, is part of the page.
 * @cssstate loading - Data is loading.
 * @cssstate error - Loading failed.
 * @cssstate signed-out - No one is signed in.
 */
export class PortalInvoices extends PortalDataElement<InvoicesData> {
  static override styles = [hostStyles, controlStyles, contentStyles, itemsStyles, invoicesStyles];

  /** Invoices per request (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /**
   * The invoice whose detail is open, by id; empty while the list (or a payment) shows. Set it to open
   * that invoice (a deep link, `<portal-app>`'s address); the element keeps it current as the customer
   * opens and closes invoices. Reflected as the `invoice` attribute.
   */
  @property({ reflect: true }) invoice = '';

  /** @internal */
  @state() private view: View = { kind: 'list' };
  /** @internal */
  @state() private showPaid = false;
  /** @internal */
  @state() private selected = new Set<string>();
  /** @internal */
  @state() private draft: PayDraft | null = null;
  /** @internal A notice above the list (more selected than one payment takes). */
  @state() private listNotice = '';
  /** @internal The receipt's whole split is open. */
  @state() private receiptShowingAll = false;

  readonly #open = new InvoicePager(this, 'open', (scope, q, signal) => this.#listInvoices(scope, q, signal), () => this.#limit(), () =>
    this.portal?.sessionExpired(),
  );
  readonly #paid = new InvoicePager(this, 'paid', (scope, q, signal) => this.#listInvoices(scope, q, signal), () => this.#limit(), () =>
    this.portal?.sessionExpired(),
  );

  /** Whether a long list scrolls in a box of its own (not on a phone). */
  readonly #listRoom = new ListRoom(this);
  #attempts = new PaymentAttempts();
  /** Set synchronously on submit: a second click in the same instant does nothing. */
  #paying = false;
  #focusView = false;
  /**
   * What on the list opened the view shown (an invoice's row, "Pay all" or "Pay selected"): back on the
   * list, focus returns to it, so a keyboard or screen-reader customer carries on from where they were.
   */
  #opener: Opener | null = null;
  /**
   * The invoices the view just left was about (the one open, those being paid, those a payment went
   * to): back on the list, focus goes to the first still listed when the opener is gone or none is
   * known (an invoice opened from the page's address, "Pay selected" once the selection is paid).
   */
  #cameFrom: readonly string[] = [];

  constructor() {
    super();
    this.needsBilling = true;
  }

  readonly #paidTask = new Task(this, {
    // Stable references only (never a fresh object), or the task would rerun on every render.
    args: () => [this.portal?.session, this.portal?.account, this.showPaid, this.portal?.dataVersion] as const,
    task: async ([session, account, show], { signal }) => {
      if (!session || !account || !show) return undefined;
      const scope = { session, customerId: account.customerId };
      const page = await this.#guard(() => this.#listInvoices(scope, this.#paid.query(), signal));
      this.#paid.adopt(scope, page);
      return page;
    },
  });

  readonly #detailTask = new Task(this, {
    args: () =>
      [this.portal?.session, this.portal?.account, this.view.kind === 'detail' ? this.view.invoiceId : null, this.portal?.dataVersion] as const,
    task: async ([session, account, invoiceId], { signal }) => {
      if (!session || !account || !invoiceId) return undefined;
      const scope = { session, customerId: account.customerId };
      return this.#guard(() => this.adapterMethod('getInvoice')(scope, invoiceId, { signal }));
    },
  });

  protected heading() {
    return msg('Invoices and payments');
  }

  protected signedOutText() {
    // No promise of paying online where the contractor has it off, or before the settings say.
    return this.portal?.settings?.onlinePaymentsEnabled !== true
      ? msg('Sign in to see your balance and invoices.')
      : msg('Sign in to see your balance and invoices, and to pay online.');
  }

  protected override loadingText() {
    return msg('Loading your invoices…');
  }

  #limit() {
    return Math.max(1, Math.min(200, Math.floor(this.pageSize) || 50));
  }

  #listInvoices(scope: AccountScope, query: InvoiceQuery, signal: AbortSignal) {
    const adapter = this.portal?.adapter;
    if (!adapter?.listInvoices) return Promise.reject(new PortalError('FEATURE_DISABLED', 'This adapter does not provide invoices.'));
    return adapter.listInvoices(scope, query, { signal });
  }

  protected async load(scope: AccountScope, signal: AbortSignal): Promise<InvoicesData> {
    const adapter = this.portal!.adapter;
    if (!adapter.getBalance || !adapter.listInvoices) {
      throw new PortalError('FEATURE_DISABLED', 'This adapter does not provide invoices.');
    }
    const [balance, open] = await Promise.all([adapter.getBalance(scope, { signal }), this.#listInvoices(scope, this.#open.query(), signal)]);
    this.#open.adopt(scope, open);
    return { balance, open };
  }

  /** Resolves when the list's rows are laid out (for tests and benchmarks). */
  async listComplete(): Promise<void> {
    await this.updateComplete;
    // A long list is windowed once its code has arrived (invoice-list.ts).
    await windowingSettled();
    await this.updateComplete;
    const frames = (n: number): Promise<void> =>
      new Promise((resolve) => requestAnimationFrame(() => (n > 1 ? void frames(n - 1).then(resolve) : resolve())));
    // The virtualizer renders its rows a frame or two after the element's own update.
    await frames(3);
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const portalError = toPortalError(error);
      if (portalError.code === 'SESSION_EXPIRED') this.portal?.sessionExpired();
      throw portalError;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    // Told to open another invoice (or the list) from outside: the page's address, a host page.
    const open = this.view.kind === 'detail' ? this.view.invoiceId : '';
    if (changed.has('invoice') && this.invoice !== open) {
      this.#go(this.invoice ? { kind: 'detail', invoiceId: this.invoice } : { kind: 'list' });
      // Opened with the page (a link): focus stays where the page put it.
      if (!this.hasUpdated) this.#focusView = false;
    }
    // Another account chosen, or signed out: start again from the list.
    const previous = changed.get('portal' as keyof PortalInvoices) as PortalContextValue | undefined;
    if (previous && (previous.account?.customerId !== this.portal?.account?.customerId || !this.portal?.session)) {
      this.#go({ kind: 'list' });
      // Not the customer's doing here (a sign-in, the account switcher): leave focus where it is.
      this.#focusView = false;
      this.#opener = null;
      this.#cameFrom = [];
      this.selected = new Set();
      this.showPaid = false;
      this.listNotice = '';
      this.#open.clear();
      this.#paid.clear();
    }
    const data = this.dataTask.value;
    if (this.draft && data && data !== this.#draftData) {
      this.#draftData = data;
      this.#refreshDraft(data.balance);
    }
    this.#listFocus = this.view.kind === 'list' ? focusedListControl(this.shadowRoot) : null;
  }

  /**
   * The list control that had the focus before this update. An update may draw the list anew (a box of
   * its own appearing or going as the window is resized or zoomed, the windowing code arriving), which
   * drops the focus to the page: the same invoice's control then gets it back.
   */
  #listFocus: ListFocus | null = null;

  #keepListFocus() {
    const kept = this.#listFocus;
    this.#listFocus = null;
    // Lost: on the element's heading, where FocusKeeper put it meanwhile, or dropped on the page. Not
    // when the customer has since put it somewhere else, in the element or on the page.
    const lost = () => {
      const active = this.shadowRoot?.activeElement;
      if (active) return active.id === 'heading';
      return !document.activeElement || document.activeElement === document.body;
    };
    if (!kept || this.view.kind !== 'list' || !lost()) return;
    const pager = [this.#open, this.#paid].find((p) => p.listStatus === kept.list);
    if (!pager) return;
    void invoiceButton(this.renderRoot, pager, kept.invoiceId).then((button) => {
      if (!button || !lost() || this.view.kind !== 'list') return;
      const row = button.closest('[part~="row"]');
      (kept.checkbox ? (row?.querySelector<HTMLElement>('input[type="checkbox"]') ?? button) : button).focus();
    });
  }

  /** The data the open draft was last checked against. */
  #draftData: InvoicesData | undefined;

  /**
   * Past the list, a reload in the background (after a payment) keeps the view steady instead of
   * re-creating it, so focus and what the customer typed stay put.
   */
  protected override render() {
    // This account's data as last loaded: after a failed reload too (the problem is said in the frame).
    const data = this.shownData();
    const portal = this.portal;
    const steady = this.view.kind !== 'list' && data !== undefined && portal?.session && portal.account;
    return steady ? this.renderData(data) : super.render();
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    this.#keepListFocus();
    if (this.#focusView) {
      // A step's heading once it has rendered (a detail loads first); back on the list, the element's own.
      const heading = this.renderRoot.querySelector<HTMLElement>(this.view.kind === 'list' ? '#heading' : '#view-heading');
      if (heading) {
        this.#focusView = false;
        heading.focus();
        if (this.view.kind === 'list') void this.#returnTo(heading);
      }
    }
  }

  /**
   * Back on the list, on from the heading to where the customer was: the control that opened the view
   * when it is still there and usable, else the button of the first invoice the view was about that the
   * list still has (a reload may have left it out, or it is paid); else focus stays on the heading. A
   * windowed list draws the row a few frames later: by then the customer may have moved on, and focus
   * then stays where they took it.
   */
  async #returnTo(heading: HTMLElement) {
    const opener = this.#opener;
    const invoiceIds = this.#cameFrom;
    this.#opener = null;
    this.#cameFrom = [];
    const button = await this.#listControl(opener, invoiceIds);
    if (button && this.shadowRoot?.activeElement === heading) button.focus();
  }

  /** Where on the list to return to: see `#returnTo`. */
  async #listControl(opener: Opener | null, invoiceIds: readonly string[]): Promise<HTMLElement | null> {
    if (opener && 'action' in opener) {
      const action = this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action="${opener.action}"]:not(:disabled)`);
      if (action) return action;
    } else if (opener) {
      const row = await invoiceButton(this.renderRoot, opener.pager, opener.invoiceId);
      if (row) return row;
    }
    // The paid list only while it shows: a hidden one draws no rows to wait for.
    const listed = new Map<string, InvoicePager>();
    for (const pager of this.showPaid ? [this.#open, this.#paid] : [this.#open]) {
      for (const invoice of pager.items) if (!listed.has(invoice.id)) listed.set(invoice.id, pager);
    }
    for (const invoiceId of invoiceIds) {
      const pager = listed.get(invoiceId);
      if (!pager || (opener && 'invoiceId' in opener && opener.invoiceId === invoiceId)) continue;
      const row = await invoiceButton(this.renderRoot, pager, invoiceId);
      if (row) return row;
    }
    return null;
  }

  /** The invoices `view` shows or pays, by id, in the list's order. */
  #invoicesOf(view: View): string[] {
    if (view.kind === 'detail') return [view.invoiceId];
    if (view.kind === 'pay') return this.draft?.invoices.map((i) => i.id) ?? [];
    if (view.kind === 'receipt') return view.payment.applications.map((a) => a.invoiceId);
    return [];
  }

  /** `opener`: what on the list opened `view` (none: a button elsewhere, the page's address). */
  #go(view: View, opener: Opener | null = null) {
    // Leaving the list, or another invoice opened (the page's address): what, if anything, to come back
    // to. Paying on from the invoice keeps its row.
    if (this.view.kind === 'list' || view.kind === 'detail') this.#opener = opener;
    // Back to the list, by whichever way: the invoices just shown are where the customer was.
    if (view.kind === 'list') this.#cameFrom = this.view.kind === 'list' ? [] : this.#invoicesOf(this.view);
    this.view = view;
    this.invoice = view.kind === 'detail' ? view.invoiceId : '';
    this.#focusView = true;
    this.listNotice = '';
    this.receiptShowingAll = false;
    if (view.kind !== 'pay') {
      this.draft = null;
      this.#attempts.settle();
    }
  }

  #context(): ViewContext {
    const settings = this.portal?.settings;
    const timeZone = settings?.timeZone ?? 'UTC';
    // An adapter without pay() (a custom backend that takes payments elsewhere) gets no Pay buttons and the
    // office's number, as with payments turned off, not a card form whose button does nothing.
    const canPay = typeof this.portal?.adapter.pay === 'function';
    return {
      locale: localeOf(this),
      timeZone,
      today: todayIn(timeZone),
      paymentsOn: settings?.onlinePaymentsEnabled === true && canPay,
      inLocale: (fn) => this.inLocale(fn),
    };
  }

  #startPaying(invoices: Invoice[], from: PayAction | null = null) {
    if (invoices.length === 0) return;
    if (invoices.length > MAX_SELECTED) {
      this.listNotice = msg(str`One payment can pay up to ${MAX_SELECTED} selected invoices. Select fewer, or use Pay all.`);
      return;
    }
    this.draft = newDraft(invoices, localeOf(this));
    this.#draftData = this.dataTask.value;
    this.#go({ kind: 'pay' }, from && { action: from });
  }

  /**
   * "Pay all": the balance's total due, whether or not every open invoice is loaded. With one open
   * invoice, that invoice's own form (it can be paid in part).
   */
  #startPayingAll(balance: BalanceSummary) {
    const only = this.#open.items[0];
    if (balance.openCount === 1 && this.#open.items.length === 1 && only) {
      this.#startPaying([only], 'pay-all');
      return;
    }
    this.draft = newAllOpenDraft({ amount: balance.totalDue, count: balance.openCount, currency: balance.currency });
    this.#draftData = this.dataTask.value;
    this.#go({ kind: 'pay' }, { action: 'pay-all' });
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
    const scope = this.scopeOf();
    const adapter = this.portal?.adapter;
    if (!draft || !scope || !adapter?.pay || this.#paying) return;
    const v = this.#context();
    const { amounts, problems } = checkDraft(draft, v);
    if (Object.keys(problems).length > 0) {
      this.#updateDraft({ problems, error: problemsAlert(problems), attempt: draft.attempt + 1 });
      await this.#focusInvalid();
      return;
    }
    const expiry = parseExpiry(draft.card.expiry)!;
    const card = {
      number: cardDigits(draft.card.number),
      expMonth: expiry.month,
      expYear: expiry.year,
      cvc: draft.card.cvc.trim(),
      postalCode: draft.card.postalCode.trim(),
    };
    const body: PaymentBody = draft.allOpen
      ? { allOpen: true, amount: draft.allOpen.amount, card }
      : { applications: draft.invoices.map((i) => ({ invoiceId: i.id, amount: amounts.get(i.id)! })), card };
    const request: PaymentRequest = { idempotencyKey: this.#attempts.keyFor(body), ...body };
    this.#paying = true;
    // Where focus was when Pay was pressed: a refusal that arrives after the customer moved on leaves it be.
    const focusAtSend = (this.renderRoot as ShadowRoot).activeElement;
    this.#updateDraft({ busy: true, slow: false, problems: {}, error: '', attempt: draft.attempt + 1 });
    const slow = setTimeout(() => this.#updateDraft((now) => (now.busy ? { slow: true } : {})), payTiming.slowAfterMs);
    try {
      const payment = await adapter.pay(scope, request, { language: this.elementLocale.tag });
      this.#attempts.settle();
      this.selected = new Set();
      this.#go({ kind: 'receipt', payment });
      this.dispatchEvent(new PortalPaymentSucceededEvent({ payment }));
      this.portal?.dataChanged();
    } catch (error) {
      // The draft as it was sent: the form may be gone by now (signed out, account switched).
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

  #failed(error: PortalError, body: PaymentBody, draft: PayDraft) {
    const outcomeUnknown = paymentOutcomeUnknown(error);
    // Unknown outcome: keep the key, so pressing Pay again cannot charge twice. Otherwise a new attempt.
    if (!outcomeUnknown) this.#attempts.settle();
    if (error.code === 'SESSION_EXPIRED') this.portal?.sessionExpired();
    const field = formField(error.details.field, draft);
    let message: string;
    const problems: Record<string, string> = {};
    if (outcomeUnknown) {
      message = unknownOutcomeText(error);
    } else if (error.code === 'CONFLICT' && body.allOpen) {
      message = msg('Your balance changed, perhaps paid in another window. The total due is updated; check it and pay again.');
      this.portal?.dataChanged();
    } else if (error.code === 'CONFLICT') {
      message = msg('An invoice’s balance changed, perhaps paid in another window. The amounts due are updated; check them and pay again.');
      this.portal?.dataChanged();
      void this.#refreshDraftInvoices(draft);
    } else if (error.code === 'VALIDATION' && field) {
      problems[field] = msg('Check this field: it was not accepted.');
      // The field's own words say "this": above the button, the general sentence (focus goes to the field).
      message = describeError(error, this.portal?.settings ?? null);
    } else {
      message = describeError(error, this.portal?.settings ?? null);
    }
    if (this.draft === draft || (this.draft && this.draft.invoices === draft.invoices && this.draft.allOpen === draft.allOpen)) {
      this.#updateDraft({ error: message, problems, unresolved: outcomeUnknown });
    }
    const currency = draft.allOpen?.currency ?? draft.invoices[0]?.currency ?? 'USD';
    this.dispatchEvent(
      new PortalPaymentFailedEvent({
        code: error.code,
        amount: body.allOpen ? body.amount : body.applications.reduce((sum, a) => sum + a.amount, 0),
        currency,
        invoiceIds: body.allOpen ? [] : body.applications.map((a) => a.invoiceId),
        allOpen: Boolean(body.allOpen),
        outcomeUnknown,
      }),
    );
  }

  /**
   * After a reload (a payment here or in another element, a conflict) the pay form follows the new
   * balances: "Pay all" takes the new total due; chosen invoices take the balances of the reloaded
   * list where it has them (an invoice further down keeps its amount until it is fetched by id).
   */
  #refreshDraft(balance: BalanceSummary) {
    const draft = this.draft;
    // A payment whose outcome is unknown stays as sent: Pay again must send the same one (same key).
    if (!draft || draft.unresolved) return;
    if (draft.allOpen) {
      const { totalDue, openCount, currency } = balance;
      if (draft.allOpen.amount !== totalDue || draft.allOpen.count !== openCount) {
        this.draft = { ...draft, allOpen: { amount: totalDue, count: openCount, currency } };
      }
      return;
    }
    const loaded = new Map(this.#open.items.map((i) => [i.id, i]));
    const complete = this.#open.nextCursor === null;
    // Not in a complete list: no longer open. Not in a partial one: unknown, kept as it was.
    const fresh = draft.invoices.map((i) => loaded.get(i.id) ?? (complete ? undefined : i));
    this.#applyFresh(draft, fresh);
  }

  /** After a conflict: each chosen invoice as the backend has it now (404 or paid: dropped). */
  async #refreshDraftInvoices(draft: PayDraft) {
    const scope = this.scopeOf();
    const getInvoice = this.portal?.adapter.getInvoice?.bind(this.portal.adapter);
    if (!scope || !getInvoice) return;
    const fresh = await Promise.all(draft.invoices.map((i) => getInvoice(scope, i.id).catch(() => undefined)));
    const current = this.draft;
    if (current && current.invoices === draft.invoices) this.#applyFresh(current, fresh.map((i) => (i && i.balance > 0 ? i : undefined)));
  }

  #applyFresh(draft: PayDraft, fresh: (Invoice | undefined)[]) {
    if (fresh.every((f, i) => f === draft.invoices[i])) return;
    const still = fresh.filter((f): f is Invoice => f !== undefined);
    const amounts = { ...draft.amounts };
    for (const invoice of still) {
      const old = draft.invoices.find((i) => i.id === invoice.id)!;
      if (old.balance !== invoice.balance) amounts[invoice.id] = newDraft([invoice], localeOf(this)).amounts[invoice.id]!;
    }
    this.draft = { ...draft, invoices: still, amounts };
  }

  protected renderData(data: InvoicesData) {
    const v = this.#context();
    const view = this.view;
    if (view.kind === 'pay' && this.draft) {
      const draft = this.draft;
      if (draftIsEmpty(draft)) {
        return this.frame(
          html`<div class="stack">
            <p class="message info" role="status">${msg('These invoices no longer have a balance due.')}</p>
            <div><button part="button" type="button" @click=${() => this.#go({ kind: 'list' })}>${msg('Back to invoices')}</button></div>
          </div>`,
        );
      }
      return this.frame(
        renderPayForm(draft, v, {
          amount: (id, value) => this.#updateDraft((draft) => amountEdit(draft, id, value)),
          card: (field, value) => this.#updateDraft((draft) => cardEdit(draft, field, value)),
          submit: this.#onSubmit,
          cancel: () => {
            // After a payment whose outcome is unknown, the balances as they are now: it may have been paid.
            const unresolved = this.draft?.unresolved;
            this.#go({ kind: 'list' });
            if (unresolved) this.portal?.dataChanged();
          },
        }),
      );
    }
    if (view.kind === 'receipt') {
      return this.frame(
        renderReceipt(view.payment, v, this.receiptShowingAll, {
          done: () => this.#go({ kind: 'list' }),
          showAll: (open) => (this.receiptShowingAll = open),
        }),
      );
    }
    if (view.kind === 'detail') return this.frame(this.#renderDetail(v));
    return this.frame(this.#renderList(data, v));
  }

  #renderDetail(v: ViewContext) {
    const back = () => this.#go({ kind: 'list' });
    const loading = () => html`<p class="muted" role="status">${msg('Loading the invoice…')}</p>`;
    return this.#detailTask.render({
      initial: loading,
      pending: loading,
      error: (error) => html`<div class="stack">
        ${this.renderError(toPortalError(error))}
        <div><button part="button secondary-button" type="button" class="secondary" @click=${back}>${msg('Back to invoices')}</button></div>
      </div>`,
      complete: (invoice) =>
        invoice
          ? renderInvoiceDetail(invoice, v, { back, pay: () => this.#startPaying([invoice]) })
          : loading(),
    });
  }

  #renderList(data: InvoicesData, v: ViewContext) {
    const pager = this.#open;
    const balance = data.balance;
    const chosen = pager.items.filter((i) => this.selected.has(i.id));
    const settings = this.portal?.settings;
    const openCount = numberFormat(v.locale).format(balance.openCount);
    const nothingOpen = pager.total === 0 && pager.items.length === 0;
    const ownBox = this.#listRoom.roomy;
    return html`<div class="stack">
      ${renderBalance(balance, v)}
      ${nothingOpen
        ? html`<p class="message success" role="status" part="empty">${msg('You’re all paid up. Nothing is due.')}</p>`
        : html`<h3>${msg('Outstanding invoices')}</h3>
            ${v.paymentsOn
              ? html`<div class="actions">
                    <button part="button" type="button" data-action="pay-all" ?disabled=${balance.totalDue <= 0} @click=${() => this.#startPayingAll(balance)}>
                      ${balance.openCount === 1 ? msg('Pay balance') : msg(str`Pay all ${openCount} invoices`)}
                    </button>
                    <button
                      part="button secondary-button"
                      type="button"
                      class="secondary"
                      data-action="pay-selected"
                      ?disabled=${chosen.length === 0}
                      @click=${() => this.#startPaying(chosen, 'pay-selected')}
                    >
                      ${msg(str`Pay selected (${chosen.length})`)}
                    </button>
                  </div>
                  ${this.listNotice ? html`<p class="message info" role="alert">${this.listNotice}</p>` : nothing}`
              : settings
                ? html`<p class="message info">${msg(str`To pay, call ${settings.companyName} at ${settings.companyPhone}.`)}</p>`
                : nothing}
            ${renderOutstanding(pager, v, this.selected, ownBox, {
              open: (id) => this.#go({ kind: 'detail', invoiceId: id }, { pager, invoiceId: id }),
              toggle: (id, on) => {
                const next = new Set(this.selected);
                if (on) next.add(id);
                else next.delete(id);
                this.selected = next;
                this.listNotice = '';
              },
              retry: () => void pager.retry(),
              redraw: this.#redraw,
            })}`}
      <div class="paid stack">
        <button part="button secondary-button" type="button" class="secondary" aria-expanded=${this.showPaid ? 'true' : 'false'} @click=${() => (this.showPaid = !this.showPaid)}>
          ${this.showPaid ? msg('Hide paid invoices') : msg('Show paid invoices')}
        </button>
        ${this.showPaid ? this.#renderPaidList(v, ownBox) : nothing}
      </div>
    </div>`;
  }

  readonly #redraw = () => this.requestUpdate();

  #renderPaidList(v: ViewContext, ownBox: boolean) {
    return html`<h3>${msg('Paid invoices')}</h3>
      ${this.#paidTask.render({
        pending: () => html`<p class="muted" role="status">${msg('Loading paid invoices…')}</p>`,
        error: (error) => this.renderError(toPortalError(error)),
        complete: (page) =>
          page
            ? renderPaid(this.#paid, v, ownBox, {
                open: (id) => this.#go({ kind: 'detail', invoiceId: id }, { pager: this.#paid, invoiceId: id }),
                retry: () => void this.#paid.retry(),
                redraw: this.#redraw,
              })
            : nothing,
      })}`;
  }

  /** The retry button reloads whatever failed: the list, the paid list and the open invoice. */
  override reload() {
    super.reload();
    void this.#paidTask.run();
    void this.#detailTask.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoices': PortalInvoices;
  }
}
