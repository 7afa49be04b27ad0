import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountScope, JobPage, JobQuery } from '../../adapter/portal-adapter.js';
import { toPortalError, type PortalError } from '../../adapter/portal-error.js';
import type { Job } from '../../model/job.js';

export interface HistoryFilter {
  year: number | null;
  search: string;
}

export type FetchPage = (scope: AccountScope, query: JobQuery, signal: AbortSignal) => Promise<JobPage>;

/**
 * The jobs loaded so far for one filter, and the cursor to the next page. The element's data task
 * loads the first page (so session, account and data-version changes reload it); a new filter and
 * "more" go through here, so the filter bar and the list stay on screen while they load.
 */
export class JobPager implements ReactiveController {
  jobs: readonly Job[] = [];
  total = 0;
  years: readonly number[] = [];
  nextCursor: string | null = null;
  filter: HistoryFilter = { year: null, search: '' };
  /** `searching`: a new filter's first page; `more`: the next page of the current one. */
  status: 'idle' | 'searching' | 'more' = 'idle';
  error: PortalError | null = null;
  /** What failed, for the retry button. */
  #failed: 'search' | 'more' | null = null;
  #scope: AccountScope | null = null;
  #controller: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchPage: FetchPage,
    private readonly pageSize: () => number,
    private readonly onSessionExpired: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.#controller?.abort();
  }

  static query(filter: HistoryFilter, limit: number, cursor: string | null = null): JobQuery {
    const query: JobQuery = { limit };
    if (filter.year !== null) query.year = filter.year;
    if (filter.search.trim()) query.search = filter.search.trim();
    if (cursor) query.cursor = cursor;
    return query;
  }

  /** Takes the first page the element's task loaded. */
  adopt(scope: AccountScope, filter: HistoryFilter, page: JobPage) {
    this.#controller?.abort();
    this.#scope = scope;
    this.filter = filter;
    this.#apply(page, false);
  }

  #apply(page: JobPage, append: boolean) {
    this.jobs = append ? [...this.jobs, ...page.items] : page.items;
    this.total = page.total;
    this.years = page.years;
    this.nextCursor = page.nextCursor;
    this.status = 'idle';
    this.error = null;
    this.#failed = null;
    this.host.requestUpdate();
  }

  /** Loads the first page of another filter; a newer call supersedes an older one. */
  search(filter: HistoryFilter) {
    this.filter = filter;
    return this.#run('search', null);
  }

  /** The next page of the current filter, once at a time. */
  more() {
    if (this.status !== 'idle' || !this.nextCursor || this.error) return Promise.resolve();
    return this.#run('more', this.nextCursor);
  }

  retry() {
    const failed = this.#failed;
    this.error = null;
    return failed === 'more' ? this.#run('more', this.nextCursor) : this.#run('search', null);
  }

  async #run(kind: 'search' | 'more', cursor: string | null) {
    const scope = this.#scope;
    if (!scope) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = kind === 'search' ? 'searching' : 'more';
    this.error = null;
    this.host.requestUpdate();
    try {
      const page = await this.fetchPage(scope, JobPager.query(this.filter, this.pageSize(), cursor), controller.signal);
      if (controller.signal.aborted) return;
      this.#apply(page, kind === 'more');
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = toPortalError(error);
      this.#failed = kind;
      this.status = 'idle';
      if (this.error.code === 'SESSION_EXPIRED') this.onSessionExpired();
      this.host.requestUpdate();
    }
  }
}
