/**
 * The demo's link pages (estimate.html, pay.html, visit.html): the contractor's own pages that a
 * link in an email or text message opens, each hosting one Porchlight element. Starts the reference
 * backend in the page like main.ts, then loads Porchlight and the page's element. Until an element
 * exists, the page says which element goes there.
 */
import { BACKEND_CHANGE_KEY, startMockBackend } from '../mocks/browser.js';

const status = document.querySelector('#demo-status')!;
/** `npm run demo:server`: porchlight-server answers /api through Vite's proxy, and MSW stays off. */
const onServer = import.meta.env.VITE_PORCHLIGHT_SERVER === '1';

/** The link elements and their registration modules, as far as they exist in this checkout. */
const linkTags = ['portal-estimate', 'portal-pay', 'portal-visit-status'] as const;
const defineModules = import.meta.glob(['../src/define/portal-estimate.ts', '../src/define/portal-pay.ts', '../src/define/portal-visit-status.ts']);

async function main() {
  if (!onServer) await startMockBackend();
  await import('../src/index.js');
  for (const tag of linkTags) {
    const element = document.querySelector(tag);
    if (!element) continue;
    await defineModules[`../src/define/${tag}.ts`]?.();
    if (!customElements.get(tag)) {
      const placeholder = document.createElement('p');
      placeholder.style.cssText = 'border: 2px dashed #8a7f72; border-radius: 0.5rem; padding: 1.5rem; background: #fff; font-family: system-ui, sans-serif;';
      placeholder.textContent = `<${tag}> goes here: the element is not built yet.`;
      element.before(placeholder);
    }
  }
  status.textContent = '';

  // The office page (another tab) changed the settings or moved the visit: follow it at once. (The
  // visit page checks every 30 seconds by itself; the demo's office and customer share a browser, so
  // it need not wait. An estimate or invoice is not reloaded under a customer who may be mid-answer.)
  const provider = document.querySelector('portal-provider');
  const visit = document.querySelector<Element & { refresh?: () => void }>('portal-visit-status');
  const catchUp = () => {
    provider?.portalState.reloadSettings();
    provider?.portalState.value.dataChanged();
    visit?.refresh?.();
  };
  addEventListener('storage', (event) => {
    if (event.key === BACKEND_CHANGE_KEY) catchUp();
  });
  // On the server no storage event comes: catch up when this tab is shown again.
  if (onServer) addEventListener('focus', catchUp);
}

main().catch((error: unknown) => {
  console.error(error);
  status.textContent = 'The demo backend could not start. Reload the page; if it persists, clear this site’s data.';
});
