/**
 * Emailed links carry their secret in the address's fragment (`#porchlight-reset=…`), which browsers
 * never send to a server or in a Referer header. The element reads it once and removes it. A confirmation
 * link may name the address it was sent to (`&porchlight-email=…`): the card opened on a fresh page can
 * then say whose account it confirms (the step shows it only when it is an address: anyone can write a
 * fragment, and it must not put other words on the contractor's page); only the password chosen at
 * sign-up completes it.
 */
export interface LinkFragment {
  kind: 'reset' | 'sign-up' | 'verify';
  value: string;
  email?: string;
}

export function readLinkFragment(): LinkFragment | null {
  const hash = globalThis.location?.hash ?? '';
  const [first = '', ...rest] = hash.split('&');
  const match = /^#porchlight-(reset|sign-up|verify)=(.+)$/.exec(first);
  if (!match) return null;
  try {
    const link: LinkFragment = { kind: match[1] as LinkFragment['kind'], value: decodeURIComponent(match[2]!) };
    const named = rest.find((part) => part.startsWith('porchlight-email='));
    if (named) link.email = decodeURIComponent(named.slice(17));
    return link;
  } catch {
    return null;
  }
}

export function clearLinkFragment() {
  const url = new URL(globalThis.location.href);
  url.hash = '';
  globalThis.history.replaceState(globalThis.history.state, '', url);
}
