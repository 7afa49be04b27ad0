/**
 * The deployment guide (docs/deployment.md), for `porchlight-server --guide`. The package holds only
 * `bin` and `dist`, and a folder outside the package cannot be listed in its files: so the bundle
 * carries the guide itself, inlined by esbuild's text import when `npm run build` bundles this file.
 */
export async function deploymentGuide(): Promise<string> {
  // Run from the TypeScript source (this repository, through tsx), the guide is read where it is
  // edited: Node and tsx know no text import.
  if (import.meta.url.endsWith('.ts')) {
    const { readFileSync } = await import('node:fs');
    return readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
  }
  return (await import('../../docs/deployment.md', { with: { type: 'text' } })).default;
}
