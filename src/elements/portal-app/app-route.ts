/**
 * Where `<portal-app>` keeps its section (and an open invoice or estimate) in the page address, touching
 * only its own part of it so the host page's routing keeps working:
 * - `hash` (default): one `key=value` part of the fragment, among the host's own `&`-separated parts
 *   (`#portal=invoices/INV-1042`, `#portal=estimates/est-2001`, or `#tab=2&portal=visits`);
 * - `path`: the segments after `base-path` (`/account/invoices/INV-1042`); the host's server must answer
 *   every address under it with the same page;
 * - `none`: the address is left alone (several portals on one page, a preview).
 */
export type Routing = 'hash' | 'path' | 'none';

export interface Route {
  /** The section the address names, as written (checked against the sections shown by the element). */
  section: string | null;
  /** The document open in the section: an invoice in `invoices`, an estimate in `estimates`. */
  document: string | null;
}

export interface RouteOptions {
  routing: Routing;
  /** The fragment key (`portal`). */
  hashKey: string;
  /** Path routing: the address of the portal's page, e.g. `/account`. */
  basePath: string;
}

export const NO_ROUTE: Route = { section: null, document: null };

export function sameRoute(a: Route, b: Route): boolean {
  return a.section === b.section && a.document === b.document;
}

/** `/account/` → `/account`, `account` → `/account`, `/` → `` (the site's root). */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function decode(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment) || null;
  } catch {
    // A mangled address (a cut-off link): as if it named nothing.
    return null;
  }
}

function fromSegments(value: string): Route {
  const [section, document] = value.split('/');
  return { section: decode(section), document: decode(document) };
}

function toSegments(route: Route): string {
  if (!route.section) return '';
  const section = encodeURIComponent(route.section);
  return route.document ? `${section}/${encodeURIComponent(route.document)}` : section;
}

function hashParts(url: URL): string[] {
  const fragment = url.hash.replace(/^#/, '');
  return fragment ? fragment.split('&') : [];
}

/**
 * What the address says for this portal: `NO_ROUTE` when it names no section (the host's own
 * fragment, a page outside `base-path`), so the element shows its default section.
 */
export function readRoute(url: URL, options: RouteOptions): Route {
  if (options.routing === 'hash') {
    const prefix = `${options.hashKey}=`;
    const part = hashParts(url).find((p) => p.startsWith(prefix));
    return part ? fromSegments(part.slice(prefix.length)) : NO_ROUTE;
  }
  if (options.routing === 'path') {
    const base = normalizeBasePath(options.basePath);
    const path = url.pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return NO_ROUTE;
    return fromSegments(path.slice(base.length + 1));
  }
  return NO_ROUTE;
}

/**
 * The address with this portal's part set to `route` and everything else as it was; `null` when the
 * element must not write the address (`none`, or a page outside `base-path`).
 */
export function addressFor(url: URL, route: Route, options: RouteOptions): URL | null {
  const next = new URL(url.href);
  if (options.routing === 'hash') {
    const prefix = `${options.hashKey}=`;
    const parts = hashParts(url);
    const ours = route.section ? `${prefix}${toSegments(route)}` : null;
    const at = parts.findIndex((p) => p.startsWith(prefix));
    if (at >= 0) {
      if (ours) parts[at] = ours;
      else parts.splice(at, 1);
    } else if (ours) {
      parts.push(ours);
    }
    next.hash = parts.join('&');
    return next;
  }
  if (options.routing === 'path') {
    const base = normalizeBasePath(options.basePath);
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return null;
    const rest = toSegments(route);
    next.pathname = rest ? `${base}/${rest}` : base || '/';
    return next;
  }
  return null;
}

/**
 * A link's address opened in the portal (`<page>?estimate=est-2001#porchlight-link=<token>`, the form of
 * docs/contract/links.md): the section and document it names, for a signed-in customer to see there.
 */
const LINK_PARAMS = [
  ['estimate', 'estimates'],
  ['invoice', 'invoices'],
  ['visit', 'visits'],
] as const;

export function linkRoute(url: URL): Route | null {
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  for (const [param, section] of LINK_PARAMS) {
    const id = url.searchParams.get(param)?.trim() || fragment.get(param)?.trim();
    // A visit opens the visits section; which visit is not part of that section's address.
    if (id) return { section, document: section === 'visits' ? null : id };
  }
  return null;
}

/**
 * The address without the link's parts (the document in the query, the token and document in the
 * fragment): once the signed-in portal shows the document through the account, the token is not left
 * in the address, its history entry or a bookmark.
 */
export function withoutLink(url: URL): URL {
  const next = new URL(url.href);
  for (const [param] of LINK_PARAMS) next.searchParams.delete(param);
  const parts = next.hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part && !/^(porchlight-link|estimate|invoice|visit)=/.test(part));
  next.hash = parts.join('&');
  return next;
}
