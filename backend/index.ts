/**
 * The reference backend's public surface: the `Request → Response` backend, opening and preparing a
 * database, and the demo's data. Node-only pieces (better-sqlite3, pg) are in `dialects/node.ts`, so
 * this module also runs in the browser.
 */
export { ReferenceBackend, type ReferenceBackendOptions, type RequestInfo } from './backend.js';
export type { BackendConfig } from './http/http.js';
export type { PortalDatabase, DialectName } from './dialects/portal-database.js';
export { openSqlJsDatabase, deleteSqlJsDatabase } from './dialects/sqljs.js';
export { migrateToLatest } from './schema/migrate.js';
export { SEEDED_PASSWORDS, defaultSettings, seedDemo, seedSynthetic, SYNTHETIC_PASSWORD, syntheticEmail } from './seed/index.js';
export type { BackendDump, OutboxMessage } from './seed/dump.js';
export { OFFICE_KEY_HEADER } from './rules/office.js';
export { TEST_CARDS, type CardProcessor } from './rules/card-processor.js';

/** The demo's office key: public on purpose, for the demo, Storybook and tests only. */
export const DEMO_OFFICE_KEY = 'northwind-office-demo-key';
