/**
 * Light and dark: every element in its main state passes axe in dark mode, and every piece of text
 * reads against what is painted behind it (WCAG AA: 4.5:1, 3:1 for large text), in dark and in light.
 * The scheme follows the reader's system, is forced by `theme` on an element or a provider, or by
 * `--portal-color-scheme` on any ancestor.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-app.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-estimate.js';
import '../src/define/portal-history.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-pay.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visit-status.js';
import '../src/define/portal-visits.js';
import { startTestBackend } from './helpers/backend.js';
import { ELEMENT_CASES, contrastRatio, deepElements, frames, luminance, mountCase, painted } from './helpers/every-element.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

type Rgba = [number, number, number, number];

/** A colour as painted, with its alpha (0–1). */
function rgba(color: string): Rgba {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

/** The element's parent in the rendered (flat) tree: through slots and out of shadow roots. */
function flatParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** What is painted behind the element's text: its own and its ancestors' backgrounds, blended. */
function backdrop(element: Element): [number, number, number] {
  const layers: Rgba[] = [];
  for (let at: Element | null = element; at; at = flatParent(at)) {
    const layer = rgba(getComputedStyle(at).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  let [r, g, b] = [255, 255, 255]; // the test page's own white
  for (const [lr, lg, lb, la] of layers.reverse()) {
    r = lr * la + r * (1 - la);
    g = lg * la + g * (1 - la);
    b = lb * la + b * (1 - la);
  }
  return [r, g, b];
}

/** Is the element (or an ancestor) dimmed on purpose: a disabled control, which WCAG exempts. */
function dimmed(element: Element): boolean {
  for (let at: Element | null = element; at; at = flatParent(at)) {
    if (Number(getComputedStyle(at).opacity) < 1) return true;
  }
  return false;
}

/** Text that does not reach AA against what is behind it. */
function lowContrast(host: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of deepElements(host)) {
    const text = [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => (n as Text).data.trim())
      .join(' ')
      .trim();
    if (!text || element.matches('option, style, script, .visually-hidden, .trap *')) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || dimmed(element)) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden') continue;
    const [r, g, b, a] = rgba(style.color);
    const behind = backdrop(element);
    const fore = [r * a + behind[0] * (1 - a), g * a + behind[1] * (1 - a), b * a + behind[2] * (1 - a)];
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const ratio = contrastRatio(fore, behind);
    if (ratio < (large ? 3 : 4.5)) {
      found.push(`<${element.localName} class="${element.getAttribute('class') ?? ''}"> “${text.slice(0, 30)}”: ${ratio.toFixed(2)}:1 (${fore.map(Math.round).join(',')} on ${behind.map(Math.round).join(',')})`);
    }
  }
  return found;
}

describe('light and dark', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  afterEach(async () => {
    fixtureCleanup();
    document.querySelectorAll('.dark-test').forEach((e) => e.remove());
    await emulateMedia({ colorScheme: 'light' });
  });

  function container(): HTMLElement {
    const element = document.createElement('div');
    element.className = 'dark-test';
    document.body.append(element);
    return element;
  }

  for (const testCase of ELEMENT_CASES) {
    it(`${testCase.name}: dark passes axe, and every text reads in dark and in light`, async function () {
      this.timeout(60_000);
      const { element, provider } = await mountCase(testCase, container(), { providerAttributes: { theme: 'dark' } });
      expect(getComputedStyle(element).colorScheme).to.equal('dark');
      // Dark paints its own background (the card's; <portal-app>'s own around its cards): light text
      // never lands on the page's white (lowContrast below reads every text against what is behind it).
      const card = deepElements(element).find((e) => e.matches('[part~="card"], [part~="section"]')) ?? element;
      const behind = element.localName === 'portal-app' ? element : card;
      expect(painted(getComputedStyle(behind).backgroundColor)).not.to.equal('rgb(255, 255, 255)');
      expect(lowContrast(element), 'dark').to.deep.equal([]);
      await expect(element).to.be.accessible();

      provider.setAttribute('theme', 'light');
      await frames(2);
      expect(getComputedStyle(element).colorScheme).to.equal('light');
      expect(lowContrast(element), 'light').to.deep.equal([]);
    });
  }

  it('the contrast check catches a token that does not read (dark text on the dark card)', async () => {
    const outer = container();
    outer.style.setProperty('--portal-color-text', '#2a2f3a');
    const { element } = await mountCase(ELEMENT_CASES[0]!, outer, { providerAttributes: { theme: 'dark' } });
    expect(lowContrast(element).length).to.be.greaterThan(0);
  });

  it('follows the reader’s system setting unless told otherwise', async () => {
    const { element, provider } = await mountCase(ELEMENT_CASES[0]!, container());
    const card = deepElements(element).find((e) => e.matches('[part~="card"]'))!;
    const cardColour = () => painted(getComputedStyle(card).backgroundColor);
    expect(cardColour()).to.equal('rgb(255, 255, 255)');

    await emulateMedia({ colorScheme: 'dark' });
    await frames(2);
    const dark = cardColour();
    expect(luminance(dark.match(/\d+/g)!.map(Number))).to.be.lessThan(0.05);

    // theme="light" on the provider wins over the system, for everything inside it.
    provider.setAttribute('theme', 'light');
    await frames(2);
    expect(cardColour()).to.equal('rgb(255, 255, 255)');
    // And theme on the element itself wins over its provider.
    element.setAttribute('theme', 'dark');
    await frames(2);
    expect(cardColour()).to.equal(dark);
  });

  it('takes theme as a property too, as React and Vue set it, on the provider and on an element', async () => {
    const { element, provider } = await mountCase(ELEMENT_CASES[0]!, container());
    (provider as HTMLElement & { theme?: string }).theme = 'dark';
    await (provider as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(provider.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
    (element as HTMLElement & { theme?: string }).theme = 'light';
    await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(element.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(element).colorScheme).to.equal('light');
  });

  it('takes --portal-color-scheme from any ancestor, through <portal-app>’s own shadow root to its sections', async function () {
    this.timeout(60_000);
    const outer = container();
    outer.style.setProperty('--portal-color-scheme', 'dark');
    const app = ELEMENT_CASES.find((c) => c.tag === 'portal-app')!;
    const { element } = await mountCase(app, outer);
    const invoices = deepElements(element).find((e) => e.localName === 'portal-invoices')!;
    const login = deepElements(element).find((e) => e.localName === 'portal-login')!;
    for (const inner of [element, invoices, login]) expect(getComputedStyle(inner).colorScheme, inner.localName).to.equal('dark');
    // theme on <portal-app> themes its sections too.
    element.setAttribute('theme', 'light');
    await frames(2);
    for (const inner of [element, invoices, login]) expect(getComputedStyle(inner).colorScheme, inner.localName).to.equal('light');
  });
});
