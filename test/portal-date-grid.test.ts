import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DateGridSelectEvent, GridDay, PortalDateGrid } from '../src/elements/portal-scheduler/date-grid.js';
import '../src/define/portal-scheduler.js';

/** Sundays are closed and the 26th is a holiday; everything else is open. */
function dayState(date: string): GridDay {
  if (new Date(`${date}T00:00:00Z`).getUTCDay() === 0) return { available: false, reason: 'no visits on Sunday' };
  if (date === '2026-11-26') return { available: false, reason: 'the office is closed that day' };
  return { available: true };
}

async function grid(options: { focus?: string; min?: string; max?: string; locale?: string; selected?: string[] } = {}) {
  return fixture<PortalDateGrid>(html`<portal-date-grid
    .focusDate=${options.focus ?? '2026-11-18'}
    .min=${options.min ?? ''}
    .max=${options.max ?? ''}
    .today=${'2026-11-17'}
    .selected=${options.selected ?? []}
    .dayState=${dayState}
    .locale=${options.locale ?? 'en-US'}
  ></portal-date-grid>`);
}

function cell(el: PortalDateGrid, date: string) {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`);
  if (!found) throw new Error(`no cell for ${date}`);
  return found;
}

/** The focused day, as a screen reader would be told: its date. */
function focused(el: PortalDateGrid) {
  return (el.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('data-date') ?? null;
}

function monthLabel(el: PortalDateGrid) {
  return el.shadowRoot!.querySelector('#month')!.textContent!.trim();
}

async function press(el: PortalDateGrid, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<portal-date-grid>', () => {
  it('names every day in full and announces an unavailable day with its reason, and passes axe', async () => {
    const el = await grid();
    expect(monthLabel(el)).to.equal('November 2026');
    expect(cell(el, '2026-11-18').getAttribute('aria-label')).to.equal('Wednesday, November 18, 2026');
    const sunday = cell(el, '2026-11-22');
    expect(sunday.getAttribute('aria-label')).to.equal('Sunday, November 22, 2026, unavailable: no visits on Sunday');
    expect(sunday.getAttribute('aria-disabled')).to.equal('true');
    expect(cell(el, '2026-11-26').getAttribute('aria-label')).to.contain('unavailable: the office is closed that day');
    expect(cell(el, '2026-11-17').getAttribute('aria-current')).to.equal('date');
    expect(el.shadowRoot!.querySelector('table')!.getAttribute('role')).to.equal('grid');
    await expect(el).to.be.accessible();
  });

  it('has one tab stop, the focused day', async () => {
    const el = await grid();
    const stops = [...el.shadowRoot!.querySelectorAll('td[tabindex="0"]')].map((td) => td.getAttribute('data-date'));
    expect(stops).to.deep.equal(['2026-11-18']);
  });

  it('moves by day and week with the arrow keys, to the week’s ends with Home and End', async () => {
    const el = await grid();
    cell(el, '2026-11-18').focus();
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('2026-11-19');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('2026-11-26');
    await press(el, 'ArrowLeft');
    expect(focused(el)).to.equal('2026-11-25');
    await press(el, 'ArrowUp');
    expect(focused(el)).to.equal('2026-11-18');
    // en-US weeks start on Sunday.
    await press(el, 'Home');
    expect(focused(el)).to.equal('2026-11-15');
    await press(el, 'End');
    expect(focused(el)).to.equal('2026-11-21');
    // Unavailable days are reachable, so their reason can be heard.
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('2026-11-22');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('unavailable: no visits on Sunday');
  });

  it('crosses into the next month with the arrow keys, and changes month and year with Page Up and Page Down', async () => {
    const el = await grid({ focus: '2026-11-30' });
    cell(el, '2026-11-30').focus();
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('2026-12-01');
    expect(monthLabel(el)).to.equal('December 2026');
    await press(el, 'PageDown');
    expect(focused(el)).to.equal('2027-01-01');
    await press(el, 'PageUp');
    await press(el, 'PageUp');
    expect(focused(el)).to.equal('2026-11-01');
    await sendKeys({ down: 'Shift' });
    await press(el, 'PageDown');
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal('2027-11-01');
    expect(monthLabel(el)).to.equal('November 2027');
  });

  it('keeps the last day of a month when the next is shorter (January 31 → February 28)', async () => {
    const el = await grid({ focus: '2027-01-31' });
    cell(el, '2027-01-31').focus();
    await press(el, 'PageDown');
    expect(focused(el)).to.equal('2027-02-28');
  });

  it('chooses the focused day with Enter or Space, available or not, and says which', async () => {
    const el = await grid();
    cell(el, '2026-11-18').focus();
    let chosen = oneEvent(el, 'date-grid-select') as Promise<DateGridSelectEvent>;
    await press(el, 'Enter');
    let event = await chosen;
    expect(event.date).to.equal('2026-11-18');
    expect(event.day.available).to.equal(true);
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    chosen = oneEvent(el, 'date-grid-select') as Promise<DateGridSelectEvent>;
    await press(el, ' ');
    event = await chosen;
    expect(event.date).to.equal('2026-11-22');
    expect(event.day).to.deep.equal({ available: false, reason: 'no visits on Sunday' });
  });

  it('chooses a day on click', async () => {
    const el = await grid();
    const chosen = oneEvent(el, 'date-grid-select') as Promise<DateGridSelectEvent>;
    cell(el, '2026-11-20').click();
    expect((await chosen).date).to.equal('2026-11-20');
  });

  it('marks the chosen days as selected', async () => {
    const el = await grid({ selected: ['2026-11-18', '2026-11-20'] });
    expect(cell(el, '2026-11-18').getAttribute('aria-selected')).to.equal('true');
    expect(cell(el, '2026-11-19').getAttribute('aria-selected')).to.equal('false');
    expect(cell(el, '2026-11-20').getAttribute('aria-selected')).to.equal('true');
  });

  it('stays between its first and last day, and its month buttons say when they can go no further without losing focus', async () => {
    const el = await grid({ focus: '2026-11-18', min: '2026-11-17', max: '2026-12-17' });
    cell(el, '2026-11-18').focus();
    await press(el, 'ArrowUp');
    expect(focused(el)).to.equal('2026-11-17');
    await press(el, 'PageDown');
    expect(focused(el)).to.equal('2026-12-17');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('2026-12-17');
    const [previous, next] = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.nav')];
    expect(next!.getAttribute('aria-disabled')).to.equal('true');
    next!.focus();
    next!.click();
    await el.updateComplete;
    expect(monthLabel(el)).to.equal('December 2026');
    expect(el.shadowRoot!.activeElement).to.equal(next);
    previous!.click();
    await el.updateComplete;
    expect(monthLabel(el)).to.equal('November 2026');
    expect(previous!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('starts weeks where the page’s language does (Monday in en-GB), for the columns and Home', async () => {
    const el = await grid({ locale: 'en-GB' });
    const headers = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.getAttribute('abbr'));
    expect(headers[0]).to.equal('Monday');
    expect(cell(el, '2026-11-18').getAttribute('aria-label')).to.equal('Wednesday, 18 November 2026');
    cell(el, '2026-11-18').focus();
    await press(el, 'Home');
    expect(focused(el)).to.equal('2026-11-16');
  });
});
