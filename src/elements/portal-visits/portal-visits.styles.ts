import { css } from 'lit';

export const visitsStyles = css`
  .visits-message {
    white-space: pre-line;
    /* A web address in the contractor's message is one long word. */
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .when {
    font-weight: 600;
  }
`;
