import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountScope, JobPage, JobQuery } from '../../adapter/portal-adapter.js';
import { toPortalError, type PortalError } from '../../adapter/portal-error.js';
import type { Job } from '../../model/job.js';
import { WHOLE_LIST_MAX } from '../../internal/whole-list.js';

export interface HistoryFilter {
  year: number | null;
  search: string;
}

export type FetchPage = (scope: AccountScope, query: JobQuery, signal: AbortSignal) => Promise<JobPage>;

// A filter matching WHOLE_LIST_MAX jobs or fewer gets them all at once (first()) and shows them whole.
export { WHOLE_LIST_MAX };

/** Two filters asking the backend the same thing (a search is sent trimmed). */
export function sameFilter(a: HistoryFilter, b: HistoryFilter): boolean {
  return a.year === b.year && a.search.trim() === b.search.trim();
}

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

  /**
   * The first page of `filter`'s jobs; when they are few enough to show whole, the following pages too,
   * as one page: a short list arrives complete, is drawn once and its count said once, with no
   * "Loading more…" after it.
   */
  static async first(fetchPage: FetchPage, scope: AccountScope, filter: HistoryFilter, limit: number, signal: AbortSignal): Promise<JobPage> {
    let page = await fetchPage(scope, JobPager.query(filter, limit), signal);
    let items = page.items;
    // An empty page with a cursor would never end the loop: the backend has nothing more to give.
    while (page.nextCursor && page.total <= WHOLE_LIST_MAX && items.length < page.total && page.items.length > 0) {
      page = await fetchPage(scope, JobPager.query(filter, limit, page.nextCursor), signal);
      items = [...items, ...page.items];
    }
    return items === page.items ? page : { ...page, items };
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
    // An empty page says the backend has nothing more to give, whatever cursor comes with it: asking
    // again would ask for ever (its count promising more than its pages hold).
    this.nextCursor = page.items.length > 0 ? page.nextCursor : null;
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
      const page =
        kind === 'search'
          ? await JobPager.first(this.fetchPage, scope, this.filter, this.pageSize(), controller.signal)
          : await this.fetchPage(scope, JobPager.query(this.filter, this.pageSize(), cursor), controller.signal);
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
