import { defineConfig } from 'vite';
import { apiProxy, porchlightFromSource } from '../shared-vite.mjs';

// No React plugin needed: Vite compiles JSX with React's automatic runtime (add @vitejs/plugin-react
// for Fast Refresh).
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: porchlightFromSource },
  server: { proxy: apiProxy },
});
