import { css } from 'lit';

export const estimateStyles = css`
  :host {
    max-width: var(--portal-estimate-max-width, 64rem);
  }
  /* The element's own box; the sections inside it (terms, other answers) have their own looks. */
  section[part='section'] {
    padding: var(--portal-estimate-padding, clamp(var(--portal-space-s, 0.75rem), 4vw, var(--portal-space-l, 1.5rem)));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
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
    margin-block-end: var(--portal-space-s, 0.75rem);
  }
  /* Side by side where there is room; from a phone's width, one under the other. */
  .option-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--portal-estimate-option-min-width, 13rem)), 1fr));
    gap: var(--portal-space-m, 1rem);
    align-items: stretch;
  }
  .option-list.single {
    grid-template-columns: minmax(0, 1fr);
    max-width: 32rem;
  }
  .option {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto auto 1fr auto;
    gap: var(--portal-space-s, 0.75rem);
    padding: var(--portal-space-m, 1rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
    min-width: 0;
  }
  .option.recommended {
    border: 2px solid var(--portal-color-brand, #0b5cad);
  }
  .option:has(input[type='radio']:checked) {
    background: var(--portal-color-info-surface, #eef3fb);
    border-color: var(--portal-color-brand, #0b5cad);
  }
  .option-title {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-xs, 0.5rem);
    align-items: baseline;
    justify-content: space-between;
  }
  .option-title h4 {
    font-size: 1.1em;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--portal-space-xs, 0.5rem);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--portal-color-on-brand, #fff);
    background: var(--portal-color-brand, #0b5cad);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    align-self: start;
  }
  th,
  td {
    padding: var(--portal-space-2xs, 0.25rem) var(--portal-space-xs, 0.5rem);
    border-bottom: 1px solid var(--portal-color-border, #d5d9e0);
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
    color: var(--portal-color-text-muted, #535b6b);
  }
  label.choose,
  label.check {
    display: flex;
    gap: var(--portal-space-xs, 0.5rem);
    align-items: flex-start;
    font-weight: 600;
  }
  label.check {
    font-weight: 400;
  }
  label.choose input,
  label.check input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 1.25rem;
    margin: 0.125rem 0 0;
    padding: 0;
    flex: none;
  }
  .consent {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .terms {
    padding: var(--portal-space-m, 1rem);
    border-radius: var(--portal-radius, 0.375rem);
    background: var(--portal-color-muted-surface, #f5f6f8);
  }
  .sign .field {
    max-width: 28rem;
  }
  textarea {
    resize: vertical;
  }
  .other {
    padding-block-start: var(--portal-space-m, 1rem);
    border-top: 1px solid var(--portal-color-border, #d5d9e0);
  }
  .estimates {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--portal-space-s, 0.75rem);
  }
  .estimate-row {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
    padding: var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
  }
  .estimate-row .link {
    justify-self: start;
    text-align: start;
  }
`;
