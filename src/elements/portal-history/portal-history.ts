import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { msg, str } from '../../i18n/msg.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AccountScope, JobPage, JobQuery } from '../../adapter/portal-adapter.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import { PortalDocumentDownloadEvent } from '../../events/portal-document-download.js';
import { canRetry, describeError } from '../../internal/error-messages.js';
import { localeOf } from '../../internal/format.js';
import { LazyCode } from '../../internal/lazy-code.js';
import { PortalDataElement } from '../../internal/portal-data-element.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { Job } from '../../model/job.js';
import type { AccountGrant } from '../../model/session.js';
import { COLUMN_COUNT, headerRow, jobRow } from './history-rows.js';
import { statusLine } from './history-status.js';
import { JobPager, WHOLE_LIST_MAX, sameFilter, type HistoryFilter } from './job-pager.js';
import { historyStyles } from './portal-history.styles.js';
import { PrintMode } from './print-mode.js';
import { focusRow, targetIndex } from './row-navigation.js';
import { saveFile } from './save-file.js';

const SEARCH_DELAY_MS = 300;
/** Start loading the next page when the window comes this close to the end of what is loaded. */
const PREFETCH_ROWS = 20;

/** The virtualizer and its layout (windowed-list.ts), loaded once the first long list needs them. */
const windowing = new LazyCode(() => import('./windowed-list.js'));
type Windowing = NonNullable<typeof windowing.current>;

/**
 * Completed jobs, newest first: date, job type and summary, technician, location and invoice total,
 * with a year filter and a search. Each job's invoice and the account's statement download as PDFs.
 *
 * A short history (what a filter matches, up to fifty jobs) is shown whole, in the page's flow. A
 * long one stays fast: the backend pages its answer, the next page loads as the list nears its end,
 * and only the rows in view are in the DOM, in a scrolling box (a windowed ARIA grid). Either way
 * arrow keys, Home, End, Page Up and Page Down move between rows; Tab reaches the row's download
 * button; Enter on a row downloads its invoice. What a filter found is said in the status line.
 *
 * @summary The customer's past work, with invoice and statement PDFs.
 * @fires {PortalDocumentDownloadEvent} portal-document-download - A PDF arrived; cancel it to handle the file yourself.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title bar with the statement button.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart statement-button - "Download statement".
 * @csspart header-row - The grid's column headings.
 * @csspart row - One job.
 * @csspart download-button - A job's invoice PDF button.
 * @csspart empty - The "no jobs" message (the status line, when nothing is listed).
 * @csspart error - An error message.
 * @csspart signed-out - "Sign in to see …", when no one is signed in.
 * @csspart loading - The loading message.
 * @csspart portal-off - Said when the contractor has turned the portal off (by the first data element on a page without `<portal-login>`).
 * @csspart access-note - Why some locations' data is missing.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart link-button - A button that looks like a link.
 * @csspart input - Every text field and select.
 * @cssprop --portal-history-max-width - Widest the element grows (64em).
 * @cssprop --portal-history-list-height - Height of the box a long (windowed) history scrolls in (32em; at most 80 % of the window's height).
 * @cssprop --portal-history-row-border - Line between rows.
 * @cssprop --portal-history-active-row - Background of the row holding the keyboard focus stop.
 * @cssstate loading - The first page is loading.
 * @cssstate searching - A new filter is loading.
 * @cssstate downloading - A PDF is being prepared.
 * @cssstate error - Loading failed.
 * @cssstate signed-out - No one is signed in.
 */
export class PortalHistory extends PortalDataElement<JobPage> {
  static override styles = [hostStyles, controlStyles, historyStyles];
  protected override showsLocationData = true;

  /** Jobs per request (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** @internal */
  @state() private filter: HistoryFilter = { year: null, search: '' };
  /** @internal */
  @state() private activeIndex = 0;
  /** @internal Invoice ids (and `statement`) being downloaded. */
  @state() private downloading: ReadonlySet<string> = new Set();
  /** @internal */
  @state() private downloadNotice = '';
  /** @internal */
  @state() private downloadError = '';

  /** @internal */
  @query('.body') private body!: HTMLElement | null;

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #print = new PrintMode(this);
  /** Rows the virtualizer has in the DOM (from its `rangeChanged`); none until it says. */
  #rendered = { first: -1, last: -1 };
  /** Whether the list last drawn was whole (not windowed); null when no list was drawn. */
  #drawnWhole: boolean | null = null;
  /** The row to give the focus back to once the list is drawn the other way (whole or windowed). */
  #refocus: number | null = null;
  /** Draws the first rows of a windowed list even while it is out of the window (see offscreen-flow.ts); made with the code. */
  #layout: ReturnType<Windowing['offscreenFlow']> | null = null;
  readonly #redraw = () => this.requestUpdate();

  readonly #pager = new JobPager(
    this,
    (scope, q, signal) => this.#listJobs(scope, q, signal),
    () => this.#limit(),
    () => this.portal?.sessionExpired(),
  );

  protected heading() {
    return msg('Service history');
  }

  protected signedOutText() {
    return msg('Sign in to see the work we have done for you and download your invoices.');
  }

  protected override loadingText() {
    return msg('Loading your service history…');
  }

  #limit() {
    return Math.max(1, Math.min(200, Math.floor(this.pageSize) || 50));
  }

  #listJobs(scope: AccountScope, q: JobQuery, signal: AbortSignal) {
    const adapter = this.portal?.adapter;
    if (!adapter?.listJobs) return Promise.reject(new PortalError('FEATURE_DISABLED', 'No job history in this adapter.'));
    return adapter.listJobs(scope, q, { signal });
  }

  protected async load(scope: AccountScope, signal: AbortSignal): Promise<JobPage> {
    const filter = this.filter;
    const page = await JobPager.first((s, q, sig) => this.#listJobs(s, q, sig), scope, filter, this.#limit(), signal);
    this.#pager.adopt(scope, filter, page);
    this.activeIndex = 0;
    return page;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  /** A long list, not being printed: windowed once its code is here. */
  get #wantsWindow() {
    return !this.#print.printing && this.#pager.total > WHOLE_LIST_MAX;
  }

  /** A short list (or any list while printing, or a long one until its windowing code arrives) is drawn whole. */
  get #whole() {
    return !this.#wantsWindow || windowing.current === null;
  }

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    // A long list asks for its windowing code (loaded once for the page; this element is drawn again when it settles).
    if (this.#wantsWindow) windowing.get(this.#redraw);
    // Drawn the other way (a printout starting or ending, a reload crossing the limit), every row is
    // a new element: the row that had the focus gets it back rather than leave it on the page.
    if (this.#drawnWhole !== null && this.#drawnWhole !== this.#whole) {
      const row = (this.shadowRoot?.activeElement as HTMLElement | null)?.closest<HTMLElement>('[role="row"][data-index]');
      if (row) this.#refocus = Number(row.dataset.index);
    }
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    this.setCustomState('searching', this.#pager.status === 'searching');
    this.setCustomState('downloading', this.downloading.size > 0);
    const refocus = this.#refocus;
    this.#refocus = null;
    if (refocus !== null && this.body && refocus < this.#pager.jobs.length) void focusRow(this.body, this.#virtualizer, refocus);
    // A short list arrives whole (JobPager.first); one that grew while its pages came finishes here,
    // as nothing scrolling a window would ask for the rest.
    const pager = this.#pager;
    if (pager.total <= WHOLE_LIST_MAX && pager.nextCursor && pager.jobs.length < pager.total) void pager.more();
  }

  /** The virtualizer behind the list, once it has rendered. */
  get #virtualizer() {
    const ref = windowing.current?.virtualizerRef;
    return ref ? (this.body as VirtualizerHostElement | null)?.[ref] : undefined;
  }

  /** Resolves when the list's rows are laid out (for tests and benchmarks). */
  async listComplete(): Promise<void> {
    await this.updateComplete;
    if (this.#wantsWindow && !windowing.current) {
      windowing.get(this.#redraw);
      await windowing.settled();
      await this.updateComplete;
    }
    // A whole list is laid out with the element; a windowed one once its virtualizer has drawn.
    if (this.#pager.jobs.length === 0 || !this.#virtualizer) return;
    // `layoutComplete` only settles after a layout it was waiting for: when the list is already
    // still, a few frames are the answer.
    const frames = (n: number): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => (n > 1 ? void frames(n - 1).then(resolve) : resolve())));
    await Promise.race([this.#virtualizer?.layoutComplete, frames(4)]);
  }

  #applyFilter(filter: HistoryFilter) {
    clearTimeout(this.#searchTimer);
    // The same question again (Enter after the search ran as the customer typed): its answer is on
    // screen and was said; asking again would say it twice. After a failure, asking again is a retry.
    const same = sameFilter(filter, this.#pager.filter) && !this.#pager.error;
    this.filter = filter;
    if (same) return;
    this.activeIndex = 0;
    void this.#pager.search(filter);
  }

  #onYear = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    this.#applyFilter({ ...this.filter, year: value ? Number(value) : null });
  };

  #onSearchInput = (event: Event) => {
    const search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#applyFilter({ ...this.filter, search }), SEARCH_DELAY_MS);
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const search = new FormData(event.currentTarget as HTMLFormElement).get('q');
    this.#applyFilter({ ...this.filter, search: typeof search === 'string' ? search : '' });
  };

  #clearFilters = () => {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="q"]');
    if (input) input.value = '';
    this.#applyFilter({ year: null, search: '' });
    // The button goes with the message it was in: the emptied search field keeps the focus.
    input?.focus();
  };

  #onRangeChanged = (event: Event) => {
    const { first, last } = event as Event & { first: number; last: number };
    const hadActive = this.#activeRendered();
    this.#rendered = { first, last };
    if (hadActive !== this.#activeRendered()) this.requestUpdate();
    if (last >= this.#pager.jobs.length - PREFETCH_ROWS) void this.#pager.more();
  };

  #activeRendered() {
    return this.activeIndex >= this.#rendered.first && this.activeIndex <= this.#rendered.last;
  }

  /**
   * The scrolling body takes the tab stop only while the active row is out of the DOM (scrolled out
   * of the window, or the list is off screen): a keyboard user always reaches what scrolls there, and
   * arriving on the body moves on to the first row in view.
   */
  #onBodyFocus = (event: FocusEvent) => {
    if (event.target !== this.body) return;
    const first = Math.max(0, this.#rendered.first);
    this.activeIndex = first;
    void this.updateComplete.then(() => (this.body ? focusRow(this.body, this.#virtualizer, first) : null));
  };

  #onFocusIn = (event: FocusEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-index]');
    if (row) this.activeIndex = Number(row.dataset.index);
  };

  #onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[role="row"][data-index]');
    if (!row || !this.body) return;
    const index = Number(row.dataset.index);
    const onRow = target === row;
    if (event.key === 'ArrowRight' && onRow) {
      const button = row.querySelector<HTMLElement>('button');
      if (button) {
        event.preventDefault();
        button.focus();
      }
      return;
    }
    if (event.key === 'ArrowLeft' && !onRow) {
      event.preventDefault();
      row.focus();
      return;
    }
    if (event.key === 'Enter' && onRow) {
      const job = this.#pager.jobs[index];
      if (job?.invoice) {
        event.preventDefault();
        void this.#downloadInvoice(job);
      }
      return;
    }
    const next = targetIndex(event.key, index, this.#pager.jobs.length);
    if (next === null) return;
    event.preventDefault();
    this.activeIndex = next;
    void this.updateComplete.then(() => (this.body ? focusRow(this.body, this.#virtualizer, next) : null));
    if (next >= this.#pager.jobs.length - PREFETCH_ROWS) void this.#pager.more();
  };

  async #download(key: string, label: string, work: (scope: AccountScope) => Promise<{ blob: Blob; fileName: string }>, detail: { kind: 'invoice' | 'statement'; invoiceId?: string; jobId?: string }) {
    const scope = this.scopeOf();
    if (!scope || this.downloading.has(key)) return;
    this.downloading = new Set([...this.downloading, key]);
    this.downloadError = '';
    this.downloadNotice = msg(str`Preparing ${label}…`);
    try {
      const file = await work(scope);
      const event = new PortalDocumentDownloadEvent({ ...detail, fileName: file.fileName, blob: file.blob });
      if (this.dispatchEvent(event)) saveFile(file.blob, file.fileName, this.renderRoot);
      this.downloadNotice = this.inLocale(() => msg(str`Downloaded ${file.fileName}.`));
    } catch (error) {
      const portalError = toPortalError(error);
      if (portalError.code === 'SESSION_EXPIRED') this.portal?.sessionExpired();
      this.downloadNotice = '';
      // After the await: outside any render, so the strings are made in this element's language.
      this.downloadError = this.inLocale(() => msg(str`We couldn’t download ${label}. ${describeError(portalError, this.portal?.settings ?? null)}`));
    } finally {
      const rest = new Set(this.downloading);
      rest.delete(key);
      this.downloading = rest;
    }
  }

  #downloadInvoice = (job: Job) => {
    const invoice = job.invoice;
    const adapter = this.portal?.adapter;
    if (!invoice || !adapter?.downloadInvoicePdf) return Promise.resolve();
    return this.#download(
      invoice.id,
      msg(str`invoice ${invoice.number}`),
      (scope) => this.adapterMethod('downloadInvoicePdf')(scope, invoice.id, { language: this.elementLocale.tag }),
      { kind: 'invoice', invoiceId: invoice.id, jobId: job.id },
    );
  };

  #downloadStatement = () => {
    const adapter = this.portal?.adapter;
    if (!adapter?.downloadStatementPdf) return;
    void this.#download('statement', msg('your statement'), (scope) => this.adapterMethod('downloadStatementPdf')(scope, { language: this.elementLocale.tag }), {
      kind: 'statement',
    });
  };

  #statementButton(account: AccountGrant) {
    if (!account.locations.some((l) => l.access === 'billing') || !this.portal?.adapter.downloadStatementPdf) return nothing;
    const busy = this.downloading.has('statement');
    return html`<button
      type="button"
      class="secondary"
      part="statement-button button secondary-button"
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${this.#downloadStatement}
    >
      ${busy ? msg('Preparing statement…') : msg('Download statement (PDF)')}
    </button>`;
  }

  #filters() {
    const pager = this.#pager;
    const years = pager.years.includes(this.filter.year ?? -1) || this.filter.year === null ? pager.years : [this.filter.year, ...pager.years];
    return html`<form class="filters" role="search" aria-label=${msg('Find a job')} @submit=${this.#onSubmit}>
      <label class="year"
        >${msg('Year')}
        <select part="input" name="year" @change=${this.#onYear}>
          <option value="" ?selected=${this.filter.year === null}>${msg('All years')}</option>
          ${years.map((year) => html`<option value=${year} ?selected=${this.filter.year === year}>${year}</option>`)}
        </select>
      </label>
      <label
        >${msg('Search')}
        <input part="input" type="search" name="q" autocomplete="off" .value=${this.filter.search} @input=${this.#onSearchInput} />
      </label>
      <button part="button secondary-button" type="submit" class="secondary">${msg('Search')}</button>
    </form>`;
  }

  #grid(locale: string) {
    const pager = this.#pager;
    const jobs = pager.jobs as Job[];
    const active = Math.min(this.activeIndex, jobs.length - 1);
    const row = (job: Job | undefined, index: number) =>
      job === undefined
        ? html``
        : jobRow(job, index, {
            locale,
            active: index === active,
            downloading: Boolean(job.invoice && this.downloading.has(job.invoice.id)),
            onDownload: this.#downloadInvoice,
          });
    const whole = this.#whole;
    const code = windowing.current;
    if (code) this.#layout ??= code.offscreenFlow(() => this.body);
    this.#drawnWhole = whole;
    // A windowed list drawn later starts from nothing drawn, not from what an earlier one had.
    if (whole) this.#rendered = { first: -1, last: -1 };
    return html`<div
      role="grid"
      class="grid"
      aria-labelledby="heading"
      aria-rowcount=${pager.total + 1}
      aria-colcount=${COLUMN_COUNT}
      aria-busy=${pager.status === 'idle' ? 'false' : 'true'}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
    >
      <div role="rowgroup">${headerRow()}</div>
      ${whole || !code
        ? // Every loaded row, in the page's flow: as tall as the rows are, however they wrap.
          html`<div role="rowgroup" class="body">
            ${repeat(jobs, (job) => job.id, (job, index) => row(job, index))}
          </div>`
        : html`<div
            role="rowgroup"
            class="body windowed"
            tabindex=${this.#activeRendered() ? nothing : 0}
            aria-label=${this.#activeRendered() ? nothing : msg('Jobs')}
            @rangeChanged=${this.#onRangeChanged}
            @focus=${this.#onBodyFocus}
          >
            ${code.virtualize({
              items: jobs,
              scroller: true,
              layout: this.#layout ?? undefined,
              // The virtualizer can ask about an index the new, shorter list no longer has (a filter
              // narrowing the list mid-layout): answer with the index rather than throw.
              keyFunction: (job: Job | undefined, index: number) => job?.id ?? index,
              // Drawn by the virtualizer on its own schedule, outside this render: in the element's language.
              renderItem: (job: Job, index: number) => this.inLocale(() => row(job, index)),
            })}
          </div>`}
    </div>`;
  }

  protected renderData(_page: JobPage, account: AccountGrant) {
    const pager = this.#pager;
    const locale = localeOf(this);
    const status = statusLine({
      locale,
      filter: this.filter,
      status: pager.status,
      total: pager.total,
      empty: pager.jobs.length === 0 && pager.status !== 'searching' && !pager.error,
      onShowAll: this.#clearFilters,
    });
    this.#drawnWhole = null; // until #grid draws one
    // A non-billing sign-in sees the work but not the invoices: say so rather than show "No invoice".
    const body = html`
      ${this.accessNote(account)} ${this.#filters()} ${status}
      ${pager.error ? this.renderRetryable(describeError(pager.error, this.portal?.settings ?? null), canRetry(pager.error) ? () => void this.#pager.retry() : undefined) : nothing}
      ${pager.jobs.length > 0 ? this.#grid(locale) : nothing}
      ${windowing.lost && this.#wantsWindow ? this.renderUnreachable(() => windowing.retry(this.#redraw)) : nothing}
      <p class="muted" role="status">${this.downloadNotice}</p>
      ${this.downloadError ? html`<p class="message error" role="alert" part="error">${this.downloadError}</p>` : nothing}
    `;
    return this.frame(body, this.#statementButton(account));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-history': PortalHistory;
  }
}
