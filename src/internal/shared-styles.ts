import { css } from 'lit';
import { themeTokens } from './theme.js';

/**
 * Shared by every element. Colours and spacing come from `--portal-*` custom properties (the
 * theming tokens), each with a default, so a host page can restyle without reaching inside.
 * The :host rules reset what a host page's CSS would otherwise leak in by inheritance.
 */
export const hostStyles = css`
  ${themeTokens}
  /*
   * What a host page could reach: the host element itself (its own rules and universal selectors
   * such as * { line-height: 3; box-sizing: content-box }) and what it inherits. Each text property
   * is set here !important: between a page's rule and a :host rule, a normal declaration from the page
   * wins but an important one from the shadow root wins (CSS Cascade, encapsulation contexts), so
   * nothing the page says reaches inside; hosts restyle through the --portal-* tokens and ::part.
   * Layout (display, width, margins) stays the page's to set.
   */
  :host {
    display: block;
    box-sizing: border-box !important;
    color: var(--_color-text) !important;
    /* font-size medium is the reader's default size, whatever the page did to its root (62.5 % …). */
    /* Longhands, not the font shorthand: a token that is not a valid value then loses only its own
       property (which falls back to inheriting), not the whole font. */
    font-family: var(--portal-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif) !important;
    font-size: var(--portal-font-size, medium) !important;
    line-height: var(--portal-line-height, 1.5) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-stretch: normal !important;
    font-variant: normal !important;
    font-size-adjust: none !important;
    font-optical-sizing: auto !important;
    font-feature-settings: normal !important;
    font-variation-settings: normal !important;
    font-kerning: auto !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    text-rendering: auto !important;
    -webkit-text-fill-color: currentcolor !important;
    -webkit-text-stroke: 0 !important;
    white-space: normal !important;
    word-break: normal !important;
    hyphens: manual !important;
    tab-size: 8 !important;
    cursor: auto !important;
    font-synthesis: weight style !important;
    caret-color: auto !important;
    /* Checkboxes and radios in the brand colour. */
    accent-color: var(--_color-brand) !important;
    /* A long email, invoice number or web address breaks rather than run past the element's edge
       (with grid tracks of minmax(0, 1fr), nothing is sized by an unbreakable word): at 320 px nothing
       scrolls sideways. */
    overflow-wrap: break-word !important;
  }
  :host([hidden]) {
    display: none;
  }
  /* Set, not inherited: nothing about the host's box (a page's * { box-sizing }) flows inside. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
    font-weight: 650;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.05em;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .stack,
  .frame {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-m);
  }
  /*
   * The one card of every element that stands alone (its root: the sign-in card, each section), so
   * side by side or one after another in <portal-app> their headings sit at the same place. Less
   * padding on a phone, where every pixel of width is a letter. An element with a padding knob of
   * its own (--portal-login-padding …) hands it over as --_frame-padding. Nothing inside an element
   * is a frame: cards within it are quiet panels (content-styles.ts).
   */
  .frame {
    padding: var(--_frame-padding, clamp(var(--_space-m), 5vw, var(--_space-l)));
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-l);
    background: var(--_color-card);
  }
  .muted {
    color: var(--_color-text-muted);
  }
  /* A phone number or a short code that must stay on one line. */
  .nowrap {
    white-space: nowrap;
  }
  a {
    color: var(--_color-link);
  }
`;

export const controlStyles = css`
  label {
    display: grid;
    gap: var(--_space-2xs);
    font-weight: 600;
  }
  .hint {
    font-weight: 400;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  input,
  select,
  textarea {
    font: inherit;
    /* What is typed reads as text, not as the label's bold around it. */
    font-weight: 400;
    color: inherit;
    min-height: 2.75em;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border-strong);
    border-radius: var(--_radius);
    background: var(--_color-input);
    width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  :focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75em;
    padding: var(--_space-xs) var(--_space-m);
    border-radius: var(--_radius-button);
    /* The brand as an outline (--portal-color-brand-text): a dark brand's button stays visible on a dark
       card, a pale one's on a pale card, where the fill alone would all but disappear. */
    border: 1px solid var(--_color-brand-text);
    background: var(--_color-brand);
    color: var(--_color-on-brand);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-xs);
  }
  button.secondary,
  .button.secondary {
    background: transparent;
    color: var(--_color-brand-text);
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    min-height: 0;
    color: var(--_color-link);
    text-decoration: underline;
    font-weight: 500;
    text-align: start;
  }
  /* Plainly off, in both schemes: a grey button with readable words, not a faded version of the live one. */
  button:disabled,
  button[type='submit'][aria-disabled='true'] {
    border-color: var(--_color-border);
    background: var(--_color-muted-surface);
    color: var(--_color-text-muted);
    cursor: not-allowed;
  }
  /* A message with more than words in it (Try again): its pieces one under another, a small gap apart. */
  div.message {
    display: grid;
    gap: var(--_space-xs);
    justify-items: start;
  }
  .message {
    padding: var(--_space-s) var(--_space-m);
    border-radius: var(--_radius);
    border-inline-start: 4px solid currentColor;
  }
  .message.error {
    color: var(--_color-danger);
    background: var(--_color-danger-surface);
  }
  .message.success {
    color: var(--_color-success);
    background: var(--_color-success-surface);
  }
  .message.info {
    background: var(--_color-info-surface);
    border-color: var(--_color-brand-text);
  }
`;
