/**
 * `porchlight/adapter.js`: what a custom adapter is written with — `PortalError` and its codes, the
 * `PortalAdapter` interface and the types its methods take and return, the model (types, and the zod
 * schemas every answer is checked against), the event classes and the `HttpAdapter`. It registers no
 * element and imports no element code, so an adapter next to `porchlight/define/<tag>.js` imports keeps
 * the bundle to those tags (`import { PortalError } from 'porchlight'` would register every element).
 * Nothing here has side effects: a bundler keeps only what is used. `porchlight` (src/index.ts) exports
 * all of this too.
 */
export * from './portal-adapter.js';
export * from './portal-error.js';
export { HttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
export * from '../events/index.js';
export * from '../model/index.js';
