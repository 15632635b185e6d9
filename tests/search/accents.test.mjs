// Accent-exact ranking (issue 18): a query typed with accents ranks the
// documents holding that very spelling first (`tình` before `tỉnh` and
// `tinh`); typed without accents, every spelling ranks alike. Checked with
// search.js's engine in node on tests/fixtures/search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archive, engineFor, hrefs, loadClient, plain } from './harness.mjs';

const TINH_TITLE = 'van-ban/khanh-hoa/2021/12-ubnd-vx/index.html'; // “tình hình” in its title, “tỉnh” too
const TINH_BODY = 'van-ban/hai-duong/2021/63-cv-svh/index.html'; // “tình đoàn kết”, once, in its text
const TINH_45 = 'van-ban/quang-ngai/2021/45-kh-ubnd/index.html'; // “tỉnh” in its issuer and text
const TINH_30 = 'van-ban/quang-ngai/2021/30-hd-tu/index.html'; // “Tỉnh ủy” in its issuer

const extra = engineFor(archive('search'));

test('words split with their marks as src/search/accents.rs splits them', () => {
  const { api } = loadClient();
  const accented = (text) => plain(api.accented(text));
  assert.deepEqual(accented('Tình tinh TỈNH, tính'), ['tinh~f', 'tinh~r', 'tinh~s']);
  assert.deepEqual(accented('Ủy ban Uỷ ban'), ['uy~r', 'uy~r']);
  assert.deepEqual(accented('Đẩy nhanh tiến độ Covid-19'), ['day~dar', 'tien~as', 'do~dja']);
  assert.deepEqual(accented('Qua\u0309ng Nga\u0303i'), accented('Quảng Ngãi'));
});

test('a word typed with accents ranks its exact spelling first', async () => {
  const tinh = await extra.search({ q: 'tình' });
  assert.deepEqual(hrefs(tinh).slice(0, 2), [TINH_TITLE, TINH_BODY], JSON.stringify(hrefs(tinh)));
  assert.deepEqual(hrefs(tinh).slice(2).sort(), [TINH_30, TINH_45].sort(), 'the other spellings still match');
  const province = await extra.search({ q: 'tỉnh' });
  assert.equal(hrefs(province).at(-1), TINH_BODY, JSON.stringify(hrefs(province)));
  assert.equal(province.total, 4);
});

test('a word typed without accents matches every spelling alike', async () => {
  const plainTinh = await extra.search({ q: 'tinh' });
  const upper = await extra.search({ q: 'TINH' });
  assert.deepEqual(upper.ids, plainTinh.ids);
  assert.equal(plainTinh.total, 4);
  // By fields and date only: the body-only “tình” ranks last.
  assert.equal(hrefs(plainTinh).at(-1), TINH_BODY, JSON.stringify(hrefs(plainTinh)));
  const fresh = engineFor(archive('search'));
  await fresh.search({ q: 'tinh' });
  assert.ok(!fresh.loaded().some((f) => f.startsWith('v/')), 'no accented words file loaded');
});
