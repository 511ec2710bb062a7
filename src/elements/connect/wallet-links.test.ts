import { expect } from '@open-wc/testing';
import { parseWalletLinks, walletLinkHref } from './wallet-links.js';

const URI =
  'wc:7f6e504bfad60b485450578e05678ed3e8e8c4751d3c6160be17160d63ec90f9@2?relay-protocol=irn&symKey=587d5484ce2a2a6ee3ba1962fdd7e8588e06200c46823bd18fbd67def96ad303';

describe('wallet-links', () => {
  it('substitutes the encoded URI into https: and wc: templates', () => {
    expect(walletLinkHref('https://w.example/wc?uri={uri}', URI)).to.equal(`https://w.example/wc?uri=${encodeURIComponent(URI)}`);
    expect(walletLinkHref('wc:{uri}', URI)).to.equal(`wc:${encodeURIComponent(URI)}`);
  });

  it('allows http: only to loopback, for a local test wallet', () => {
    expect(walletLinkHref('http://127.0.0.1:8080/wallet.html#uri={uri}', URI)).to.equal(`http://127.0.0.1:8080/wallet.html#uri=${encodeURIComponent(URI)}`);
    expect(walletLinkHref('http://localhost/w#uri={uri}', URI)).to.not.equal(null);
    for (const template of ['http://127.0.0.1.evil.example/{uri}', 'http://10.0.0.1/{uri}', 'http://localhost.example/{uri}']) {
      expect(walletLinkHref(template, URI), template).to.equal(null);
    }
  });

  it('refuses every other scheme, including ones hidden by whitespace or case', () => {
    for (const template of [
      'javascript:alert(1)//{uri}',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>{uri}',
      'http://w.example/{uri}',
      'vbscript:msgbox',
      '{uri}',
      '//w.example/{uri}',
      '',
    ]) {
      expect(walletLinkHref(template, URI), template).to.equal(null);
    }
  });

  it('keeps the good entries and reports the first bad one', () => {
    const { links, error } = parseWalletLinks(
      JSON.stringify([
        { name: 'A', href: 'https://a.example/{uri}' },
        { name: 'B', href: 'javascript:alert(1)' },
        { name: '', href: 'https://c.example/{uri}' },
        { href: 'https://d.example/{uri}' },
        'nope',
        { name: 'E\u202E', href: 'https://e.example/{uri}' },
      ]),
    );
    expect(links).to.deep.equal([
      { name: 'A', template: 'https://a.example/{uri}' },
      { name: 'E', template: 'https://e.example/{uri}' },
    ]);
    expect(error!.code).to.equal('invalid-option');
    expect(error!.message).to.contain('item 1');
  });

  it('reports malformed JSON, a non-array, and too many links; accepts nothing', () => {
    expect(parseWalletLinks('{').error!.message).to.contain('not valid JSON');
    expect(parseWalletLinks('{"name":"A"}').error!.message).to.contain('JSON array');
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `W${i}`, href: `https://w${i}.example/{uri}` }));
    const parsed = parseWalletLinks(JSON.stringify(many));
    expect(parsed.links).to.have.length(16);
    expect(parsed.error!.message).to.contain('more than 16');
    expect(parseWalletLinks(null)).to.deep.equal({ links: [], error: null });
    expect(parseWalletLinks('  ')).to.deep.equal({ links: [], error: null });
  });
});
