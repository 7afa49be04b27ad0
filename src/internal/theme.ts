import { css } from 'lit';

/**
 * The theme, tier one: every global token (`--portal-*`, set by the host page on any ancestor, and
 * inherited through shadow roots) resolved on each element's host into a private `--_*` copy with its
 * default. Element styles read only the private copies (or a per-element knob that defaults to one), so
 * each default is written once, here, and docs/theming.md lists exactly these.
 *
 * Light and dark: `color-scheme` comes from `--portal-color-scheme` (default `light dark`: the reader's
 * `prefers-color-scheme`), and every colour default is a `light-dark()` pair. Both `color-scheme` and
 * custom properties inherit through shadow roots, so one setting on any ancestor themes everything
 * inside; a `theme="light|dark"` attribute on an element sets `--portal-color-scheme` for it and all
 * it contains. `light-dark()` inside a custom property is resolved where the property is used, by
 * that element's own colour scheme.
 *
 * Colours derived from the brand use relative colour syntax (`oklch(from …)`) and `color-mix()`, so one
 * `--portal-color-brand` restyles everything and stays readable: text on the brand colour is white or
 * black by the brand's lightness; the brand as text (links, secondary buttons, focus ring) is darkened
 * on light surfaces and lightened on dark ones as far as needed to read.
 */
export const themeTokens = css`
  :host {
    color-scheme: var(--portal-color-scheme, light dark);

    --_color-brand: var(--portal-color-brand, #0b5cad);
    /* OKLCH lightness above 0.62 takes black text, below it white: the step makes it one or the other. */
    --_color-on-brand: var(--portal-color-on-brand, oklch(from var(--_color-brand) clamp(0, (0.62 - l) * 1000, 1) 0 0));
    --_color-brand-text: var(
      --portal-color-brand-text,
      light-dark(oklch(from var(--_color-brand) min(l, 0.5) c h), oklch(from var(--_color-brand) max(l, 0.8) c h))
    );
    --_color-link: var(--portal-color-link, var(--_color-brand-text));
    --_color-focus: var(--portal-color-focus, var(--_color-brand-text));

    --_color-text: var(--portal-color-text, light-dark(#1d2330, #e7eaf0));
    --_color-text-muted: var(--portal-color-text-muted, light-dark(#535b6b, #aab2c0));
    /* The element's own background: the page shows through in light; dark paints its own, so light
       text never lands on a light host page. */
    --_color-surface: var(--portal-color-surface, light-dark(transparent, #14171c));
    --_color-card: var(--portal-color-card, light-dark(#fff, #1c2028));
    --_color-muted-surface: var(--portal-color-muted-surface, light-dark(#f5f6f8, #252a33));
    --_color-info-surface: var(--portal-color-info-surface, color-mix(in oklab, var(--_color-brand) 10%, var(--_color-card)));
    --_color-border: var(--portal-color-border, light-dark(#d5d9e0, #3c4350));
    --_color-border-strong: var(--portal-color-border-strong, light-dark(#6b7385, #8d96a8));
    --_color-input: var(--portal-color-input, light-dark(#fff, #10131a));

    --_color-danger: var(--portal-color-danger, light-dark(#b3261e, #ff8f85));
    --_color-danger-surface: var(--portal-color-danger-surface, light-dark(#fdecea, #3a1b19));
    --_color-success: var(--portal-color-success, light-dark(#1e6b34, #86dca0));
    --_color-success-surface: var(--portal-color-success-surface, light-dark(#e7f4ea, #15301e));
    --_color-warning: var(--portal-color-warning, light-dark(#8a4b00, #f3b866));

    /* Sizes in em of the host's font size (never rem): a host page's html { font-size: 62.5% } leaves them alone. */
    --_radius: var(--portal-radius, 0.375em);
    --_radius-l: var(--portal-radius-l, 0.75em);
    /* Buttons on their own, so a brand's pill buttons (999px) leave fields, rows and messages square. */
    --_radius-button: var(--portal-radius-button, var(--_radius));
    --_space-2xs: var(--portal-space-2xs, 0.25em);
    --_space-xs: var(--portal-space-xs, 0.5em);
    --_space-s: var(--portal-space-s, 0.75em);
    --_space-m: var(--portal-space-m, 1em);
    --_space-l: var(--portal-space-l, 1.5em);
    --_space-xl: var(--portal-space-xl, 2em);
  }
  /* On any element, for it and everything inside it (portal-app's sections, a provider's children). */
  :host([theme='light']) {
    --portal-color-scheme: light;
  }
  :host([theme='dark']) {
    --portal-color-scheme: dark;
  }
`;

/**
 * The parts `<portal-app>` forwards from the elements inside it (`exportparts`), so
 * `portal-app::part(button)` reaches every section's buttons. Shared names only: docs/theming.md.
 */
export const APP_EXPORTED_PARTS =
  'heading, section, header, card, record, button, secondary-button, link-button, input, error, empty, loading';
