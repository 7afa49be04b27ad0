/**
 * `<portal-scheduler>` on a phone held upright (320 px) on a page with no margin of its own: the
 * element's edges are the screen's, and a focus ring past them is cut off. Each ring the keyboard
 * brings up, on the headings focused when the step changes and on the full-width day tiles, stays
 * inside the element.
 */
import { expect, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { PortalScheduler } from '../src/elements/portal-scheduler/portal-scheduler.js';
import '../src/define/portal-scheduler.js';
import { changeSettings } from './helpers/account.js';
import { clock, httpAdapter, startTestBackend } from './helpers/backend.js';
import { $, mount, type, untilText } from './helpers/portal-fixture.js';
import { SCHEDULING_NOW, SchedulingHooks } from './helpers/scheduling.js';

/** How far the focused element's ring reaches past each of the host's edges (0 or less: inside). */
function ringOverflow(host: HTMLElement) {
  const focused = host.shadowRoot!.activeElement as HTMLElement;
  expect(focused.matches(':focus-visible'), `${focused.localName}#${focused.id} shows its ring`).to.equal(true);
  const style = getComputedStyle(focused);
  expect(style.outlineStyle).to.equal('solid');
  const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const ring = focused.getBoundingClientRect();
  const box = host.getBoundingClientRect();
  return {
    left: Math.round(box.left - (ring.left - reach)),
    right: Math.round(ring.right + reach - box.right),
    top: Math.round(box.top - (ring.top - reach)),
  };
}

const inside = { left: 0, right: 0, top: 0 };
function expectInside(host: HTMLElement, what: string) {
  const overflow = ringOverflow(host);
  const clamped = { left: Math.max(0, overflow.left), right: Math.max(0, overflow.right), top: Math.max(0, overflow.top) };
  expect(clamped, `${what}: the ring's reach past the element's edges (px)`).to.deep.equal(inside);
}

async function openScheduler() {
  clock.offsetMs = SCHEDULING_NOW - Date.now();
  const { element } = await mount<PortalScheduler>(html`<portal-scheduler .browserTimeZone=${'America/Chicago'}></portal-scheduler>`, {
    adapter: new SchedulingHooks().adapter(httpAdapter()),
  });
  return element;
}

/** Presses Enter on `target` (a field of the form, or its Next), as a keyboard user does. */
async function enterOn(element: PortalScheduler, target: string) {
  $(element, target).focus();
  await sendKeys({ press: 'Enter' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  await element.updateComplete;
}

describe('<portal-scheduler> at 320 px', () => {
  let margin = '';
  before(async () => {
    await setViewport({ width: 320, height: 640 });
    margin = document.body.style.margin;
    document.body.style.margin = '0';
  });
  after(async () => {
    document.body.style.margin = margin;
    await setViewport({ width: 800, height: 600 });
  });
  beforeEach(() => startTestBackend());

  it('keeps the ring of the step’s heading, focused on a new step, and of a day tile inside the element', async () => {
    const element = await openScheduler();
    await untilText(element, 'Step 1 of 6');
    expect(element.getBoundingClientRect().width).to.equal(320);
    type($(element, '#field-zip'), '62704');
    await enterOn(element, '#field-zip');
    await untilText(element, 'What do you need?');
    expect(element.shadowRoot!.activeElement!.id).to.equal('step-heading');
    expectInside(element, 'the step’s heading');
    $(element, '#service-svc-heating').click();
    type($(element, '#field-description'), 'The furnace clicks but never lights.');
    await enterOn(element, 'form button[type="submit"]');
    await untilText(element, 'Next open days');
    expect(element.shadowRoot!.activeElement!.id).to.equal('step-heading');
    expectInside(element, 'the step’s heading');
    // Tab from the heading reaches the first day tile, which spans the width.
    for (let i = 0; i < 10 && !element.shadowRoot!.activeElement?.matches('.day-list button'); i++) await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement!.getAttribute('data-date')).to.equal('2026-11-18');
    expectInside(element, 'a day tile');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expectInside(element, 'a chosen day tile');
  });

  it('keeps the ring of the heading “Request a visit”, focused when there is no step to show, inside the element', async () => {
    await changeSettings({ schedulerEnabled: false });
    const element = await openScheduler();
    await untilText(element, 'Online appointment requests are not available right now');
    // The keyboard was used last (a "Request a visit" button pressed with Enter on the page).
    await sendKeys({ press: 'Shift' });
    element.open();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement!.id).to.equal('heading');
    expectInside(element, 'the element’s heading');
  });
});
