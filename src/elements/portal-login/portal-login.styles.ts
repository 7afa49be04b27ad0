import { css } from 'lit';

export const loginStyles = css`
  :host {
    max-width: var(--portal-login-max-width, 28rem);
  }
  .card {
    display: grid;
    gap: var(--portal-space-m, 1rem);
    padding: var(--portal-login-padding, var(--portal-space-l, 1.5rem));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
  }
  form {
    display: grid;
    gap: var(--portal-space-m, 1rem);
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
