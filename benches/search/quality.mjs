// Search quality: precision and recall at 10 against a ground truth computed
// from the archive's own text, and the bytes of summaries loaded per result
// shown. Runs search.js's engine in node (no browser: the ranking is the
// same code) over a built archive.
//
//   node benches/search/quality.mjs --archive OUT [--truth OUT2] [--client search.js]
//
// The ground truth is read from the index of --truth (default --archive),
// whose d/{id}.js files hold each document's number, title, issuer and
// plain text (index format 2): a document is relevant to a query when its
// folded words hold every query word (outside quotes) and every quoted
// phrase as consecutive words, or, for a number, when they hold the number's
// words consecutively. --archive and --client may be an older index and
// client (same archive, same document ids) to measure them against it.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const here = path.dirname(fileURLToPath(import.meta.url));
const archive = args.archive;
const truthDir = args.truth || archive;
const client = args.client || path.join(here, '../../themes/default/static/search.js');

export const QUERIES = [
  'quang ngai',
  'uy ban nhan dan',
  'muc tieu kep',
  'tiêm vắc xin',
  'giãn cách xã hội Hải Phòng',
  'thủ tướng chính phủ',
  'chong dich',
  '"chong dich nhu chong giac"',
  '"đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19"',
  '07 kl tw',
  '16/CT-TTg',
  '1102/CD-TTg',
  // Typed, not finished: the last word is a prefix (relevant: `quang`
  // followed by a word starting with `ng`).
  { q: 'Quảng Ng', typing: true, truth: / quang ng/ },
];

const fold = (s) => String(s).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\u0111/g, 'd');
const words = (s) => fold(s).split(/[^a-z0-9]+/).filter(Boolean);

function engine(dir) {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(client, 'utf8'), context, { filename: client });
  const api = context.vanbanSearch;
  const bytes = { d: 0 };
  const e = new api.Engine((file, done) => {
    let code;
    try {
      code = fs.readFileSync(path.join(dir, 'tim-kiem', file), 'utf8');
    } catch (error) {
      return setImmediate(() => done(error));
    }
    if (file.startsWith('d/')) bytes.d += Buffer.byteLength(code);
    vm.runInContext(code, context, { filename: file });
    setImmediate(() => done(null));
  });
  const search = (q, typing, trang = '') =>
    new Promise((resolve, reject) =>
      e.search({ q, typing, tinh: '', loai: '', nam: '', tu: '', den: '', trang }, (error, r) => (error ? reject(error) : resolve(JSON.parse(JSON.stringify(r))))),
    );
  return { search, bytes, api };
}

/**
 * Each document's words, as one string of words between spaces: its
 * number, title, type, issuer, province and text (not its signer,
 * recipients, tags or place, which the summaries do not hold).
 */
function truthTexts(dir) {
  const context = vm.createContext({});
  const docs = [];
  let meta = null;
  context.vanbanSearch = { m: (m) => (meta = m), d: (k, list) => list.forEach((s, i) => (docs[k * list.length + i] = s)) };
  vm.runInContext(fs.readFileSync(path.join(dir, 'tim-kiem/meta.js'), 'utf8'), context);
  const folder = path.join(dir, 'tim-kiem/d');
  for (const file of fs.readdirSync(folder)) vm.runInContext(fs.readFileSync(path.join(folder, file), 'utf8'), context);
  return docs.map((s) => {
    const type = s[1] ? meta.types[s[1] - 1][1] : null;
    const province = s[11] || (s[2] ? meta.provinces[s[2] - 1][1] : null);
    return ` ${words([s[0], s[5], type, s[10], province, s[7]].filter(Boolean).join(' ')).join(' ')} `;
  });
}

function relevant(texts, query) {
  const out = new Set();
  if (query.truth) {
    texts.forEach((t, id) => query.truth.test(t) && out.add(id));
    return out;
  }
  const q = query.q;
  const segments = q.split('"');
  const needles = [];
  segments.forEach((segment, i) => {
    const w = words(segment);
    if (i % 2) needles.push(` ${w.join(' ')} `);
    else if (/[0-9]/.test(segment) && w.length > 1 && w.length <= 4) needles.push(` ${w.join(' ')} `);
    else w.forEach((x) => needles.push(` ${x} `));
  });
  texts.forEach((t, id) => {
    if (needles.every((n) => t.includes(n))) out.add(id);
  });
  return out;
}

const texts = truthTexts(truthDir);
const measured = engine(archive);
const rows = [];
let shown = 0;
for (const entry of QUERIES) {
  const query = typeof entry === 'string' ? { q: entry } : entry;
  const q = query.q;
  const truth = relevant(texts, query);
  const result = await measured.search(q, query.typing);
  const top = result.ids.slice(0, 10);
  const hits = top.filter((id) => truth.has(id)).length;
  const precision = top.length ? hits / top.length : truth.size ? 0 : 1;
  const recall = truth.size ? hits / Math.min(10, truth.size) : 1;
  shown += result.items.length;
  const wrong = result.ids.filter((id) => !truth.has(id)).length;
  // Over every result (the last page reachable keeps 10,000 of them):
  // how many are relevant, and how many of the relevant are there.
  const counted = measured.bytes.d;
  const all = (await measured.search(q, query.typing, '500')).ids;
  measured.bytes.d = counted; // the last page's summaries are not what a reader loads
  const found = all.filter((id) => truth.has(id)).length;
  const whole = { precision: all.length ? found / all.length : 1, recall: truth.size ? found / truth.size : 1 };
  rows.push({ q, truth: truth.size, results: result.total, wrong, precision, recall, whole });
}
const mean = (key) => rows.reduce((s, r) => s + r[key], 0) / rows.length;
console.log('| query | relevant | results | not relevant, first 20 | P@10 | R@10 | precision, all results | recall, all results |');
console.log('|---|---|---|---|---|---|---|---|');
const all = (r) => `${r.whole.precision.toFixed(3)} | ${r.whole.recall.toFixed(3)}`;
for (const r of rows) console.log(`| \`${r.q}\` | ${r.truth} | ${r.results} | ${r.wrong} | ${r.precision.toFixed(2)} | ${r.recall.toFixed(2)} | ${all(r)} |`);
console.log(`| **mean** | | | | **${mean('precision').toFixed(2)}** | **${mean('recall').toFixed(2)}** | | |`);
console.log(`\nsummaries loaded: ${measured.bytes.d} bytes for ${shown} results shown = ${Math.round(measured.bytes.d / Math.max(1, shown))} bytes per result shown`);
