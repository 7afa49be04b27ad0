import { css } from 'lit';

export const switcherStyles = css`
  :host {
    max-width: var(--portal-account-switcher-max-width, 32rem);
  }
  .switcher {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-s, 0.75rem);
  }
  .single {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-xs, 0.5rem);
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
    gap: var(--portal-space-xs, 0.5rem);
  }
  li {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0;
    padding-inline-start: var(--portal-space-s, 0.75rem);
    border-inline-start: 3px solid var(--portal-account-switcher-rule, var(--portal-color-border, #d5d9e0));
  }
  li.none {
    color: var(--portal-color-text-muted, #535b6b);
  }
  .location-name {
    font-weight: 600;
  }
`;
