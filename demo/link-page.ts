/**
 * The demo's pages with one Porchlight element: the contractor's own pages that a link in an email or
 * text message opens (estimate.html, pay.html, visit.html), and the public "Request a visit" page
 * (request.html). Starts the reference
 * backend in the page like main.ts, then loads what a site using the npm package would: the provider
 * and the page's one element.
 */
import { BACKEND_CHANGE_KEY, startMockBackend } from '../mocks/browser.js';
import { demoWords, siteLanguage } from './site-language.js';

const status = document.querySelector('#demo-status')!;
siteLanguage();
status.textContent = demoWords.starting();
/** `npm run demo:server`: porchlight-server answers /api through Vite's proxy, and MSW stays off. */
const onServer = import.meta.env.VITE_PORCHLIGHT_SERVER === '1';

/** Each element's registration, loaded only on the page that hosts it. */
const pageElements = {
  'portal-estimate': () => import('../src/define/portal-estimate.js'),
  'portal-pay': () => import('../src/define/portal-pay.js'),
  'portal-visit-status': () => import('../src/define/portal-visit-status.js'),
  'portal-scheduler': () => import('../src/define/portal-scheduler.js'),
};

async function main() {
  if (!onServer) await startMockBackend();
  const hosted = Object.entries(pageElements).filter(([tag]) => document.querySelector(tag));
  await Promise.all([import('../src/define/portal-provider.js'), ...hosted.map(([, load]) => load())]);
  status.textContent = '';

  // The office page (another tab) changed the settings or moved the visit: follow it at once. (The
  // visit page checks every 30 seconds by itself; the demo's office and customer share a browser, so
  // it need not wait. An estimate or invoice is not reloaded under a customer who may be mid-answer.)
  const provider = document.querySelector('portal-provider');
  const visit = document.querySelector('portal-visit-status');
  const catchUp = () => {
    provider?.portalState.reloadSettings();
    provider?.portalState.value.dataChanged();
    visit?.refresh();
  };
  addEventListener('storage', (event) => {
    if (event.key === BACKEND_CHANGE_KEY) catchUp();
  });
  // On the server no storage event comes: catch up when this tab is shown again.
  if (onServer) addEventListener('focus', catchUp);
}

main().catch((error: unknown) => {
  console.error(error);
  status.textContent = demoWords.failed();
});
