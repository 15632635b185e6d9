// Issue 18's search points, run by search.js's engine in node against the
// indexes of tests/fixtures/valid: excerpts around the match, numbers typed
// any way, a number that matches nothing, the word being typed as a prefix,
// and a date range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archive, engineFor, hrefs, loadClient, plain } from './harness.mjs';

const DOC_453 = 'van-ban/quang-ngai/2021/453-cv-tu/index.html';
const KL_07 = 'van-ban/tw/2021/07-kl-tw/index.html';

const valid = engineFor(archive('valid'));
const marked = (parts) => parts.filter((p) => p.mark).map((p) => p.text);
const joined = (parts) => parts.map((p) => p.text).join('');

test('the excerpt is the passage around the best match, its words marked', async () => {
  const result = await valid.search({ q: '188-CV/TU Ban Thường vụ' });
  const item = result.items.find((i) => i.href === DOC_453);
  assert.ok(item, JSON.stringify(hrefs(result)));
  assert.ok(marked(item.snippetParts).includes('188'), JSON.stringify(item.snippetParts));
  const { api } = loadClient();
  const text = 'Mở đầu. '.repeat(60) + 'Ở đây có mục tiêu kép của tỉnh, rồi ' + 'hết. '.repeat(60);
  const parts = plain(api.excerpt(text, ['muc', 'tieu', 'kep'], ['muc_tieu', 'tieu_kep']));
  assert.deepEqual(marked(parts), ['mục', 'tiêu', 'kép']);
  assert.ok(joined(parts).startsWith('…') && joined(parts).endsWith('…'), joined(parts));
  assert.ok(joined(parts).length <= 245, `${joined(parts).length}`);
  // The words together win over the same words scattered earlier.
  const scattered = 'mục đích. '.repeat(3) + 'tiêu chí. '.repeat(30) + 'kép. '.repeat(30) + 'nay mục tiêu kép rõ.';
  const best = plain(api.excerpt(scattered, ['muc', 'tieu', 'kep'], ['muc_tieu', 'tieu_kep']));
  assert.match(joined(best), /mục tiêu kép rõ/);
});

test('accents decomposed (NFD) stay with their letter when marked', () => {
  const { api } = loadClient();
  const nfd = 'Quảng Ngãi'.normalize('NFD');
  const found = plain(api.findMatches(nfd, { quang: true, ngai: true }));
  assert.deepEqual(found.map((m) => nfd.slice(m.start, m.end).normalize('NFC')), ['Quảng', 'Ngãi']);
});

test('a number in any spelling is the first result, labelled exact; nothing else pads it', async () => {
  for (const q of ['07 kl tw', '07-KL/TW', 'KL 07', '7-KL/TW', '7 kl tw']) {
    const result = await valid.search({ q });
    assert.equal(result.items[0]?.href, KL_07, q);
    assert.ok(result.items[0].exact, `${q}: exact`);
    assert.ok(result.items.slice(1).every((i) => !i.exact), q);
    // The rest cite it: 453 and the Tây Ninh letter, and nothing else.
    assert.ok(hrefs(result).includes(DOC_453), q);
  }
  const none = await valid.search({ q: '9999/XX-YY' });
  assert.equal(none.noNumber, true);
  assert.equal(none.total, 0);
  // Words with a digit that do not read as a number search as words.
  const words = await valid.search({ q: 'covid 19' });
  assert.ok(!words.noNumber && words.total > 0);
});

test('the word being typed matches as a prefix, only while typing', async () => {
  const typing = await valid.search({ q: 'quang ng', typing: true });
  assert.ok(typing.total > 0 && typing.items[0].province === 'Quảng Ngãi', JSON.stringify(hrefs(typing)));
  assert.ok(typing.parsed.completions.includes('ngai'), JSON.stringify(typing.parsed.completions));
  const done = await valid.search({ q: 'quang ng' });
  assert.ok(done.partial, 'a query not being typed does not guess: no document holds “ng”');
});

test('a date range keeps the documents of those days, inclusive', async () => {
  const all = await valid.search({ q: '', tu: '2021-06-11', den: '2021-06-16' });
  const dates = all.items.map((i) => i.dateIso);
  assert.ok(dates.includes('2021-06-11') && dates.includes('2021-06-16'), JSON.stringify(dates));
  assert.ok(dates.every((d) => d >= '2021-06-11' && d <= '2021-06-16'), JSON.stringify(dates));
  // A date known only to the month counts when the whole month is inside.
  const august = await valid.search({ q: '', tu: '2021-08-01', den: '2021-08-31' });
  assert.ok(august.items.some((i) => i.dateIso === '2021-08'), JSON.stringify(august.items.map((i) => i.dateIso)));
  const week = await valid.search({ q: '', tu: '2021-08-23', den: '2021-08-29' });
  assert.ok(week.items.every((i) => i.dateIso.length === 10), 'a month is not inside a week');
});
