/**
 * An email as the portal compares and shows it: trimmed, in lower case. Sign-up matches the address
 * on file this way, the session carries it this way, and the sign-in card shows it this way. No zod
 * here: the sign-in card's code imports it without the schemas.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

