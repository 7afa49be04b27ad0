export { ReferenceBackend, DEMO_OFFICE_KEY, type ReferenceBackendOptions } from './backend.js';
export { MemoryStorage, LocalStorageStorage, type BackendStorage } from './storage.js';
export { SEEDED_PASSWORDS, defaultSettings } from './seed.js';
export { OFFICE_KEY_HEADER } from './office.js';
export type { BackendState } from './state.js';
