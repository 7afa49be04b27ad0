/**
 * Every element, in its main states, with lang="es" on its provider: no English left. The check walks
 * the shadow DOM (nested shadow roots too), its text and its labels for screen readers, and fails on
 * any text of Porchlight's English catalog (xliff/es.xlf) and on dates or times Intl wrote in English.
 * States reached by a user's action (a failed sign-in, a form sent empty) also cover the strings made
 * outside a render, and the backend's errors as the customer reads them.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, waitUntil } from '@open-wc/testing';
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
import type { Session } from '../src/model/session.js';
import { startTestBackend } from './helpers/backend.js';
import { englishCatalog, englishLeft, speaksOnlySpanish } from './helpers/english-left.js';
import { ELEMENT_CASES, deepElements, deepQuery, deepText, mountCase, untilDeepText, type ElementCase } from './helpers/every-element.js';
import { cutSelects } from './helpers/cut-selects.js';
import { DANA, sessionFor, type } from './helpers/portal-fixture.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

const SPANISH = { lang: 'es' };

function buttonSaying(element: Element, text: RegExp): HTMLElement {
  const found = deepElements(element).find((e) => e.matches('button, a') && text.test(e.textContent ?? ''));
  if (!found) throw new Error(`no button ${String(text)} in <${element.localName}>: ${deepText(element).slice(0, 300)}`);
  return found as HTMLElement;
}

const shows = (text: RegExp) => (element: HTMLElement) => text.test(deepText(element));

describe('every element in Spanish', () => {
  let session: Session;

  before(async function () {
    this.timeout(60_000);
    // One backend and one sign-in for the whole file (nothing here changes the data): several sign-ins
    // in a row would meet the backend's rate limit, and a fresh backend forgets the session.
    await startTestBackend();
    session = await sessionFor(DANA);
  });

  beforeEach(() => document.body.replaceChildren());

  it('has a catalog to compare with (the check can find English)', async () => {
    const { pieces } = await englishCatalog();
    expect(pieces.has('Sign in to see your balance and invoices, and to pay online.')).to.equal(true);
    expect(pieces.size).to.be.greaterThan(400);
    const english = document.createElement('p');
    english.textContent = 'Sign in to see your balance and invoices, and to pay online.';
    const holder = document.createElement('div');
    holder.attachShadow({ mode: 'open' }).append(english);
    document.body.append(holder);
    expect(await englishLeft(holder)).to.have.length(1);
  });

  for (const testCase of ELEMENT_CASES) {
    it(`${testCase.name}`, async function () {
      this.timeout(60_000);
      const { element } = await mountCase(testCase, document.body, { providerAttributes: SPANISH, session });
      await speaksOnlySpanish(element, testCase.name);
      // Spanish runs longer than English: no select may cut its chosen option.
      expect(cutSelects(element), testCase.name).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });
  }

  it('portal-login and portal-invoices with no portal around them: the not-connected message, its tag name as written', async () => {
    for (const tag of ['portal-login', 'portal-invoices']) {
      const element = document.createElement(tag);
      element.setAttribute('lang', 'es');
      document.body.append(element);
      await untilDeepText(element, /no está conectado a un portal/);
      expect(deepText(element)).to.contain('Colóquelo dentro de <portal-provider> o asígnele un api-base.');
      expect(deepText(element)).not.to.match(/&(lt|gt|amp);/);
      await speaksOnlySpanish(element, `${tag}, not connected`);
    }
  });

  // The account switcher shows nothing signed out.
  for (const tag of ['portal-invoices', 'portal-history', 'portal-memberships', 'portal-equipment', 'portal-visits']) {
    it(`${tag}, signed out`, async function () {
      this.timeout(30_000);
      const signedOut: ElementCase = { name: `${tag}, signed out`, tag, signedIn: false, ready: shows(/\p{L}{3}/u) };
      const { element } = await mountCase(signedOut, document.body, { providerAttributes: SPANISH });
      await speaksOnlySpanish(element, signedOut.name);
    });
  }

  it('portal-login: sign-up, forgotten password, and a wrong password refused by the backend', async function () {
    this.timeout(60_000);
    const login = ELEMENT_CASES.find((c) => c.tag === 'portal-login')!;
    const { element } = await mountCase(login, document.body, { providerAttributes: SPANISH });
    type(deepQuery(element, 'input[type="email"]'), DANA);
    type(deepQuery(element, 'input[type="password"]'), 'not the password at all');
    (deepQuery(element, 'form') as HTMLFormElement).requestSubmit();
    await untilDeepText(element, /no coinciden/);
    await speaksOnlySpanish(element, 'a refused sign-in');

    buttonSaying(element, /¿Olvidó su contraseña\?/).click();
    await untilDeepText(element, /Restablezca su contraseña/);
    type(deepQuery(element, 'input[type="email"]'), 'dana');
    (deepQuery(element, 'form') as HTMLFormElement).requestSubmit();
    await untilDeepText(element, /no es un correo electrónico completo/);
    await speaksOnlySpanish(element, 'the forgotten-password form with an incomplete email');

    buttonSaying(element, /Volver a iniciar sesión/).click();
    await untilDeepText(element, /Cree una cuenta/);
    buttonSaying(element, /Cree una cuenta/).click();
    await untilDeepText(element, /Cree su cuenta/);
    type(deepQuery(element, 'input[type="email"]'), 'nobody.on.file@example.com');
    (deepQuery(element, 'form') as HTMLFormElement).requestSubmit();
    await untilDeepText(element, /No tenemos ese correo electrónico registrado/);
    await speaksOnlySpanish(element, 'sign-up refused by the backend: an email not on file');
  });

  it('portal-invoices: an invoice, its pay form, and the form sent empty', async function () {
    this.timeout(60_000);
    const invoices = ELEMENT_CASES.find((c) => c.tag === 'portal-invoices')!;
    const { element } = await mountCase(invoices, document.body, { providerAttributes: SPANISH, session });
    buttonSaying(element, /Factura 10412/).click();
    await untilDeepText(element, /Conceptos/);
    await speaksOnlySpanish(element, 'an invoice’s detail');
    buttonSaying(element, /Pagar la factura 10412/).click();
    await waitUntil(() => deepElements(element).some((e) => e.matches('form')), 'no pay form', { timeout: 5000 });
    await speaksOnlySpanish(element, 'the pay form');
    (deepQuery(element, 'form') as HTMLFormElement).requestSubmit();
    await untilDeepText(element, /Hay campos que necesitan un cambio\. El primero:/);
    await speaksOnlySpanish(element, 'the pay form sent empty');
    await expect(element).to.be.accessible();
  });

  it('portal-scheduler: the service step, and Next with nothing chosen', async function () {
    this.timeout(60_000);
    const scheduler = ELEMENT_CASES.find((c) => c.tag === 'portal-scheduler')!;
    const { element } = await mountCase(scheduler, document.body, { providerAttributes: SPANISH, session });
    deepQuery(element, 'input[type="radio"]').click();
    deepQuery(element, 'form button[type="submit"]').click();
    await untilDeepText(element, /¿Qué necesita\?/);
    await speaksOnlySpanish(element, 'the service step');
    // Next with nothing chosen: the step's problems are made after the element waits for its data.
    deepQuery(element, 'form button[type="submit"]').click();
    await untilDeepText(element, /Elija el servicio que necesita/);
    await speaksOnlySpanish(element, 'the service step sent with nothing chosen');
  });

  it('portal-estimate: approving without a name or the consents', async function () {
    this.timeout(60_000);
    const estimate = ELEMENT_CASES.find((c) => c.tag === 'portal-estimate')!;
    const { element } = await mountCase(estimate, document.body, { providerAttributes: SPANISH });
    (deepQuery(element, 'form[part~="approve-form"]') as HTMLFormElement).requestSubmit();
    await untilDeepText(element, /Hay campos que necesitan un cambio|Elija una de las opciones|Escriba su nombre completo/);
    await speaksOnlySpanish(element, 'an approval sent incomplete');
  });

  it('portal-pay: a link that does not work', async function () {
    this.timeout(60_000);
    const pay = ELEMENT_CASES.find((c) => c.tag === 'portal-pay')!;
    const broken: ElementCase = { ...pay, name: 'portal-pay with a forged link', link: undefined, ready: shows(/enlace/) };
    const provider = document.createElement('div');
    document.body.append(provider);
    const mounted = mountCase(broken, provider, { providerAttributes: SPANISH });
    await waitUntil(() => provider.querySelector('portal-pay'), 'no element', { timeout: 5000 });
    (provider.querySelector('portal-pay') as HTMLElement & { token?: string }).token = 'forged-token-that-the-backend-never-issued';
    const { element } = await mounted;
    await untilDeepText(element, /Este enlace no funciona|Este enlace ya no es válido/);
    await speaksOnlySpanish(element, 'a forged pay link');
  });
});
