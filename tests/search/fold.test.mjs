// The client's folding, hashing and decoding against the Rust side: the same
// fixture table as src/search/tests.rs, and the same test vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, client, loadClient, plain } from './harness.mjs';

const { api } = loadClient();

test('folding matches tests/fixtures/fold-cases.txt (shared with the Rust tests)', () => {
  const lines = fs
    .readFileSync(path.join(repo, 'tests/fixtures/fold-cases.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  assert.ok(lines.length >= 30, `${lines.length} cases`);
  for (const line of lines) {
    const tab = line.indexOf('\t');
    assert.ok(tab >= 0, `no tab in ${JSON.stringify(line)}`);
    const input = line.slice(0, tab).replace(/\\t/g, '\t');
    assert.equal(plain(api.tokens(input)).join(' '), line.slice(tab + 1), JSON.stringify(input));
  }
});

test('shard hash is the FNV-1a of src/search/mod.rs', () => {
  assert.equal(api.hash(''), 0x811c9dc5);
  assert.equal(api.hash('a'), 0xe40c292c);
  assert.equal(api.hash('foobar'), 0xbf9cf968);
  assert.equal(api.hash('quang_ngai'), 0x495ef84f);
});

test('postings decode as src/search/postings.rs encodes them', () => {
  assert.deepEqual(plain(api.decode('dA', 100)), [0]);
  assert.deepEqual(plain(api.decode('dDAjB', 100)), [3, 4, 40]);
  assert.deepEqual(plain(api.decode('c', 5)), [0, 1, 2, 3, 4]);
  assert.deepEqual(plain(api.decode('cBB', 6)), [0, 2, 4, 5], 'complement of 1 and 3');
  // bit i % 6 of character i / 6: 'J' = 9 = bits 0 and 3; 'B' = bit 0.
  assert.deepEqual(plain(api.decode('bJAB', 20)), [0, 3, 12]);
  assert.deepEqual(plain(api.decode('', 10)), []);
  // Head then body into one mask: the counts add up to the union.
  const mask = new Uint8Array(10);
  assert.equal(api.decodeInto('dAB', mask, 1), 2, 'ids 0 and 2');
  assert.equal(api.decodeInto('dCC', mask, 2), 1, 'ids 2 and 5: only 5 is new');
  assert.deepEqual(Array.from(mask), [1, 0, 3, 0, 0, 2, 0, 0, 0, 0]);
});

test('queries split into words, adjacent pairs, quoted phrases and numbers', () => {
  const q = plain(api.parseQuery('Quảng Ngãi "chống dịch như chống giặc" 07-KL/TW'));
  assert.deepEqual(q.words, ['quang', 'ngai', '07', 'kl', 'tw']);
  assert.deepEqual(q.pairs, ['quang_ngai', '07_kl', 'kl_tw']);
  assert.deepEqual(q.phrases, [['chong', 'dich', 'nhu', 'chong', 'giac']]);
  assert.deepEqual(q.numbers, ['#07_kl', '#07_kl_tw']);
  assert.deepEqual(plain(api.parseQuery('“uy ban”').phrases), [['uy', 'ban']], 'typographic quotes');
  assert.deepEqual(plain(api.parseQuery('"covid"').words), ['covid'], 'a one-word phrase is a word');
  assert.deepEqual(plain(api.parseQuery(' / - ').words), []);
});

test('highlighting marks whole matched words in the original spelling', () => {
  const parts = plain(api.highlight('Ủy ban nhân dân tỉnh Quảng Ngãi', ['uy', 'ban', 'ngai']));
  assert.deepEqual(parts, [
    { text: 'Ủy', mark: true },
    { text: ' ', mark: false },
    { text: 'ban', mark: true },
    { text: ' nhân dân tỉnh Quảng ', mark: false },
    { text: 'Ngãi', mark: true },
  ]);
  // Decomposed input: the mark keeps the combining characters with their letter.
  const nfd = 'Uỷ ban'.normalize('NFD');
  const marked = plain(api.highlight(nfd, ['uy']));
  assert.deepEqual(marked[0], { text: 'Uỷ'.normalize('NFD'), mark: true });
  assert.deepEqual(plain(api.highlight('bandan ban', ['ban'])).filter((p) => p.mark).length, 1, 'whole words only');
});

test('the client uses no API that file:// forbids and builds no HTML from data', () => {
  const source = fs.readFileSync(client, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const banned of ['fetch', 'XMLHttpRequest', 'import', 'Worker', 'WebAssembly', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval', 'Function']) {
    assert.ok(!new RegExp(`\\b${banned.replace('.', '\\.')}\\s*\\(`).test(source), `search.js calls ${banned}`);
    if (/HTML|WebAssembly|XMLHttpRequest/.test(banned)) assert.ok(!source.includes(banned), `search.js uses ${banned}`);
  }
});
