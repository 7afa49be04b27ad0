/** `porchlight-server --guide`: the deployment guide as someone with only the package reads it. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deploymentGuide, forThePackage } from '../src/guide.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

const outsideCode = (markdown: string) => markdown.replace(/^```.*$[\s\S]*?^```$/gm, '');
/** A heading's anchor as GitHub makes it: `## One small box: SQLite` → `one-small-box-sqlite`. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

describe('the printed deployment guide', () => {
  it('has no link to a file the package does not carry; each says where it is in the repository, and is there', async () => {
    const printed = await deploymentGuide();
    const relative = [...outsideCode(SOURCE).matchAll(LINK)].map((match) => match[2]!).filter((target) => !target.startsWith('#') && !/^https?:/.test(target));
    assert.ok(relative.length > 0, 'docs/deployment.md links to other files of the repository');
    for (const [, , target] of outsideCode(printed).matchAll(LINK)) {
      assert.ok(target!.startsWith('#') || /^https?:\/\//.test(target!), `a link the package reader cannot follow: ${target}`);
    }
    for (const target of relative) {
      // Told with its heading (`docs/contract/links.md#office`), and the file is there.
      const told = `docs/${target}`;
      const path = told.replace(/#.*$/, '');
      assert.ok(printed.includes(`\`${told}\` in the Porchlight repository`), `${target} is told as ${told}`);
      assert.ok(existsSync(`${REPOSITORY}${path}`), `${path} is in the repository`);
    }
    assert.match(printed, /^# Deploying porchlight-server\n\n> Printed by `porchlight-server --guide`\. The package carries only the server/);
  });

  it('keeps its links within itself, and each names a heading it has', async () => {
    const printed = outsideCode(await deploymentGuide());
    const anchors = new Set([...printed.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1]!)));
    const within = [...printed.matchAll(LINK)].map((match) => match[2]!).filter((target) => target.startsWith('#'));
    assert.ok(within.length > 5);
    for (const target of within) assert.ok(anchors.has(target.slice(1)), `no heading for ${target}`);
  });

  it('rewrites links from the guide’s folder, keeps web addresses and code blocks as they are', () => {
    const markdown = [
      '# Title',
      '',
      'See the [README](../README.md), [docs/contract/links.md](contract/links.md#tags), [Hono](https://hono.dev) and [below](#below).',
      '```md',
      '[inside a block](rest-contract.md)',
      '```',
      '',
    ].join('\n');
    assert.equal(
      forThePackage(markdown),
      [
        '# Title',
        '',
        forThePackage('# T\n').split('\n')[2],
        '',
        'See the README (`README.md` in the Porchlight repository), `docs/contract/links.md#tags` in the Porchlight repository, [Hono](https://hono.dev) and [below](#below).',
        '```md',
        '[inside a block](rest-contract.md)',
        '```',
        '',
      ].join('\n'),
    );
  });
});
