/**
 * A hostile host page: `* { line-height: 3; box-sizing: content-box }`, `html { font-size: 62.5% }`,
 * global `button`/`input`/`h2`/`p` rules, and inherited text settings (upper case, letter spacing, a
 * red `!important` colour). Every element, in its main state, must come out exactly as it was on a
 * clean page — measured on every box of its shadow tree (position, size, font size, line height,
 * colour …), which is what a screenshot compares, minus anti-aliasing — with body text at 16 px and
 * every field inside its card. And the other way: mounting the elements changes nothing on the page.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixtureCleanup } from '@open-wc/testing';
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
import { DANA, sessionFor } from './helpers/portal-fixture.js';
import { ELEMENT_CASES, deepElements, frames, mountCase, painted } from './helpers/every-element.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const HOSTILE_CSS = `
  html { font-size: 62.5%; }
  * {
    line-height: 3;
    box-sizing: content-box;
    letter-spacing: 0.2em;
    word-spacing: 1em;
    text-transform: uppercase;
    font-family: 'Courier New', monospace;
    font-weight: 700;
    font-style: italic;
    text-align: center;
    text-indent: 3em;
    white-space: nowrap;
    color: red !important;
    cursor: crosshair;
  }
  body { font-size: 1.2rem; }
  button { all: unset; padding: 30px; font-size: 30px; background: hotpink; border: 5px solid lime; }
  input, select, textarea { width: 900px; padding: 25px; border: 8px solid lime; font-size: 8px; }
  /* Not div: the test's own container is one, and a narrower container is not a leak. */
  h2, h3, p, label, ul, li, section { margin: 40px; padding: 20px; }
  a { color: lime; font-size: 40px; }
`;

/** What a screenshot would show of a box: where it is, how big, and how its text is set. */
interface BoxLook {
  what: string;
  box: string;
  text: string;
}

const LOOK_PROPERTIES = [
  'font-size',
  'line-height',
  'font-family',
  'font-weight',
  'font-style',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-align',
  'text-indent',
  'white-space',
  'color',
  'background-color',
  'box-sizing',
  'border-top-width',
  'padding-top',
  'margin-top',
] as const;

function describeBox(element: Element): string {
  const classes = element.getAttribute('class');
  const part = element.getAttribute('part');
  return `<${element.localName}${classes ? `.${classes.replace(/\s+/g, '.')}` : ''}${part ? ` part=${part}` : ''}>`;
}

function looks(host: HTMLElement): BoxLook[] {
  const origin = host.getBoundingClientRect();
  const round = (n: number) => Math.round(n * 2) / 2;
  const found: BoxLook[] = [];
  for (const element of [host, ...deepElements(host)]) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const style = getComputedStyle(element);
    found.push({
      what: describeBox(element),
      box: `${round(rect.left - origin.left)},${round(rect.top - origin.top)} ${round(rect.width)}×${round(rect.height)}`,
      text: LOOK_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'),
    });
  }
  return found;
}

function differences(before: BoxLook[], after: BoxLook[]): string[] {
  const found: string[] = [];
  if (before.length !== after.length) found.push(`${before.length} boxes on a clean page, ${after.length} under the hostile styles`);
  for (let i = 0; i < Math.min(before.length, after.length) && found.length < 8; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a.what !== b.what) found.push(`box ${i}: ${a.what} became ${b.what}`);
    else if (a.box !== b.box) found.push(`${a.what} moved or resized: ${a.box} → ${b.box}`);
    else if (a.text !== b.text) {
      const was = a.text.split(';');
      const now = b.text.split(';');
      found.push(`${a.what}: ${was.filter((p, j) => p !== now[j]).join(', ')} → ${now.filter((p, j) => p !== was[j]).join(', ')}`);
    }
  }
  return found;
}

/** Text fields, selects and buttons that stick out of the element, or out of the card they sit in. */
function spills(host: HTMLElement): string[] {
  const found: string[] = [];
  const hostBox = host.getBoundingClientRect();
  for (const control of deepElements(host).filter((e) => e.matches('input:not([type="checkbox"]):not([type="radio"]), select, textarea, button'))) {
    const rect = control.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    // The card it sits in: the nearest ancestor (in its shadow root) with a border, else the host.
    let card: Element | null = control.parentElement;
    while (card && getComputedStyle(card).borderTopWidth === '0px') card = card.parentElement;
    const box = card?.getBoundingClientRect() ?? hostBox;
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) {
      found.push(`${describeBox(control)} (${Math.round(rect.left)}…${Math.round(rect.right)}) outside ${card ? describeBox(card) : 'the host'} (${Math.round(box.left)}…${Math.round(box.right)})`);
    }
  }
  return found;
}

describe('a hostile host stylesheet', () => {
  let hostile: HTMLStyleElement | undefined;

  beforeEach(async function () {
    this.timeout(60_000);
    await startTestBackend();
  });
  afterEach(() => {
    hostile?.remove();
    hostile = undefined;
    fixtureCleanup();
    document.querySelectorAll('.host-styles-test').forEach((e) => e.remove());
  });

  for (const testCase of ELEMENT_CASES) {
    it(`leaves ${testCase.name} exactly as on a clean page`, async function () {
      this.timeout(30_000);
      const container = document.createElement('div');
      container.className = 'host-styles-test';
      document.body.append(container);
      const { element } = await mountCase(testCase, container);
      const clean = looks(element);

      hostile = document.createElement('style');
      hostile.textContent = HOSTILE_CSS;
      document.head.append(hostile);
      await frames(3);
      // The page itself did take the hostile rules: they are in force, and reach the host element.
      expect(getComputedStyle(document.documentElement).fontSize).to.equal('10px');
      expect(getComputedStyle(container).lineHeight).to.equal('36px');

      const styled = looks(element);
      expect(differences(clean, styled)).to.deep.equal([]);
      const hostStyle = getComputedStyle(element);
      expect(hostStyle.fontSize, 'body text follows the reader’s default size, not the page’s root').to.equal('16px');
      expect(hostStyle.lineHeight).to.equal('24px');
      for (const paragraph of deepElements(element).filter((e) => e.matches('p, label, dd, td, li, input'))) {
        expect(parseFloat(getComputedStyle(paragraph).fontSize), describeBox(paragraph)).to.be.at.least(14);
      }
      expect(spills(element)).to.deep.equal([]);
    });
  }

  it('is not restyled by the host’s rules on the element itself either, but by its tokens and parts', async () => {
    const container = document.createElement('div');
    container.className = 'host-styles-test';
    document.body.append(container);
    const { element } = await mountCase(ELEMENT_CASES[0]!, container);
    hostile = document.createElement('style');
    hostile.textContent = `
      portal-login { font-size: 40px; color: lime; --portal-font-size: 20px; --portal-color-brand: #7a1fa2; }
      portal-login::part(button) { border-radius: 0; }
    `;
    document.head.append(hostile);
    await frames(2);
    expect(getComputedStyle(element).fontSize).to.equal('20px');
    const submit = deepElements(element).find((e) => e.matches('button[type="submit"]'))!;
    expect(painted(getComputedStyle(submit).backgroundColor)).to.equal('rgb(122, 31, 162)');
    // White on this purple, chosen from the brand's own lightness.
    expect(painted(getComputedStyle(submit).color)).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(submit).borderTopLeftRadius).to.equal('0px');
  });

  it('a light brand colour gets dark text on its buttons', async () => {
    const container = document.createElement('div');
    container.className = 'host-styles-test';
    document.body.append(container);
    const { element } = await mountCase(ELEMENT_CASES[0]!, container);
    hostile = document.createElement('style');
    hostile.textContent = `.host-styles-test { --portal-color-brand: #ffd23f; }`;
    document.head.append(hostile);
    await frames(2);
    const submit = deepElements(element).find((e) => e.matches('button[type="submit"]'))!;
    expect(painted(getComputedStyle(submit).backgroundColor)).to.equal('rgb(255, 210, 63)');
    expect(painted(getComputedStyle(submit).color)).to.equal('rgb(0, 0, 0)');
  });

  it('changes nothing on the host page: its own elements look the same with every element mounted', async function () {
    this.timeout(120_000);
    const page = document.createElement('div');
    page.className = 'host-styles-test';
    const pageParts = ['h2', 'p', 'button', 'input', 'a', 'ul', 'section'].map((tag) => {
      const element = document.createElement(tag);
      element.textContent = tag === 'input' ? '' : `The host's own ${tag}`;
      page.append(element);
      return element;
    });
    document.body.append(page);
    const read = () =>
      [document.documentElement, document.body, ...pageParts].map((element) => {
        const style = getComputedStyle(element);
        return `${element.localName} ${LOOK_PROPERTIES.map((p) => style.getPropertyValue(p)).join(' ')} ${style.getPropertyValue('color-scheme')} ${style.getPropertyValue('accent-color')}`;
      });
    const before = read();
    const sheetsBefore = [document.styleSheets.length, document.adoptedStyleSheets.length, document.querySelectorAll('style').length];

    const container = document.createElement('div');
    container.className = 'host-styles-test';
    document.body.append(container);
    const session = await sessionFor(DANA);
    for (const testCase of ELEMENT_CASES) {
      const { provider } = await mountCase(testCase, container, { session });
      expect(read(), testCase.name).to.deep.equal(before);
      expect([document.styleSheets.length, document.adoptedStyleSheets.length, document.querySelectorAll('style').length], testCase.name).to.deep.equal(sheetsBefore);
      provider.remove();
    }
  });
});
