import { css } from 'lit';

export const estimateStyles = css`
  :host {
    max-width: var(--portal-estimate-max-width, 64em);
  }
  /* The element's own box; the sections inside it (terms, other answers) have their own looks. */
  section[part='section'] {
    padding: var(--portal-estimate-padding, clamp(var(--_space-s), 4vw, var(--_space-l)));
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-l);
    background: var(--_color-card);
  }
  .lede {
    font-size: 1.1em;
    font-weight: 600;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: none;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-block-end: var(--_space-s);
  }
  /* Side by side where there is room; from a phone's width, one under the other. */
  .option-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--portal-estimate-option-min-width, 13em)), 1fr));
    gap: var(--_space-m);
    align-items: stretch;
  }
  .option-list.single {
    grid-template-columns: minmax(0, 1fr);
    max-width: 32em;
  }
  .option {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto auto 1fr auto;
    gap: var(--_space-s);
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .option.recommended {
    border: 2px solid var(--_color-brand-text);
  }
  .option:has(input[type='radio']:checked) {
    background: var(--_color-info-surface);
    border-color: var(--_color-brand-text);
  }
  .option-title {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    align-items: baseline;
    justify-content: space-between;
  }
  .option-title h4 {
    font-size: 1.1em;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space-xs);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_color-on-brand);
    background: var(--_color-brand);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    align-self: start;
  }
  th,
  td {
    padding: var(--_space-2xs) var(--_space-xs);
    border-bottom: 1px solid var(--_color-border);
    text-align: start;
    vertical-align: top;
  }
  th:first-child,
  td:first-child {
    padding-inline-start: 0;
  }
  th:last-child,
  td:last-child {
    padding-inline-end: 0;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.num {
    white-space: nowrap;
  }
  /* An item can hold a part number with nowhere to break: it breaks anywhere, so the table keeps to
     the card's width rather than take the width of its longest word. */
  .items td:not(.num) {
    overflow-wrap: anywhere;
  }
  tfoot th {
    text-align: end;
    font-weight: 400;
  }
  tr.strong th,
  tr.strong td {
    font-weight: 700;
  }
  .each {
    display: block;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  label.choose,
  label.check {
    display: flex;
    gap: var(--_space-xs);
    align-items: flex-start;
    font-weight: 600;
  }
  label.check {
    font-weight: 400;
  }
  label.choose input,
  label.check input {
    width: 1.25em;
    height: 1.25em;
    min-height: 1.25em;
    margin: 0.125em 0 0;
    padding: 0;
    flex: none;
  }
  .consent {
    display: grid;
    gap: var(--_space-2xs);
  }
  .terms {
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-muted-surface);
  }
  .sign .field {
    max-width: 28em;
  }
  textarea {
    resize: vertical;
  }
  .other {
    padding-block-start: var(--_space-m);
    border-top: 1px solid var(--_color-border);
  }
  /* The width comes from the page, never from the longest word of an estimate's name or number. */
  .estimates {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
  }
  .estimate-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-2xs);
    overflow-wrap: anywhere;
    padding: var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .estimate-row .link {
    justify-self: start;
    text-align: start;
  }
`;
