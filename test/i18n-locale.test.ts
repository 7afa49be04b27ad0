/**
 * Which language an element speaks, and that it never touches a host page's @lit/localize: the
 * element's own `lang`, the nearest ancestor's through shadow roots, `<html lang>`, re-rendering when any
 * of them changes; a contractor's own wording; Intl formatting in Spanish.
 */
import { configureLocalization, msg as hostMsg } from '@lit/localize';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import '../src/define/portal-login.js';
import type { PortalLogin } from '../src/elements/portal-login/portal-login.js';
import { localeFromTag, resolveLocale } from '../src/i18n/locale.js';
import { msg, registerStrings, str, withLocale } from '../src/i18n/msg.js';
import { formatDate, formatDateTime, formatMoney, formatWindow, localeOf, parseMoney } from '../src/internal/format.js';
import { textOf } from './helpers/portal-fixture.js';

// A lone <portal-login> with no provider and no api-base says so: a state with no backend at all.
const SPANISH = 'Este elemento no está conectado a un portal.';
const ENGLISH = 'This element is not connected to a portal.';

async function says(element: Element, text: string) {
  await waitUntil(() => textOf(element).includes(text), `never said “${text}”; said: ${textOf(element).slice(0, 200)}`, { timeout: 5000 });
}

describe('the language an element speaks', () => {
  it('reads language tags as a host page writes them', () => {
    expect(localeFromTag('es-MX')).to.deep.equal({ tag: 'es-MX', language: 'es' });
    // A bare "es" is US Spanish: dollars and a.m./p.m. as on the customer's bills.
    expect(localeFromTag('es')).to.deep.equal({ tag: 'es-US', language: 'es' });
    expect(localeFromTag('en_GB')).to.deep.equal({ tag: 'en-GB', language: 'en' });
    // A language with no catalog is spoken in English, formatted in English too: no French dates among English words.
    expect(localeFromTag('fr-FR')).to.deep.equal({ tag: 'en-US', language: 'en' });
    expect(localeFromTag('!!')).to.equal(undefined);
    expect(localeFromTag('')).to.equal(undefined);
  });

  it('takes the element’s own lang over its ancestors’, skipping empty and malformed ones', async () => {
    const tree = await fixture(html`<div lang="en"><section lang="es"><p lang="!!"><span lang=""><b></b></span></p><i lang="en"></i></section></div>`);
    expect(resolveLocale(tree.querySelector('b')!).language).to.equal('es');
    expect(resolveLocale(tree.querySelector('i')!).language).to.equal('en');
    expect(localeOf(tree.querySelector('b')!)).to.equal('es-US');
  });

  it('speaks Spanish with lang="es" on the element, and English again when it is removed', async () => {
    const login = await fixture<PortalLogin>(html`<portal-login lang="es"></portal-login>`);
    await says(login, SPANISH);
    login.removeAttribute('lang');
    await says(login, ENGLISH);
  });

  it('follows the nearest ancestor’s lang through a shadow root, and its changes', async () => {
    const outer = await fixture(html`<div lang="es"><div class="host"></div></div>`);
    const host = outer.querySelector('.host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="inside"><portal-login></portal-login></div>';
    const login = shadow.querySelector('portal-login')!;
    await says(login, SPANISH);
    // A lang inside the other component's shadow root, nearer than the page's.
    shadow.querySelector('.inside')!.setAttribute('lang', 'en');
    await says(login, ENGLISH);
    shadow.querySelector('.inside')!.removeAttribute('lang');
    await says(login, SPANISH);
    outer.setAttribute('lang', 'en-US');
    await says(login, ENGLISH);
  });

  it('re-renders when <html lang> changes', async () => {
    const root = document.documentElement;
    const before = root.getAttribute('lang');
    const login = await fixture<PortalLogin>(html`<portal-login></portal-login>`);
    try {
      await says(login, ENGLISH);
      root.setAttribute('lang', 'es');
      await says(login, SPANISH);
      expect(login.shadowRoot!.textContent).not.to.include(ENGLISH);
    } finally {
      if (before === null) root.removeAttribute('lang');
      else root.setAttribute('lang', before);
    }
    await says(login, ENGLISH);
  });

  it('lets two elements on one page speak different languages', async () => {
    const pair = await fixture(html`<div><portal-login lang="es"></portal-login><portal-login lang="en"></portal-login></div>`);
    const [spanish, english] = [...pair.querySelectorAll('portal-login')];
    await says(spanish!, SPANISH);
    await says(english!, ENGLISH);
  });
});

describe('a host page that uses @lit/localize itself', () => {
  it('configures its own runtime after Porchlight loaded, and both work', async () => {
    // Porchlight is already imported above. Had it configured @lit/localize, this call would throw
    // "lit-localize can only be configured once".
    let setHostLocale: ((locale: string) => Promise<void>) | undefined;
    expect(() => {
      ({ setLocale: setHostLocale } = configureLocalization({
        sourceLocale: 'en',
        targetLocales: ['fr'],
        loadLocale: () => Promise.resolve({ templates: { greeting: 'Bonjour' } }),
      }));
    }).not.to.throw();
    await setHostLocale!('fr');
    expect(hostMsg('Hello', { id: 'greeting' })).to.equal('Bonjour');

    // Porchlight's elements still choose by lang, not by the host's locale, and render without error.
    const pair = await fixture(html`<div><portal-login lang="es"></portal-login><portal-login></portal-login></div>`);
    const [spanish, english] = [...pair.querySelectorAll('portal-login')];
    await says(spanish!, SPANISH);
    await says(english!, ENGLISH);
    // And the host's runtime is still its own.
    expect(hostMsg('Hello', { id: 'greeting' })).to.equal('Bonjour');
  });
});

describe('a contractor’s own wording', () => {
  afterEach(() => registerStrings({ en: { 'Customer portal': 'Customer portal' }, es: { 'Customer portal': 'Portal de clientes' } }));

  it('replaces a string page-wide, per language, on elements already shown', async () => {
    const pair = await fixture(html`<div><portal-login lang="es"></portal-login><portal-login lang="en"></portal-login></div>`);
    const [spanish, english] = [...pair.querySelectorAll('portal-login')];
    await says(spanish!, 'Portal de clientes');
    registerStrings({ es: { 'Customer portal': 'Portal de Calefacción Northwind' }, en: { 'Customer portal': 'Northwind account' } });
    await says(spanish!, 'Portal de Calefacción Northwind');
    await says(english!, 'Northwind account');
  });

  it('gives one element its own wording over the page’s, as text, never HTML', async () => {
    registerStrings({ es: { 'Customer portal': 'Portal de la página' } });
    const login = await fixture<PortalLogin>(html`<portal-login lang="es"></portal-login>`);
    await says(login, 'Portal de la página');
    login.strings = { es: { 'Customer portal': '<img src=x onerror="alert(1)">Mi cuenta' } };
    await says(login, '<img src=x onerror="alert(1)">Mi cuenta');
    expect(login.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('fills in the values of a message, and of one with markup (named by id), as text', () => {
    const overrides = {
      es: {
        'Call {0} at {1}.': 'Comuníquese con {0}: {1}.',
        // A message with markup is named by its id from xliff/es.xlf.
        h2a0df0f3389b9215: '<em>Conectado</em> como {0}',
      },
    };
    const call = withLocale('es', overrides, () => msg(str`Call ${'Northwind'} at ${'(555) 010-4477'}.`));
    expect(call).to.equal('Comuníquese con Northwind: (555) 010-4477.');
    const container = document.createElement('div');
    render(
      withLocale('es', overrides, () => msg(html`Signed in as <strong>${'dana@example.com'}</strong>.`)),
      container,
    );
    expect(container.textContent).to.equal('<em>Conectado</em> como dana@example.com');
    // The contractor's text is text; the message's own markup goes with it (only its values stay).
    expect(container.querySelector('em')).to.equal(null);
    expect(container.querySelector('strong')).to.equal(null);
  });
});

describe('money, dates and times in Spanish (Intl)', () => {
  it('formats with the element’s locale', () => {
    expect(formatMoney(123456, 'USD', 'es-US')).to.equal('$1,234.56');
    expect(formatMoney(123456, 'USD', 'es-MX')).to.match(/1,234\.56/);
    expect(formatDate('2026-03-01', 'es-US')).to.equal('1 mar 2026');
    expect(formatDate('2026-03-01', 'es-US', 'long')).to.equal('1 de marzo de 2026');
    expect(formatDateTime('2026-11-25T15:02:00Z', 'America/Chicago', 'es-US')).to.match(/^25 nov 2026, 9:02\s?a\.\s?m\. CST$/);
    expect(formatWindow('2026-12-02T14:00:00Z', '2026-12-02T16:00:00Z', 'America/Chicago', 'es-US')).to.match(/^mié, 2 (de )?dic/);
    // An amount typed the way the locale writes it.
    expect(parseMoney('1.234,50', 'USD', 'es-ES')).to.equal(123450);
  });
});
