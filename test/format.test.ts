import { expect, fixture, html } from '@open-wc/testing';
import { dateFormat, formatDate, formatMoney, localeOf, minorToInput, numberFormat, parseMoney } from '../src/internal/format.js';
import { isoDate, isoDateTime } from '../src/model/common.js';
import { portalSettings } from '../src/model/settings.js';
import { defaultSettings } from '../backend/seed/index.js';

describe('money and dates', () => {
  it('reads amounts with the page locale’s separators and refuses ambiguous ones', () => {
    expect(parseMoney('1,234.50', 'USD', 'en-US')).to.equal(123450);
    expect(parseMoney('$ 20', 'USD', 'en-US')).to.equal(2000);
    // The other decimal mark, where it cannot group thousands (fewer than three digits after), is a decimal mark.
    expect(parseMoney('50,00', 'USD', 'en-US')).to.equal(5000);
    expect(parseMoney('50,25', 'USD', 'es-US')).to.equal(5025);
    expect(parseMoney('7.5', 'EUR', 'es-ES')).to.equal(750);
    expect(parseMoney('1,5', 'JPY', 'en-US')).to.equal(null);
    expect(parseMoney('1.234,50', 'EUR', 'es-ES')).to.equal(123450);
    expect(parseMoney('314,24', 'USD', 'es')).to.equal(31424);
    expect(parseMoney('12.345', 'USD', 'en-US')).to.equal(null);
    expect(parseMoney('1500', 'JPY', 'en-US')).to.equal(1500);
    expect(parseMoney('-5', 'USD', 'en-US')).to.equal(null);
  });

  it('prefills amounts in the page locale', () => {
    expect(minorToInput(31424, 'USD', 'en-US')).to.equal('314.24');
    expect(minorToInput(31424, 'USD', 'es')).to.equal('314,24');
  });

  it('makes each Intl formatter once per locale and options, and keeps none Intl refuses', () => {
    // A scrolled list formats two values per row per frame: building a formatter each time was most of its work.
    expect(dateFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })).to.equal(dateFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }));
    expect(dateFormat('es-US', { dateStyle: 'medium', timeZone: 'UTC' })).not.to.equal(dateFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }));
    expect(dateFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })).not.to.equal(dateFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }));
    expect(numberFormat('en-US', { style: 'currency', currency: 'USD' })).to.equal(numberFormat('en-US', { style: 'currency', currency: 'USD' }));
    expect(formatMoney(123450, 'USD', 'en-US')).to.equal('$1,234.50');
    expect(formatMoney(123450, 'EUR', 'en-US')).to.equal('€1,234.50');
    // A zone Intl refuses throws each time, as a new formatter would.
    expect(() => dateFormat('en-US', { timeZone: 'Mars/Olympus' })).to.throw(RangeError);
    expect(() => dateFormat('en-US', { timeZone: 'Mars/Olympus' })).to.throw(RangeError);
  });

  it('shows a date-only value as the calendar day it names', () => {
    expect(formatDate('2026-03-01', 'en-US')).to.equal('Mar 1, 2026');
    expect(formatDate('2026-12-31', 'en-US')).to.equal('Dec 31, 2026');
  });

  it('falls back to a usable locale when the host page’s lang is malformed', async () => {
    const underscore = await fixture(html`<div lang="en_US"><span></span></div>`);
    expect(localeOf(underscore.querySelector('span')!)).to.equal('en-US');
    const broken = await fixture(html`<div lang="!!"><span></span></div>`);
    expect(() => new Intl.NumberFormat(localeOf(broken.querySelector('span')!))).not.to.throw();
  });

  it('refuses impossible dates and time zones before they reach Intl', () => {
    expect(isoDate.safeParse('2026-02-30').success).to.equal(false);
    expect(isoDate.safeParse('2026-02-28').success).to.equal(true);
    expect(isoDateTime.safeParse('2025-99-99T99:99Z').success).to.equal(false);
    expect(portalSettings.safeParse({ ...defaultSettings, timeZone: 'America/Chicgo' }).success).to.equal(false);
    expect(portalSettings.safeParse(defaultSettings).success).to.equal(true);
  });
});
