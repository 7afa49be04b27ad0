/**
 * The demo site in Spanish (`?lang=es`), as a bilingual contractor's Spanish pages would be: `<html
 * lang="es">`, which every Porchlight element follows, and the site's own words from their `data-es`
 * (an element's text; `data-es-label` its aria-label). The header's language link goes to the same page
 * in the other language. What the customer does on a Spanish page is answered in Spanish (the elements
 * send their language), and the office's links to a Spanish customer open these pages
 * (office/send-link.ts).
 */

/** Whether this page is the Spanish one. */
export const spanishPage = () => new URLSearchParams(location.search).get('lang') === 'es';

/** The site's own words in Spanish on a Spanish page; the language link pointing to the other language. */
export function siteLanguage(): void {
  // Served by porchlight-server (`npm run demo:server`), the footer says so rather than "in your browser".
  if (import.meta.env.VITE_PORCHLIGHT_SERVER === '1') {
    for (const element of document.querySelectorAll<HTMLElement>('[data-on-server]')) {
      element.textContent = element.dataset.onServer!;
      if (element.dataset.onServerEs) element.dataset.es = element.dataset.onServerEs;
    }
  }
  const other = document.querySelector<HTMLAnchorElement>('#demo-language');
  const here = new URL(location.href);
  if (!spanishPage()) {
    if (other) {
      here.searchParams.set('lang', 'es');
      other.href = `${here.pathname}${here.search}${here.hash}`;
    }
    return;
  }
  document.documentElement.lang = 'es';
  for (const element of document.querySelectorAll<HTMLElement>('[data-es]')) element.textContent = element.dataset.es!;
  for (const element of document.querySelectorAll<HTMLElement>('[data-es-label]')) element.setAttribute('aria-label', element.dataset.esLabel!);
  // The header's links to the site's other pages stay on its Spanish pages.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('header a[href^="./"]')) {
    const target = new URL(link.href);
    target.searchParams.set('lang', 'es');
    link.href = `${target.pathname}${target.search}${target.hash}`;
  }
  if (other) {
    here.searchParams.delete('lang');
    other.href = `${here.pathname}${here.search}${here.hash}`;
    other.hreflang = other.lang = 'en';
    other.textContent = 'English';
  }
}

/** The demo's own status line, in the page's language. */
export const demoWords = {
  starting: () => (spanishPage() ? 'Iniciando el backend de la demo…' : 'Starting the demo backend…'),
  failed: () =>
    spanishPage()
      ? 'El backend de la demo no pudo iniciar. Recargue la página; si sigue igual, borre los datos de este sitio.'
      : 'The demo backend could not start. Reload the page; if it persists, clear this site’s data.',
};
