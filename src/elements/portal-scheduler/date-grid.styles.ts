import { css } from 'lit';

export const dateGridStyles = css`
  :host {
    display: grid;
    gap: var(--portal-space-s, 0.75rem);
    max-width: var(--portal-date-grid-max-width, 24rem);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--portal-space-xs, 0.5rem);
  }
  .month {
    font-weight: 650;
    text-align: center;
    flex: 1;
  }
  .nav {
    min-width: 2.75rem;
    padding-inline: var(--portal-space-xs, 0.5rem);
  }
  .nav[aria-disabled='true'] {
    opacity: 0.45;
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
    color: var(--portal-color-text-muted, #535b6b);
    padding-block-end: var(--portal-space-2xs, 0.25rem);
  }
  td {
    text-align: center;
    height: 2.75rem;
    padding: 0;
    border-radius: var(--portal-radius, 0.375rem);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  td[data-date]:hover {
    background: var(--portal-color-info-surface, #eef3fb);
  }
  td.unavailable {
    color: var(--portal-color-text-muted, #535b6b);
    text-decoration: line-through;
    cursor: not-allowed;
  }
  td.today {
    font-weight: 700;
    box-shadow: inset 0 0 0 1px var(--portal-color-border-strong, #6b7385);
  }
  td[aria-selected='true'] {
    background: var(--portal-color-brand, #0b5cad);
    color: var(--portal-color-on-brand, #fff);
    text-decoration: none;
  }
  td:focus-visible {
    outline: 3px solid var(--portal-color-focus, #1a73e8);
    outline-offset: -1px;
  }
  .status {
    min-height: 1.5em;
  }
`;
