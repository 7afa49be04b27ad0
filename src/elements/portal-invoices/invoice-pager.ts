import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountScope, InvoiceQuery, Page } from '../../adapter/portal-adapter.js';
import { toPortalError, type PortalError } from '../../adapter/portal-error.js';
import type { Invoice } from '../../model/invoice.js';

export type FetchInvoicePage = (scope: AccountScope, query: InvoiceQuery, signal: AbortSignal) => Promise<Page<Invoice>>;

/**
 * The invoices of one list (open or paid) loaded so far, and the cursor to the next page. A task of
 * the element loads the first page (so session, account and data-version changes reload it) and hands
 * it over with `adopt`; the following pages load through `more` as the list nears its end.
 */
export class InvoicePager implements ReactiveController {
  items: readonly Invoice[] = [];
  /** How many invoices the list has, over every page. */
  total = 0;
  nextCursor: string | null = null;
  /** `more`: the next page is loading. */
  status: 'idle' | 'more' = 'idle';
  error: PortalError | null = null;
  #scope: AccountScope | null = null;
  #controller: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly listStatus: InvoiceQuery['status'],
    private readonly fetchPage: FetchInvoicePage,
    private readonly pageSize: () => number,
    private readonly onSessionExpired: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.#controller?.abort();
  }

  /** The query for a page of this list. */
  query(cursor: string | null = null): InvoiceQuery {
    const query: InvoiceQuery = { status: this.listStatus, limit: this.pageSize() };
    if (cursor) query.cursor = cursor;
    return query;
  }

  /** Takes the first page the element's task loaded. */
  adopt(scope: AccountScope, page: Page<Invoice>) {
    this.#controller?.abort();
    this.#scope = scope;
    this.items = page.items;
    this.total = page.total;
    this.nextCursor = page.nextCursor;
    this.status = 'idle';
    this.error = null;
    this.host.requestUpdate();
  }

  /** Forgets everything (signed out, another account). */
  clear() {
    this.#controller?.abort();
    this.#scope = null;
    this.items = [];
    this.total = 0;
    this.nextCursor = null;
    this.status = 'idle';
    this.error = null;
  }

  /** The next page, once at a time; nothing after an error until `retry`. */
  more(): Promise<void> {
    if (this.status !== 'idle' || !this.nextCursor || this.error || !this.#scope) return Promise.resolve();
    return this.#run(this.#scope, this.nextCursor);
  }

  retry(): Promise<void> {
    this.error = null;
    return this.more();
  }

  async #run(scope: AccountScope, cursor: string) {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'more';
    this.host.requestUpdate();
    try {
      const page = await this.fetchPage(scope, this.query(cursor), controller.signal);
      if (controller.signal.aborted) return;
      // Keyset paging never repeats an invoice; the guard keeps the list's keys unique regardless.
      const seen = new Set(this.items.map((i) => i.id));
      const fresh = page.items.filter((i) => !seen.has(i.id));
      this.items = [...this.items, ...fresh];
      this.total = page.total;
      // A page with nothing new ends the list, whatever cursor comes with it: asking again would ask
      // for ever (a count promising more than the pages hold).
      this.nextCursor = fresh.length > 0 ? page.nextCursor : null;
      this.status = 'idle';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = toPortalError(error);
      this.status = 'idle';
      if (this.error.code === 'SESSION_EXPIRED') this.onSessionExpired();
    }
    this.host.requestUpdate();
  }
}
