'use strict';
// What a journalist does in the browser: narrows a list and shares the URL,
// sorts the "who acted, how soon" table, follows a chart's bar or a heat-map
// cell, and copies a ready citation. From file:// and over HTTP.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/** The facet value of each visible row of the page's directive lists. */
async function visibleRows(page, attribute) {
  return page.locator('main table.docs tbody tr[data-level]:visible').evaluateAll(
    (rows, name) => rows.map((r) => r.getAttribute(name)),
    attribute,
  );
}

for (const site of h.archive('gen').sites()) {
  describe(`journalism, generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('a province list narrows by type; the URL keeps it and restores it', () =>
      shared.visit('tinh/index.html', async (page, { go }) => {
        // The province with the most directives has several types to choose from.
        const busiest = await page.locator('main li').evaluateAll((items) => {
          const counted = items.map((li) => [li.querySelector('a').getAttribute('href'), Number((/\((\d+)\)/.exec(li.textContent) || [0, 0])[1])]);
          counted.sort((a, b) => b[1] - a[1]);
          return counted[0][0];
        });
        await go(new URL(busiest, page.url()).href.slice(site.url('').length));
        const form = page.locator('form.facets');
        assert.ok(await form.isVisible(), 'the facet controls appear with the script');
        const all = await visibleRows(page, 'data-type');
        const types = [...new Set(all)].filter(Boolean);
        assert.ok(types.length >= 2, `several types: ${types}`);
        const chosen = types[1];
        assert.match(chosen, /^[a-z0-9-]+$/, 'rows carry the type as a slug');
        await page.selectOption('select[name="loai"]', chosen);
        const narrowed = await visibleRows(page, 'data-type');
        assert.ok(narrowed.length > 0 && narrowed.length < all.length, `${narrowed.length} of ${all.length}`);
        assert.ok(narrowed.every((t) => t === chosen), 'only the chosen type is shown');
        // The URL holds the slug (`#loai=cong-van`), the form shows the label.
        assert.match(page.url(), new RegExp(`#loai=${chosen}$`));
        const label = await page.locator('select[name="loai"] option:checked').innerText();
        assert.notEqual(label, chosen);
        assert.ok(
          (await page.locator('main table.docs tbody tr[data-level]:visible td:nth-child(4)').allInnerTexts()).every((t) => t.startsWith(`${label}: `)),
          'the rows shown are of the type the form names',
        );
        assert.match(await page.locator('.facet-count').innerText(), new RegExp(`^${narrowed.length} / ${all.length} `));
        // A shared link opens narrowed.
        const shared = page.url();
        await page.goto('about:blank');
        await page.goto(shared, { waitUntil: 'load' });
        assert.equal(await page.locator('select[name="loai"]').inputValue(), chosen);
        assert.deepEqual(await visibleRows(page, 'data-type'), narrowed);
        // Clearing the facet shows the whole list again.
        await page.selectOption('select[name="loai"]', '');
        assert.equal((await visibleRows(page, 'data-type')).length, all.length);
      }));

    test('lists narrow by year and issuer level too', () =>
      shared.visit('loai/cong-van/index.html', async (page) => {
        const years = await page.locator('select[name="nam"] option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
        assert.ok(years.length >= 2, `years: ${years}`);
        await page.selectOption('select[name="nam"]', years[0]);
        assert.ok((await visibleRows(page, 'data-year')).every((y) => y === years[0]));
        const levels = await page.locator('select[name="cap"] option').evaluateAll((o) => o.map((x) => x.textContent));
        assert.ok(levels.includes('Tỉnh, thành phố'), `levels are named: ${levels}`);
      }));

    test('the "who acted, how soon" table sorts without a server', () =>
      shared.visit('trich-dan/index.html', async (page, { go }) => {
        const top = await h.linkTarget(page, 'main tbody tr td:first-child a');
        await go(top);
        const header = page.locator('#uptake-table thead th').nth(3).locator('button');
        await header.click();
        const days = () =>
          page.locator('#uptake-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.cells[3].dataset.value)));
        const ascending = await days();
        assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'ascending by days elapsed');
        assert.equal(await page.locator('#uptake-table thead th').nth(3).getAttribute('aria-sort'), 'ascending');
        await header.click();
        const descending = await days();
        assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'then descending');
        assert.equal(await page.locator('#uptake-table tbody tr').count(), 63, 'all provinces, acting or not');
      }));

    test('a bar of the monthly chart and a heat-map cell lead to their month', () =>
      shared.visit('thoi-gian/index.html', async (page) => {
        const bars = page.locator('figure.chart svg a');
        assert.ok((await bars.count()) >= 12, 'a bar per month with directives');
        const title = await bars.first().locator('title').textContent();
        const [month, year] = title.split(':')[0].split('/');
        await Promise.all([page.waitForURL(/\/thoi-gian\/\d{4}\/\d{2}\/index\.html$/), bars.first().click()]);
        await h.assertHeading(page, `Tháng ${month}/${year}`);
        await page.goBack({ waitUntil: 'load' });
        const cell = page.locator('.heatmap svg a:has(rect)').first();
        const label = (await cell.locator('title').textContent()).split(',')[0];
        await Promise.all([page.waitForURL(/\/tinh\/[a-z-]+\/\d{4}\/\d{2}\/index\.html$/), cell.click()]);
        await h.assertHeading(page, label);
      }));
  });
}

for (const site of h.archive('seed').sites()) {
  describe(`journalism, seed archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    // Without base_url, served from file:// or a local preview, the citation
    // names the page's file from the archive's root: never a file:// or localhost address.
    test('the copy button copies the citation with where the page is', () =>
      shared.visit('van-ban/quang-ngai/2021/453-cv-tu/index.html', async (page) => {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        const expected = 'Công văn số 453-CV/TU, ngày 16/6/2021, của Tỉnh ủy Quảng Ngãi: “triển khai thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19”. Lưu trữ văn bản chỉ đạo, tệp van-ban/quang-ngai/2021/453-cv-tu/index.html (tính từ thư mục gốc của kho lưu trữ).';
        assert.equal((await page.locator('#citation-text').innerText()).replace(/\s+/g, ' ').trim(), expected);
        await page.getByRole('button', { name: 'Sao chép trích dẫn' }).click();
        await page.locator('.copy-status', { hasText: 'Đã sao chép trích dẫn.' }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
      }));

    test('the uptake table says Quảng Ngãi acted five days after Kết luận 07-KL/TW', () =>
      shared.visit('van-ban/tw/2021/07-kl-tw/index.html', async (page) => {
        const row = page.locator('#uptake-table tbody tr', { hasText: 'Quảng Ngãi' });
        assert.equal((await row.locator('td').nth(3).innerText()).trim(), '5');
        assert.match(await row.locator('td').nth(2).innerText(), /453-CV\/TU, 16\/6\/2021/);
      }));

    test('on a phone, each table cell names its column', () =>
      shared.visit('tinh/quang-ngai/index.html', async (page) => {
        await page.setViewportSize({ width: 375, height: 800 });
        const label = await page.locator('main table.docs tbody tr[data-level] td').first().evaluate((td) => getComputedStyle(td, '::before').content);
        assert.match(label, /Ngày/);
        await page.setViewportSize({ width: 1280, height: 800 });
        const wide = await page.locator('main table.docs tbody tr[data-level] td').first().evaluate((td) => getComputedStyle(td, '::before').content);
        assert.equal(wide, 'none', 'the header row names the columns on a wide screen');
      }));

    test('the month of a cited directive marks the day it was issued', () =>
      shared.visit('thoi-gian/2021/06/index.html', async (page) => {
        await h.assertVisibleText(page, 'Ngày ban hành: Kết luận 07-KL/TW', { within: '#d-11 ~ ul, section' });
      }));
  });
}
