/**
 * No page asks for a /favicon.ico that is not there (a 404 in every page's log): the test page, the
 * demo's pages and the stories name their icon, and the icon exists.
 */
import { expect } from '@open-wc/testing';

describe('page icon', () => {
  it('the test page names an icon that loads', async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    expect(link, 'a <link rel="icon">').to.exist;
    expect((await fetch(link!.href)).status).to.equal(200);
  });

  for (const page of ['index.html', 'office.html', 'estimate.html', 'pay.html', 'visit.html']) {
    it(`demo/${page} names /favicon.svg, which public/ holds`, async () => {
      const html = await (await fetch(`/demo/${page}`)).text();
      const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
      expect(href).to.equal('/favicon.svg');
      // Vite serves public/ at the site's root.
      expect((await fetch(`/public${href}`)).status).to.equal(200);
    });
  }

  it('the stories name ./favicon.svg (Storybook copies public/ to its root)', async () => {
    const head = await (await fetch('/.storybook/preview-head.html')).text();
    expect(head).to.contain('<link rel="icon" href="./favicon.svg"');
  });
});
