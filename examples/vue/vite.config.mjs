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
  // Vue's esm-bundler build asks its bundler for these flags (it warns in the console without them).
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  server: { proxy: apiProxy },
});
