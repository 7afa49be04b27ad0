/**
 * Loading sql.js. In a page it is a classic script (its build is not an ES module), added once; the
 * "inline" build carries its WebAssembly inside, so there is no second file to serve.
 */
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/** `scriptUrl`: where `sql.js/dist/sql-wasm-inline.js` is served (Vite: import it with `?url`). */
export function loadSqlJsInPage(scriptUrl: string): Promise<SqlJsStatic> {
  loading ??= new Promise<void>((resolve, reject) => {
    if ('initSqlJs' in globalThis) return resolve();
    // sql.js clears a global `module` as it starts (its own CommonJS check); where the script runs
    // strict (some dev servers serve it so), that needs the name to exist.
    if (!('module' in globalThis)) Object.assign(globalThis, { module: undefined });
    const script = document.createElement('script');
    script.src = scriptUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`sql.js could not be loaded from ${scriptUrl}`));
    document.head.append(script);
  }).then(() => (globalThis as unknown as { initSqlJs: () => Promise<SqlJsStatic> }).initSqlJs());
  return loading;
}
