import { css } from 'lit';

export const historyStyles = css`
  :host {
    /* Knobs a page may set on any ancestor (declaring them here would shadow an inherited value). */
    --_list-height: var(--portal-history-list-height, 32em);
    --_row-border: var(--portal-history-row-border, var(--_color-border));
    --_active-row: var(--portal-history-active-row, var(--_color-info-surface));
    max-width: var(--portal-history-max-width, 64em);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
    justify-content: space-between;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: end;
  }
  form.filters label {
    flex: 1 1 10em;
  }
  /* As wide as its longest option ("Todos los años" in Spanish), never a fixed width that cuts it. */
  form.filters label.year {
    flex: 0 0 auto;
  }
  form.filters label.year select {
    width: auto;
    min-width: 7em;
  }
  /* The status line: the count, with "Loading more…" beside it; or, with nothing listed, the message
     and "Show all jobs". */
  .outcome {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space-xs);
  }
  .summary {
    min-height: 1.5em;
  }
  .grid {
    border: 1px solid var(--_row-border);
    border-radius: var(--_radius);
    container-type: inline-size;
  }
  /* A whole (short) list has no height of its own: it is as tall as its rows, in the page's flow.
     A windowed (long) one scrolls in a box of a set height (the virtualizer measures each row as drawn,
     so a row that wraps tall is placed as tall as it is), never taller than most of the window: a box
     running past the screen's edge hides the rows scrolling into its lower part. */
  .body.windowed {
    height: min(var(--_list-height), 80vh);
    overflow: auto;
  }
  .row {
    display: grid;
    /* Wide enough that no date ("Nov 25, 2026", "25 sept 2026") and no "Invoice total" breaks in two. */
    grid-template-columns: 7.5em minmax(8em, 3fr) minmax(5em, 1.2fr) minmax(5em, 1.2fr) 7em 5em;
    gap: var(--_space-s);
    align-items: center;
    width: 100%;
    padding: var(--_space-xs) var(--_space-s);
    border-block-end: 1px solid var(--_row-border);
  }
  /* Smaller type on the cells, not the row: the row's em columns must match the rows below. A heading
     word is never cut in two ("Technicia/n"): from 48em of list, where this row shows, each fits. */
  .row.header > * {
    font-size: 0.875em;
    overflow-wrap: normal;
  }
  .row.header {
    font-weight: 600;
    color: var(--_color-text-muted);
  }
  .row:focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: -3px;
  }
  /* The row holding the tab stop is marked only while the grid has focus: nothing is highlighted
     before the customer goes there. */
  .grid:focus-within .row[tabindex='0'] {
    background: var(--_active-row);
  }
  .body:focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: -3px;
  }
  .job {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    min-width: 0;
  }
  .job-type {
    font-weight: 600;
  }
  .number {
    font-size: 0.875em;
  }
  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .action {
    text-align: end;
  }
  button.download {
    min-height: 2.25em;
    padding: var(--_space-2xs) var(--_space-s);
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  @media print {
    .row {
      break-inside: avoid;
    }
    form.filters,
    button {
      display: none;
    }
  }
  /* Six columns need about 48em (in <portal-app> beside its navigation the list has ~42em): narrower,
     each job is a card of its own, its name across the top. */
  @container (max-width: 48em) {
    .row {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .row.header {
      display: none;
    }
    .row > .job {
      grid-column: 1 / -1;
      order: -1;
    }
    /* Each row's auto column is as wide as its own amount: the download button on a line of its own,
       at the start, lines up with every other row's. */
    .row > .action {
      grid-column: 1 / -1;
      text-align: start;
    }
  }
`;
