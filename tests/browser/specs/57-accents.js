'use strict';
// Accent-exact ranking (issue 18): on the search page, `hồi` ranks the
// documents that say “hồi” (28 of the 400) first, before the many saying
// only “hội”; `hoi` typed without accents ranks every spelling alike. The
// truth is read from the archive's own texts (the index's summaries).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/** Each document's href and its text (number, title, issuer, plain text), lower case. */
function texts(dir) {
  const docs = [];
  const context = vm.createContext({ vanbanSearch: { m: () => {}, d: (k, list) => (docs[k] = list[0]) } });
  for (const file of fs.readdirSync(path.join(dir, 'tim-kiem/d'))) {
    vm.runInContext(fs.readFileSync(path.join(dir, 'tim-kiem/d', file), 'utf8'), context);
  }
  return docs.map((s) => ({ href: s[6], text: [s[0], s[5], s[10], s[7]].filter(Boolean).join(' ').normalize('NFC').toLowerCase() }));
}

const archive = h.archive('gen');
const all = texts(archive.dir);
const saying = (word) => new Set(all.filter((d) => new RegExp(`(^|[^\\p{L}\\p{N}])${word}($|[^\\p{L}\\p{N}])`, 'u').test(d.text)).map((d) => d.href));

async function hrefs(page, go, q) {
  await go(`tim-kiem/index.html?q=${encodeURIComponent(q)}`);
  await page.locator(`body[data-search-state="ready"] #search-results[data-query="${q}"]`).waitFor({ state: 'attached' });
  return (await page.locator('#search-results a.result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map((href) =>
    href.replace(/^(\.\.\/)+/, '').replace(/#.*$/, ''),
  );
}

for (const site of archive.sites()) {
  describe(`accent-exact ranking, generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('a word typed with accents ranks its exact spelling first', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        const hoi = saying('hồi');
        assert.ok(hoi.size >= 20 && hoi.size < all.length / 4, `${hoi.size} of ${all.length} say “hồi”`);
        const found = await hrefs(page, go, 'hồi');
        assert.equal(found.length, 20);
        assert.deepEqual(found.filter((href) => !hoi.has(href)), [], 'the first page: documents saying “hồi”');
        // Typed without accents, “hồi” has no head start.
        const plain = await hrefs(page, go, 'hoi');
        assert.ok(plain.filter((href) => !hoi.has(href)).length > 10, 'without accents, every spelling ranks alike');
      }));
  });
}
