/**
 * A simulated card processor, the reference backend's stand-in for Stripe, Adyen, Worldpay…
 * Documented test numbers (docs/contract/billing.md) give each outcome a payment page must handle.
 * The processor sees the full card; what it hands back, and all the backend ever keeps, is the
 * brand and the last four digits.
 */
import { brandOf, cardDigits as digitsOnly, passesLuhn, type CardBrand } from '../src/model/card-number.js';

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode: string;
}

export type ChargeOutcome =
  | { outcome: 'approved'; brand: CardBrand; last4: string; chargeId: string }
  /** The processor charged the card, then the answer never reached the customer (connection lost). */
  | { outcome: 'approved-answer-lost'; brand: CardBrand; last4: string; chargeId: string }
  | { outcome: 'declined'; reason: 'card_declined' | 'insufficient_funds' }
  /** The processor could not be reached or failed: nothing was charged. */
  | { outcome: 'processor-error' };

/** Documented test numbers. Any other number that passes the checks is approved. */
export const TEST_CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  discover: '6011111111111117',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processorError: '4000000000000119',
  networkFailure: '4000000000007700',
} as const;

/** Why a card cannot be charged before asking the processor, as `{field, message}`; null when it can. */
export function cardProblem(card: CardInput, now: Date): { field: string; message: string } | null {
  const digits = digitsOnly(card.number);
  if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) {
    return { field: 'card.number', message: 'The card number is not valid.' };
  }
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    return { field: 'card.expMonth', message: 'The expiry month is not valid.' };
  }
  if (!Number.isInteger(card.expYear) || card.expYear < 2000 || card.expYear > 2100) {
    return { field: 'card.expYear', message: 'The expiry year is not valid.' };
  }
  // A card works through the last day of its expiry month.
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (card.expYear * 12 + (card.expMonth - 1) < thisMonth) {
    return { field: 'card.expYear', message: 'The card has expired.' };
  }
  const cvcLength = brandOf(digits) === 'Amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc)) {
    return { field: 'card.cvc', message: `The security code is ${cvcLength} digits.` };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(card.postalCode.trim())) {
    return { field: 'card.postalCode', message: 'The postal code is not valid.' };
  }
  return null;
}

let chargeCounter = 0;

/** Charges a card already checked with `cardProblem`. */
export function charge(card: CardInput): ChargeOutcome {
  const digits = digitsOnly(card.number);
  const brand = brandOf(digits);
  const last4 = digits.slice(-4);
  const chargeId = `ch_${Date.now().toString(36)}${(++chargeCounter).toString(36)}`;
  switch (digits) {
    case TEST_CARDS.declined:
      return { outcome: 'declined', reason: 'card_declined' };
    case TEST_CARDS.insufficientFunds:
      return { outcome: 'declined', reason: 'insufficient_funds' };
    case TEST_CARDS.processorError:
      return { outcome: 'processor-error' };
    case TEST_CARDS.networkFailure:
      return { outcome: 'approved-answer-lost', brand, last4, chargeId };
    default:
      return { outcome: 'approved', brand, last4, chargeId };
  }
}
