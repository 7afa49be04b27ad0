import { defineConfig } from 'vite';
import { apiProxy, porchlightFromSource } from '../shared-vite.mjs';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: porchlightFromSource },
  server: { proxy: apiProxy },
});
