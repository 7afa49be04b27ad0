import { css } from 'lit';

export const estimateStyles = css`
  :host {
    max-width: var(--portal-estimate-max-width, 64em);
    --_frame-padding: var(--portal-estimate-padding);
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
    /*
     * The box the options' line items follow (itemsStyles' narrow tables) and their padding: a phone's
     * list, where the options stack, gets both. Not each option: three side by side on a wide screen
     * are narrow too, but their items read at full size there, and the compact type is for a phone.
     */
    container-type: inline-size;
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
  /* A phone: three layers of padding (the card's, the option's, the cells') leave the items' words too
     little room ("Installatio/n"), so the option keeps less of its own. */
  @container (max-width: 26em) {
    .option {
      padding: var(--_space-s);
    }
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
  /* A consent, or a field: its label (holding its words only, the field's name), the control, and the
     hint and problem below. */
  .consent,
  .field {
    display: grid;
    gap: var(--_space-2xs);
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
