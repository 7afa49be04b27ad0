// What the three examples' Vite configs share. They run on this repo's sources, so `npx vite examples/react`
// works right after the repo's `npm install`; in your own app, `npm install porchlight` and leave out `alias`.
// /api goes to porchlight-server: start it with `npm run serve:examples` in the repo (demo customers, port 8787).
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/', import.meta.url));

/** `porchlight`, `porchlight/define/<tag>.js` and `porchlight/elements/<tag>.js` read from src/, as package.json "exports" maps them in dist/. */
export const porchlightFromSource = [
  { find: /^porchlight$/, replacement: `${source}index.ts` },
  { find: /^porchlight\/define\/(.+)\.js$/, replacement: `${source}define/$1.ts` },
  { find: /^porchlight\/elements\/(.+)\.js$/, replacement: `${source}elements/$1/$1.ts` },
];

export const apiProxy = { '/api': { target: process.env.PORCHLIGHT_API ?? 'http://127.0.0.1:8787' } };
