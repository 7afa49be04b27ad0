import { css } from 'lit';

export const historyStyles = css`
  :host {
    --portal-history-list-height: 32rem;
    --portal-history-row-height: 4.5rem;
    --portal-history-row-border: var(--portal-color-border, #d7dbe3);
    --portal-history-active-row: var(--portal-color-info-surface, #eef3fb);
  }
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: center;
    justify-content: space-between;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: end;
  }
  form.filters label {
    flex: 1 1 10rem;
  }
  form.filters label.year {
    flex: 0 1 9rem;
  }
  .summary {
    min-height: 1.5em;
  }
  .grid {
    border: 1px solid var(--portal-history-row-border);
    border-radius: var(--portal-radius, 0.375rem);
    container-type: inline-size;
  }
  .body {
    height: min(var(--portal-history-list-height), calc(var(--rows, 1) * var(--portal-history-row-height)));
    overflow: auto;
  }
  .row {
    display: grid;
    grid-template-columns: 6.5rem minmax(8rem, 3fr) minmax(5rem, 1.2fr) minmax(5rem, 1.2fr) 6rem 5rem;
    gap: var(--portal-space-s, 0.75rem);
    align-items: center;
    width: 100%;
    padding: var(--portal-space-xs, 0.5rem) var(--portal-space-s, 0.75rem);
    border-block-end: 1px solid var(--portal-history-row-border);
  }
  .row.header {
    font-weight: 600;
    font-size: 0.875em;
    color: var(--portal-color-text-muted, #535b6b);
  }
  .row:focus-visible {
    outline: 3px solid var(--portal-color-focus, #1a73e8);
    outline-offset: -3px;
  }
  /* The row holding the tab stop is marked only while the grid has focus: nothing is highlighted
     before the customer goes there. */
  .grid:focus-within .row[tabindex='0'] {
    background: var(--portal-history-active-row);
  }
  .body:focus-visible {
    outline: 3px solid var(--portal-color-focus, #1a73e8);
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
    min-height: 2.25rem;
    padding: var(--portal-space-2xs, 0.25rem) var(--portal-space-s, 0.75rem);
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  @media print {
    .body {
      height: auto;
      overflow: visible;
    }
    .row {
      break-inside: avoid;
    }
    form.filters,
    button {
      display: none;
    }
  }
  @container (max-width: 40rem) {
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
  }
`;
