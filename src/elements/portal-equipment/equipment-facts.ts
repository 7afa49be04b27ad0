/** Pure facts about a piece of equipment, relative to today's date in the contractor's zone. */
import { msg, str } from '../../i18n/msg.js';
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

export function warrantyTone(state: WarrantyState): string {
  return state === 'active' ? 'good' : state === 'ending' ? 'warn' : 'bad';
}

/** "13 years", "8 months", "Less than a month". */
export function ageText(installedOn: string, today: string): string {
  const days = Math.max(0, daysBetween(installedOn, today));
  const years = Math.floor(days / 365.25);
  if (years >= 1) return years === 1 ? msg('1 year') : msg(str`${years} years`);
  const months = Math.floor(days / 30.44);
  if (months >= 1) return months === 1 ? msg('1 month') : msg(str`${months} months`);
  return msg('Less than a month');
}
