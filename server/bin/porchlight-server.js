#!/usr/bin/env node
// porchlight-server's command. In this repository it runs the TypeScript source through tsx; a packed
// package runs the bundle `npm run build -w porchlight-server` writes (dist/cli.js).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/cli.js');
}
