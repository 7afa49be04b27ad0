/** Pure facts about a piece of equipment, relative to today's date in the contractor's zone. */
import { msg, str } from '../../i18n/msg.js';
import type { BadgeTone } from '../../internal/content-styles.js';
import { daysBetween } from '../../internal/format.js';

export type WarrantyState = 'active' | 'ending' | 'expired';

/** A warranty ending within this many days is "ending soon". */
export const WARRANTY_WARNING_DAYS = 90;

export function warrantyState(end: string, today: string): WarrantyState {
  const days = daysBetween(today, end);
  if (days < 0) return 'expired';
  return days <= WARRANTY_WARNING_DAYS ? 'ending' : 'active';
}

export function warrantyStateText(state: WarrantyState): string {
  switch (state) {
    case 'active':
      return msg('Active');
    case 'ending':
      return msg('Ending soon');
    case 'expired':
      return msg('Expired');
  }
}

export function warrantyTone(state: WarrantyState): BadgeTone {
  return state === 'active' ? 'good' : state === 'ending' ? 'warning' : 'danger';
}

/**
 * "13 years", "8 months", "Less than a month": whole calendar years and months, as a birthday counts
 * them (installed Nov 27, 2024 is 2 years old on Nov 27, 2026; 730 days divided by 365.25 would say 1).
 */
export function ageText(installedOn: string, today: string): string {
  const [fromYear = 0, fromMonth = 0, fromDay = 0] = installedOn.split('-').map(Number);
  const [toYear = 0, toMonth = 0, toDay = 0] = today.split('-').map(Number);
  const months = Math.max(0, (toYear - fromYear) * 12 + (toMonth - fromMonth) - (toDay < fromDay ? 1 : 0));
  const years = Math.floor(months / 12);
  if (years >= 1) return years === 1 ? msg('1 year') : msg(str`${years} years`);
  if (months >= 1) return months === 1 ? msg('1 month') : msg(str`${months} months`);
  return msg('Less than a month');
}
