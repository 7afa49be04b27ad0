import { css } from 'lit';

export const equipmentStyles = css`
  .warranty {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2xs) var(--_space-xs);
    align-items: baseline;
  }
  .attachments {
    margin: 0;
    padding-inline-start: 1.25em;
  }
`;
