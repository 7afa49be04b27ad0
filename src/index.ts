/**
 * `import 'porchlight'`: every element, registered, and every class, event, type and the HTTP adapter.
 * To load less, import single elements from `porchlight/define/<tag>.js` (registers the tag) or
 * `porchlight/elements/<tag>.js` (the class alone). The CDN file is src/cdn/porchlight.ts.
 */
export * from './define/portal-provider.js';
export * from './define/portal-login.js';
export * from './define/portal-account-switcher.js';
export * from './define/portal-invoices.js';
export * from './define/portal-history.js';
export * from './define/portal-visits.js';
export * from './define/portal-memberships.js';
export * from './define/portal-equipment.js';
export * from './define/portal-scheduler.js';
export * from './define/portal-estimate.js';
export * from './define/portal-pay.js';
export * from './define/portal-visit-status.js';
export * from './define/portal-app.js';
// Everything `porchlight/adapter.js` offers (the adapter interface, PortalError, the model, the events, HttpAdapter).
export * from './adapter/index.js';
export * from './context/portal-context.js';
export { registerStrings, type StringOverrides } from './i18n/msg.js';
