import type { BackendState } from './state.js';

/**
 * Where the backend keeps its state. The rules never touch storage directly, so the same backend
 * runs in memory (tests), in localStorage (the demo, shared by every tab) or over a database.
 */
export interface BackendStorage {
  load(): Promise<BackendState | null>;
  save(state: BackendState): Promise<void>;
  clear(): Promise<void>;
  /**
   * Runs one request's load → rules → save with no other writer in between. Storage shared beyond
   * this backend instance (several tabs, several server processes) must provide it.
   */
  transaction?<T>(work: () => Promise<T>): Promise<T>;
}

export class MemoryStorage implements BackendStorage {
  #state: BackendState | null = null;
  async load() {
    return this.#state;
  }
  async save(state: BackendState) {
    this.#state = state;
  }
  async clear() {
    this.#state = null;
  }
}

/**
 * Keeps the state in localStorage so the demo's backend behaves like a server that stays up:
 * it survives a reload and the customer's tab and the office's tab see the same data.
 */
export const BACKEND_STORAGE_KEY = 'porchlight.reference-backend';

export class LocalStorageStorage implements BackendStorage {
  readonly #key: string;
  constructor(key = BACKEND_STORAGE_KEY) {
    this.#key = key;
  }
  async load() {
    const raw = localStorage.getItem(this.#key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as BackendState;
    } catch {
      return null;
    }
  }
  async save(state: BackendState) {
    localStorage.setItem(this.#key, JSON.stringify(state));
  }
  async clear() {
    localStorage.removeItem(this.#key);
  }
  /**
   * Every tab runs its own copy of the backend over the same localStorage: a Web Lock makes each
   * request a transaction across tabs, so two tabs paying one invoice cannot both charge it.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    const locks = globalThis.navigator?.locks;
    return locks ? (locks.request(this.#key, work) as Promise<T>) : work();
  }
}
