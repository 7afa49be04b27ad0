/**
 * Emailed links carry their secret in the address's fragment (`#porchlight-reset=…`), which browsers
 * never send to a server or in a Referer header. The element reads it once and removes it. A reset or
 * confirmation link may name the address it was sent to (`&porchlight-email=…`): the card opened on a
 * fresh page can then say whose account it is, and a password manager knows which one to save.
 */
export interface LinkFragment {
  kind: 'reset' | 'sign-up' | 'verify';
  value: string;
  email?: string;
}

export function readLinkFragment(): LinkFragment | null {
  const hash = globalThis.location?.hash ?? '';
  const match = /^#porchlight-(reset|sign-up|verify)=([^&]+)(?:&porchlight-email=(.+))?$/.exec(hash);
  if (!match) return null;
  try {
    const link: LinkFragment = { kind: match[1] as LinkFragment['kind'], value: decodeURIComponent(match[2]!) };
    if (match[3]) link.email = decodeURIComponent(match[3]);
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
