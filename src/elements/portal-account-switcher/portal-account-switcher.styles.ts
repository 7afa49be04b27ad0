import { css } from 'lit';

export const switcherStyles = css`
  :host {
    max-width: var(--portal-account-switcher-max-width, 32em);
  }
  .switcher {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
  }
  .single {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    align-items: baseline;
  }
  .label {
    font-weight: 600;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-xs);
  }
  li {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0;
    padding-inline-start: var(--_space-s);
    border-inline-start: 3px solid var(--portal-account-switcher-rule, var(--_color-border));
  }
  li.none {
    color: var(--_color-text-muted);
  }
  .location-name {
    font-weight: 600;
  }
`;
