/**
 * Every Porchlight element in its main state (signed in with data, or opened from a link), mounted
 * with plain DOM calls into any document: the test page's own, or a frame's (the strict-CSP page,
 * whose elements are defined in its own window). Used by the host-styles, CSP, dark and zoom tests.
 */
import { waitUntil } from '@open-wc/testing';
import type { PortalAdapter } from '../../src/adapter/portal-adapter.js';
import type { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';
import type { Session } from '../../src/model/session.js';
import { sendLink } from './links.js';
import { DANA, sessionFor } from './portal-fixture.js';

export interface ElementCase {
  /** What the test names. */
  name: string;
  tag: string;
  /** Attributes on the element. */
  attributes?: Record<string, string>;
  /** Signed in as this customer (Dana), or not signed in. */
  signedIn: boolean;
  /** A link the office sent, handed to the element as its `token`. */
  link?: { purpose: 'estimate' | 'pay' | 'visit'; documentId: string };
  /** The element shows its main state (not loading): data, a form. */
  ready: (element: HTMLElement) => boolean;
}

/** Every element of a shadow tree, nested shadow roots included. */
export function deepElements(root: Element): Element[] {
  const found: Element[] = [];
  const walk = (scope: ShadowRoot | Element) => {
    for (const element of scope.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return found;
}

const has = (selector: string) => (element: HTMLElement) => deepElements(element).some((e) => e.matches(selector));
const shows = (text: RegExp) => (element: HTMLElement) => text.test(deepText(element));

/** What a reader sees in the element, nested shadow roots included, whitespace collapsed. */
export function deepText(element: Element): string {
  return deepElements(element)
    .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => (n as Text).data))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first element in `root`'s shadow trees matching `selector`; throws, saying what was shown, when there is none. */
export function deepQuery(root: Element, selector: string): HTMLElement {
  const found = deepElements(root).find((e) => e.matches(selector));
  if (!found) throw new Error(`${selector} not found in <${root.localName}>: ${deepText(root).slice(0, 300)}`);
  return found as HTMLElement;
}

/** Every element in `root`'s shadow trees matching `selector`. */
export function deepQueryAll(root: Element, selector: string): HTMLElement[] {
  return deepElements(root).filter((e) => e.matches(selector)) as HTMLElement[];
}

/** Waits until `root`'s text, shadow trees included, matches `text`; fails saying what it showed. */
export async function untilDeepText(root: Element, text: RegExp): Promise<void> {
  await waitUntil(() => text.test(deepText(root)), `never showed ${String(text)}; showed: ${deepText(root).slice(0, 1500)}`, { timeout: 10_000 });
}

export const ELEMENT_CASES: ElementCase[] = [
  {
    name: 'portal-login, signed out (the sign-in form)',
    tag: 'portal-login',
    signedIn: false,
    // The form is ready before the settings arrive; its line under the form names the company once they do.
    ready: (element) => has('input[type="email"]')(element) && shows(/with Northwind|con Northwind/)(element),
  },
  { name: 'portal-account-switcher', tag: 'portal-account-switcher', signedIn: true, ready: shows(/\w/) },
  { name: 'portal-invoices (the list)', tag: 'portal-invoices', signedIn: true, ready: has('[part~="row"]') },
  { name: 'portal-history (the windowed list)', tag: 'portal-history', signedIn: true, ready: has('[role="row"][data-index]') },
  { name: 'portal-memberships', tag: 'portal-memberships', signedIn: true, ready: has('[part~="record"], [part~="empty"]') },
  { name: 'portal-equipment', tag: 'portal-equipment', signedIn: true, ready: has('[part~="record"], [part~="empty"]') },
  { name: 'portal-visits', tag: 'portal-visits', signedIn: true, ready: has('[part~="record"], [part~="empty"]') },
  { name: 'portal-scheduler (the first step)', tag: 'portal-scheduler', signedIn: true, ready: has('.choice') },
  {
    name: 'portal-estimate (from its link)',
    tag: 'portal-estimate',
    attributes: { 'estimate-id': 'est-2001' },
    signedIn: false,
    link: { purpose: 'estimate', documentId: 'est-2001' },
    ready: has('[part~="option"]'),
  },
  {
    name: 'portal-pay (from its link)',
    tag: 'portal-pay',
    attributes: { 'invoice-id': 'inv-10412' },
    signedIn: false,
    link: { purpose: 'pay', documentId: 'inv-10412' },
    ready: has('[part~="detail"]'),
  },
  {
    name: 'portal-visit-status (from its link)',
    tag: 'portal-visit-status',
    attributes: { 'visit-id': 'appt-job-u1' },
    signedIn: false,
    link: { purpose: 'visit', documentId: 'appt-job-u1' },
    ready: has('[part~="steps"]'),
  },
  {
    name: 'portal-app, signed in (navigation, invoices, the signed-in card)',
    tag: 'portal-app',
    signedIn: true,
    ready: (app) => has('nav a')(app) && has('portal-invoices')(app) && deepElements(app).some((e) => e.matches('[part~="row"]')),
  },
];

export interface Mounted {
  provider: PortalProvider;
  element: HTMLElement;
}

/**
 * Mounts `testCase` inside a `<portal-provider>` appended to `container` (in whatever document it
 * belongs to), with `adapter` when given, and waits until it shows its main state. Signed in with
 * `session`, else a fresh sign-in as Dana (several sign-ins in a row meet the backend's rate limit).
 */
export async function mountCase(
  testCase: ElementCase,
  container: HTMLElement,
  options: { adapter?: PortalAdapter; providerAttributes?: Record<string, string>; timeout?: number; session?: Session } = {},
): Promise<Mounted> {
  const doc = container.ownerDocument;
  const provider = doc.createElement('portal-provider') as PortalProvider;
  provider.setAttribute('api-base', '/api');
  provider.setAttribute('session-persistence', 'memory');
  for (const [name, value] of Object.entries(options.providerAttributes ?? {})) provider.setAttribute(name, value);
  if (options.adapter) provider.adapter = options.adapter;
  const element = doc.createElement(testCase.tag);
  for (const [name, value] of Object.entries(testCase.attributes ?? {})) element.setAttribute(name, value);
  if (testCase.link) {
    const { token } = await sendLink(testCase.link.purpose, testCase.link.documentId);
    (element as HTMLElement & { token?: string }).token = token;
  }
  provider.append(element);
  container.append(provider);
  await provider.updateComplete;
  if (testCase.signedIn) provider.portalState.value.signedIn(options.session ?? (await sessionFor(DANA)));
  await waitUntil(() => testCase.ready(element), `${testCase.name} never showed its main state; showed: ${deepText(element).slice(0, 300)}`, {
    timeout: options.timeout ?? 10_000,
  });
  const list = element as HTMLElement & { listComplete?: () => Promise<void> };
  if (typeof list.listComplete === 'function') await list.listComplete();
  await frames(2);
  return { provider, element };
}

/** A colour as the browser paints it, `rgb(r, g, b)`: computed colours may read `oklch(…)`. */
export function painted(color: string): string {
  return `rgb(${paintedChannels(color).join(', ')})`;
}

/** The same, as its three sRGB channels (0–255). */
export function paintedChannels(color: string): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG relative luminance of an sRGB colour given as channels (0–255). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

/** WCAG contrast ratio of two sRGB colours given as channels (0–255). */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `count` animation frames of the element's window: layout and paint have settled. */
export function frames(count = 2, view: Window = window): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : view.requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
}
