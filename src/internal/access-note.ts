/**
 * Why some of an account's data is missing: the sign-in's access at each location. Shared by the
 * elements that show per-location data (visits, equipment, memberships) and the account switcher.
 */
import { msg, str } from '../i18n/msg.js';
import { html, nothing } from 'lit';
import type { AccountGrant, LocationGrant } from '../model/session.js';
import type { PublicSettings } from '../model/settings.js';

export function formatList(items: string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** Whether this sign-in sees the account's billing documents (invoices, payments, estimates): billing access at some location. */
export function seesBilling(account: AccountGrant): boolean {
  return account.locations.some((l) => l.access === 'billing');
}

/** What one location's access allows, in a sentence fragment. */
export function accessText(access: LocationGrant['access']): string {
  switch (access) {
    case 'billing':
      return msg('Everything, including invoices and payments');
    case 'nonBilling':
      return msg('Visits, equipment and memberships; billing is handled by the account holder');
    case 'none':
      return msg('Not included in your sign-in');
  }
}

/**
 * Sentences explaining what the sign-in does not show for this account, or nothing when it sees
 * every location in full.
 */
export function accessNote(account: AccountGrant, settings: PublicSettings | null, locale: string) {
  const names = (access: LocationGrant['access']) =>
    formatList(account.locations.filter((l) => l.access === access).map((l) => l.name), locale);
  const partial = account.locations.some((l) => l.access === 'nonBilling');
  const hidden = account.locations.some((l) => l.access === 'none');
  if (!partial && !hidden) return nothing;
  const partialNames = names('nonBilling');
  const hiddenNames = names('none');
  const ask = settings
    ? msg(html`To see more, ask the account holder or call ${settings.companyName} at <span class="nowrap">${settings.companyPhone}</span>.`)
    : msg('To see more, ask the account holder.');
  return html`<p class="message info access-note" part="access-note">
    ${partial ? msg(str`You can see visits, equipment and memberships at ${partialNames}; billing is handled by the account holder.`) : nothing}
    ${hidden ? msg(str`Your sign-in does not include ${hiddenNames}, so nothing from there is shown.`) : nothing}
    ${hidden ? ask : nothing}
  </p>`;
}
