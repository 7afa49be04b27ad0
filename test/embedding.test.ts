/** What a guest on someone else's page must survive: the host's CSS, a second copy of the bundle, markup in data. */
import { expect, fixture, html } from '@open-wc/testing';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import { define } from '../src/internal/define.js';
import '../src/index.js';
import { backend, startTestBackend } from './helpers/backend.js';
import { $, DANA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';

describe('embedding', () => {
  beforeEach(() => startTestBackend());

  it('keeps its own text styles under a hostile host stylesheet', async () => {
    const style = await fixture<HTMLStyleElement>(html`<style>
      body, div { letter-spacing: 6px; text-transform: uppercase; font-style: italic; white-space: pre; text-align: center; line-height: 4; word-spacing: 20px; }
      button, input, h2 { background: hotpink !important; font-size: 40px !important; display: none !important; }
    </style>`);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    await untilText(element, 'Sign in');
    const heading = getComputedStyle($(element, 'h2'));
    expect(heading.letterSpacing).to.equal('normal');
    expect(heading.textTransform).to.equal('none');
    expect(heading.fontStyle).to.equal('normal');
    expect(heading.whiteSpace).to.equal('normal');
    expect(heading.display).to.equal('block');
    const button = getComputedStyle($(element, 'button[type="submit"]'));
    expect(button.display).not.to.equal('none');
    expect(button.backgroundColor).not.to.equal('rgb(255, 105, 180)');
    style.remove();
  });

  it('follows the theming tokens set by the host page', async () => {
    const { element, provider } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    provider.style.setProperty('--portal-color-brand', 'rgb(10, 120, 40)');
    await untilText(element, 'Sign in');
    expect(getComputedStyle($(element, 'button[type="submit"]')).backgroundColor).to.equal('rgb(10, 120, 40)');
  });

  it('gives buttons their own corner radius: pill buttons leave the fields and messages as they were', async () => {
    const { element, provider } = await mount<PortalLogin>(html`<portal-login></portal-login>`);
    provider.style.setProperty('--portal-radius', '3px');
    provider.style.setProperty('--portal-radius-button', '999px');
    await untilText(element, 'Sign in');
    expect(getComputedStyle($(element, 'button[type="submit"]')).borderTopLeftRadius).to.equal('999px');
    expect(getComputedStyle($(element, 'input[name="email"]')).borderTopLeftRadius).to.equal('3px');
    provider.style.removeProperty('--portal-radius-button');
    // Without its own token, a button follows --portal-radius.
    expect(getComputedStyle($(element, 'button[type="submit"]')).borderTopLeftRadius).to.equal('3px');
  });

  it('warns instead of throwing when a tag is registered twice (the bundle loaded twice)', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      expect(() => define('portal-login', class extends HTMLElement {})).not.to.throw();
    } finally {
      console.warn = original;
    }
    expect(String(warnings[0])).to.contain('portal-login');
  });

  it('renders names from the contractor’s records as text, never as markup', async () => {
    const state = await backend.inspect();
    state.customers[0]!.name = '<img src=x onerror="window.__pwned=1"><b>Dana</b>';
    await backend.restore(state);
    const { element } = await mount<PortalLogin>(html`<portal-login></portal-login>`, { session: await sessionFor(DANA) });
    await untilText(element, '<b>Dana</b>');
    expect(element.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(textOf(element)).to.contain('<img src=x');
  });
});
