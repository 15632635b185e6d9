'use strict';
// Filters over whole lists (issue 18): a list split into parts is filtered
// whole, counted and paged inside the result, the filter kept in the URL
// through paging and back; a province page hides the years a filter
// empties; URLs hold slugs; a date range; the links to a cited directive's
// citers of the week and the 30 days after its date. From file:// and over HTTP.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/** Facts of the rows the page shows (its own list or the filtered one). */
function shownRows(page) {
  return page.locator('main table.doc-list tbody tr[data-level]:visible').evaluateAll((rows) =>
    rows.map((r) => ({
      level: r.dataset.level,
      type: r.dataset.type,
      year: r.dataset.year,
      date: (r.cells[0].querySelector('time') || { getAttribute: () => '' }).getAttribute('datetime') || '',
      href: r.cells[3].querySelector('a').href,
    })),
  );
}

/** Every row of a split list, unfiltered, part after part (following "next"). */
async function everyPart(page, go, first) {
  await go(first);
  const rows = [];
  for (;;) {
    rows.push(...(await shownRows(page)));
    const next = page.locator('main nav.pagination a[rel="next"]').first();
    if ((await next.count()) === 0) return rows;
    await Promise.all([page.waitForURL(/trang-\d+\/index\.html$/), next.click()]);
  }
}

/** Whether a date (ISO at its precision) lies in [from, to]: a month or a year when all of it does. */
function inRange(date, from, to) {
  if (!date) return false;
  const first = `${date}-01-01`.slice(0, 10);
  const last = date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
  return first >= from && last <= to;
}

function countOf(text) {
  const m = /^(\d+) \/ (\d+) /.exec(text);
  assert.ok(m, `a count "n / total": ${text}`);
  return [Number(m[1]), Number(m[2])];
}

for (const site of h.archive('split').sites()) {
  describe(`filters over whole lists, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());
    let top = null; // the most cited directive's page
    let whole = null; // its citers, every part

    test('a filter on a split list counts across parts and pages inside the result, through paging and back', () =>
      shared.visit('trich-dan/index.html', async (page, { go, assertAccessible }) => {
        top = await h.linkTarget(page, 'main tbody tr td:first-child a');
        whole = await everyPart(page, go, top);
        assert.ok(whole.length > 500, `a list in several parts: ${whole.length}`);
        const provincial = whole.filter((r) => r.level === 'tinh');
        assert.ok(provincial.length > 500, `a filtered result in parts too: ${provincial.length}`);

        await go(top);
        await page.selectOption('main select[name="cap"]', 'tinh');
        await page.locator('.filtered-list').waitFor();
        assert.match(page.url(), /#cap=tinh$/);
        assert.deepEqual(countOf(await page.locator('.facet-count').innerText()), [provincial.length, whole.length]);
        let rows = await shownRows(page);
        assert.equal(rows.length, 500, 'the first part of the filtered list');
        assert.ok(rows.every((r) => r.level === 'tinh'));
        assert.deepEqual(rows.map((r) => r.href), provincial.slice(0, 500).map((r) => r.href), 'in the list order, rows from every part');
        assert.equal(await page.locator('main nav.pagination:visible').count(), 2, "the filtered list's own parts, above and below");
        assert.equal(await page.locator('.filtered-list nav.pagination').count(), 2);
        // The filtered list reads on a phone, and passes axe as the archive's pages do.
        await page.setViewportSize({ width: 375, height: 800 });
        await h.assertNoHorizontalOverflow(page);
        await assertAccessible();
        await page.setViewportSize({ width: 1280, height: 800 });

        // Paging inside the filtered result keeps the filter in the URL.
        await page.locator('.filtered-list nav.pagination a[rel="next"]').first().click();
        await page.waitForURL(/#cap=tinh&trang=2$/);
        rows = await shownRows(page);
        assert.deepEqual(rows.map((r) => r.href), provincial.slice(500).map((r) => r.href), 'the rest, from the second part of the list');
        assert.equal(await page.locator('main select[name="cap"]').inputValue(), 'tinh');
        // Back: the first part of the filtered list, still filtered.
        await page.goBack();
        await page.waitForURL(/#cap=tinh$/);
        rows = await shownRows(page);
        assert.equal(rows.length, 500);
        assert.ok(rows.every((r) => r.level === 'tinh'));

        // The archive's second part, opened with the filter, shows the whole filtered list too.
        const second = top.replace(/index\.html$/, 'trang-2/index.html');
        await go(`${second}#nam=2021`);
        await page.locator('.filtered-list').waitFor();
        const in2021 = whole.filter((r) => r.year === '2021');
        assert.deepEqual(countOf(await page.locator('.facet-count').innerText()), [in2021.length, whole.length]);
        assert.deepEqual((await shownRows(page)).map((r) => r.href), in2021.slice(0, 500).map((r) => r.href));
        // Cleared, the page shows its own part again.
        await page.selectOption('main select[name="nam"]', '');
        assert.ok(await page.locator('.filtered-list').isHidden());
        assert.equal((await shownRows(page)).length, whole.length - 500);
      }));

    test('the week-after and 30-days-after links open the citers of those days', () =>
      shared.visit('trich-dan/index.html', async (page, { go }) => {
        await go(top);
        const issued = await page.locator('main time[datetime]').first().getAttribute('datetime');
        assert.match(issued, /^\d{4}-\d{2}-\d{2}$/);
        const day = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
        for (const [name, days] of [['trong tuần sau ngày ban hành', 7], ['trong 30 ngày sau ngày ban hành', 30]]) {
          await go(top);
          await page.getByRole('link', { name }).click();
          const last = day(issued, days - 1);
          await page.waitForURL(new RegExp(`#tu=${issued}&den=${last}$`));
          await page.locator('.filtered-list').waitFor();
          const expected = whole.filter((r) => inRange(r.date, issued, last));
          assert.ok(expected.length > 0, `citers within ${days} days`);
          assert.deepEqual(countOf(await page.locator('.facet-count').innerText()), [expected.length, whole.length]);
          assert.deepEqual((await shownRows(page)).map((r) => r.href), expected.map((r) => r.href));
          assert.equal(await page.locator('main input[name="tu"]').inputValue(), issued);
          assert.equal(await page.locator('main input[name="den"]').inputValue(), last);
        }
      }));

    test('a date range typed in the form is kept in the URL and restored', () =>
      shared.visit('trich-dan/index.html', async (page, { go }) => {
        await go(top);
        // From the first day of a month some citer is dated to (the whole month in the range) to a later day.
        const month = whole.find((r) => r.date.length === 7).date;
        const dated = whole.filter((r) => r.date.length === 10 && r.date > `${month}-31`).map((r) => r.date).sort();
        const from = `${month}-01`;
        const to = dated[Math.floor(dated.length / 2)];
        await page.fill('main input[name="tu"]', from);
        await page.fill('main input[name="den"]', to);
        await page.waitForURL(new RegExp(`#tu=${from}&den=${to}$`));
        await page.locator('.filtered-list').waitFor();
        const expected = whole.filter((r) => inRange(r.date, from, to));
        assert.ok(whole.some((r) => r.date.length === 7 && inRange(r.date, from, to)), 'a directive dated to a month in the range counts');
        assert.equal(countOf(await page.locator('.facet-count').innerText())[0], expected.length);
        assert.deepEqual((await shownRows(page)).map((r) => r.href), expected.slice(0, 500).map((r) => r.href));
        // A shared link opens the same range.
        const shared = page.url();
        await page.goto('about:blank');
        await page.goto(shared, { waitUntil: 'load' });
        await page.locator('.filtered-list').waitFor();
        assert.equal(await page.locator('main input[name="tu"]').inputValue(), from);
        assert.equal(await page.locator('main input[name="den"]').inputValue(), to);
        assert.equal(countOf(await page.locator('.facet-count').innerText())[0], expected.length);
      }));

    test('URLs hold slugs; the form shows labels', () =>
      shared.visit('loai/index.html', async (page, { go }) => {
        // The busiest province, unsplit: filtered in the page.
        await go('tinh/index.html');
        const busiest = await page.locator('main li').evaluateAll((items) => {
          const counted = items.map((li) => [li.querySelector('a').getAttribute('href'), Number((/\((\d+)\)/.exec(li.textContent) || [0, 0])[1])]);
          counted.sort((a, b) => b[1] - a[1]);
          return counted[0][0];
        });
        await go(new URL(busiest, page.url()).href.slice(site.url('').length));
        await page.selectOption('main select[name="loai"]', { label: 'Chỉ thị' });
        assert.match(page.url(), /#loai=chi-thi$/, 'the slug, not the label');
        assert.ok((await shownRows(page)).every((r) => r.type === 'chi-thi'));
        const url = page.url().replace(/#.*$/, '#loai=ke-hoach&cap=tinh');
        await page.goto('about:blank');
        await page.goto(url, { waitUntil: 'load' });
        assert.equal(await page.locator('main select[name="loai"] option:checked').innerText(), 'Kế hoạch');
        assert.equal(await page.locator('main select[name="cap"] option:checked').innerText(), 'Tỉnh, thành phố');
        assert.ok((await shownRows(page)).every((r) => r.type === 'ke-hoach' && r.level === 'tinh'));
      }));

    test('on a province page, a filter hides the years it empties and counts each year', () =>
      shared.visit('tinh/index.html', async (page, { go }) => {
        await go('tinh/quang-tri/index.html');
        const years = await page.locator('.year-counts li').evaluateAll((items) => items.map((li) => li.dataset.year));
        assert.ok(years.length >= 2, `years: ${years}`);
        const chosen = years[1];
        await page.selectOption('main select[name="nam"]', chosen);
        const visibleYears = await page.locator('main section:has(table.doc-list):visible h2').allInnerTexts();
        assert.deepEqual(visibleYears, [chosen], 'only the chosen year\'s section');
        const counts = await page.locator('.year-counts li:visible').allInnerTexts();
        assert.equal(counts.length, 1);
        assert.match(counts[0], new RegExp(`^${chosen} \\(${(await shownRows(page)).length}\\)$`));
        // A type: each year's count is its rows shown.
        await page.selectOption('main select[name="nam"]', '');
        const type = await page.locator('main select[name="loai"] option').nth(1).getAttribute('value');
        await page.selectOption('main select[name="loai"]', type);
        const rows = await shownRows(page);
        const shown = await page.locator('.year-counts li:visible').evaluateAll((items) =>
          items.map((li) => [li.dataset.year, li.querySelector('.count').textContent]));
        assert.ok(shown.length > 0);
        for (const [year, n] of shown) {
          assert.equal(`(${rows.filter((r) => (r.year || 'khong-ro') === year).length})`, n, year);
        }
        const hiddenYears = await page.locator('.year-counts li').evaluateAll((items) => items.filter((li) => li.hidden).map((li) => li.dataset.year));
        for (const year of hiddenYears) assert.ok(!rows.some((r) => (r.year || 'khong-ro') === year), `${year} has no row`);
        assert.equal(await page.locator('main section:has(table.doc-list):visible').count(), new Set(rows.map((r) => r.year)).size);
      }));
  });
}
