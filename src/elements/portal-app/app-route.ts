/**
 * Where `<portal-app>` keeps its section (and an open invoice) in the page address, touching only its
 * own part of it so the host page's routing keeps working:
 * - `hash` (default): one `key=value` part of the fragment, among the host's own `&`-separated parts
 *   (`#portal=invoices/INV-1042`, or `#tab=2&portal=visits`);
 * - `path`: the segments after `base-path` (`/account/invoices/INV-1042`); the host's server must answer
 *   every address under it with the same page;
 * - `none`: the address is left alone (several portals on one page, a preview).
 */
export type Routing = 'hash' | 'path' | 'none';

export interface Route {
  /** The section the address names, as written (checked against the sections shown by the element). */
  section: string | null;
  /** The invoice open in the invoices section. */
  invoice: string | null;
}

export interface RouteOptions {
  routing: Routing;
  /** The fragment key (`portal`). */
  hashKey: string;
  /** Path routing: the address of the portal's page, e.g. `/account`. */
  basePath: string;
}

export const NO_ROUTE: Route = { section: null, invoice: null };

export function sameRoute(a: Route, b: Route): boolean {
  return a.section === b.section && a.invoice === b.invoice;
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
  const [section, invoice] = value.split('/');
  return { section: decode(section), invoice: decode(invoice) };
}

function toSegments(route: Route): string {
  if (!route.section) return '';
  const section = encodeURIComponent(route.section);
  return route.invoice ? `${section}/${encodeURIComponent(route.invoice)}` : section;
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
