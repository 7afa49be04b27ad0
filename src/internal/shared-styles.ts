import { css } from 'lit';

/**
 * Shared by every element. Colours and spacing come from `--portal-*` custom properties (the
 * theming tokens), each with a default, so a host page can restyle without reaching inside.
 * The :host rules reset what a host page's CSS would otherwise leak in by inheritance.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--portal-color-text, #1d2330);
    background: var(--portal-color-surface, transparent);
    font-family: var(--portal-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--portal-font-size, 1rem);
    font-style: normal;
    font-weight: 400;
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    white-space: normal;
    word-spacing: normal;
    /* A long email, invoice number or web address breaks rather than run past the element's edge
       (with grid tracks of minmax(0, 1fr), nothing is sized by an unbreakable word): at 320 px nothing
       scrolls sideways. Also keeps a host page's own setting out. */
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
    font-weight: 650;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.05em;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .stack {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  .muted {
    color: var(--portal-color-text-muted, #535b6b);
  }
  /* A phone number or a short code that must stay on one line. */
  .nowrap {
    white-space: nowrap;
  }
  a {
    color: var(--portal-color-link, var(--portal-color-brand, #0b5cad));
  }
`;

export const controlStyles = css`
  label {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
    font-weight: 600;
  }
  .hint {
    font-weight: 400;
    font-size: 0.875em;
    color: var(--portal-color-text-muted, #535b6b);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    min-height: 2.75rem;
    padding: var(--portal-space-xs, 0.5rem) var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border-strong, #6b7385);
    border-radius: var(--portal-radius, 0.375rem);
    background: var(--portal-color-input, #fff);
    width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--portal-color-danger, #b3261e);
  }
  :focus-visible {
    outline: 3px solid var(--portal-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: var(--portal-space-xs, 0.5rem) var(--portal-space-m, 1rem);
    border-radius: var(--portal-radius, 0.375rem);
    border: 1px solid var(--portal-color-brand, #0b5cad);
    background: var(--portal-color-brand, #0b5cad);
    color: var(--portal-color-on-brand, #fff);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--portal-space-xs, 0.5rem);
  }
  button.secondary,
  .button.secondary {
    background: transparent;
    color: var(--portal-color-brand, #0b5cad);
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    min-height: 0;
    color: var(--portal-color-link, var(--portal-color-brand, #0b5cad));
    text-decoration: underline;
    font-weight: 500;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .message {
    padding: var(--portal-space-s, 0.75rem) var(--portal-space-m, 1rem);
    border-radius: var(--portal-radius, 0.375rem);
    border-inline-start: 4px solid currentColor;
  }
  .message.error {
    color: var(--portal-color-danger, #b3261e);
    background: var(--portal-color-danger-surface, #fdecea);
  }
  .message.success {
    color: var(--portal-color-success, #1e6b34);
    background: var(--portal-color-success-surface, #e7f4ea);
  }
  .message.info {
    color: var(--portal-color-text, #1d2330);
    background: var(--portal-color-info-surface, #eef3fb);
    border-color: var(--portal-color-brand, #0b5cad);
  }
`;
