import { css } from 'lit';

/** On top of `<portal-invoices>`' styles (the same detail, pay form and receipt). */
export const payStyles = css`
  :host {
    max-width: var(--portal-pay-max-width, 40em);
  }
  .rest {
    padding-block-start: var(--_space-m);
    border-top: 1px solid var(--_color-border);
  }
`;
