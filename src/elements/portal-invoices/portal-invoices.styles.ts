import { css } from 'lit';

export const invoicesStyles = css`
  :host {
    max-width: var(--portal-invoices-max-width, 48em);
    --_frame-padding: var(--portal-invoices-padding);
  }
  .header,
  .view-header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
    justify-content: space-between;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: 3px solid var(--_color-focus);
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
    gap: var(--_space-m) var(--_space-xl);
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-info-surface);
  }
  .balance > div {
    display: grid;
    align-content: start;
  }
  .balance dt {
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  .balance .total dd {
    font-size: 1.5em;
    font-weight: 700;
  }
  .balance .past-due dd {
    color: var(--_color-danger);
    font-weight: 600;
  }
  /*
   * Only a long list with room around it scrolls in its own box (invoice-list.ts, list-room.ts); every
   * other list is part of the page. The box shows that it scrolls: a shadow at an edge with more rows
   * beyond it (a shadow fixed to the box, covered by the box's colour scrolling with the rows once the
   * end is reached). Its scrolling chains on to the page at either end, as a customer expects.
   */
  .invoices.scroll-box {
    --_list-shadow: color-mix(in srgb, var(--_color-text) 28%, transparent);
    height: var(--portal-invoices-list-height, 32em);
    background:
      linear-gradient(var(--_color-card) 40%, transparent) top / 100% 1.5em no-repeat local,
      linear-gradient(transparent, var(--_color-card) 60%) bottom / 100% 1.5em no-repeat local,
      radial-gradient(farthest-side at 50% 0, var(--_list-shadow), transparent) top / 100% 0.75em no-repeat scroll,
      radial-gradient(farthest-side at 50% 100%, var(--_list-shadow), transparent) bottom / 100% 0.75em no-repeat scroll;
    background-color: var(--_color-card);
  }
  /* The windowed list: the virtualizer positions each item; the gap is each item's own padding. */
  .invoices {
    margin: 0;
    padding: 0;
  }
  .invoices > .item {
    width: 100%;
    padding-block-end: var(--portal-invoices-row-gap, var(--_space-xs));
  }
  .list-status:empty {
    display: none;
  }
  .row {
    display: flex;
    /* On a phone the balance moves under the invoice rather than squeeze it. */
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: flex-start;
    padding: var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .row input[type='checkbox'] {
    width: 1.25em;
    min-height: 1.25em;
    height: 1.25em;
    margin-top: 0.15em;
    flex: none;
  }
  /* Never wider to start with than the row beside the checkbox (its 1.25em, its margins and the gap take
     under 3em): on a narrow card the two stay on one line and the balance moves under them. */
  .what {
    display: grid;
    flex: 1 1 min(10em, 100% - 3em);
    min-width: 0;
    gap: var(--_space-2xs);
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .paid > button {
    justify-self: start;
  }
  .detail {
    container-type: inline-size;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(11em, 100%), 1fr));
    gap: var(--_space-s);
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--_space-xs);
    border-bottom: 1px solid var(--_color-border);
    text-align: start;
  }
  /* The line items' amounts, narrow layout and part numbers: items-styles.ts, shared with the estimate. */
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
    gap: var(--_space-s);
  }
  .balance-line {
    font-size: 1.1em;
  }
  fieldset {
    /* Not the default min-content: on a 320 px phone at 200 % zoom (160 CSS px) the card fields wrap inside their card. */
    min-inline-size: 0;
    margin: 0;
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0 var(--_space-2xs);
    font-weight: 650;
  }
  /*
   * The card row: each field is three rows of the fieldset's grid (label, input, hint and problem),
   * shared by every field of a row through subgrid, so the inputs of a row line up and keep their own
   * height whatever a label or hint holds.
   */
  .card-fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(9em, 100%), 1fr));
    gap: var(--_space-s) var(--_space-m);
    align-items: start;
  }
  /* A label, its input, and the hint and problem below: the label holds its words only (the field's name). */
  .field {
    display: grid;
    gap: var(--_space-2xs);
  }
  .card-fields > .field {
    grid-row: span 3;
    display: grid;
    grid-template-rows: subgrid;
    row-gap: var(--_space-2xs);
  }
  .card-fields .number {
    grid-column: 1 / -1;
  }
  .field input {
    align-self: start;
  }
  .below {
    display: grid;
    gap: var(--_space-2xs);
  }
  .problem {
    font-weight: 400;
    font-size: 0.875em;
    color: var(--_color-danger);
  }
  /*
   * A total (the pay form's, a receipt's): its label at the start and its amount at the end of a line;
   * a note in place of the amount takes a line of its own under the label, so the two never run
   * together, at 320 px or on a wide screen.
   */
  .total {
    font-size: 1.1em;
  }
  p.total {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-2xs) var(--_space-m);
  }
  .total-amount {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .total-note {
    flex-basis: 100%;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
`;
