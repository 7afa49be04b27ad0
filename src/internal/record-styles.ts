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
    gap: var(--_space-m);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-s);
  }
  ul.records {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-m);
  }
  .record {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
    padding: var(--portal-record-padding, var(--_space-m));
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-l);
    background: var(--_color-card);
  }
  .record-title {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-s);
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
    gap: var(--_space-2xs);
  }
  .fact {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space-m);
  }
  dt {
    flex: 0 0 var(--portal-record-label-width, 11em);
    color: var(--_color-text-muted);
  }
  dd {
    flex: 1 1 var(--portal-record-value-width, 12em);
    min-width: 0;
    margin: 0;
  }
  ul.plain {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space-xs);
    border-radius: 999px;
    font-size: 0.875em;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .badge.good {
    color: var(--_color-success);
  }
  .badge.warn {
    color: var(--_color-warning);
  }
  .badge.bad {
    color: var(--_color-danger);
  }
  .badge.neutral {
    color: var(--_color-text-muted);
  }
  .location-group {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
  }
`;
