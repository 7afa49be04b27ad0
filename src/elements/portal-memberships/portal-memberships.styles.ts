import { css } from 'lit';

export const membershipsStyles = css`
  :host([hide-when-unavailable]:state(unavailable)) {
    display: none;
  }
  .plan-description {
    color: var(--portal-color-text-muted, #535b6b);
  }
  .covers {
    display: grid;
    gap: var(--portal-space-xs, 0.5rem);
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
  }
`;
