import { css } from 'lit';

export const schedulerStyles = css`
  :host {
    max-width: var(--portal-scheduler-max-width, 40rem);
  }
  section {
    display: grid;
    gap: var(--portal-space-m, 1rem);
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
    margin-block-end: var(--portal-space-xs, 0.5rem);
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
    color: var(--portal-color-text-muted, #535b6b);
  }
  .field {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .problem {
    margin: 0;
    color: var(--portal-color-danger, #b3261e);
    font-size: 0.9em;
    font-weight: 500;
  }
  .problem p {
    margin: 0;
  }
  .choices,
  .windows {
    display: grid;
    gap: var(--portal-space-xs, 0.5rem);
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--portal-space-s, 0.75rem);
    align-items: start;
    padding: var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius, 0.375rem);
    background: var(--portal-color-card, #fff);
  }
  .choice:has(input:checked) {
    border-color: var(--portal-color-brand, #0b5cad);
    box-shadow: inset 0 0 0 1px var(--portal-color-brand, #0b5cad);
  }
  .choice input,
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0.15rem 0 0;
  }
  .choice .hint {
    grid-column: 2;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--portal-space-s, 0.75rem);
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
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: var(--portal-space-xs, 0.5rem);
  }
  .day-list button {
    width: 100%;
    min-height: 3.25rem;
    background: var(--portal-color-card, #fff);
    color: var(--portal-color-brand, #0b5cad);
    justify-content: flex-start;
    text-align: start;
  }
  .day-list button[aria-pressed='true'] {
    background: var(--portal-color-brand, #0b5cad);
    color: var(--portal-color-on-brand, #fff);
  }
  .day-list button[aria-pressed='true']::before {
    content: '✓';
  }
  .chosen {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--portal-space-m, 1rem);
  }
  .chosen-day {
    display: grid;
    gap: var(--portal-space-xs, 0.5rem);
    padding: var(--portal-space-s, 0.75rem);
    border: 1px solid var(--portal-color-border, #d5d9e0);
    border-radius: var(--portal-radius-l, 0.75rem);
  }
  .photos {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
    gap: var(--portal-space-s, 0.75rem);
  }
  .photos li {
    display: grid;
    gap: var(--portal-space-2xs, 0.25rem);
  }
  .photos img {
    width: 100%;
    height: auto;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--portal-radius, 0.375rem);
  }
  .review {
    margin: 0;
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: var(--portal-space-xs, 0.5rem) var(--portal-space-m, 1rem);
  }
  .review dt {
    color: var(--portal-color-text-muted, #535b6b);
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
    gap: var(--portal-space-s, 0.75rem);
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
  @media (max-width: 30rem) {
    .review {
      grid-template-columns: 1fr;
    }
    .review dd {
      margin-block-end: var(--portal-space-xs, 0.5rem);
    }
  }
`;
