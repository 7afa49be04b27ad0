/**
 * Loading sql.js in a page. Its build is a classic script, not an ES module, so it is added once as a
 * `<script>`; its WebAssembly is fetched from `wasmUrl` and compiled while it streams in.
 */
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

export interface SqlJsFiles {
  /** Where `sql.js/dist/sql-wasm-browser.js` is served (Vite: import it with `?url`). */
  script: string;
  /** Where `sql.js/dist/sql-wasm-browser.wasm` is served. */
  wasm: string;
}

/** The files as served from the project's root (web-test-runner, the bench server). */
export const NODE_MODULES_SQLJS: SqlJsFiles = {
  script: '/node_modules/sql.js/dist/sql-wasm-browser.js',
  wasm: '/node_modules/sql.js/dist/sql-wasm-browser.wasm',
};

type InitSqlJs = (config: { locateFile: () => string }) => Promise<SqlJsStatic>;

export function loadSqlJsInPage(files: SqlJsFiles): Promise<SqlJsStatic> {
  loading ??= new Promise<void>((resolve, reject) => {
    if ('initSqlJs' in globalThis) return resolve();
    // sql.js clears a global `module` as it starts (its own CommonJS check); where the script runs
    // strict (some dev servers serve it so), that needs the name to exist.
    if (!('module' in globalThis)) Object.assign(globalThis, { module: undefined });
    const script = document.createElement('script');
    script.src = files.script;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`sql.js could not be loaded from ${files.script}`));
    document.head.append(script);
  }).then(() => (globalThis as unknown as { initSqlJs: InitSqlJs }).initSqlJs({ locateFile: () => files.wasm }));
  return loading;
}
