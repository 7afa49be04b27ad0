import { css } from 'lit';

export const dateGridStyles = css`
  :host {
    display: grid;
    gap: var(--_space-s);
    max-width: var(--portal-date-grid-max-width, 24em);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-xs);
  }
  .month {
    font-weight: 650;
    text-align: center;
    flex: 1;
  }
  .nav {
    min-width: 2.75em;
    padding-inline: var(--_space-xs);
  }
  /* Faded words, not opacity: the focus ring of a month button that cannot move must stay as visible as any. */
  .nav[aria-disabled='true'] {
    color: color-mix(in srgb, currentColor 45%, transparent);
    cursor: not-allowed;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  th {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_color-text-muted);
    padding-block-end: var(--_space-2xs);
  }
  td {
    text-align: center;
    height: 2.75em;
    padding: 0;
    border-radius: var(--_radius);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  td[data-date]:hover {
    background: var(--_color-info-surface);
  }
  td.unavailable {
    color: var(--_color-text-muted);
    text-decoration: line-through;
    cursor: not-allowed;
  }
  td.today {
    font-weight: 700;
    box-shadow: inset 0 0 0 1px var(--_color-border-strong);
  }
  td[aria-selected='true'] {
    background: var(--_color-brand);
    color: var(--_color-on-brand);
    text-decoration: none;
  }
  td:focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: -1px;
  }
  /* A chosen day is filled with the brand colour, which the focus ring is too: on it the ring is in the
     colour of text on the brand, inside the fill, with the focus colour ringed around the cell outside. */
  td[aria-selected='true']:focus-visible {
    outline-color: var(--_color-on-brand);
    outline-offset: -4px;
    box-shadow: 0 0 0 2px var(--_color-focus);
  }
  .status {
    min-height: 1.5em;
  }
`;
