import { css } from 'lit';

/**
 * Line items, an invoice's (<portal-invoices>, <portal-pay>) and an estimate's options': one set of
 * rules for both tables. Each element makes the box the table follows an inline-size container (an
 * invoice's detail, an estimate's list of options).
 */
export const itemsStyles = css`
  /* Amounts in a column of their own, on one line. */
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.num {
    white-space: nowrap;
  }
  /* A description can hold a part number with nowhere to break (Honeywell_TH6220WF2006): it breaks
     anywhere, so its column's narrowest is a letter, not the whole word, and the table keeps to the
     card's width (overflow-wrap: break-word alone leaves a table sized by its longest word). */
  .items td:not(.num) {
    overflow-wrap: anywhere;
  }
  .items tfoot th {
    text-align: end;
    font-weight: 400;
  }
  .items tr.strong > * {
    font-weight: 700;
  }
  /* A phone: the line items keep their columns, in smaller type with less space around, so a word
     fits its column whole. */
  @container (max-width: 26em) {
    .items {
      font-size: 0.8125em;
    }
    .items th,
    .items td {
      padding: var(--_space-2xs) 0.1875em;
    }
  }
`;
