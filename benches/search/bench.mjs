// Measures the search page of a built archive in headless Chromium, from
// file://: the script loaded before the first query, the script each query
// loads, and the time from the last keystroke to the results on screen.
//
//   node benches/search/bench.mjs --archive OUTPUT_DIR [--label 10k] [--runs 3]
//
// playwright-core is resolved from $BENCH_NODE_DIR/node_modules (default
// /tmp/bench-node; benches/search.sh installs it there from package.json)
// and drives /usr/bin/chromium (or $CHROMIUM). Prints Markdown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const archive = path.resolve(args.archive || 'output');
const label = args.label || path.basename(archive);
const runs = Number(args.runs || 3);
const nodeDir = process.env.BENCH_NODE_DIR || '/tmp/bench-node';
const { chromium } = createRequire(path.join(nodeDir, 'node_modules', 'x.js'))('playwright-core');

// Typical queries: a province, an issuer phrase, numbers typed loosely and
// exactly, common words, a quoted phrase, rare words, and a facet.
const QUERIES = [
  { q: 'quang ngai' },
  { q: 'Quảng Ngãi' },
  { q: 'uy ban nhan dan' },
  { q: '07 kl tw' },
  { q: '1102/CD-TTg' },
  { q: 'chong dich' },
  { q: '"chong dich nhu chong giac"' },
  { q: 'tiêm vắc xin' },
  { q: 'giãn cách xã hội Hải Phòng' },
  { q: 'thủ tướng chính phủ' },
  { q: 'chánh' },
  { q: 'Nguyễn Thị Hạnh' },
  { q: 'chong dich', tinh: 'quang-ngai', nam: '2021' },
];

const page_url = pathToFileURL(path.join(archive, 'tim-kiem/index.html')).href;
const sizeOf = (url) => {
  try {
    return fs.statSync(fileURLToPath(url.split('?')[0])).size;
  } catch {
    return 0;
  }
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const kb = (bytes) => (bytes / 1024).toFixed(0) + ' KB';

async function scripts(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('script[src]'), (s) => s.src));
}

// Records, in the page, when each search finished rendering: the DOM is
// updated before data-search-state becomes "ready"; the time taken is that
// of the next animation frame, i.e. when the results can be on screen.
async function instrument(page) {
  await page.evaluate(() => {
    const input = document.getElementById('search-q');
    window.__lastKey = 0;
    window.__marks = [];
    input.addEventListener('input', () => {
      window.__lastKey = performance.now();
    });
    new MutationObserver(() => {
      if (document.body.dataset.searchState !== 'ready') return;
      // The query the list shows (not the input's value, which may be ahead).
      const q = document.getElementById('search-results').getAttribute('data-query');
      const timing = window.vanbanSearch.last;
      requestAnimationFrame(() => window.__marks.push({ t: performance.now(), q, timing }));
    }).observe(document.body, { attributes: true, attributeFilter: ['data-search-state'] });
  });
}

async function waitForResults(page, query) {
  await page.waitForFunction((q) => window.__marks.some((m) => m.t >= window.__lastKey && m.q === q), query, { timeout: 60000 });
  return page.evaluate((q) => {
    const mark = window.__marks.find((m) => m.t >= window.__lastKey && m.q === q);
    const t = mark.timing;
    return {
      ms: mark.t - window.__lastKey,
      // Where the time went: waiting for typing to pause and loading the
      // term shards, ranking, loading the summaries, rendering.
      phases: t ? [t.terms - window.__lastKey, t.ranked - t.terms, t.docs - t.ranked, mark.t - t.docs] : null,
      results: document.querySelectorAll('#search-results li.search-result').length,
      status: document.getElementById('search-status').textContent,
    };
  }, query);
}

async function freshPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.searchState === 'ready', null, { timeout: 60000 });
  return page;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext();
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));

  // Before the first query: the page's own scripts.
  const first = await freshPage(context, page_url);
  const initial = await scripts(first);
  const htmlBytes = sizeOf(page_url) + sizeOf(pathToFileURL(path.join(archive, 'assets/style.css')).href);
  const initialBytes = initial.reduce((sum, s) => sum + sizeOf(s), 0);
  await first.close();

  const rows = [];
  for (const query of QUERIES) {
    const samples = { bytes: [], files: [], paste: [], typed: [], phases: [] };
    let shown = null;
    for (let run = 0; run < runs; run++) {
      // Pasted: one input event, one search; counts what the query loads.
      let page = await freshPage(context, page_url);
      if (query.tinh || query.nam) {
        for (const [name, value] of Object.entries(query)) {
          if (name !== 'q') await page.selectOption(`select[name="${name}"]`, value).catch(() => {});
        }
        await page.waitForFunction(() => document.body.dataset.searchState === 'ready');
      }
      const before = new Set(await scripts(page));
      await instrument(page);
      await page.fill('#search-q', query.q);
      const pasted = await waitForResults(page, query.q);
      const loaded = (await scripts(page)).filter((s) => !before.has(s));
      samples.bytes.push(loaded.reduce((sum, s) => sum + sizeOf(s), 0));
      samples.files.push(loaded.length);
      samples.paste.push(pasted.ms);
      shown = pasted;
      await page.close();
      // Typed: a key every 40 ms; from the last key to the results.
      page = await freshPage(context, page_url);
      await instrument(page);
      await page.type('#search-q', query.q, { delay: 40 });
      const typed = await waitForResults(page, query.q);
      samples.typed.push(typed.ms);
      if (typed.phases) samples.phases.push(typed.phases);
      await page.close();
    }
    const facet = Object.entries(query).filter(([k]) => k !== 'q').map(([k, v]) => `${k}=${v}`).join(' ');
    rows.push({
      query: query.q + (facet ? ` (${facet})` : ''),
      status: shown.status,
      files: median(samples.files),
      bytes: median(samples.bytes),
      paste: median(samples.paste),
      typed: median(samples.typed),
      typedMax: Math.max(...samples.typed),
      phases: [0, 1, 2, 3].map((i) => median(samples.phases.map((p) => p[i]))),
    });
  }

  // The query lives in the URL, and Back restores the previous search.
  const page = await freshPage(context, page_url);
  await page.fill('#search-q', 'quang ngai');
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => document.body.dataset.searchState === 'ready' && location.search.includes('quang'));
  await page.fill('#search-q', 'tiem vac xin');
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => document.body.dataset.searchState === 'ready' && location.search.includes('tiem'));
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('search-q').value === 'quang ngai' && document.body.dataset.searchState === 'ready');
  const history = await page.evaluate(() => location.search);
  await page.close();
  await browser.close();

  const index = fs.readdirSync(path.join(archive, 'tim-kiem'), { recursive: true }).filter((f) => f.endsWith('.js'));
  const indexBytes = index.reduce((sum, f) => sum + fs.statSync(path.join(archive, 'tim-kiem', f)).size, 0);
  const meta = fs.readFileSync(path.join(archive, 'tim-kiem/meta.js'), 'utf8');
  const documents = /"documents":(\d+)/.exec(meta)[1];

  console.log(`### ${label}: ${documents} search documents, index ${(indexBytes / 1e6).toFixed(1)} MB in ${index.length} files`);
  console.log();
  console.log(`Before the first query: ${kb(initialBytes)} of script (${initial.map((s) => path.basename(s)).join(', ')}), plus ${kb(htmlBytes)} of HTML and CSS.`);
  console.log(`Back button after two searches: ${history === '?q=quang+ngai' ? 'restores ?q=quang+ngai' : 'FAILED: ' + history}.`);
  console.log();
  console.log('| query | results | files loaded | script loaded | pasted → results | typed: last key → results, median / max | typed: debounce + terms / rank / summaries / render |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const phases = r.phases.map((p) => p.toFixed(0)).join(' / ');
    console.log(`| \`${r.query}\` | ${r.status} | ${r.files} | ${kb(r.bytes)} | ${r.paste.toFixed(0)} ms | ${r.typed.toFixed(0)} / ${r.typedMax.toFixed(0)} ms | ${phases} ms |`);
  }
  console.log();
  console.log(`Medians of ${runs} runs, each on a freshly opened page (nothing cached by the page). ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`);
  if (errors.length) {
    console.log(`Page errors: ${errors.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
