/** Vite's `import.meta.env`, as far as the demo reads it. */
interface ImportMetaEnv {
  /** '1' under `npm run demo:server` (scripts/demo-server.mjs): the demo talks to porchlight-server, not MSW. */
  readonly VITE_PORCHLIGHT_SERVER?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
