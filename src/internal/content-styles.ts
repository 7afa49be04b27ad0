import { css } from 'lit';

/**
 * What the data inside the elements' cards shares: status badges and quiet panels (invoices, pay,
 * estimate, memberships, equipment, visits). Kept out of shared-styles.ts: the sign-in card has
 * neither, and its first load counts every byte (issue 10's budget).
 */
export const contentStyles = css`
  /*
   * A status in a word ("Past due", "Active", "Recommended"): one size and shape everywhere, its tone a
   * soft tint of its own colour behind text in that colour, which reads in light and in dark (the tone
   * colours are the text colours the theme already checks against the card and the muted surface).
   */
  .badge {
    display: inline-block;
    padding: 0 var(--_space-xs);
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_color-text-muted);
    background: color-mix(in srgb, currentColor 14%, transparent);
  }
  .badge.good {
    color: var(--_color-success);
  }
  .badge.warning {
    color: var(--_color-warning);
  }
  .badge.danger {
    color: var(--_color-danger);
  }
  .badge.brand {
    color: var(--_color-brand-text);
  }
  /*
   * A card inside an element's card (a record, an estimate's terms, an invoice's payments): a quiet
   * panel, not a second frame.
   */
  .quiet {
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-muted-surface);
  }
`;

/** A badge's tone: its class beside `badge` (none is neutral). */
export type BadgeTone = 'good' | 'warning' | 'danger' | 'neutral' | 'brand';
