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
