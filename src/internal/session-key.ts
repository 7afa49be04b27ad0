/**
 * Where a browser keeps a portal's session (local or session storage): one key per API base, or per
 * provider's own key. A module of its own so the sign-in card can tell, before the state's code has
 * arrived, that it is about to show a signed-in customer rather than the form.
 */
export function keptSessionKey(name: string): string {
  return `porchlight.session:${name}`;
}
