import { css } from 'lit';

export const invoicesStyles = css`
  :host {
    max-width: var(--portal-invoices-max-width, 48rem);
  }
  section {
    display: grid;
    /* The width comes from the page, never from the longest word or number inside. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
    padding: var(--portal-invoices-padding, clamp(var(--portal-space-m, 1rem), 5vw, var(--portal-space-l, 1.5rem)));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
  }
  .header,
  .view-header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: center;
    justify-content: space-between;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: 3px solid var(--portal-color-focus, #1a73e8);
  }
  h4 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  dl {
    margin: 0;
  }
  dd {
    margin: 0;
  }
  .balance {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-m, 1rem) var(--portal-space-xl, 2.5rem);
    padding: var(--portal-space-m, 1rem);
    border-radius: var(--portal-radius, 0.375rem);
    background: var(--portal-color-info-surface, #eef3fb);
  }
  .balance > div {
    display: grid;
    align-content: start;
  }
  .balance dt {
    font-size: 0.875em;
    color: var(--portal-color-text-muted, #535b6b);
  }
  .balance .total dd {
    font-size: 1.5em;
    font-weight: 700;
  }
  .balance .past-due dd {
    color: var(--portal-color-danger, #b3261e);
    font-weight: 600;
  }
  /* A list scrolls in its own box: a short one up to this height, a windowed (long) one at it. */
  .scroll-box {
    max-height: var(--portal-invoices-list-height, 32rem);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .invoices.windowed {
    height: var(--portal-invoices-list-height, 32rem);
  }
  /* The windowed list: the virtualizer positions each item; the gap is each item's own padding. */
  .invoices {
    margin: 0;
    padding: 0;
  }
  .invoices > .item {
    width: 100%;
    padding-block-end: var(--portal-invoices-row-gap, var(--portal-space-xs, 0.5rem));
  }
  .list-status:empty {
    display: none;
  }
  .row {
    display: flex;
    /* On a phone the balance moves under the invoice rather than squeeze it. */
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: flex-start;
    padding: var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
  }
  .row input[type='checkbox'] {
    width: 1.25rem;
    min-height: 1.25rem;
    height: 1.25rem;
    margin-top: 0.15rem;
    flex: none;
  }
  .what {
    display: grid;
    flex: 1 1 10rem;
    min-width: 0;
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .what .link {
    justify-self: start;
    font-weight: 600;
    text-align: start;
  }
  /* Invoice numbers can be long codes: they break anywhere rather than widen the row. */
  .what .link,
  .view-header h3 {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .amount {
    display: grid;
    margin-inline-start: auto;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--portal-space-xs, 0.5rem);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
  }
  .badge.past-due {
    color: var(--portal-color-on-danger, #fff);
    background: var(--portal-color-danger, #b3261e);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
  }
  .paid > button {
    justify-self: start;
  }
  .detail {
    container-type: inline-size;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(11rem, 100%), 1fr));
    gap: var(--portal-space-s, 0.75rem);
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--portal-color-text-muted, #535b6b);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--portal-space-xs, 0.5rem);
    border-bottom: 1px solid var(--portal-color-border, #d5d9e0);
    text-align: start;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* An amount never breaks across lines. */
  td.num {
    white-space: nowrap;
  }
  /* A phone: the line items keep their four columns, in smaller type with less space around. */
  @container (max-width: 26rem) {
    .items {
      font-size: 0.8125em;
    }
    .items th,
    .items td {
      padding: var(--portal-space-2xs, 0.25rem) 0.1875rem;
    }
  }
  tfoot th {
    text-align: end;
    font-weight: 400;
  }
  tr.strong th,
  tr.strong td {
    font-weight: 700;
  }
  .applied {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .applied li,
  .balance-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--portal-space-s, 0.75rem);
  }
  .balance-line {
    font-size: 1.1em;
  }
  fieldset {
    margin: 0;
    padding: var(--portal-space-m, 1rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
  }
  legend {
    padding: 0 var(--portal-space-2xs, 0.25rem);
    font-weight: 650;
  }
  /*
   * The card row: each field is three rows of the fieldset's grid (label, input, hint and problem),
   * shared by every field of a row through subgrid, so the inputs of a row line up and keep their own
   * height whatever a label or hint holds.
   */
  .card-fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--portal-space-s, 0.75rem) var(--portal-space-m, 1rem);
    align-items: start;
  }
  .card-fields > .field {
    grid-row: span 3;
    display: grid;
    grid-template-rows: subgrid;
    row-gap: var(--portal-space-2xs, 0.25rem);
  }
  .card-fields .number {
    grid-column: 1 / -1;
  }
  .field input {
    align-self: start;
  }
  .below {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .problem {
    font-weight: 400;
    font-size: 0.875em;
    color: var(--portal-color-danger, #b3261e);
  }
  .total {
    display: flex;
    justify-content: space-between;
    font-size: 1.1em;
  }
`;
