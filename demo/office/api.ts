/**
 * The office page's one way to the reference backend: its office endpoints, with the demo's office
 * key, and a page-wide "something changed" signal so every section shows the same data.
 */
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { BACKEND_CHANGE_KEY } from '../../mocks/browser.js';

/** A refusal from the backend, with the field it names (`details.field`), for showing next to that field. */
export class OfficeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

export async function office<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/office${path}`, {
    method,
    headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  if (response.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: { field?: unknown } } } | null)?.error;
    const field = typeof error?.details?.field === 'string' ? error.details.field : null;
    throw new OfficeApiError(error?.message ?? `The backend answered ${response.status}.`, response.status, error?.code ?? 'HTTP', field);
  }
  return data as T;
}

/** Words for a failed call: the backend's own message when it sent one. */
export function problemText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Fired on `window` when this page changed something (sent a link, moved a visit, saved a template). */
export const OFFICE_CHANGED = 'office-data-changed';

export function announceChange() {
  dispatchEvent(new Event(OFFICE_CHANGED));
}

/** Fired on `window` when the settings were saved: the message templates' defaults follow online payments. */
export const OFFICE_SETTINGS_SAVED = 'office-settings-saved';

export function announceSettingsSaved() {
  dispatchEvent(new Event(OFFICE_SETTINGS_SAVED));
}

/** Fired on `window` after "Reset demo data": what a section remembers (links sent, statuses set) is gone. */
export const OFFICE_RESET = 'office-data-reset';

export function announceReset() {
  dispatchEvent(new Event(OFFICE_RESET));
  announceChange();
}

/** Calls `forget` after "Reset demo data" on this page. Returns the unsubscribe function. */
export function onReset(forget: () => void): () => void {
  addEventListener(OFFICE_RESET, forget);
  return () => removeEventListener(OFFICE_RESET, forget);
}

/**
 * Calls `refresh` when this page, another tab (the customer's site writes to the shared database) or
 * the office on another machine (`npm run demo:server`: on focus) may have changed the data.
 * Returns the unsubscribe function.
 */
export function followChanges(refresh: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === BACKEND_CHANGE_KEY) refresh();
  };
  addEventListener(OFFICE_CHANGED, refresh);
  addEventListener('storage', onStorage);
  addEventListener('focus', refresh);
  return () => {
    removeEventListener(OFFICE_CHANGED, refresh);
    removeEventListener('storage', onStorage);
    removeEventListener('focus', refresh);
  };
}

/** Where the demo's own pages live, as absolute addresses for links sent to customers. */
export const demoPages = {
  estimate: () => new URL('./estimate.html', location.href).toString(),
  pay: () => new URL('./pay.html', location.href).toString(),
  visit: () => new URL('./visit.html', location.href).toString(),
};
