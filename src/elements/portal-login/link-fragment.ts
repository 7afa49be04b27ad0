/**
 * Emailed links carry their secret in the address's fragment (`#porchlight-reset=…`), which browsers
 * never send to a server or in a Referer header. The element reads it once and removes it.
 */
export interface LinkFragment {
  kind: 'reset' | 'sign-up' | 'verify';
  value: string;
}

export function readLinkFragment(): LinkFragment | null {
  const hash = globalThis.location?.hash ?? '';
  const match = /^#porchlight-(reset|sign-up|verify)=(.+)$/.exec(hash);
  if (!match) return null;
  let value: string;
  try {
    value = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  return { kind: match[1] as LinkFragment['kind'], value };
}

export function clearLinkFragment() {
  const url = new URL(globalThis.location.href);
  url.hash = '';
  globalThis.history.replaceState(globalThis.history.state, '', url);
}
