/**
 * The checks a customer expects before a card is sent: number (length and Luhn checksum), expiry,
 * security code and postal code. Pure functions; the backend repeats every check itself.
 */
import { msg } from '../../i18n/msg.js';

import { brandOf, cardDigits, passesLuhn } from '../../model/card-number.js';

export { cardDigits };

/** What the customer typed in the pay form, kept so nothing is lost across re-renders and failures. */
export interface CardDraft {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export type CardField = keyof CardDraft;

export const emptyCard: CardDraft = { number: '', expiry: '', cvc: '', postalCode: '' };

/** "4242424242424242" → "4242 4242 4242 4242" (Amex 4-6-5), as the card shows it. */
export function formatCardNumber(value: string): string {
  const digits = cardDigits(value).replace(/\D/g, '').slice(0, 19);
  const groups = brandOf(digits) === 'Amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/** "04/29", "4/2029", "0429" → { month: 4, year: 2029 }. */
export function parseExpiry(value: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const rawYear = match[2]!;
  const year = rawYear.length === 2 ? 2000 + Number(rawYear) : Number(rawYear);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/** Each field's problem, in words the customer can act on; empty when the card can be sent. */
export function checkCard(draft: CardDraft, now = new Date()): Partial<Record<CardField, string>> {
  const problems: Partial<Record<CardField, string>> = {};
  const digits = cardDigits(draft.number);
  if (!digits) problems.number = msg('Enter the card number.');
  else if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) {
    problems.number = msg('This card number isn’t valid. Check the digits.');
  }
  const expiry = parseExpiry(draft.expiry);
  if (!draft.expiry.trim()) problems.expiry = msg('Enter the expiry date as MM/YY.');
  else if (!expiry) problems.expiry = msg('Enter the expiry date as MM/YY, for example 04/29.');
  else if (expiry.year * 12 + expiry.month - 1 < now.getFullYear() * 12 + now.getMonth()) {
    problems.expiry = msg('This card has expired. Use another card.');
  }
  const amex = brandOf(digits) === 'Amex';
  if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(draft.cvc.trim())) {
    problems.cvc = amex
      ? msg('Enter the 4-digit security code on the front of the card.')
      : msg('Enter the 3-digit security code on the back of the card.');
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(draft.postalCode.trim())) {
    problems.postalCode = msg('Enter the billing postal code of the card.');
  }
  return problems;
}
