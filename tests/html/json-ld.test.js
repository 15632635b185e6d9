// Every directive page's JSON-LD, read by a JSON-LD processor (jsonld.js):
// it expands without dropping anything (safe mode: no unknown term, no
// unresolvable address), and says what the page says. schema.org's context
// is given locally (its vocabulary, and `url` and `item` as addresses, as
// schema.org defines them), so nothing is fetched.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const jsonld = require('jsonld');

const SCHEMA = 'https://schema.org/';
const archives = (process.env.VANBAN_HTML_ARCHIVES || '').split(':').filter(Boolean);
assert.ok(archives.length > 0, 'VANBAN_HTML_ARCHIVES names the built archives');

const documentLoader = async (url) => {
  if (url.replace(/\/$/, '') === 'https://schema.org') {
    const address = (term) => ({ '@id': SCHEMA + term, '@type': '@id' });
    const context = { '@vocab': SCHEMA, url: address('url'), item: address('item') };
    return { documentUrl: url, document: { '@context': context } };
  }
  throw new Error(`no request outside the archive: ${url}`);
};

function directivePages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'index.html') pages.push(full);
    }
  };
  walk(path.join(root, 'van-ban'));
  return pages.filter((p) => fs.readFileSync(p, 'utf8').includes('<article class="directive">'));
}

function scripts(html) {
  return [...html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)].map((m) => m[1]);
}

const values = (node, key) => (node[SCHEMA + key] || []).map((v) => v['@value'] ?? v['@id']);

for (const archive of archives) {
  test(`every directive page of ${path.basename(archive)} has valid Legislation and BreadcrumbList JSON-LD`, async () => {
    const pages = directivePages(archive);
    assert.ok(pages.length >= 3, `directive pages found: ${pages.length}`);
    for (const page of pages) {
      const html = fs.readFileSync(page, 'utf8');
      const found = scripts(html);
      assert.strictEqual(found.length, 1, `${page}: one JSON-LD script`);
      assert.ok(!/[<>&]/.test(found[0]), `${page}: no < > & in the script`);
      const base = 'https://vanban.example.org/kho/' + path.relative(archive, page);
      const expanded = await jsonld.expand(JSON.parse(found[0]), { base, documentLoader, safe: true });
      const byType = (type) => expanded.filter((n) => (n['@type'] || []).includes(SCHEMA + type));
      const [law] = byType('Legislation').filter((n) => n['@id'] === base);
      assert.ok(law, `${page}: a Legislation for the page itself`);
      const number = html.match(/<dt>(?:Số, ký hiệu|Number)<\/dt><dd>([^<[]+)<\/dd>/);
      if (number) assert.deepStrictEqual(values(law, 'legislationIdentifier'), [number[1]], page);
      assert.ok(law[SCHEMA + 'isPartOf'], `${page}: the archive it is part of`);
      assert.deepStrictEqual(values(law, 'url'), [base], `${page}: its address`);
      const [trail] = byType('BreadcrumbList');
      assert.ok(trail, `${page}: a BreadcrumbList`);
      const items = trail[SCHEMA + 'itemListElement'];
      assert.ok(items.length >= 2, `${page}: a trail`);
      const last = items.find((i) => values(i, 'position')[0] === items.length);
      assert.strictEqual(values(last, 'item')[0], base, `${page}: the trail ends at the page`);
    }
  });
}
