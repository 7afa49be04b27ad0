import { css } from 'lit';

export const loginStyles = css`
  :host {
    max-width: var(--portal-login-max-width, 28rem);
  }
  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
    /* Less on a phone, where every pixel of width is a letter of the email. */
    padding: var(--portal-login-padding, clamp(var(--portal-space-m, 1rem), 5vw, var(--portal-space-l, 1.5rem)));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
  }
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  /* An email is one long word: it breaks anywhere rather than widen the card. */
  .email {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: center;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem) var(--portal-space-l, 1.5rem);
  }
  .show-password {
    display: flex;
    align-items: center;
    gap: var(--portal-space-xs, 0.5rem);
    font-weight: 400;
  }
  .show-password input {
    width: auto;
    min-height: 0;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
`;
