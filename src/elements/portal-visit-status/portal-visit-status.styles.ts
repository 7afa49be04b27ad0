import { css } from 'lit';

export const visitStatusStyles = css`
  :host {
    max-width: var(--portal-visit-status-max-width, 36rem);
  }
  section[part='section'] {
    padding: clamp(var(--portal-space-s, 0.75rem), 4vw, var(--portal-space-l, 1.5rem));
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
    background: var(--portal-color-card, #fff);
  }
  .lede {
    font-weight: 600;
  }
  .zone {
    display: block;
    font-size: 0.875em;
    color: var(--portal-color-text-muted, #535b6b);
  }
  .status-line {
    font-size: 1.2em;
    font-weight: 650;
  }
  /* Four steps in a row where they fit; on a narrow phone, two by two. */
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 7rem), 1fr));
    gap: var(--portal-space-xs, 0.5rem);
  }
  .step {
    display: flex;
    align-items: center;
    gap: var(--portal-space-xs, 0.5rem);
    padding: var(--portal-space-xs, 0.5rem);
    border-radius: var(--portal-radius, 0.375rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    color: var(--portal-color-text-muted, #535b6b);
  }
  .marker {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-weight: 700;
    font-size: 0.875em;
  }
  .step.reached,
  .step.current {
    color: var(--portal-color-text, #1d2330);
  }
  .step.reached .marker {
    color: var(--portal-color-on-brand, #fff);
    background: var(--portal-visit-status-step-color, var(--portal-color-brand, #0b5cad));
    border-color: var(--portal-visit-status-step-color, var(--portal-color-brand, #0b5cad));
  }
  .step.current {
    border: 2px solid var(--portal-visit-status-step-color, var(--portal-color-brand, #0b5cad));
    font-weight: 700;
  }
  .step.current .marker {
    color: var(--portal-visit-status-step-color, var(--portal-color-brand, #0b5cad));
  }
`;
