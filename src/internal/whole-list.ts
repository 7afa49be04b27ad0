/**
 * The longest list an element draws whole, in the page's flow (history's jobs, invoices): every row is
 * in the DOM wherever the list sits on the page — for a screen reader reading down it, Find in page, a
 * capture or a printout — and the list is as tall as its rows however they wrap. Fifty is the default
 * page size, so such a list is one request; fifty rows are about a thousand nodes, drawn in a few
 * milliseconds. Longer lists are windowed (only the rows in view are drawn), and the virtualizer that
 * does it is downloaded only then.
 */
export const WHOLE_LIST_MAX = 50;
