/**
 * The demo contractor site. Starts the reference backend in the page (MSW + SQLite in WebAssembly, kept in
 * IndexedDB, so it survives reloads and every tab shares it), then loads Porchlight as a site using the npm package
 * would: the provider and `<portal-app>` (with the sign-in) only; each section's code loads when it is first opened.
 */
import { BACKEND_CHANGE_KEY, startMockBackend } from '../mocks/browser.js';
import { demoWords, siteLanguage } from './site-language.js';

const status = document.querySelector('#demo-status')!;

siteLanguage();
status.textContent = demoWords.starting();
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
  status.textContent = demoWords.failed();
});
