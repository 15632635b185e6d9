'use strict';
// Exact phrases (issue 18): a long quoted phrase on the search page returns
// exactly the documents holding it, from file:// and over HTTP. The truth
// is computed here from the archive's own texts (the search index's
// summaries: number, title, type, issuer, province and plain text).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

const PHRASE = 'đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19';
const words = (s) => String(s).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').split(/[^a-z0-9]+/).filter(Boolean);

/** Each document's href and its words, one string with spaces around each. */
function texts(dir) {
  const docs = [];
  let meta = null;
  const context = vm.createContext({ vanbanSearch: { m: (m) => (meta = m), d: (k, list) => (docs[k] = list[0]) } });
  vm.runInContext(fs.readFileSync(path.join(dir, 'tim-kiem/meta.js'), 'utf8'), context);
  for (const file of fs.readdirSync(path.join(dir, 'tim-kiem/d'))) {
    vm.runInContext(fs.readFileSync(path.join(dir, 'tim-kiem/d', file), 'utf8'), context);
  }
  return docs.map((s) => {
    const type = s[1] ? meta.types[s[1] - 1][1] : null;
    const province = s[11] || (s[2] ? meta.provinces[s[2] - 1][1] : null);
    return { href: s[6], words: ` ${words([s[0], s[5], type, s[10], province, s[7]].filter(Boolean).join(' ')).join(' ')} ` };
  });
}

const archive = h.archive('gen');
const all = texts(archive.dir);
const phrase = words(PHRASE);
const holding = all.filter((d) => d.words.includes(` ${phrase.join(' ')} `)).map((d) => d.href);
// What a chain of adjacent pairs finds: every pair somewhere.
const chained = all.filter((d) => phrase.slice(1).every((w, i) => d.words.includes(` ${phrase[i]} ${w} `)));

for (const site of archive.sites()) {
  describe(`exact phrases, generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('a long quoted phrase returns exactly the documents holding it', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        assert.ok(holding.length > 0 && chained.length > holding.length, `${holding.length} hold it, ${chained.length} hold its pairs`);
        const q = `"${PHRASE}"`;
        const seen = [];
        for (let trang = 1; seen.length < holding.length && trang <= 50; trang++) {
          await go(`tim-kiem/index.html?q=${encodeURIComponent(q)}&trang=${trang}`);
          await page.locator(`body[data-search-state="ready"] #search-results[data-query="${q.replace(/"/g, '\\"')}"]`).waitFor({ state: 'attached' });
          const hrefs = await page.locator('#search-results a.result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          if (!hrefs.length) break;
          seen.push(...hrefs.map((href) => href.replace(/^(\.\.\/)+/, '').replace(/#.*$/, '')));
        }
        const total = Number((await page.locator('#search-status').innerText()).split(' ')[0]);
        assert.equal(total, holding.length, `${total} results for ${holding.length} documents holding the phrase`);
        assert.deepEqual([...seen].sort(), [...holding].sort());
      }));
  });
}
