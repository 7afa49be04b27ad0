/** What every render piece of `<portal-invoices>` needs to format money and dates. */
export interface ViewContext {
  locale: string;
  /** The contractor's IANA time zone, for instants (payment times). */
  timeZone: string;
  /** Today's date in the contractor's zone, `YYYY-MM-DD`: what is past due. */
  today: string;
  paymentsOn: boolean;
  /**
   * Runs `fn` in the element's language: for rows the virtualizer draws on its own schedule, outside
   * the element's render (their `msg()` would otherwise speak the page's language, not the element's).
   */
  inLocale<R>(fn: () => R): R;
}
