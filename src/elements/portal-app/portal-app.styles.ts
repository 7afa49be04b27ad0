import { css } from 'lit';

/**
 * One column on a phone (sections' links wrapping above the section, the sign-in card below it);
 * from 50rem of the element's own width, the links and the sign-in card in a column beside the
 * section. Container queries, so it follows the space the host page gives it, and 200 % zoom.
 */
export const appStyles = css`
  :host {
    --_gap: var(--portal-app-gap, var(--portal-space-l, 1.5rem));
    container: portal-app / inline-size;
    max-width: var(--portal-app-max-width, 72rem);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    align-items: start;
  }
  .layout.signed-in {
    grid-template-areas: 'nav' 'main' 'login';
  }
  /* Named areas only where the template names them: elsewhere a name makes a column of its own. */
  .signed-in > .nav {
    grid-area: nav;
  }
  .signed-in > .main {
    grid-area: main;
  }
  .signed-in > .login {
    grid-area: login;
  }
  .main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .layout:not(.signed-in) .login {
    max-width: var(--portal-login-max-width, 28rem);
  }
  .nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-xs, 0.5rem);
  }
  .nav a {
    display: flex;
    align-items: center;
    min-height: 2.75rem;
    padding: var(--portal-space-xs, 0.5rem) var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
    color: var(--portal-color-brand, #0b5cad);
    font-weight: 600;
    text-decoration: none;
  }
  .nav a:hover {
    text-decoration: underline;
  }
  .nav a[aria-current='page'] {
    background: var(--portal-color-brand, #0b5cad);
    border-color: var(--portal-color-brand, #0b5cad);
    color: var(--portal-color-on-brand, #fff);
  }
  .billing-note {
    display: grid;
    gap: var(--portal-space-m, 1rem);
    max-width: var(--portal-invoices-max-width, 48rem);
  }
  .panel {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-m, 1rem);
  }
  @container portal-app (min-width: 50rem) {
    .layout.signed-in {
      --_gap: var(--portal-app-gap, var(--portal-space-xl, 2rem));
      grid-template-columns: var(--portal-app-nav-width, 15rem) minmax(0, 1fr);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'nav main' 'login main';
    }
    .nav ul {
      flex-direction: column;
      gap: var(--portal-space-2xs, 0.25rem);
    }
    .nav a {
      border-color: transparent;
      border-inline-start: 4px solid transparent;
      border-radius: 0;
    }
    .nav a[aria-current='page'] {
      background: var(--portal-color-info-surface, #eef3fb);
      border-color: transparent;
      border-inline-start-color: var(--portal-color-brand, #0b5cad);
      color: var(--portal-color-text, #1d2330);
    }
  }
`;
