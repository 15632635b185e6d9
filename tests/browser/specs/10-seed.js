'use strict';
// The seed archive (content/: the four real directives), from file:// and
// over HTTP: what a reader sees on each page kind, and where its links lead.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

const DIRECTIVE_453 = 'van-ban/quang-ngai/2021/453-cv-tu/index.html';
const KL_07 = 'van-ban/tw/2021/07-kl-tw/index.html';
const CD_1102 = 'van-ban/tw/2021/1102-cd-ttg/index.html';
const CITER_OF_1102 = 'van-ban/khong-ro-tinh/khong-ro/trien-khai-thong-bao-10-tb-vptw/index.html';

for (const site of h.archive('seed').sites()) {
  describe(`seed archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('home shows the archive, its counts, and leads to a province', () =>
      shared.visit('index.html', async (page) => {
        await h.assertHeading(page, 'Lưu trữ văn bản chỉ đạo');
        const facts = await page.locator('dl.facts').innerText();
        assert.match(facts, /Số văn bản\s+4\b/);
        assert.match(facts, /29\/7\/2020 đến 16\/6\/2021/);
        await h.assertVisibleText(page, 'Văn bản được dẫn nhiều nhất');
        await h.assertVisibleText(page, '07-KL/TW');
        assert.equal(await h.clickLink(page, 'Quảng Ngãi'), 'tinh/quang-ngai/index.html');
        await h.assertHeading(page, 'Quảng Ngãi');
      }));

    test('province page lists its directive, which opens when clicked', () =>
      shared.visit('tinh/quang-ngai/index.html', async (page) => {
        await h.assertHeading(page, 'Quảng Ngãi');
        await h.assertVisibleText(page, 'Bắc Trung Bộ và Duyên hải miền Trung');
        await h.assertVisibleText(page, '453-CV/TU', { within: 'main table.doc-list' });
        await h.assertVisibleText(page, '16/6/2021', { within: 'main table.doc-list' });
        const title = 'Công văn: triển khai thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19';
        assert.equal(await h.clickLink(page, title), DIRECTIVE_453);
        await h.assertHeading(page, 'triển khai thực hiện Kết luận');
      }));

    test('timeline month shows its day and directive', () =>
      shared.visit('thoi-gian/2021/06/index.html', async (page) => {
        await h.assertHeading(page, 'Tháng 6/2021');
        await h.assertVisibleText(page, '453-CV/TU');
        await h.assertVisibleText(page, 'Quảng Ngãi', { within: 'main table.doc-list' });
        assert.equal(await h.clickLink(page, '← 7/2020'), 'thoi-gian/2020/07/index.html', 'previous month');
        await h.assertHeading(page, 'Tháng 7/2020');
        await page.goBack({ waitUntil: 'load' });
        assert.equal(await h.clickLink(page, 'Ngày 16/6/2021'), 'thoi-gian/2021/06/16/index.html');
        await h.assertVisibleText(page, '453-CV/TU');
      }));

    test('cited directive outside the archive shows what its citer says and links to it', () =>
      shared.visit(CD_1102, async (page) => {
        await h.assertHeading(page, 'Công điện số 1102/CĐ-TTg');
        await h.assertVisibleText(page, 'Văn bản này chưa có trong kho');
        await h.assertVisibleText(page, 'Thủ tướng Chính phủ');
        await h.assertVisibleText(page, '23/8/2021');
        await h.assertVisibleText(page, 'về việc tăng cường các biện pháp phòng chống COVID-19 trên toàn quốc');
        const rows = page.locator('main table.doc-list tbody tr');
        assert.equal(await rows.count(), 1, 'cited by one directive');
        const link = rows.first().getByRole('link');
        assert.equal(await h.clickLink(page, (await link.innerText()).trim()), CITER_OF_1102);
        // An editor supplied its subject: the heading shows it in square brackets.
        await h.assertHeading(page, '[triển khai thực hiện Thông báo kết luận số 10-TB/VPTW');
        // And the citer links back to it.
        assert.equal(await h.clickLink(page, '1102/CĐ-TTg', { within: 'main .text' }), CD_1102);
      }));

    test('directive page shows its facts, and its citation of 07-KL/TW opens that page', () =>
      shared.visit(DIRECTIVE_453, async (page) => {
        await h.assertHeading(page, 'triển khai thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19');
        assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
        assert.equal(await page.title(), 'Công văn 453-CV/TU, Tỉnh ủy Quảng Ngãi, 2021 · Lưu trữ văn bản chỉ đạo');
        for (const fact of [
          'Công văn số 453-CV/TU · Tỉnh ủy Quảng Ngãi',
          '453-CV/TU',
          'Đặng Ngọc Huy',
          'T/M Ban Thường vụ · Phó Bí thư Đặng Ngọc Huy',
          '16/6/2021',
          'Các ban cán sự đảng, đảng đoàn của tỉnh',
          'chống dịch như chống giặc',
        ]) {
          await h.assertVisibleText(page, fact);
        }
        assert.ok(await page.locator('main time[datetime="2021-06-16"]').isVisible());
        assert.equal(await h.clickLink(page, '07-KL/TW', { within: 'main .text' }), KL_07);
        await h.assertHeading(page, '07-KL/TW');
        await h.assertVisibleText(page, '453-CV/TU', { within: 'main table.doc-list' });
        // Back to the directive through its listing on the cited page.
        assert.equal(await page.locator('main table.doc-list a[href$="453-cv-tu/index.html"]').count(), 1);
      }));

    test('breadcrumbs lead back up from a directive', () =>
      shared.visit(DIRECTIVE_453, async (page) => {
        const crumbs = page.locator('nav.crumbs');
        assert.ok(await crumbs.isVisible());
        assert.equal(await h.clickLink(page, 'Trang chủ', { within: 'nav.crumbs' }), 'index.html');
      }));
  });
}
