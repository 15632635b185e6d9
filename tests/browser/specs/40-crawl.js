'use strict';
// Every page of the seed archive, reached from home by following links over
// HTTP, in one page: each loads with status 200, its styles, one h1 and
// lang="vi", and no page makes a request outside the archive, a 404 or a
// console or page error. (The Rust tests check that every link resolves;
// this checks what a browser makes of each page.)

const assert = require('node:assert/strict');
const { test } = require('node:test');
const h = require('../lib/harness');

test('seed/http: every page reachable from home loads cleanly', async () => {
  const site = h.archive('seed').http;
  const shared = h.sharedPage(site);
  try {
    const seen = new Set(['index.html']);
    const queue = ['index.html'];
    while (queue.length) {
      const rel = queue.shift();
      const links = await shared.visit(rel, async (page) => {
        const facts = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          h1: document.querySelectorAll('h1').length,
          unstyled: [...document.querySelectorAll('link[rel=stylesheet]')].filter((l) => !l.sheet).length,
          // SVG links (charts) have an animated href; resolve them like HTML ones.
          links: [...document.querySelectorAll('a[href]')].map((a) => (typeof a.href === 'string' ? a.href : new URL(a.getAttribute('href'), location.href).href)),
        }));
        assert.equal(facts.lang, 'vi', `${rel}: lang`);
        assert.equal(facts.h1, 1, `${rel}: one h1`);
        assert.equal(facts.unstyled, 0, `${rel}: stylesheets applied`);
        return facts.links;
      });
      for (const href of links) {
        const target = site.rel(href.split('#')[0]);
        // Pages only: the open data (.csv, .json) and the feeds (.xml) are
        // downloads, checked by tests/publish.rs.
        if (target !== null && target !== '' && target.endsWith('.html') && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    assert.ok(seen.size > 80, `only ${seen.size} pages reached`);
    console.log(`crawled ${seen.size} pages of the seed archive`);
  } finally {
    await shared.close();
  }
});
