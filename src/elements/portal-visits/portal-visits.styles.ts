import { css } from 'lit';

export const visitsStyles = css`
  .visits-message {
    white-space: pre-line;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-s, 0.75rem);
    align-items: center;
  }
  .when {
    font-weight: 600;
  }
`;
