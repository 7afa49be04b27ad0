/**
 * The consents a new estimate asks for: agreement to the terms (at their version) and to signing
 * electronically, each in English and Spanish. They are the portal's words, not the contractor's: a
 * Spanish reader is shown, and signs, the Spanish (the signature record keeps the text as shown).
 */
import type { ConsentText } from '../../src/model/index.js';

export const standardConsents = (termsVersion: string): ConsentText[] => [
  {
    id: 'terms',
    version: termsVersion,
    text: 'I have read and agree to the terms above.',
    translations: { es: { text: 'He leído y acepto los términos anteriores.' } },
  },
  {
    id: 'e-sign',
    version: termsVersion,
    text: 'I agree to sign this estimate electronically; my typed name is my signature.',
    translations: { es: { text: 'Acepto firmar este presupuesto electrónicamente; mi nombre escrito es mi firma.' } },
  },
];
