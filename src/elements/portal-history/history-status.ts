/** The history's status line, and its "no jobs" message. Pure render functions. */
import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import type { HistoryFilter, JobPager } from './job-pager.js';
import { numberFormat } from '../../internal/format.js';

export interface StatusLine {
  locale: string;
  filter: HistoryFilter;
  status: JobPager['status'];
  /** Jobs the filter matches. */
  total: number;
  /** Nothing is listed, and nothing is on its way or failed: the line is the "no jobs" message. */
  empty: boolean;
  onShowAll: () => void;
}

export function isFiltered(filter: HistoryFilter): boolean {
  return filter.year !== null || filter.search.trim() !== '';
}

function emptyText(filter: HistoryFilter) {
  if (!isFiltered(filter)) return msg('No completed jobs yet. Work we finish for you will be listed here, with its invoice.');
  const search = filter.search.trim();
  const year = filter.year;
  return search
    ? year !== null
      ? msg(str`No jobs in ${year} match “${search}”.`)
      : msg(str`No jobs match “${search}”.`)
    : msg(str`No completed jobs in ${year ?? ''}.`);
}

/** What the line says: that a search is on its way, then what it found. */
function summary(line: StatusLine) {
  if (line.status === 'searching') return msg('Searching…');
  if (line.empty) return emptyText(line.filter);
  if (line.total === 0) return '';
  const count = numberFormat(line.locale).format(line.total);
  return line.total === 1 ? msg('1 completed job') : msg(str`${count} completed jobs`);
}

/**
 * One live region, in the DOM from the list's first render on, so what a filter found is said once,
 * as it changes: "Searching…", then the count, or that nothing matched, or the whole list's count
 * when the filter is cleared. With no job to list it is the "no jobs" message itself (`part="empty"`),
 * in the quiet words every element's "nothing here" has (nothing went wrong, nothing to act on);
 * its button stays outside the region (a button's name is not news). "Loading more…" is outside it
 * too: the count is said once, not again with each page that follows (the grid is `aria-busy` then).
 */
export function statusLine(line: StatusLine) {
  return html`<div class="outcome muted" part=${line.empty ? 'empty' : nothing}>
    <p class="summary" role="status">${summary(line)}</p>
    ${line.status === 'more' ? html`<p>· ${msg('Loading more…')}</p>` : nothing}
    ${line.empty && isFiltered(line.filter)
      ? html`<button part="link-button" type="button" class="link" @click=${line.onShowAll}>${msg('Show all jobs')}</button>`
      : nothing}
  </div>`;
}
