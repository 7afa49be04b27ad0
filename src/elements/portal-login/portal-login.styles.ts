import { css } from 'lit';

export const loginStyles = css`
  :host {
    max-width: var(--portal-login-max-width, 28em);
    --_frame-padding: var(--portal-login-padding);
  }
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-m);
  }
  /* An email is one long word: it breaks anywhere rather than widen the card. */
  .email {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s) var(--_space-l);
  }
  .show-password {
    display: flex;
    align-items: center;
    gap: var(--_space-xs);
    font-weight: 400;
  }
  .show-password input {
    width: auto;
    min-height: 0;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
`;
