import { css } from 'lit';

/** What the link pages (`<portal-estimate>`, `<portal-pay>`, `<portal-visit-status>`) share. */
export const linkStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-s);
  }
  h2:focus,
  h3:focus,
  [tabindex='-1']:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_color-focus);
  }
  h4 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .problem {
    font-weight: 400;
    font-size: 0.875em;
    color: var(--_color-danger);
  }
  /* Empty live regions stay in the page (hidden ones are not announced when filled) but take no room. */
  .problem:empty {
    display: none;
  }
  .facts {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(10em, 100%), 1fr));
    gap: var(--_space-s);
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  .facts dd {
    margin: 0;
  }
  /* What a customer or the contractor typed keeps its line breaks and breaks long words. */
  .customer-text,
  .terms-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
`;
