import { expect, fixture, html } from '@open-wc/testing';
import { linkify, linkTokens, safeHttpUrl, telHref } from '../src/internal/linkify.js';

async function rendered(text: string) {
  return fixture<HTMLParagraphElement>(html`<p>${linkify(text)}</p>`);
}

describe('linkify', () => {
  it('links phone numbers and web addresses in the seed message, and keeps sentence punctuation outside', () => {
    const tokens = linkTokens('Call us at (555) 010-4477 or visit https://northwindair.example/schedule.');
    expect(tokens).to.deep.equal([
      { kind: 'text', text: 'Call us at ' },
      { kind: 'phone', text: '(555) 010-4477', href: 'tel:5550104477' },
      { kind: 'text', text: ' or visit ' },
      { kind: 'url', text: 'https://northwindair.example/schedule', href: 'https://northwindair.example/schedule' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps a leading + on international numbers', () => {
    expect(telHref('+44 20 7946 0958')).to.equal('tel:+442079460958');
    expect(linkTokens('Ring +44 20 7946 0958 today')[1]).to.deep.equal({
      kind: 'phone',
      text: '+44 20 7946 0958',
      href: 'tel:+442079460958',
    });
  });

  it('leaves dates, prices and short numbers as text', () => {
    for (const text of ['Closed 2025-12-25 and 2026-01-01.', 'Tune-ups from $89.00', 'Suite 300, open 8-5']) {
      expect(linkTokens(text)).to.deep.equal([{ kind: 'text', text }]);
    }
  });

  it('links only http and https addresses', () => {
    expect(safeHttpUrl('javascript:alert(1)')).to.equal(null);
    expect(safeHttpUrl('data:text/html,<b>x</b>')).to.equal(null);
    expect(safeHttpUrl('ftp://example.com/manual.pdf')).to.equal(null);
    expect(safeHttpUrl('not a url')).to.equal(null);
    expect(safeHttpUrl('HTTPS://Example.com/a b')).to.equal('https://example.com/a%20b');
    expect(linkTokens('see javascript:alert(1) now')).to.deep.equal([{ kind: 'text', text: 'see javascript:alert(1) now' }]);
  });

  it('shows markup in a message as text, and makes no element from it', async () => {
    const p = await rendered('<b>Bold</b> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">click</a>');
    expect(p.textContent).to.contain('<b>Bold</b>');
    expect(p.textContent).to.contain('<img src=x onerror="alert(1)">');
    expect(p.querySelector('b, img')).to.equal(null);
    expect(p.querySelectorAll('a')).to.have.length(0);
  });

  it('renders links with safe targets, and the rest of the text unchanged', async () => {
    const p = await rendered('Call (555) 010-4477 or see https://example.com/faq?x=1&y=2, thanks');
    const links = [...p.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['tel:5550104477', 'https://example.com/faq?x=1&y=2']);
    expect(links[1]!.rel).to.equal('noopener noreferrer');
    expect(p.textContent).to.equal('Call (555) 010-4477 or see https://example.com/faq?x=1&y=2, thanks');
  });

  it('stops a web address at markup around it', () => {
    const tokens = linkTokens('<a href="https://evil.example">x</a>');
    expect(tokens.filter((t) => t.kind === 'url').map((t) => t.text)).to.deep.equal(['https://evil.example']);
    expect(tokens.map((t) => t.text).join('')).to.equal('<a href="https://evil.example">x</a>');
  });

  it('answers an empty message with nothing', () => {
    expect(linkTokens('')).to.deep.equal([]);
  });
});
