/** The look every office section shares (the page's own sections use the same values in office.ts). */
import { css } from 'lit';

export const sectionStyles = css`
  :host { display: block; }
  section { background: #fff; border: 1px solid #d5d9e0; border-radius: 0.75rem; padding: 1.25rem 1.5rem; }
  h2 { margin-top: 0; font-size: 1.2rem; }
  h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
  fieldset { border: 1px solid #d5d9e0; border-radius: 0.5rem; margin: 0 0 1rem; padding: 0.75rem 1rem; min-width: 0; }
  legend { font-weight: 600; }
  label { display: block; margin: 0.35rem 0; }
  input[type='text'], input[type='date'], textarea, select { font: inherit; width: 100%; max-width: 36rem; padding: 0.4rem 0.5rem; box-sizing: border-box; }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border: 2px solid #b3261e; }
  textarea { min-height: 4rem; }
  button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.375rem; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0b5cad; }
  button[aria-pressed='true'] { background: #1e6b34; border-color: #1e6b34; color: #fff; }
  button:disabled, button[aria-disabled='true'] { opacity: 0.6; cursor: default; }
  button:focus-visible, a:focus-visible, summary:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  a { color: #0b5cad; }
  .meta { color: #535b6b; font-size: 0.9rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  ul.plain { list-style: none; margin: 0; padding: 0; }
  .card { border-top: 1px solid #e3e6eb; padding: 0.9rem 0; }
  .card:first-of-type { border-top: 0; }
  .saved { color: #1e6b34; }
  .problem { color: #b3261e; }
  .badge { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0.1rem 0.5rem; border-radius: 1rem; background: #e8eef7; color: #1d2330; }
  .badge.Approved { background: #dcefe2; color: #1e4f2c; }
  .badge.Declined { background: #f7dedc; color: #7a1d17; }
  .badge.ChangesRequested { background: #fdf0d2; color: #6b4a00; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .scroll { overflow-x: auto; }
  code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
  dl.record { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0.5rem 0; }
  dl.record dt { font-weight: 600; }
  dl.record dd { margin: 0; overflow-wrap: anywhere; }
  @media (max-width: 30rem) {
    section { padding: 1rem; }
    dl.record { grid-template-columns: minmax(0, 1fr); }
    dl.record dd { margin-bottom: 0.4rem; }
  }
`;
