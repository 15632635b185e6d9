'use strict';
// Every page kind of both archives, from file:// and over HTTP: it renders
// (lang, title, styles, one visible h1), screenshots at 1280 and 375 px,
// no horizontal overflow on a phone, and no axe-core violation of any
// impact (WCAG 2.2 AA, so tap targets of at least 24 px at 375 px). axe runs over HTTP only (the DOM is the same from file://, where
// axe cannot read the stylesheets): at 1280 px on both archives, and at
// 375 px too on the seed archive (the same templates; the larger archive's
// long pages take seconds each). To cover a new page kind, add a line
// to PAGE_KINDS.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/**
 * Each page kind: its name (for the screenshot files) and where to find one,
 * an archive path, or the first link matching `link` on the page `from`.
 */
const PAGE_KINDS = [
  { name: 'home', path: 'index.html' },
  { name: 'provinces', path: 'tinh/index.html' },
  { name: 'province', path: 'tinh/quang-ngai/index.html' },
  { name: 'province-month', from: 'tinh/quang-ngai/index.html', link: 'figure.chart + .chart-data a' },
  { name: 'timeline', path: 'thoi-gian/index.html' },
  { name: 'year', path: 'thoi-gian/2021/index.html' },
  { name: 'month', path: 'thoi-gian/2021/06/index.html' },
  { name: 'day', from: 'thoi-gian/2021/06/index.html', link: 'main h2 a' },
  { name: 'week', from: 'thoi-gian/2021/06/index.html', link: 'table.calendar tbody th a' },
  { name: 'undated', path: 'thoi-gian/khong-ro/index.html' },
  { name: 'cited-index', path: 'trich-dan/index.html' },
  // A cited directive that is not in the archive (no "in archive" badge).
  { name: 'cited', from: 'trich-dan/index.html', link: 'main table.cited-list tbody tr:not(:has(.badge)) td:first-child a' },
  { name: 'directive', from: 'tinh/quang-ngai/index.html', link: 'main table.doc-list tbody a[href*="/van-ban/"]' },
  { name: 'issuers', path: 'co-quan/index.html' },
  { name: 'issuer', from: 'co-quan/index.html', link: 'main tbody a' },
  { name: 'types', path: 'loai/index.html' },
  { name: 'type', path: 'loai/cong-van/index.html' },
  { name: 'not-found', path: '404.html' },
  // The open data page (du-lieu/): each file and its columns.
  { name: 'data', path: 'du-lieu/index.html' },
];

for (const name of ['seed', 'gen']) {
  for (const site of h.archive(name).sites()) {
    describe(`${site}: every page kind`, () => {
      const shared = h.sharedPage(site);
      after(() => shared.close());

      for (const kind of PAGE_KINDS) {
        test(kind.name, () =>
          shared.visit(kind.path || kind.from, async (page, { go, screenshot, assertAccessible }) => {
            if (kind.link) await go(await h.linkTarget(page, kind.link));
            const where = h.currentPath(page);
            assert.equal(await page.locator('html').getAttribute('lang'), 'vi', `${where}: lang`);
            assert.ok((await page.title()).trim(), `${where}: a title`);
            const unstyled = await page.evaluate(() =>
              [...document.querySelectorAll('link[rel=stylesheet]')].filter((l) => !l.sheet).map((l) => l.href),
            );
            assert.deepEqual(unstyled, [], `${where}: stylesheets not applied`);
            assert.ok(await page.locator('main').isVisible(), `${where}: a visible main`);
            assert.ok((await h.assertHeading(page, '')).length > 0, `${where}: an h1 with text`);

            await screenshot(kind.name);
            if (site.mode === 'http') await assertAccessible();
            await page.setViewportSize(h.PHONE);
            await screenshot(kind.name);
            await h.assertNoHorizontalOverflow(page);
            if (site.mode === 'http' && name === 'seed') await assertAccessible();
          }),
        );
      }
    });
  }
}

// A list split into parts: a navigation above and below it, each with its
// own name, on every part (the `long` archive's cited index, 600 entries).
for (const site of h.archive('long').sites()) {
  describe(`${site}: the parts of a long list`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());
    for (const part of ['trich-dan/index.html', 'trich-dan/trang-2/index.html']) {
      test(part, () =>
        shared.visit(part, async (page, { screenshot, assertAccessible }) => {
          const labels = await page.locator('nav.pagination').evaluateAll((navs) => navs.map((n) => n.getAttribute('aria-label')));
          assert.equal(labels.length, 2, `${part}: a navigation above and below`);
          assert.notEqual(labels[0], labels[1], `${part}: each with its own name`);
          assert.match(await page.title(), / · Trang [12]\/2 · /);
          await screenshot(part.includes('trang-2') ? 'list-part-2' : 'list-part-1');
          if (site.mode === 'http') await assertAccessible();
          await page.setViewportSize(h.PHONE);
          await h.assertNoHorizontalOverflow(page);
          if (site.mode === 'http') await assertAccessible();
        }),
      );
    }
  });
}
