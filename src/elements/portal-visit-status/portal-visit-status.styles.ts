import { css } from 'lit';

export const visitStatusStyles = css`
  :host {
    max-width: var(--portal-visit-status-max-width, 36em);
    --_frame-padding: var(--portal-visit-status-padding);
  }
  .lede {
    font-weight: 600;
  }
  .zone {
    display: block;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  .status-line {
    font-size: 1.2em;
    font-weight: 650;
  }
  /*
   * Four steps in a row where the longest name fits ("Scheduled" in bold, with its marker: about 8.5em a
   * step), else two by two, else one under another: a step never spills out of its box.
   */
  .steps-box {
    container-type: inline-size;
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: var(--_space-xs);
  }
  @container (max-width: 36em) {
    .steps {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container (max-width: 18em) {
    .steps {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .step {
    display: flex;
    align-items: center;
    gap: var(--_space-xs);
    padding: var(--_space-xs);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    color: var(--_color-text-muted);
  }
  .marker {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.75em;
    height: 1.75em;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-weight: 700;
    font-size: 0.875em;
  }
  .step.reached,
  .step.current {
    color: var(--_color-text);
  }
  .step.reached .marker {
    color: var(--_color-on-brand);
    background: var(--portal-visit-status-step-color, var(--_color-brand));
    border-color: var(--portal-visit-status-step-color, var(--_color-brand));
  }
  .step.current {
    border: 2px solid var(--portal-visit-status-step-color, var(--_color-brand-text));
    font-weight: 700;
  }
  .step.current .marker {
    color: var(--portal-visit-status-step-color, var(--_color-brand-text));
  }
`;
