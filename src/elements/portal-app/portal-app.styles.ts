import { css } from 'lit';

/**
 * One column on a phone (sections' links wrapping above the section, the sign-in card below it);
 * from 50em of the element's own width, the links and the sign-in card in a column beside the
 * section. Container queries, so it follows the space the host page gives it, and 200 % zoom.
 */
export const appStyles = css`
  :host {
    /* Its navigation stands outside the sections' cards: in dark mode on a light page the portal paints
       its own background, so that light text never lands on the page's white. A lone element needs none:
       all of it is inside its card, whose rounded corners a square background would show around. */
    background: var(--_color-surface);
    --_gap: var(--portal-app-gap, var(--_space-l));
    container: portal-app / inline-size;
    max-width: var(--portal-app-max-width, 72em);
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
  /* No navigation yet (the settings failed or are on their way): no empty row for it, nor its gap. */
  .layout.no-nav {
    grid-template-areas: 'main' 'login';
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
    max-width: var(--portal-login-max-width, 28em);
  }
  .nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }
  .nav a {
    display: flex;
    align-items: center;
    min-height: 2.75em;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    color: var(--_color-brand-text);
    font-weight: 600;
    text-decoration: none;
  }
  .nav a:hover {
    text-decoration: underline;
  }
  .nav a[aria-current='page'] {
    background: var(--_color-brand);
    border-color: var(--_color-brand);
    color: var(--_color-on-brand);
  }
  /* In the card every section has (the frame, shared-styles.ts), as wide as the invoices it stands for. */
  .billing-note {
    max-width: var(--portal-invoices-max-width, 48em);
  }
  /* Draws no frame of its own: the section inside it is the card, one per section. */
  .panel {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-m);
  }
  /* Above the section's card, the account switcher is part of the page around it, not a card of its
     own (alone on a page, it is one). From outside its shadow root, this rule wins over its own. */
  portal-account-switcher::part(section) {
    padding: 0;
    border: 0;
    background: none;
  }
  @container portal-app (min-width: 50em) {
    .layout.signed-in {
      --_gap: var(--portal-app-gap, var(--_space-xl));
      grid-template-columns: var(--portal-app-nav-width, 15em) minmax(0, 1fr);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'nav main' 'login main';
    }
    .layout.no-nav {
      grid-template-rows: auto;
      grid-template-areas: 'login main';
    }
    .nav ul {
      flex-direction: column;
      gap: var(--_space-2xs);
    }
    .nav a {
      border-color: transparent;
      border-inline-start: 4px solid transparent;
      border-radius: 0;
    }
    .nav a[aria-current='page'] {
      background: var(--_color-info-surface);
      border-color: transparent;
      border-inline-start-color: var(--_color-brand);
      color: var(--_color-text);
    }
  }
`;
