// Types for scripts/minify-templates.mjs, which vite.config.ts (type-checked) imports.
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export function minifyTemplates(source: string, fileName: string, options?: { sourceMap?: boolean }): Promise<{ code: string; map?: unknown } | null>;
export function esbuildMinifyTemplates(): EsbuildPlugin;
export function viteMinifyTemplates(): VitePlugin;
export function wtrMinifyTemplates(): { name: string; transform(context: { path: string; body: unknown }): Promise<{ body: string } | undefined> };
