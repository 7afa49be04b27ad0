/**
 * Links without a sign-in carry their token in the page address's fragment,
 * `https://…/estimate?estimate=est-2001#porchlight-link=<token>` (docs/contract/links.md): browsers never
 * send a fragment to a server or in a Referer header.
 *
 * Unlike a password-reset link, the fragment is left in place: the same link opens the same document
 * again (a reload, a customer who comes back to approve tomorrow), and the token is worth no more than
 * the message it came in. It only ever reaches the backend, in the `X-Porchlight-Link` header.
 */

/** The fragment's parameters: `#porchlight-link=<token>&estimate=<id>` → a URLSearchParams. */
function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, ''));
}

/** The link's token from the page address, or null when the page was not opened from a link. */
export function readLinkToken(location: Pick<Location, 'hash'> | undefined = globalThis.location): string | null {
  const token = fragmentParams(location?.hash ?? '').get('porchlight-link')?.trim();
  return token ? token : null;
}

/**
 * A document id from the page address: the query parameter `name` (`?estimate=est-2001`), else the
 * same name in the fragment (`#porchlight-link=…&estimate=est-2001`). Null when neither has it.
 */
export function readDocumentId(name: string, location: Pick<Location, 'hash' | 'search'> | undefined = globalThis.location): string | null {
  if (!location) return null;
  const id = new URLSearchParams(location.search).get(name)?.trim() || fragmentParams(location.hash).get(name)?.trim();
  return id ? id : null;
}
