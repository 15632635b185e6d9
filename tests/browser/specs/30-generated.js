'use strict';
// The larger archive (`vanban generate --count 400 --seed 7`: hundreds of
// directives across many provinces and years), from file:// and over HTTP:
// the counts a reader sees agree with the lists beside them, lists are in
// order, and a reader's path through the archive leads where it says.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/** The integer in `text` ("(23)", "400"); fails when there is none. */
function count(text) {
  const m = /\d+/.exec(text);
  assert.ok(m, `no number in ${JSON.stringify(text)}`);
  return Number(m[0]);
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

async function counts(page, selector) {
  return (await page.locator(selector).allInnerTexts()).map(count);
}

for (const site of h.archive('gen').sites()) {
  describe(`generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('home counts agree with its timeline and provinces', () =>
      shared.visit('index.html', async (page) => {
        await h.assertHeading(page, 'Lưu trữ văn bản chỉ đạo');
        const facts = await page.locator('dl.facts').innerText();
        const total = count(/Số văn bản\s+(\d+)/.exec(facts)?.[1] ?? '');
        assert.equal(total, 400);
        const provinces = count(/Tỉnh, thành phố\s+(\d+)/.exec(facts)?.[1] ?? '');
        assert.ok(provinces >= 20, `many provinces: ${provinces}`);
        const years = await page.locator('section[aria-labelledby="h-timeline"] li a').allInnerTexts();
        assert.ok(years.filter((y) => /^\d{4}$/.test(y)).length >= 2, `two years or more: ${years}`);
        // Each year's count, and the undated ones, add up to the whole archive.
        assert.equal(sum(await counts(page, 'section[aria-labelledby="h-timeline"] li .count')), total);
        const perProvince = await counts(page, 'section[aria-labelledby="h-provinces"] li .count');
        assert.equal(perProvince.length, provinces, 'one entry per province');
        assert.ok(sum(perProvince) <= total);
      }));

    test('province page: its count, its year lists and its rows agree', () =>
      shared.visit('tinh/quang-ngai/index.html', async (page) => {
        await h.assertHeading(page, 'Quảng Ngãi');
        const total = count(await page.locator('dl.facts dd').first().innerText());
        assert.ok(total > 1, `${total} directives`);
        const rows = page.locator('main table.doc-list tbody tr');
        assert.equal(await rows.count(), total);
        assert.equal(sum(await counts(page, 'section[aria-labelledby="h-years"] li .count')), total);
        for (const year of await page.locator('section[aria-labelledby="h-years"] li a').allInnerTexts()) {
          const dates = await page.locator(`section[aria-labelledby="y-${year}"] tbody time`).evaluateAll((ts) => ts.map((t) => t.dateTime));
          assert.ok(dates.every((d) => d.startsWith(year)), `${year}: ${dates}`);
        }
        const provinceCells = await page.locator('main table.doc-list tbody td:nth-child(3)').allInnerTexts();
        assert.ok(provinceCells.every((c) => c.trim() === 'Quảng Ngãi'), provinceCells.join(', '));
        // Year anchors scroll to their section.
        const last = page.locator('section[aria-labelledby="h-years"] a').last();
        const year = (await last.innerText()).trim();
        await last.click();
        await page.waitForURL(`**/tinh/quang-ngai/index.html#y-${year}`);
        assert.ok(await page.locator(`#y-${year}`).isVisible());
      }));

    test('a directive opened from its province shows its number and leads back', () =>
      shared.visit('tinh/quang-ngai/index.html', async (page) => {
        const row = page.locator('main table.doc-list tbody tr').first();
        const number = (await row.locator('td').nth(1).innerText()).trim();
        const title = (await row.locator('td').nth(3).innerText()).trim();
        const target = await h.clickLink(page, title);
        assert.match(target, /^van-ban\/quang-ngai\/\d{4}\/[^/]+\/index\.html$/);
        await h.assertHeading(page, title.replace(/^[^:]+: /, ''));
        await h.assertVisibleText(page, number, { within: 'main .kicker' });
        await h.assertVisibleText(page, 'Quảng Ngãi', { within: 'main .meta' });
        assert.equal(await h.clickLink(page, 'Quảng Ngãi', { within: 'main .meta' }), 'tinh/quang-ngai/index.html');
      }));

    test('timeline month: its count, its rows in date order, and its neighbours', () =>
      shared.visit('thoi-gian/2021/06/index.html', async (page) => {
        const heading = await h.assertHeading(page, 'Tháng 6/2021');
        const total = count(heading.slice('Tháng 6/2021'.length)); // "(23)"
        const dates = await page.locator('main table.doc-list tbody time').evaluateAll((ts) => ts.map((t) => t.dateTime));
        assert.equal(dates.length, total);
        assert.ok(dates.every((d) => d.startsWith('2021-06')), dates.join(' '));
        assert.deepEqual(dates, [...dates].sort(), 'oldest first');
        assert.equal(await h.clickLink(page, '7/2021 →'), 'thoi-gian/2021/07/index.html');
        await h.assertHeading(page, 'Tháng 7/2021');
        assert.equal(await h.clickLink(page, '← 6/2021'), 'thoi-gian/2021/06/index.html');
      }));

    test('year page: month counts add up to the year, and a month opens', () =>
      shared.visit('thoi-gian/2021/index.html', async (page) => {
        const total = count((await h.assertHeading(page, 'Năm 2021')).slice('Năm 2021'.length));
        const months = await counts(page, 'main ul.inline li .count');
        assert.equal(months.length, 12);
        const yearOnly = await page.locator('section[aria-labelledby="h-year-only"] tbody tr').count();
        assert.equal(sum(months) + yearOnly, total);
        assert.equal(await h.clickLink(page, 'Tháng 6'), 'thoi-gian/2021/06/index.html');
      }));

    test('cited directives: most cited first, and the top one lists that many citers', () =>
      shared.visit('trich-dan/index.html', async (page) => {
        const citers = await counts(page, 'main table.cited-list tbody td.num');
        assert.ok(citers.length > 20, `${citers.length} cited directives`);
        assert.deepEqual(citers, [...citers].sort((a, b) => b - a), 'most cited first');
        const top = page.locator('main table.cited-list tbody tr').first().locator('td a').first();
        const number = (await top.innerText()).trim();
        await h.clickLink(page, number);
        await h.assertHeading(page, number);
        assert.equal(await page.locator('main table.doc-list tbody tr').count(), citers[0]);
      }));
  });
}
