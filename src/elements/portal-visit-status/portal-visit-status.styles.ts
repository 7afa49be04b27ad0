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
   * A progress tracker, as a delivery's: where a quarter of the card holds the longest name in bold
   * ("Programada", about 7em), the four steps in a row, each marker over its name and joined to the
   * one before by a line; else one under another, each marker beside its name. The current step is
   * said by its ringed marker and bold name, not a box (a box read as an option to choose).
   */
  .steps-box {
    container-type: inline-size;
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-xs);
  }
  .step {
    display: flex;
    align-items: center;
    gap: var(--_space-xs);
    color: var(--_color-text-muted);
  }
  /* A contractor's longer wording (registerStrings) wraps inside its quarter rather than run into the next. */
  .name {
    overflow-wrap: break-word;
    min-width: 0;
    max-width: 100%;
  }
  .marker {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.75em;
    height: 1.75em;
    border-radius: 50%;
    border: 2px solid currentColor;
    background: var(--_color-card);
    font-weight: 700;
    font-size: 0.875em;
  }
  @container (min-width: 30em) {
    .steps {
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 0;
    }
    .step {
      position: relative;
      flex-direction: column;
      gap: var(--_space-2xs);
      text-align: center;
    }
    /* The line from the step before, through the middle of the markers (drawn over it). */
    .step + .step::before {
      content: '';
      position: absolute;
      top: calc(0.875em * 1.75 / 2 - 1px);
      right: 50%;
      width: 100%;
      border-top: 2px solid var(--_color-border-strong);
    }
    .marker {
      position: relative;
      z-index: 1;
    }
  }
  .step.reached,
  .step.current {
    color: var(--_color-text);
  }
  .step.reached::before,
  .step.current::before {
    border-top-color: var(--portal-visit-status-step-color, var(--_color-brand));
  }
  .step.reached .marker {
    color: var(--_color-on-brand);
    background: var(--portal-visit-status-step-color, var(--_color-brand));
    border-color: var(--portal-visit-status-step-color, var(--_color-brand));
  }
  .step.current {
    font-weight: 700;
  }
  .step.current .marker {
    color: var(--portal-visit-status-step-color, var(--_color-brand-text));
    /* An outline, not a shadow: forced-colors mode (Windows High Contrast) keeps it, in the system's colour. */
    outline: 3px solid color-mix(in oklab, var(--portal-visit-status-step-color, var(--_color-brand)) 30%, transparent);
  }
`;
