import { css } from 'lit';

/**
 * Cards of labelled facts, for elements that list records (memberships, equipment, visits).
 * Per-element knobs default to the global tokens.
 */
export const recordStyles = css`
  section {
    display: grid;
    /* The width comes from the page, never from the longest word inside. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--portal-space-s, 0.75rem);
  }
  ul.records {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  .record {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-s, 0.75rem);
    padding: var(--portal-record-padding, var(--portal-space-m, 1rem));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
  }
  .record-title {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-xs, 0.5rem) var(--portal-space-s, 0.75rem);
    align-items: baseline;
    justify-content: space-between;
  }
  h4 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  /*
   * Label and value side by side, labels in one column; where the card is too narrow for both (a
   * phone), every value moves under its label at once, so the labels still line up.
   */
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .fact {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--portal-space-m, 1rem);
  }
  dt {
    flex: 0 0 var(--portal-record-label-width, 11rem);
    color: var(--portal-color-text-muted, #535b6b);
  }
  dd {
    flex: 1 1 var(--portal-record-value-width, 12rem);
    min-width: 0;
    margin: 0;
  }
  ul.plain {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--portal-space-xs, 0.5rem);
    border-radius: 999px;
    font-size: 0.875em;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .badge.good {
    color: var(--portal-color-success, #1e6b34);
  }
  .badge.warn {
    color: var(--portal-color-warning, #8a4b00);
  }
  .badge.bad {
    color: var(--portal-color-danger, #b3261e);
  }
  .badge.neutral {
    color: var(--portal-color-text-muted, #535b6b);
  }
  .location-group {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-s, 0.75rem);
  }
`;
