// Queries against indexes built by vanban from tests/fixtures/valid, the
// seed archive in content/ and tests/fixtures/search, run by search.js's
// own engine (ranking, facets, highlighting) in node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archive, engineFor, hrefs } from './harness.mjs';

const DOC_453 = 'van-ban/quang-ngai/2021/453-cv-tu/index.html';
const KL_07 = 'van-ban/tw/2021/07-kl-tw/index.html';
const CD_1102 = 'van-ban/tw/2021/1102-cd-ttg/index.html';
const NINH_BINH_3001 = 'van-ban/ninh-binh/2021/3001-cv-tu/index.html';
const HA_NOI_200 = 'van-ban/ha-noi/2021/200-kh-ubnd/index.html';
const TAY_NINH_UNNUMBERED = 'van-ban/tay-ninh/2021/khong-so/index.html';
const QUANG_NGAI_UNDATED = 'van-ban/quang-ngai/khong-ro/khong-ro-ngay/index.html';
const SEED_TAY_NINH = 'van-ban/tay-ninh/khong-ro/nang-cao-hieu-qua-phong-chong-dich/index.html';
const SEED_THIRD = 'van-ban/khong-ro-tinh/khong-ro/trien-khai-thong-bao-10-tb-vptw/index.html';
const SEED_2644 = 'van-ban/ninh-binh/2020/2644-cv-tu/index.html';

const valid = engineFor(archive('valid'));
const seed = engineFor(archive('seed'));
const extra = engineFor(archive('search'));

test('province names match whatever the accents and case', async () => {
  for (const engine of [valid, seed]) {
    const plain = await engine.search({ q: 'quang ngai' });
    assert.ok(plain.total > 0 && hrefs(plain).includes(DOC_453), JSON.stringify(hrefs(plain)));
    for (const q of ['Quảng Ngãi', 'QUANG NGAI', 'QUẢNG NGÃI', 'quảng   ngãi']) {
      const other = await engine.search({ q });
      assert.deepEqual(other.ids, plain.ids, q);
    }
  }
  const result = await valid.search({ q: 'quang ngai' });
  assert.equal(result.items[0].province, 'Quảng Ngãi', 'a directive of the province ranks first');
  assert.ok(hrefs(result).includes(QUANG_NGAI_UNDATED));
});

test('uy ban nhan dan finds both tone placements, adjacent words first', async () => {
  const result = await extra.search({ q: 'uy ban nhan dan' });
  const found = hrefs(result);
  const old = 'van-ban/khanh-hoa/2021/12-ubnd-vx/index.html'; // Uỷ ban nhân dân
  const current = 'van-ban/quang-ngai/2021/45-kh-ubnd/index.html'; // Ủy ban nhân dân
  const scattered = 'van-ban/quang-ngai/2021/30-hd-tu/index.html'; // ủy … ban … nhân dân
  assert.ok(found.includes(old) && found.includes(current), JSON.stringify(found));
  assert.equal(found.indexOf(scattered), 2, 'the words scattered rank after the phrase');
  const quoted = await extra.search({ q: '"Uỷ ban nhân dân"' });
  assert.deepEqual(hrefs(quoted).sort(), [current, old].sort(), 'a quoted phrase needs the words together');
  const seedResult = await seed.search({ q: 'Uỷ ban nhân dân' });
  assert.ok(hrefs(seedResult).includes(DOC_453), 'the seed 453 says “Ủy ban nhân dân tỉnh”');
  const valid200 = await valid.search({ q: 'UỶ BAN NHÂN DÂN' });
  assert.ok(hrefs(valid200).includes(HA_NOI_200), 'issuer “Ủy ban nhân dân thành phố Hà Nội”');
});

test('a number finds its page first, then the directives citing it', async () => {
  for (const q of ['07 kl tw', '07-KL/TW', '07-kl/tw']) {
    const result = await valid.search({ q });
    assert.equal(result.items[0].href, KL_07, q);
    assert.equal(result.items[0].number, '07-KL/TW');
    assert.ok(hrefs(result).includes(DOC_453) && hrefs(result).includes(TAY_NINH_UNNUMBERED), q);
    const seedResult = await seed.search({ q });
    assert.equal(seedResult.items[0].href, KL_07, `${q}: the cited page, not in the archive`);
    assert.ok(seedResult.items[0].cited && seedResult.items[0].citers === 1);
    assert.ok(hrefs(seedResult).includes(DOC_453), q);
  }
  for (const q of ['1102/CD-TTg', '1102/CĐ-TTg', '1102 cd ttg']) {
    const result = await valid.search({ q });
    assert.equal(result.items[0].href, CD_1102, q);
    assert.ok(hrefs(result).includes(NINH_BINH_3001) && hrefs(result).includes(HA_NOI_200), q);
    const seedResult = await seed.search({ q });
    assert.deepEqual(hrefs(seedResult).slice(0, 2), [CD_1102, SEED_THIRD], q);
  }
});

test('a quoted phrase finds exactly the directives that have it', async () => {
  const result = await seed.search({ q: '"chong dich nhu chong giac"' });
  assert.deepEqual(hrefs(result).sort(), [DOC_453, SEED_TAY_NINH].sort());
  const fixture = await valid.search({ q: '“chống dịch như chống giặc”' });
  assert.deepEqual(hrefs(fixture), [DOC_453]);
  // Unquoted, the same words also match documents holding them apart.
  const loose = await seed.search({ q: 'chong dich nhu chong giac' });
  assert.deepEqual(hrefs(loose).slice(0, 2).sort(), [DOC_453, SEED_TAY_NINH].sort(), 'phrase holders rank first');
  assert.ok(loose.total >= 2);
});

test('results carry number, type, province, date, subject and a highlighted snippet', async () => {
  const result = await seed.search({ q: 'chống dịch' });
  const item = result.items.find((i) => i.href === DOC_453);
  assert.equal(item.number, '453-CV/TU');
  assert.equal(item.type, 'Công văn');
  assert.equal(item.province, 'Quảng Ngãi');
  assert.equal(item.date, '16/6/2021');
  assert.equal(item.dateIso, '2021-06-16');
  assert.match(item.title, /phòng, chống dịch Covid-19/);
  const marked = (parts) => parts.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked(item.titleParts), ['chống', 'dịch']);
  assert.ok(marked(item.snippetParts).includes('chống') && marked(item.snippetParts).includes('dịch'));
  const excerpt = item.snippetParts.map((p) => p.text).join('').replace(/^…|…$/g, '');
  assert.ok(item.text.replace(/\s+/g, ' ').includes(excerpt), `the excerpt is a passage of the text: ${excerpt}`);
  const upper = await seed.search({ q: 'CHONG DICH' });
  const same = upper.items.find((i) => i.href === DOC_453);
  assert.deepEqual(marked(same.titleParts), ['chống', 'dịch'], 'marks the original spelling');
});

test('every word is required; the best partial match is shown when none has all', async () => {
  const all = await valid.search({ q: 'tay ninh vac xin' });
  assert.deepEqual(hrefs(all), ['van-ban/tay-ninh/2021/188-cv-tu/index.html']);
  assert.equal(all.partial, false);
  const partial = await valid.search({ q: 'vac xin khongcotu' });
  assert.equal(partial.partial, true);
  assert.ok(partial.total >= 1);
  const none = await valid.search({ q: 'khongcotu' });
  assert.equal(none.total, 0);
  const empty = await valid.search({ q: '  ' });
  assert.equal(empty.empty, true);
});

test('facets narrow by province, type and year, with counts', async () => {
  const all = await valid.search({ q: 'chong dich' });
  const province = await valid.search({ q: 'chong dich', tinh: 'quang-ngai' });
  assert.ok(province.total > 0 && province.total < all.total);
  assert.ok(province.items.every((i) => i.province === 'Quảng Ngãi'));
  const counts = Object.fromEntries(all.facets[0].map(([value, , count]) => [value, count]));
  assert.equal(counts['quang-ngai'], province.total, 'the count shown is what the facet gives');
  const central = await valid.search({ q: 'covid', tinh: 'trung-uong' });
  assert.deepEqual(hrefs(central), [KL_07]);
  const type = await valid.search({ q: 'cong dien', loai: 'cong-dien' });
  assert.deepEqual(hrefs(type), [CD_1102]);
  const year = await valid.search({ q: 'chi thi', nam: '2020' });
  assert.deepEqual(hrefs(year), ['van-ban/ha-noi/2020/05-ct-ubnd/index.html']);
  const undated = await valid.search({ tinh: 'quang-ngai', nam: 'khong-ro' });
  assert.deepEqual(hrefs(undated), [QUANG_NGAI_UNDATED]);
});

test('a facet alone lists its directives newest first; ties go to the newest', async () => {
  const result = await valid.search({ tinh: 'tay-ninh' });
  assert.deepEqual(hrefs(result), [TAY_NINH_UNNUMBERED, 'van-ban/tay-ninh/2021/188-cv-tu/index.html']);
  const central = await seed.search({ q: 'covid', tinh: 'ninh-binh' });
  assert.deepEqual(hrefs(central), [SEED_2644, 'van-ban/ninh-binh/2020/472-ubnd-vp6/index.html'], 'and the cited 472 of the day before');
});

test('a provincial directive whose province is unknown is under "province unknown", never central', async () => {
  const unknown = await seed.search({ tinh: 'tinh-khong-ro' });
  assert.deepEqual(hrefs(unknown).sort(), ['van-ban/khong-ro-tinh/2021/188-cv-tu/index.html', SEED_THIRD].sort());
  const central = await seed.search({ tinh: 'trung-uong' });
  assert.ok(central.total > 0 && !hrefs(central).some((h) => h.includes('khong-ro-tinh')), hrefs(central).join(' '));
});

test('untrusted text stays text', async () => {
  const result = await valid.search({ q: 'van ban khong ro ngay' });
  const item = result.items.find((i) => i.href === QUANG_NGAI_UNDATED);
  assert.equal(item.title, 'văn bản không rõ ngày <b>đậm</b>', 'given to the page as text, shown with textContent');
  assert.ok(!item.text.includes('alert'), 'script content is not in the text');
  assert.equal(item.date, null);
});

test('a query loads only the shards of its terms and of the results shown', async () => {
  const engine = engineFor(archive('seed'));
  const result = await engine.search({ q: 'quang ngai' });
  const loaded = engine.loaded();
  assert.deepEqual(loaded.slice(0, 2), ['meta.js', 'f.js']);
  const termFiles = loaded.filter((f) => f.startsWith('t/'));
  const docFiles = loaded.filter((f) => f.startsWith('d/'));
  assert.ok(termFiles.length >= 1 && docFiles.length >= 1, JSON.stringify(loaded));
  assert.ok(result.items.length <= engine.api.PER_PAGE);
  const again = await engine.search({ q: 'Quảng Ngãi' });
  // The same words with accents load only the file of their spelling.
  assert.deepEqual(engine.loaded().filter((f) => !f.startsWith('v/')), loaded, 'nothing is loaded twice');
  assert.equal(engine.loaded().length, loaded.length + 1);
  assert.deepEqual(again.ids, result.ids);
});

test('results are paged twenty at a time', async () => {
  const first = await seed.search({ q: 'tinh' });
  assert.ok(first.total <= 20 || first.pages > 1);
  const beyond = await seed.search({ q: 'tinh', trang: '99' });
  assert.equal(beyond.page, Math.max(1, first.pages), 'a page past the end shows the last');
});
