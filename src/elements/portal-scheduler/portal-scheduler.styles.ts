import { css } from 'lit';

export const schedulerStyles = css`
  :host {
    max-width: var(--portal-scheduler-max-width, 40em);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: var(--_space-xs);
  }
  h4 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .progress {
    display: block;
    font-size: 0.8em;
    font-weight: 500;
    color: var(--_color-text-muted);
  }
  .field {
    display: grid;
    gap: var(--_space-2xs);
  }
  .problem {
    margin: 0;
    color: var(--_color-danger);
    font-size: 0.9em;
    font-weight: 500;
  }
  .problem p {
    margin: 0;
  }
  .choices,
  .windows {
    display: grid;
    gap: var(--_space-xs);
  }
  .choice {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: var(--_space-s);
    align-items: start;
    padding: var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-card);
  }
  .choice:has(input:checked) {
    border-color: var(--_color-brand-text);
    box-shadow: inset 0 0 0 1px var(--_color-brand-text);
  }
  .choice input,
  .check input {
    width: 1.25em;
    height: 1.25em;
    min-height: 0;
    margin: 0.15em 0 0;
  }
  .choice .hint {
    grid-column: 2;
  }
  /* A location's name or address can be a code with nowhere to break: it breaks anywhere. */
  .choice label,
  .choice .hint {
    overflow-wrap: anywhere;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_space-s);
    align-items: start;
  }
  .check label {
    font-weight: 400;
  }
  .day-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr));
    gap: var(--_space-xs);
  }
  .day-list button {
    width: 100%;
    min-height: 3.25em;
    /* A choice tile, like the place and service cards beside it: the fields' corners, not the buttons'. */
    border-radius: var(--_radius);
    background: var(--_color-card);
    color: var(--_color-brand-text);
    justify-content: flex-start;
    text-align: start;
  }
  .day-list button[aria-pressed='true'] {
    background: var(--_color-brand);
    color: var(--_color-on-brand);
  }
  /* Empty alternative text: the button's name is its day; aria-pressed already says it is chosen. */
  .day-list button[aria-pressed='true']::before {
    /* The first for browsers without alternative text in content (Safari before 17.4): the mark stays. */
    content: '✓';
    content: '✓' / '';
  }
  .chosen {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space-m);
  }
  .chosen-day {
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-l);
  }
  .photos {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8em, 1fr));
    gap: var(--_space-s);
  }
  .photos li {
    display: grid;
    gap: var(--_space-2xs);
  }
  /* Previews are canvases: a data: image would break a strict CSP (photo-canvas.ts). */
  .photos canvas {
    width: 100%;
    height: auto;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius);
  }
  .review {
    margin: 0;
    display: grid;
    grid-template-columns: minmax(7em, max-content) 1fr;
    gap: var(--_space-xs) var(--_space-m);
  }
  .review dt {
    color: var(--_color-text-muted);
  }
  .review dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .review .hint,
  .local-time {
    display: block;
  }
  .pre-line {
    white-space: pre-line;
  }
  ol.plain {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .reference {
    font-size: 1.15em;
    letter-spacing: 0.02em;
  }
  .trap {
    position: absolute;
    inset-inline-start: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  @media (max-width: 30em) {
    .review {
      grid-template-columns: 1fr;
    }
    .review dd {
      margin-block-end: var(--_space-xs);
    }
  }
`;
