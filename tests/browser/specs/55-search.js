'use strict';
// The search page as a journalist uses it (issue 18), on the generated
// archive, from file:// and over HTTP: the excerpt around a deep match, the
// opened directive with the query's words marked, a number typed three
// ways, a number that matches nothing, the word being typed as a prefix, a
// date range kept in the URL, and what a result shown costs.

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

/** Waits until the results shown are those of `query`, then reads them. */
async function results(page, query) {
  await page.locator(`body[data-search-state="ready"] #search-results[data-query="${query.replace(/"/g, '\\"')}"]`).waitFor({ state: 'attached' });
  return page.locator('#search-results li.search-result').evaluateAll((items) =>
    items.map((li) => ({
      number: li.querySelector('.result-number').textContent.trim(),
      title: li.querySelector('.result-title').textContent,
      href: li.querySelector('.result-title').getAttribute('href'),
      date: li.querySelector('time')?.getAttribute('datetime') || null,
      exact: !!li.querySelector('.exact-match'),
      snippet: li.querySelector('.result-snippet')?.textContent || '',
      marked: [...li.querySelectorAll('.result-snippet mark')].map((m) => m.textContent),
      text: li.textContent.replace(/\s+/g, ' '),
    })),
  );
}

/** Opens the search page on `query` (and more URL parameters) and reads the results. */
async function search(page, go, query, more = '') {
  await go(`tim-kiem/index.html?q=${encodeURIComponent(query)}${more}`);
  return results(page, query);
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

for (const site of h.archive('gen').sites()) {
  describe(`search, generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('the excerpt is the passage around the match, its words marked', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        const found = await search(page, go, 'muc tieu kep');
        assert.ok(found.length > 0, 'the generated texts say “mục tiêu kép”');
        for (const r of found) {
          assert.deepEqual(r.marked.map(fold).slice(0, 3).sort(), ['kep', 'muc', 'tieu'], `${r.number}: ${r.snippet}`);
          assert.ok(r.snippet.length <= 260, `an excerpt, not the whole text: ${r.snippet.length}`);
        }
        // In most texts the words are deep inside: the excerpt starts mid-text.
        assert.ok(found.some((r) => r.snippet.startsWith('…')), JSON.stringify(found.map((r) => r.snippet.slice(0, 30))));
      }));

    test('a result opens its directive with the words marked, and a link clears them', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        const found = await search(page, go, 'muc tieu kep');
        assert.match(found[0].href, /#tim=muc%20tieu%20kep$/);
        await Promise.all([page.waitForURL(/\/van-ban\//, { waitUntil: 'load' }), page.locator('#search-results a.result-title').first().click()]);
        const marks = page.locator('main mark.search-mark');
        await page.locator('#search-marks:not([hidden])').waitFor();
        const words = (await marks.allTextContents()).map(fold);
        assert.ok(words.includes('muc') && words.includes('tieu') && words.includes('kep'), JSON.stringify(words));
        assert.match(await page.locator('#search-marks').innerText(), new RegExp(`${words.length}`));
        // Scrolled to the first mark.
        const first = await marks.first().boundingBox();
        const height = await page.evaluate(() => window.innerHeight);
        assert.ok(first && first.y >= 0 && first.y < height, `first mark at ${first?.y} of ${height}`);
        await page.locator('#search-marks a').click();
        assert.equal(await marks.count(), 0, 'the marks are gone');
        assert.ok(await page.locator('#search-marks').isHidden());
        assert.ok(!page.url().includes('#tim='), page.url());
        assert.ok((await page.locator('main .text').innerText()).toLowerCase().includes('mục tiêu kép'), 'the text is intact');
      }));

    test('a number typed three ways goes straight to that directive; an unknown one says so', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        for (const query of ['16 ct ttg', '16/CT-TTg', 'CT 16']) {
          const found = await search(page, go, query);
          assert.equal(found[0]?.number, '16/CT-TTg', `${query}: ${JSON.stringify(found.slice(0, 3))}`);
          assert.ok(found[0].exact, `${query}: labelled as the exact match`);
          assert.ok(found.slice(1).every((r) => !r.exact), 'only the directive itself is the exact match');
        }
        // The citers' count on the directive's page equals the results but one.
        const all = await search(page, go, '16/CT-TTg');
        await go(all[0].href.replace(/^\.\.\//, '').replace(/#.*$/, ''));
        const citers = await page.locator('section[aria-labelledby="h-citers"] table tbody tr').count();
        await go('tim-kiem/index.html?q=16%2FCT-TTg');
        await results(page, '16/CT-TTg');
        const total = Number((await page.locator('#search-status').innerText()).split(' ')[0]);
        assert.equal(total, citers + 1, `${total} results: the directive and its ${citers} citers, nothing else`);

        const padded = await search(page, go, '7-KL/TW');
        assert.equal(padded[0]?.number, '07-KL/TW', JSON.stringify(padded.slice(0, 2)));
        assert.ok(padded[0].exact);

        const none = await search(page, go, '9999/XX-YYY');
        assert.equal(none.length, 0, 'no padding with unrelated documents');
        assert.equal(await page.locator('#search-status').innerText(), 'Không có văn bản nào mang số hiệu này.');
      }));

    test('the word being typed matches as a prefix', () =>
      shared.visit('tim-kiem/index.html', async (page) => {
        await page.locator('#search-q').pressSequentially('Quảng Ng', { delay: 30 });
        const found = await results(page, 'Quảng Ng');
        const top = found.slice(0, 10);
        assert.ok(top.length === 10, `${found.length} results`);
        const ngai = top.filter((r) => r.text.includes('Quảng Ngãi'));
        assert.ok(ngai.length >= 8, `Quảng Ngãi in ${ngai.length} of the top 10: ${JSON.stringify(top.map((r) => r.number))}`);
        assert.ok(top[0].text.includes('Quảng Ngãi'));
      }));

    test('a date range narrows the results and stays in the URL', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        const everything = await search(page, go, 'covid');
        const allTotal = Number((await page.locator('#search-status').innerText()).split(' ')[0]);
        const found = await search(page, go, 'covid', '&tu=2021-08-01&den=2021-08-31');
        const total = Number((await page.locator('#search-status').innerText()).split(' ')[0]);
        assert.ok(found.length > 0 && total < allTotal, `${total} of ${allTotal}`);
        assert.ok(everything.length > 0);
        for (const r of found) assert.ok(r.date >= '2021-08-01' && r.date <= '2021-08-31', `${r.number} ${r.date}`);
        assert.equal(await page.locator('input[name="tu"]').inputValue(), '2021-08-01');
        assert.equal(await page.locator('input[name="den"]').inputValue(), '2021-08-31');
        // Changing the end date searches again and the URL follows; Back restores.
        await page.locator('input[name="den"]').fill('2021-08-07');
        await page.waitForFunction(() => /den=2021-08-07/.test(location.search));
        await results(page, 'covid');
        const week = await page.locator('#search-results time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
        assert.ok(week.every((d) => d >= '2021-08-01' && d <= '2021-08-07'), JSON.stringify(week));
        assert.match(page.url(), /[?&]q=covid&tu=2021-08-01&den=2021-08-07/);
        await page.goBack();
        await page.waitForFunction(() => /den=2021-08-31/.test(location.search));
        assert.equal(await page.locator('input[name="den"]').inputValue(), '2021-08-31');
      }));

    test('a result shown costs a few KB: its own summary and text', () =>
      shared.visit('tim-kiem/index.html', async (page, { go }) => {
        const found = await search(page, go, 'covid');
        // The loader injects one <script> a file it loads.
        const loaded = await page.locator('head script[src*="tim-kiem/d/"]').count();
        assert.equal(loaded, found.length, 'one summary file a result shown, none for its neighbours');
      }));
  });
}
