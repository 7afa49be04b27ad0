import type { StorybookConfig } from '@storybook/web-components-vite';
import { manifestTypes } from './manifest-types.js';

const config: StorybookConfig = {
  // The sidebar's order (Overview, Elements, Reference) is preview.ts's `options.storySort`.
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // MSW's worker script, served at the root so it controls the preview frame.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit', 'lit/decorators.js', 'lit/directive-helpers.js'],
    };
    viteConfig.esbuild = { ...(viteConfig.esbuild || {}), target: 'es2022' };
    // The manifest's aliased union types (`LoginView`, `Routing` …) as their words: select controls.
    viteConfig.plugins = [...(viteConfig.plugins ?? []), manifestTypes()];
    return viteConfig;
  },
};
export default config;
