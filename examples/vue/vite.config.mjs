import { defineConfig } from 'vite';
import { apiProxy, porchlightFromSource } from '../shared-vite.mjs';

export default defineConfig({
  root: import.meta.dirname,
  resolve: {
    alias: [
      ...porchlightFromSource,
      // The template in src/main.ts is compiled in the browser: Vue's build with the compiler.
      { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
    ],
  },
  server: { proxy: apiProxy },
});
