/** Looking inside `<portal-app>`: its sections live in nested shadow roots. */
import { waitUntil } from '@open-wc/testing';
import type { PortalApp } from '../../src/elements/portal-app/portal-app.js';

/** Every element matching `selector` in `root`'s shadow tree, nested shadow roots included. */
export function deepAll<E extends Element = HTMLElement>(root: Element, selector: string): E[] {
  const found: E[] = [];
  const walk = (scope: ShadowRoot | Element) => {
    found.push(...(scope.querySelectorAll(selector) as NodeListOf<E>));
    for (const element of scope.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
  };
  walk(root.shadowRoot ?? root);
  return found;
}

export function deep<E extends Element = HTMLElement>(root: Element, selector: string): E | null {
  return deepAll<E>(root, selector)[0] ?? null;
}

/** What a reader sees in the element, nested shadow roots included, whitespace collapsed. */
export function deepText(root: Element): string {
  const text = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return (node as Text).data;
    if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return '';
    const element = node as Element;
    const children = element.shadowRoot ? [...element.shadowRoot.childNodes] : [...node.childNodes];
    return children.map(text).join(' ');
  };
  return text(root).replace(/\s+/g, ' ').trim();
}

/** The element that really has focus, through every shadow root. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function navLinks(app: PortalApp): HTMLAnchorElement[] {
  return [...(app.shadowRoot?.querySelectorAll<HTMLAnchorElement>('nav a') ?? [])];
}

export function currentLink(app: PortalApp): HTMLAnchorElement | undefined {
  return navLinks(app).find((a) => a.getAttribute('aria-current') === 'page');
}

export function linkTo(app: PortalApp, name: string): HTMLAnchorElement {
  const link = navLinks(app).find((a) => a.textContent?.trim() === name);
  if (!link) throw new Error(`no link "${name}" in ${navLinks(app).map((a) => a.textContent?.trim()).join(', ')}`);
  return link;
}

/** Waits until the section's element has rendered its heading (its code loaded, its first render done). */
export async function untilSection(app: PortalApp, tag: string, timeout = 10000) {
  await waitUntil(() => deep(app, `${tag}`)?.shadowRoot?.querySelector('#heading'), `<${tag}> never showed in <portal-app>`, { timeout });
  return deep(app, tag)!;
}

/** `waitUntil` with room for a loaded two-core machine (its default is one second). */
export function until(check: () => unknown, message: string, timeout = 10000) {
  return waitUntil(check, message, { timeout });
}

/** The page address with no fragment (what each test starts from). */
export function clearAddress() {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}
