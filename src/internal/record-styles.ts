import { css } from 'lit';

/**
 * Cards of labelled facts, for elements that list records (memberships, equipment, visits), on top of
 * contentStyles (the badges, the quiet panel each record is). Per-element knobs default to the global tokens.
 */
export const recordStyles = css`
  :host {
    max-width: var(--portal-record-max-width, 48em);
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
  /* A quiet panel (content-styles.ts) inside the element's card, with a padding of its own to set. */
  .record {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
    padding: var(--portal-record-padding, var(--_space-m));
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
  .location-group {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
  }
`;
