'use strict';
// The archive as a zip on a stick: unzipped into a temporary folder, it works
// from file:// with no server and no network; a page opened alone (as a zip
// viewer does, extracting just that file) says to extract the whole archive.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

const zipFile = path.join(process.env.VANBAN_BROWSER_ARCHIVES || '', 'seed.zip');
const unzipped = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-unzipped-'));
after(() => fs.rmSync(unzipped, { recursive: true, force: true }));

/** Extracts the zip with Python's zipfile (always on the machine), as a reader would with any unzip tool. */
function extract() {
  const run = spawnSync('python3', ['-m', 'zipfile', '-e', zipFile, unzipped], { encoding: 'utf8' });
  assert.equal(run.status, 0, `cannot extract ${zipFile}: ${run.stderr}`);
  const top = fs.readdirSync(unzipped);
  assert.equal(top.length, 1, `one top folder: ${top}`);
  return path.join(unzipped, top[0]);
}

describe('the zip, extracted', () => {
  const root = extract();
  const site = h.archive('unzipped', root).file;
  const shared = h.sharedPage(site);
  after(() => shared.close());

  test('holds index.html and a read-me in Vietnamese and English', () => {
    assert.ok(fs.statSync(path.join(root, 'index.html')).isFile());
    const readme = fs.readdirSync(root).find((f) => f.endsWith('.txt'));
    const text = fs.readFileSync(path.join(root, readme), 'utf8');
    assert.match(text, /giải nén/i);
    assert.match(text, /extract/i);
    assert.match(text, /index\.html/);
  });

  test('browses from file:// with nothing outside the folder', () =>
    shared.visit('index.html', async (page) => {
      await h.assertHeading(page, 'Lưu trữ văn bản chỉ đạo');
      assert.equal(await h.clickLink(page, 'Quảng Ngãi'), 'tinh/quang-ngai/index.html');
      assert.equal(await h.clickLink(page, 'Công văn: triển khai thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19'), 'van-ban/quang-ngai/2021/453-cv-tu/index.html');
      assert.equal(await page.locator('.extract-notice').isVisible(), false, 'no notice when the archive is whole');
    }));

  /** Types `query` into the search box of the page's header and waits for the results. */
  async function search(page, query) {
    if (await page.locator('#search-q').count()) {
      // On the search page: its own box searches as one types.
      await page.locator('#search-q').fill(query);
      await page.locator('#search-q').press('Enter');
    } else {
      await page.locator('#search-box-q').fill(query);
      await Promise.all([page.waitForURL(/tim-kiem\/index\.html\?q=/, { waitUntil: 'load' }), page.locator('#search-box-q').press('Enter')]);
    }
    await page.locator(`body[data-search-state="ready"] #search-results[data-query="${query.replace(/"/g, '\\"')}"]`).waitFor();
    return page.locator('#search-results li.search-result').evaluateAll((items) =>
      items.map((li) => ({
        number: li.querySelector('.result-number').textContent.trim(),
        text: li.textContent.replace(/\s+/g, ' '),
        marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
  }

  test('search works from the extracted zip: accents, numbers, phrases, highlighting', () =>
    shared.visit('index.html', async (page) => {
      const byProvince = await search(page, 'quang ngai');
      assert.equal(byProvince[0]?.number, '453-CV/TU', JSON.stringify(byProvince));
      assert.deepEqual(byProvince[0].marked.slice(0, 2), ['Quảng', 'Ngãi'], `highlighted: ${JSON.stringify(byProvince)}`);

      const uyBan = await search(page, 'uy ban nhan dan');
      assert.ok(uyBan.some((r) => r.number === '453-CV/TU'), JSON.stringify(uyBan));
      // The best match is UBND Ninh Bình's Công văn, by its issuer, shown highlighted.
      assert.deepEqual(uyBan[0].marked.slice(0, 4), ['Ủy', 'ban', 'nhân', 'dân'], `highlighted: ${JSON.stringify(uyBan)}`);

      const number = await search(page, '07 kl tw');
      assert.ok(number.some((r) => r.number === '453-CV/TU' || r.number === '07-KL/TW'), JSON.stringify(number));

      const phrase = await search(page, '"chong dich nhu chong giac"');
      const numbers = phrase.map((r) => r.number);
      assert.ok(numbers.includes('453-CV/TU'), JSON.stringify(numbers));
      assert.ok(phrase.some((r) => r.text.includes('Tây Ninh')), 'the Tây Ninh letter has the phrase too');
      assert.ok(phrase.every((r) => r.marked.length > 0), 'every result shows where the phrase is');
    }));

  test('a search result opens its directive, a filter narrows, and back restores', () =>
    shared.visit('index.html', async (page) => {
      await search(page, '"chong dich nhu chong giac"');
      const before = await page.locator('#search-results li.search-result').count();
      assert.ok(before >= 2);
      // Narrow by province.
      const tayNinh = await page.locator('select[name="tinh"] option').evaluateAll((options) => options.find((o) => o.textContent.startsWith('Tây Ninh'))?.value);
      assert.ok(tayNinh, 'Tây Ninh is offered as a filter');
      await page.selectOption('select[name="tinh"]', tayNinh);
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li.search-result').length < n, before);
      const narrowed = await page.locator('#search-results li.search-result').allInnerTexts();
      assert.ok(narrowed.length >= 1 && narrowed.every((t) => t.includes('Tây Ninh')), JSON.stringify(narrowed));
      assert.match(page.url(), /[?&]tinh=/, 'the filter is in the URL');
      const narrowedUrl = page.url();
      // Follow the result, then go back.
      const link = page.locator('#search-results li.search-result a').first();
      await Promise.all([page.waitForURL(/\/van-ban\//, { waitUntil: 'load' }), link.click()]);
      // An editor supplied its subject: the heading shows it in square brackets.
      await h.assertHeading(page, '[nâng cao hơn nữa hiệu quả công tác phòng, chống dịch Covid-19]');
      await page.goBack({ waitUntil: 'load' });
      assert.equal(page.url(), narrowedUrl);
      await page.locator('body[data-search-state="ready"]').waitFor();
      assert.equal(await page.locator('#search-q').inputValue(), '"chong dich nhu chong giac"');
      assert.equal(await page.locator('select[name="tinh"]').inputValue(), tayNinh);
      assert.deepEqual(await page.locator('#search-results li.search-result').allInnerTexts(), narrowed);
    }));

  test('a page opened alone asks to extract the whole archive first', async () => {
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-lone-'));
    try {
      fs.copyFileSync(path.join(root, 'van-ban/quang-ngai/2021/453-cv-tu/index.html'), path.join(lone, 'index.html'));
      const loneSite = h.archive('lone', lone).file;
      await h.withPage(
        pathToFileURL(path.join(lone, 'index.html')).href,
        async (page) => {
          const notice = page.locator('.extract-notice');
          assert.ok(await notice.isVisible(), 'the notice shows when the stylesheet is missing');
          assert.match(await notice.innerText(), /giải nén toàn bộ/);
          assert.match(await notice.innerText(), /Extract the whole archive first/);
          const box = await notice.boundingBox();
          assert.ok(box.y < 100, `the notice comes first (y=${box.y})`);
        },
        // Missing stylesheet and script are the point of this test.
        { site: loneSite, check: false },
      );
    } finally {
      fs.rmSync(lone, { recursive: true, force: true });
    }
  });
});
