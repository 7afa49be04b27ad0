import { css } from 'lit';

export const equipmentStyles = css`
  .warranty {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2xs, 0.25rem) var(--portal-space-xs, 0.5rem);
    align-items: baseline;
  }
  .attachments {
    margin: 0;
    padding-inline-start: 1.25em;
  }
`;
