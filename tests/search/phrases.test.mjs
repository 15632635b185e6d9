// Exact phrases (issue 18): a quoted phrase returns exactly the documents
// holding it, its words consecutive in one text, whatever the accents and
// case; checked with search.js's engine in node on tests/fixtures/search,
// whose two Hải Dương letters hold every pair of the long phrase, one of
// them whole, the other only apart (in one paragraph, and across two).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archive, engineFor, hrefs } from './harness.mjs';

const WHOLE = 'van-ban/hai-duong/2021/62-cv-ubnd/index.html';
const APART = 'van-ban/hai-duong/2021/61-cv-ubnd/index.html';
const PHRASE = '"đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19"';

const extra = engineFor(archive('search'));

test('a long quoted phrase returns exactly the documents holding it', async () => {
  const words = await extra.search({ q: PHRASE.replace(/"/g, '') });
  assert.ok(hrefs(words).includes(WHOLE) && hrefs(words).includes(APART), 'unquoted, both hold every word');
  for (const q of [PHRASE, '"day nhanh tien do tiem vac xin phong covid 19"', '“ĐẨY NHANH TIẾN ĐỘ TIÊM VẮC XIN PHÒNG COVID-19”']) {
    const quoted = await extra.search({ q });
    assert.deepEqual(hrefs(quoted), [WHOLE], q);
    assert.equal(quoted.total, 1, q);
    assert.ok(!quoted.partial, q);
  }
});

test('a phrase split between two paragraphs is not found', async () => {
  // 61 says “đẩy nhanh tiến độ” at the end of a paragraph, “tiêm vắc xin
  // phòng Covid-19” at the start of the next, and “độ tiêm” elsewhere.
  const split = await extra.search({ q: '"tiến độ tiêm vắc xin"' });
  assert.deepEqual(hrefs(split), [WHOLE]);
  const three = await extra.search({ q: '"tiêm vắc xin"', tinh: 'hai-duong' });
  assert.deepEqual(hrefs(three).sort(), [APART, WHOLE].sort(), 'three words, in both');
});

test('only a long phrase loads places files, and only half its pairs', async () => {
  const fresh = engineFor(archive('search'));
  await fresh.search({ q: '"tiêm vắc"' });
  assert.ok(!fresh.loaded().some((f) => f.startsWith('p/')), JSON.stringify(fresh.loaded()));
  await fresh.search({ q: PHRASE });
  assert.ok(fresh.loaded().some((f) => f.startsWith('p/')), JSON.stringify(fresh.loaded()));
});
