/**
 * The one-file CDN entry (`dist/cdn/porchlight.js`): `<script type="module" src=".../porchlight.js">`
 * and nothing else. Lit and zod are bundled in, so there are no bare imports and no import map.
 *
 * It defines nothing up front: each tag's code loads when the tag first appears (see autoloader.ts),
 * from the files next to this one. The `import()` paths below are relative, and a module's relative
 * imports resolve against its own URL (`import.meta.url`), so the folder can be served from any
 * origin or path without configuration. An element's own dependencies come with its define module
 * (`<portal-app>` brings `<portal-login>` and loads each section as it opens).
 *
 * The backend: `<portal-provider api-base="https://…/api">` around the elements, or `api-base` on a
 * lone element, exactly as with the npm package.
 *
 * Every file under `src/define/` must have a line here: `scripts/build-cdn.mjs` refuses to build
 * when one is missing.
 */
import { startAutoloader, type TagLoaders } from './autoloader.js';

const loaders: TagLoaders = {
  'portal-provider': () => import('../define/portal-provider.js'),
  'portal-login': () => import('../define/portal-login.js'),
  'portal-account-switcher': () => import('../define/portal-account-switcher.js'),
  'portal-invoices': () => import('../define/portal-invoices.js'),
  'portal-history': () => import('../define/portal-history.js'),
  'portal-visits': () => import('../define/portal-visits.js'),
  'portal-memberships': () => import('../define/portal-memberships.js'),
  'portal-equipment': () => import('../define/portal-equipment.js'),
  'portal-scheduler': () => import('../define/portal-scheduler.js'),
  'portal-estimate': () => import('../define/portal-estimate.js'),
  'portal-pay': () => import('../define/portal-pay.js'),
  'portal-visit-status': () => import('../define/portal-visit-status.js'),
  'portal-app': () => import('../define/portal-app.js'),
};

/** `undefined` when another copy of Porchlight already autoloads on this page. */
export const autoloader = startAutoloader(loaders, import.meta.url);

/**
 * Page-wide wording, for a page that loads this file: `import { registerStrings } from '.../porchlight.js'`
 * in a module script of its own. The elements' code loaded later shares this module (one chunk), so
 * the strings registered here are the ones they read.
 */
export { registerStrings, type StringOverrides } from '../i18n/msg.js';

/**
 * For a page's own adapter (README, "Your own backend"): the error its calls reject with, so the
 * customer reads the right message (a wrong password, a declined card).
 */
export { PortalError } from '../adapter/portal-error.js';
