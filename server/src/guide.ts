/**
 * The deployment guide (docs/deployment.md), for `porchlight-server --guide`. The package holds only
 * `bin` and `dist`, and a folder outside the package cannot be listed in its files: so the bundle
 * carries the guide itself, inlined by esbuild's text import when `npm run build` bundles this file.
 */
import { posix } from 'node:path';

/** Where the guide lives in the repository: its relative links start from this folder. */
const GUIDE_FOLDER = 'docs';

/**
 * Said under the title of the printed guide: the package has none of the files it names. The packages
 * name no repository address (no `repository` or `homepage` in package.json), so none is made up here.
 */
const PACKAGE_NOTE =
  '> Printed by `porchlight-server --guide`. The package carries only the server: the other documents this guide ' +
  'points to and the source files it names (`src/…`, `backend/…`, the README) are in the Porchlight repository.';

export async function deploymentGuide(): Promise<string> {
  return forThePackage(await guideSource());
}

async function guideSource(): Promise<string> {
  // Run from the TypeScript source (this repository, through tsx), the guide is read where it is
  // edited: Node and tsx know no text import.
  if (import.meta.url.endsWith('.ts')) {
    const { readFileSync } = await import('node:fs');
    return readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
  }
  return (await import('../../docs/deployment.md', { with: { type: 'text' } })).default;
}

/**
 * The guide as the package's reader gets it: every link to another file of the repository
 * (`[REST contract](rest-contract.md)`) becomes its text and where the file is in the repository
 * (``REST contract (`docs/rest-contract.md` in the Porchlight repository)``), and a note under the title
 * says so. Links within the guide (`#the-office-key`) and web addresses stay links; code blocks are
 * left as they are. docs/deployment.md itself keeps its links, which work where it is read on the web.
 */
export function forThePackage(markdown: string): string {
  const parts = markdown.split(/^(```.*$[\s\S]*?^```$)/m);
  const text = parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, rewriteLink))).join('');
  return text.replace(/^(# .*\n)/, `$1\n${PACKAGE_NOTE}\n`);
}

function rewriteLink(link: string, label: string, target: string): string {
  if (target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target)) return link;
  const path = posix.normalize(posix.join(GUIDE_FOLDER, target));
  const where = `\`${path}\` in the Porchlight repository`;
  // `[docs/contract/links.md](contract/links.md)`: the label already is the path.
  return label.replace(/`/g, '') === path.replace(/#.*$/, '') ? where : `${label} (${where})`;
}
