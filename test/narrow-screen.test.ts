/**
 * A phone held upright: at a 320 × 640 viewport (the page keeping 1rem at each side) no element
 * scrolls sideways or sticks out of its box, signed in, in each view; long emails and invoice numbers
 * wrap, with their full text still there.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { PortalDateGrid } from '../src/elements/portal-scheduler/date-grid.js';
import type { Session } from '../src/model/session.js';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-estimate.js';
import '../src/define/portal-history.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-pay.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visits.js';
import { backend, startTestBackend } from './helpers/backend.js';
import { samSession } from './helpers/account.js';
import { sendLink } from './helpers/links.js';
import { $$, DANA, PRIYA, mount, sessionFor, textOf, untilText } from './helpers/portal-fixture.js';
import { contrastRatio, deepElements, painted, paintedChannels } from './helpers/every-element.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const PAGE_PADDING = 16;

function describe_(element: Element): string {
  const classes = element.getAttribute('class');
  return `<${element.localName}${classes ? ` class="${classes}"` : ''}> “${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}”`;
}

/**
 * What scrolls sideways or sticks out of the host: the page itself, the host, any scroll container
 * inside, and any rendered box past the host's edges. Empty when everything fits.
 */
export function sidewaysProblems(host: HTMLElement): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
  if (host.scrollWidth > host.clientWidth) problems.push(`<${host.localName}> scrolls sideways: ${host.scrollWidth} > ${host.clientWidth}`);
  const box = host.getBoundingClientRect();
  for (const element of deepElements(host)) {
    const rect = element.getBoundingClientRect();
    // Zero-size and visually hidden (1 px, clipped) boxes take no room on screen.
    if (rect.width <= 1 || rect.height <= 1) continue;
    if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') {
      problems.push(`${describe_(element)} scrolls sideways: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    if (rect.right > box.right + 0.5 || rect.left < box.left - 0.5) {
      problems.push(`${describe_(element)} sticks out: ${Math.round(rect.left - box.left)}…${Math.round(rect.right - box.left)} of ${Math.round(box.width)}`);
    }
  }
  return problems;
}

/** Changes the seeded data before the element loads it (through the backend's dump). */
async function change(edit: (state: Awaited<ReturnType<typeof backend.inspect>>) => void) {
  const state = await backend.inspect();
  edit(state);
  await backend.restore(state);
}

/** Long words a contractor's data really holds (part numbers, web addresses, site codes from another system), with no place a line may break. */
const PART = 'RHEEM_SP20305A_HOT_SURFACE_IGNITER_KIT';
const ADDRESS = 'https://northwindair.example/memberships/comfort_club_gold_terms_and_conditions';
const SITE_CODE = 'HPA_BLDG_C_BOILER_ROOM_LEVEL_B2_NORTH_WING';
const THERMOSTAT = 'Honeywell_TH6220WF2006';
const STREET = '418_MAPLE_AVE_REAR_BUILDING_ACCESS_VIA_SERVICE_ALLEY';


async function mountNarrow<E extends HTMLElement>(content: TemplateResult, selector: string, session: Session | null) {
  const { element, provider } = await mount<E>(html`<div style="padding: 0 ${PAGE_PADDING}px">${content}</div>`, { session, select: selector });
  return { element, provider };
}

async function expectFits(element: HTMLElement) {
  await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  // Let fonts and layout settle (two frames).
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  expect(element.getBoundingClientRect().width, 'the element fills the phone’s width').to.be.closeTo(320 - 2 * PAGE_PADDING, 1);
  expect(sidewaysProblems(element)).to.deep.equal([]);
}

describe('320 px wide', () => {
  before(async () => {
    await setViewport({ width: 320, height: 640 });
    document.body.style.margin = '0';
  });
  after(async () => {
    document.body.style.margin = '';
    await setViewport({ width: 800, height: 600 });
  });
  beforeEach(() => startTestBackend());

  it('<portal-login> signed in: a long email wraps in full', async () => {
    const long = 'maximilian.featherstonehaugh-worthington@harborpoint-property-management.example';
    const session: Session = {
      ...(await sessionFor(PRIYA)),
      email: long,
    };
    const { element } = await mountNarrow(html`<portal-login></portal-login>`, 'portal-login', session);
    await untilText(element, 'Signed in as');
    expect(textOf(element)).to.contain(long);
    await expectFits(element);
  });

  it('<portal-login> signed out, and its sign-up steps', async () => {
    const { element } = await mountNarrow(html`<portal-login></portal-login>`, 'portal-login', null);
    await untilText(element, 'Sign in');
    await expectFits(element);
  });

  it('<portal-account-switcher> with two accounts, and with locations it does not include', async () => {
    await change((state) => {
      state.customers.find((c) => c.id === 'cust-1003')!.locations.find((l) => l.id === 'loc-3')!.name = SITE_CODE;
    });
    const { element } = await mountNarrow(html`<portal-account-switcher></portal-account-switcher>`, 'portal-account-switcher', await sessionFor(PRIYA));
    await untilText(element, 'Bill to');
    await expectFits(element);
    const sam = await mountNarrow(html`<portal-account-switcher></portal-account-switcher>`, 'portal-account-switcher', await samSession());
    await untilText(sam.element, 'Harbor Point Leasing Office');
    expect(textOf(sam.element)).to.contain(SITE_CODE);
    await expectFits(sam.element);
  });

  it('<portal-equipment>, with a long model code', async () => {
    await change((state) => {
      state.equipment.find((e) => e.customerId === 'cust-1001')!.model = PART;
    });
    const { element } = await mountNarrow(html`<portal-equipment></portal-equipment>`, 'portal-equipment', await sessionFor(DANA));
    await untilText(element, PART);
    await expectFits(element);
  });

  it('<portal-visits>, with a web address in the contractor’s message', async () => {
    const { element } = await mountNarrow(html`<portal-visits></portal-visits>`, 'portal-visits', await sessionFor(DANA));
    await untilText(element, 'Upcoming');
    await expectFits(element);
  });

  it('<portal-memberships>, with a web address in the plan’s description', async () => {
    await change((state) => {
      state.memberships.find((m) => m.id === 'mem-1')!.plan.description = `Two tune-ups a year. Terms: ${ADDRESS}`;
    });
    const { element } = await mountNarrow(html`<portal-memberships></portal-memberships>`, 'portal-memberships', await sessionFor(DANA));
    await untilText(element, ADDRESS);
    await expectFits(element);
  });

  it('<portal-history>, with a part number in a job’s summary', async () => {
    await change((state) => {
      const newest = state.jobs
        .filter((j) => j.customerId === 'cust-1001' && j.status === 'Completed')
        .sort((a, b) => (b.completedOn ?? '').localeCompare(a.completedOn ?? ''))[0]!;
      newest.summary = `Replaced igniter ${PART}`;
    });
    const { element } = await mountNarrow(html`<portal-history></portal-history>`, 'portal-history', await sessionFor(DANA));
    await untilText(element, PART);
    await expectFits(element);
  });

  it('<portal-invoices>: the list and an invoice’s detail, with a long invoice number', async () => {
    const longNumber = 'HP-2026-000104120-SERVICE-AGREEMENT';
    const state = await backend.inspect();
    state.invoices.find((i) => i.id === 'inv-10412')!.number = longNumber;
    await backend.restore(state);
    const { element } = await mountNarrow(html`<portal-invoices></portal-invoices>`, 'portal-invoices', await sessionFor(DANA));
    await untilText(element, longNumber);
    await expectFits(element);
    const open = $$(element, 'button').find((b) => textOf(b).includes(longNumber))!;
    open.click();
    await untilText(element, 'Line items');
    await waitUntil(() => $$(element, 'table').length > 0, 'no table showed', { timeout: 5000 });
    expect(textOf(element)).to.contain(longNumber);
    await expectFits(element);
  });

  it('<portal-invoices>: an invoice’s line items, with part numbers in their descriptions', async () => {
    await change((state) => {
      const items = state.invoices.find((i) => i.id === 'inv-10412')!.items;
      items[0]!.description = PART;
      items[1]!.description = `Thermostat ${THERMOSTAT}`;
    });
    const { element } = await mountNarrow(html`<portal-invoices></portal-invoices>`, 'portal-invoices', await sessionFor(DANA));
    await untilText(element, '10412');
    $$(element, 'button').find((b) => textOf(b).includes('10412'))!.click();
    await untilText(element, PART);
    expect(textOf(element)).to.contain(THERMOSTAT);
    await expectFits(element);
  });

  it('<portal-pay> from its link: the same line items, with a part number', async () => {
    await change((state) => {
      state.invoices.find((i) => i.id === 'inv-10412')!.items[0]!.description = PART;
    });
    const { token } = await sendLink('pay', 'inv-10412');
    const { element } = await mountNarrow(html`<portal-pay invoice-id="inv-10412" .token=${token}></portal-pay>`, 'portal-pay', null);
    await untilText(element, PART);
    await expectFits(element);
  });

  it('<portal-estimate>: the options’ items, with part numbers in their descriptions', async () => {
    await change((state) => {
      const options = state.estimates.find((e) => e.id === 'est-2001')!.options;
      for (const option of options) {
        option.items[0]!.description = PART;
        option.items[1]!.description = `Thermostat ${THERMOSTAT}`;
      }
    });
    const { element } = await mountNarrow(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, 'portal-estimate', await sessionFor(DANA));
    await untilText(element, 'Choose an option');
    expect(textOf(element)).to.contain(PART);
    await expectFits(element);
  });

  it('<portal-estimate>: the account’s estimates, with a long one-word name', async () => {
    await change((state) => {
      state.estimates.find((e) => e.id === 'est-2001')!.name = SITE_CODE;
    });
    const { element } = await mountNarrow(html`<portal-estimate></portal-estimate>`, 'portal-estimate', await sessionFor(DANA));
    await untilText(element, SITE_CODE);
    await expectFits(element);
  });

  it('<portal-scheduler> signed in: the places for the visit, with a long name and address', async () => {
    await change((state) => {
      const home = state.customers.find((c) => c.id === 'cust-1001')!.locations.find((l) => l.id === 'loc-1')!;
      home.name = SITE_CODE;
      home.address.street = STREET;
    });
    const { element } = await mountNarrow(html`<portal-scheduler></portal-scheduler>`, 'portal-scheduler', await sessionFor(DANA));
    await untilText(element, STREET);
    expect(textOf(element)).to.contain(SITE_CODE);
    await expectFits(element);
  });

  it('<portal-date-grid>: the focus ring shows on a chosen day, whose fill is the focus colour', async () => {
    const grid = await fixture<PortalDateGrid>(html`<portal-date-grid
      .focusDate=${'2026-11-18'}
      .today=${'2026-11-17'}
      .selected=${['2026-11-18']}
      .dayState=${() => ({ available: true })}
      .locale=${'en-US'}
    ></portal-date-grid>`);
    const day = (date: string) => grid.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`)!;
    day('2026-11-18').focus();
    // By the keyboard, as a keyboard user comes to it (:focus-visible): to the next day and back.
    await sendKeys({ press: 'ArrowRight' });
    await grid.updateComplete;
    await sendKeys({ press: 'ArrowLeft' });
    await grid.updateComplete;
    const chosen = day('2026-11-18');
    expect(grid.shadowRoot!.activeElement).to.equal(chosen);
    expect(chosen.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(chosen);
    expect(style.outlineStyle).to.equal('solid');
    expect(contrastRatio(paintedChannels(style.outlineColor), paintedChannels(style.backgroundColor)), 'the ring against the chosen day’s fill').to.be.at.least(3);
    // An unchosen day keeps its ring in the focus colour.
    await sendKeys({ press: 'ArrowRight' });
    await grid.updateComplete;
    const probe = document.createElement('span');
    probe.style.color = 'var(--_color-focus)';
    grid.shadowRoot!.append(probe);
    expect(painted(getComputedStyle(day('2026-11-19')).outlineColor)).to.deep.equal(painted(getComputedStyle(probe).color));
    probe.remove();
  });
});
