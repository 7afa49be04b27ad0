import { msg, str } from '../../i18n/msg.js';
import type { BadgeTone } from '../../internal/content-styles.js';
import type { Membership, MembershipStatus } from '../../model/membership.js';

export function statusText(status: MembershipStatus): string {
  switch (status) {
    case 'Active':
      return msg('Active');
    case 'Suspended':
      return msg('Suspended');
    case 'Expired':
      return msg('Expired');
    case 'Canceled':
      return msg('Canceled');
  }
}

/** Whether a plan in this status can have a next maintenance visit: an expired or canceled plan has none. */
export function hasNextVisit(status: MembershipStatus): boolean {
  return status === 'Active' || status === 'Suspended';
}

export function statusTone(status: MembershipStatus): BadgeTone {
  return status === 'Active' ? 'good' : status === 'Suspended' ? 'warning' : 'neutral';
}

/** "$19.95 a month" */
export function priceText(frequency: Membership['billingFrequency'], price: string): string {
  switch (frequency) {
    case 'Monthly':
      return msg(str`${price} a month`);
    case 'Quarterly':
      return msg(str`${price} a quarter`);
    case 'Annual':
      return msg(str`${price} a year`);
    case 'OneTime':
      return msg(str`${price}, paid once`);
  }
}

/** "1 of 2 used, 1 remaining" */
export function visitsText(visits: Membership['recurringVisits']): string {
  const remaining = Math.max(0, visits.included - visits.used);
  // One left is its own sentence: Spanish says "queda 1" but "quedan 2".
  if (remaining === 1) return msg(str`${visits.used} of ${visits.included} used, 1 remaining`);
  return msg(str`${visits.used} of ${visits.included} used, ${remaining} remaining`);
}
