import { css } from 'lit';

/** On top of `<portal-invoices>`' styles (the same detail, pay form and receipt). */
export const payStyles = css`
  :host {
    max-width: var(--portal-pay-max-width, 40rem);
  }
  .rest {
    padding-block-start: var(--portal-space-m, 1rem);
    border-top: 1px solid var(--portal-color-border, #d5d9e0);
  }
`;
