'use strict';
// The suite's own checks must be able to fail: each runs here on a small
// fixture folder (fixtures/bad/site) holding pages that break one rule each.

const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { describe, test } = require('node:test');
const h = require('../lib/harness');

const bad = h.archive('bad-fixture', path.join(__dirname, '..', 'fixtures', 'bad', 'site'));

/** A raw GET of `rawPath` (sent as is, `..` included) to the site's server. */
function rawGet(site, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: site.server.port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the suite catches what it should', () => {
  for (const site of bad.sites()) {
    test(`${site}: a clean page passes every check`, () =>
      site.withPage('index.html', async (page, { assertAccessible }) => {
        await h.assertHeading(page, 'Trang sạch');
        await h.assertNoHorizontalOverflow(page);
        await assertAccessible();
      }));

    test(`${site}: a request outside the archive is blocked and fails the test`, () =>
      site.withPage(
        'external.html',
        async (page) => {
          assert.throws(() => h.assertNoExternalRequests(page), /example\.invalid\/remote\.css/);
          assert.throws(() => h.assertNoExternalRequests(page), /127\.0\.0\.2\/pixel\.png/);
          if (site.mode === 'file') assert.throws(() => h.assertNoExternalRequests(page), /outside\.css/);
        },
        { check: false },
      ));

    test(`${site}: console errors, page errors and missing files fail the test`, () =>
      site.withPage(
        'errors.html',
        async (page) => {
          // The uncaught error is thrown from a timer: wait for it (5 s at most).
          for (let i = 0; i < 50 && h.problems(page).pageErrors.length === 0; i++) await page.waitForTimeout(100);
          const p = h.problems(page);
          assert.deepEqual(p.external, []);
          assert.match(p.pageErrors.join('\n'), /uncaught in the page/);
          assert.match(p.consoleErrors.join('\n'), /boom from the page/);
          if (site.mode === 'http') assert.match(p.badResponses.join('\n'), /^404 .*\/missing\.css$/m);
          else assert.match(p.failedRequests.join('\n'), /missing\.css: net::ERR_FILE_NOT_FOUND/);
          assert.throws(() => h.assertNoErrors(page), /uncaught in the page/);
        },
        { check: false },
      ));
  }

  test('bad-fixture/file: an element wider than a phone fails the overflow check', () =>
    bad.file.withPage(
      'wide.html',
      async (page) => {
        await assert.rejects(h.assertNoHorizontalOverflow(page), /horizontal overflow at 375 px[\s\S]*div\.too-wide/);
      },
      { ...h.PHONE },
    ));

  test('bad-fixture/file: axe reports serious violations with their selectors', () =>
    bad.file.withPage('inaccessible.html', async (page, { assertAccessible }) => {
      await assert.rejects(assertAccessible(), (e) => {
        assert.match(e.message, /color-contrast \[serious\][\s\S]*insufficient color contrast of/);
        assert.match(e.message, /html-has-lang \[serious\]/);
        assert.match(e.message, /image-alt \[critical\][\s\S]*img/);
        return true;
      });
    }));

  test('the HTTP server serves the archive on 127.0.0.1 only and refuses to leave it', async () => {
    const site = await bad.http.start();
    assert.match(site.base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const ok = await rawGet(site, '/index.html');
    assert.equal(ok.status, 200);
    assert.match(ok.body, /Trang sạch/);
    for (const escape of ['/../outside.css', '/%2e%2e/outside.css', '/..%2foutside.css', '/./index.html', '/%2E%2E%2Foutside.css']) {
      const res = await rawGet(site, escape);
      assert.ok([400, 403].includes(res.status), `${escape}: ${res.status}`);
      assert.doesNotMatch(res.body, /Outside the fixture/);
    }
    assert.equal((await rawGet(site, '/nothing-here.html')).status, 404);
    assert.equal((await rawGet(site, '/')).status, 404, 'a folder is not a page');
    assert.equal((await rawGet(site, '/index.html', 'POST')).status, 405);
  });
});
