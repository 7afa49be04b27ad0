/**
 * Spanish past the first screen: the states a customer reaches by going on (the scheduler's later
 * steps and its receipt, an approved estimate, a paid link's receipt, a canceled visit), checked with
 * the same walk for English as i18n-coverage.test.ts (every text and label, nested shadow roots, and
 * dates Intl wrote in English).
 */
import { waitUntil } from '@open-wc/testing';
import '../src/define/portal-estimate.js';
import '../src/define/portal-pay.js';
import '../src/define/portal-provider.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visit-status.js';
import { TEST_CARDS } from '../backend/index.js';
import { clock, startTestBackend } from './helpers/backend.js';
import { speaksOnlySpanish } from './helpers/english-left.js';
import { ELEMENT_CASES, deepElements, deepQuery, deepQueryAll, deepText, mountCase, untilDeepText } from './helpers/every-element.js';
import { leaveLinkAddress, moveVisit } from './helpers/links.js';
import { type } from './helpers/portal-fixture.js';
import { SCHEDULING_NOW } from './helpers/scheduling.js';

const SPANISH = { lang: 'es' };

const caseOf = (tag: string) => ELEMENT_CASES.find((c) => c.tag === tag)!;

describe('every element in Spanish, further on', () => {
  beforeEach(async function () {
    this.timeout(60_000);
    document.body.replaceChildren();
    await startTestBackend();
  });
  afterEach(() => leaveLinkAddress());

  it('portal-scheduler: every step of a request, and its receipt', async function () {
    this.timeout(90_000);
    // The scheduling tests' clock: Tuesday, November 17, 2026, 2 p.m. in Chicago, with open days after it.
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const provider = document.createElement('portal-provider');
    provider.setAttribute('api-base', '/api');
    provider.setAttribute('session-persistence', 'memory');
    provider.setAttribute('lang', 'es');
    const element = document.createElement('portal-scheduler') as HTMLElement & { browserTimeZone: string; updateComplete: Promise<unknown> };
    element.browserTimeZone = 'America/Chicago';
    provider.append(element);
    document.body.append(provider);
    const next = async () => {
      deepQuery(element, 'form button[type="submit"]').click();
      await element.updateComplete;
    };

    await untilDeepText(element, /Paso 1 de/);
    type(deepQuery(element, '#field-zip'), '62704');
    await next();
    await untilDeepText(element, /¿Qué necesita\?/);
    deepQuery(element, '#service-svc-heating').click();
    type(deepQuery(element, '#field-description'), 'The furnace clicks but never lights.');
    await next();
    await waitUntil(() => deepElements(element).some((e) => e.matches('.day-list button[data-date="2026-11-18"]')), 'no open days', { timeout: 10_000 });
    await speaksOnlySpanish(element, 'the days step');
    deepQuery(element, '.day-list button[data-date="2026-11-18"]').click();
    await element.updateComplete;
    deepQuery(element, '#day-2026-11-18-morning').click();
    await element.updateComplete;
    await speaksOnlySpanish(element, 'the days step with a day chosen');
    await next();
    await waitUntil(() => deepElements(element).some((e) => e.matches('input[type="file"]')), 'no photos step', { timeout: 10_000 });
    await speaksOnlySpanish(element, 'the photos step');
    await next();
    await waitUntil(() => deepElements(element).some((e) => e.matches('#field-name')), 'no contact step', { timeout: 10_000 });
    await speaksOnlySpanish(element, 'the contact step');
    // Next with nothing filled in: every field's problem, in Spanish.
    await next();
    await waitUntil(() => deepElements(element).some((e) => e.matches('[id^="problem-"]')), 'no problems shown', { timeout: 10_000 });
    await speaksOnlySpanish(element, 'the contact step sent empty');
    type(deepQuery(element, '#field-name'), 'Jordan Avery');
    type(deepQuery(element, '#field-phone'), '(555) 012-3456');
    type(deepQuery(element, '#field-email'), 'jordan@example.com');
    type(deepQuery(element, '#field-street'), '12 Elm St');
    type(deepQuery(element, '#field-city'), 'Springfield');
    type(deepQuery(element, '#field-state'), 'IL');
    deepQuery(element, '#field-consentToContact').click();
    await element.updateComplete;
    await next();
    await waitUntil(() => !deepElements(element).some((e) => e.matches('#field-name')), 'never left the contact step', { timeout: 10_000 });
    await speaksOnlySpanish(element, 'the review step');
    await next();
    await waitUntil(() => deepQueryAll(element, '[part~="receipt"], [role="status"]').some((e) => /\p{L}{3}/u.test(e.textContent ?? '')) && !deepElements(element).some((e) => e.matches('form button[type="submit"]')), 'no receipt', { timeout: 10_000 });
    await untilDeepText(element, /Solicitud recibida: todavía no está programada/);
    await speaksOnlySpanish(element, 'the request’s receipt');
  });

  it('portal-estimate: approved', async function () {
    this.timeout(60_000);
    const { element } = await mountCase(caseOf('portal-estimate'), document.body, { providerAttributes: SPANISH });
    deepQuery(element, 'input[type="radio"][value="opt-better"]').click();
    for (const box of deepQueryAll(element, '[part~="sign"] input[type="checkbox"]')) box.click();
    type(deepQuery(element, 'input[name="signer"]'), 'Dana Whitfield');
    (deepQuery(element, 'form[part~="approve-form"]') as HTMLFormElement).requestSubmit();
    await waitUntil(() => !deepElements(element).some((e) => e.matches('form[part~="approve-form"]')), 'never approved', { timeout: 10_000 });
    await untilDeepText(element, /Lo que usted aprobó/);
    await speaksOnlySpanish(element, 'an approved estimate');
  });

  it('portal-pay: paid from its link, and the receipt', async function () {
    this.timeout(60_000);
    const { element } = await mountCase(caseOf('portal-pay'), document.body, { providerAttributes: SPANISH });
    deepQueryAll(element, 'button').find((b) => /Pagar la factura 10412/.test(b.textContent ?? ''))!.click();
    await waitUntil(() => deepElements(element).some((e) => e.matches('form [name="number"]')), 'pay form never opened', { timeout: 5000 });
    type(deepQuery(element, '[name="number"]'), TEST_CARDS.visa);
    type(deepQuery(element, '[name="expiry"]'), `12/${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`);
    type(deepQuery(element, '[name="cvc"]'), '123');
    type(deepQuery(element, '[name="postalCode"]'), '62704');
    element.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitUntil(() => !element.shadowRoot!.querySelector('form'), `the payment never went through: ${deepText(element).slice(0, 600)}`, { timeout: 10_000 });
    await untilDeepText(element, /Recibimos su pago de/);
    await speaksOnlySpanish(element, 'a paid link’s receipt');
  });

  it('portal-visit-status: a canceled visit', async function () {
    this.timeout(60_000);
    await moveVisit('appt-job-u1', 'Canceled');
    const canceled = { ...caseOf('portal-visit-status'), ready: (e: HTMLElement) => deepElements(e).some((x) => x.matches('[part="status"]')) };
    const { element } = await mountCase(canceled, document.body, { providerAttributes: SPANISH });
    await untilDeepText(element, /Esta visita se canceló/);
    await speaksOnlySpanish(element, 'a canceled visit');
  });
});
