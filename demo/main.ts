/**
 * The demo contractor site. Starts the reference backend in the page (MSW + SQLite in WebAssembly, kept in
 * IndexedDB, so it survives reloads and every tab shares it), then loads Porchlight as a site using the npm package
 * would: the provider and `<portal-app>` (with the sign-in) only; each section's code loads when it is first opened.
 */
import { BACKEND_CHANGE_KEY, startMockBackend } from '../mocks/browser.js';

const status = document.querySelector('#demo-status')!;

/**
 * The site in Spanish (`?lang=es`), as a bilingual contractor's Spanish pages would be: `<html lang="es">`,
 * which every element follows, and the site's own words from their `data-es`. The link in the header
 * goes to the other language. What the customer does here is answered in Spanish (the elements send
 * their language), and the office's later messages to them follow.
 */
function siteLanguage() {
  const spanish = new URLSearchParams(location.search).get('lang') === 'es';
  const other = document.querySelector<HTMLAnchorElement>('#demo-language')!;
  if (!spanish) return;
  document.documentElement.lang = 'es';
  document.title = 'Mi cuenta · Northwind Heating & Air';
  for (const element of document.querySelectorAll<HTMLElement>('[data-es]')) element.textContent = element.dataset.es!;
  status.textContent = 'Iniciando el backend de la demo…';
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  other.href = `${url.pathname}${url.search}`;
  other.hreflang = other.lang = 'en';
  other.textContent = 'English';
}
siteLanguage();
/** `npm run demo:server`: porchlight-server answers /api through Vite's proxy, and MSW stays off. */
const onServer = import.meta.env.VITE_PORCHLIGHT_SERVER === '1';

async function main() {
  if (!onServer) await startMockBackend();
  await Promise.all([import('../src/define/portal-provider.js'), import('../src/define/portal-app.js')]);
  status.textContent = '';

  // The office page (another tab) changed the settings or the data: follow it live, as a real
  // portal would on its next request.
  const provider = document.querySelector('portal-provider')!;
  addEventListener('storage', (event) => {
    if (event.key !== BACKEND_CHANGE_KEY) return;
    provider.portalState.reloadSettings();
    provider.portalState.value.dataChanged();
  });
  // On the server no storage event comes: catch up when this tab is shown again.
  if (onServer) {
    addEventListener('focus', () => {
      provider.portalState.reloadSettings();
      provider.portalState.value.dataChanged();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  status.textContent =
    document.documentElement.lang === 'es'
      ? 'El backend de la demo no pudo iniciar. Recargue la página; si sigue igual, borre los datos de este sitio.'
      : 'The demo backend could not start. Reload the page; if it persists, clear this site’s data.';
});
