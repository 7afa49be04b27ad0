import { css } from 'lit';

export const membershipsStyles = css`
  :host([hide-when-unavailable]:state(unavailable)) {
    display: none;
  }
  .plan-description {
    color: var(--_color-text-muted);
  }
  .covers {
    display: grid;
    gap: var(--_space-xs);
    grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
  }
`;
