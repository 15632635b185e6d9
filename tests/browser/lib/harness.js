'use strict';
// Helpers for the browser tests. One headless Chromium (Debian's
// /usr/bin/chromium) for the whole run; each test opens a fresh context and
// page with `withPage`, which guards every request and collects console
// errors, page errors, failed requests and HTTP errors, and fails the test on
// any of them once the test's own checks have run.
//
//   const h = require('../lib/harness');
//   for (const site of h.archive('seed').sites()) {
//     test(`${site} my page`, () =>
//       site.withPage('tinh/index.html', async (page, { screenshot, runAxe }) => {
//         await h.assertHeading(page, 'Tỉnh, thành phố');
//         await screenshot('provinces');
//       }));
//   }

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const { chromium } = require('playwright-core');
const { startServer } = require('./server');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.VANBAN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Every impact fails: a minor violation is still one (WCAG 2.2 AA, with
// target-size: tap targets of at least 24 px).
const AXE_FAILING_IMPACTS = ['minor', 'moderate', 'serious', 'critical'];
const SCREENSHOTS = path.resolve(process.env.VANBAN_SCREENSHOTS || path.join(REPO, 'target', 'browser-screenshots'));
/** Widths the suite looks at: a desktop and a small phone. */
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
/** Longer pages are cut at this height in screenshots (full-page PNGs of long tables get huge). */
const MAX_SCREENSHOT_HEIGHT = 4000;

// ---------------------------------------------------------------- archives

/** The folder holding the built archives (`seed/`, `gen/`), from run.sh. */
function archivesDir() {
  const dir = process.env.VANBAN_BROWSER_ARCHIVES;
  if (!dir) {
    throw new Error(
      'VANBAN_BROWSER_ARCHIVES is not set: run the browser tests with `bash tests/browser/run.sh`, which builds the archives',
    );
  }
  return dir;
}

const archives = new Map();
const sitesByBase = [];

/**
 * An archive: a folder of built HTML. `name` is a folder under
 * VANBAN_BROWSER_ARCHIVES, unless `dir` is given.
 */
function archive(name, dir) {
  if (!archives.has(name)) archives.set(name, new Archive(name, dir || path.join(archivesDir(), name)));
  return archives.get(name);
}

class Archive {
  constructor(name, dir) {
    this.name = name;
    this.dir = fs.realpathSync(dir);
    assert.ok(fs.statSync(path.join(this.dir, 'index.html')).isFile(), `${this.dir} has no index.html`);
    this.file = new Site(this, 'file');
    this.http = new Site(this, 'http');
  }

  /** The archive seen from `file://` and over HTTP: tests are written once for both. */
  sites() {
    return [this.file, this.http];
  }
}

/** One archive in one mode: `file` (opened from the disk) or `http` (served on 127.0.0.1). */
class Site {
  constructor(archive, mode) {
    this.archive = archive;
    this.mode = mode;
    this.base = mode === 'file' ? pathToFileURL(archive.dir + path.sep).href : null;
    this.server = null;
    if (this.base) sitesByBase.push(this);
  }

  toString() {
    return `${this.archive.name}/${this.mode}`;
  }

  /** Starts the HTTP server (once); a no-op for `file`. */
  async start() {
    if (this.base) return this;
    this.server = await startServer(this.archive.dir);
    this.base = `${this.server.origin}/`;
    sitesByBase.push(this);
    return this;
  }

  /** The URL of the archive path `rel` (e.g. `tinh/index.html`). */
  url(rel) {
    assert.ok(this.base, `${this}: start() the site before asking for a URL`);
    return new URL(rel, this.base).href;
  }

  /** The archive path of `url`, or null when the URL is not in the archive. */
  rel(url) {
    if (!this.base || !url.startsWith(this.base)) return null;
    return decodeURIComponent(url.slice(this.base.length).split(/[?#]/, 1)[0]);
  }

  /** Whether the page may request `url`: a file under the archive, or this server. */
  allows(url) {
    if (this.mode === 'file') {
      if (!url.startsWith('file://')) return false;
      let file;
      try {
        file = path.resolve(fileURLToPath(url));
      } catch {
        return false;
      }
      return file === this.archive.dir || file.startsWith(this.archive.dir + path.sep);
    }
    return this.base !== null && url.startsWith(this.base);
  }

  /** `withPage` on the archive path `rel`. */
  async withPage(rel, fn, options = {}) {
    await this.start();
    return withPage(this.url(rel), fn, { ...options, site: this });
  }
}

function siteFor(url) {
  const site = sitesByBase.find((s) => url.startsWith(s.base));
  assert.ok(site, `${url} is in no archive the suite knows (start() its site first)`);
  return site;
}

// ---------------------------------------------------------------- browser

let launching = null;

/** The one browser of the run, launched on first use. */
function browser() {
  if (!launching) {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or run tests/browser/run.sh`);
    }
    launching = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }
  return launching;
}

/** Closes the browser and every HTTP server; call it from an `after` hook. */
async function closeAll() {
  if (launching) {
    const b = await launching.catch(() => null);
    launching = null;
    if (b) await b.close();
  }
  for (const a of archives.values()) {
    if (a.http.server) {
      await a.http.server.close();
      a.http.server = null;
    }
  }
}

// ---------------------------------------------------------------- pages

/** What a page did, for the assertions. */
const records = new WeakMap();

function record(page) {
  const r = records.get(page);
  assert.ok(r, 'not a page opened by withPage');
  return r;
}

/**
 * Opens a fresh context and page for `site` (viewport `width`×`height`,
 * 1280×800 by default) with every request guarded and every problem
 * recorded; resolves to `{ page, helpers, close() }`, where helpers are
 * `{ site, screenshot(name), runAxe(), assertAccessible(), go(rel) }`.
 */
async function openPage(site, { width = DESKTOP.width, height = DESKTOP.height } = {}) {
  const b = await browser();
  await site.start();
  const context = await b.newContext({ viewport: { width, height }, locale: 'vi-VN', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const r = { site, ...emptyProblems(), visited: [] };
    records.set(page, r);
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (site.allows(u)) return route.continue();
      r.external.push(u);
      return route.abort('blockedbyclient');
    });
    page.on('console', (m) => {
      if (m.type() === 'error') r.consoleErrors.push(`${m.text()} [${m.location().url || page.url()}]`);
    });
    page.on('pageerror', (e) => r.pageErrors.push(`${e.message} [${page.url()}]`));
    page.on('requestfailed', (req) => {
      const error = req.failure()?.errorText;
      // Chromium fetches the favicon last, at low priority, and cancels it
      // when the test moves on: not a broken link (a missing favicon is
      // still one: a 404 over HTTP, ERR_FILE_NOT_FOUND from file://).
      if (error === 'net::ERR_ABORTED' && req.url().endsWith('/assets/favicon.svg')) return;
      if (!r.external.includes(req.url())) r.failedRequests.push(`${req.url()}: ${error}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) r.badResponses.push(`${res.status()} ${res.url()}`);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) r.visited.push(frame.url());
    });
    const helpers = {
      site,
      screenshot: (name) => screenshot(page, name),
      runAxe: (options) => runAxe(page, options),
      assertAccessible: (options) => assertAccessible(page, options),
      go: (rel) => go(page, rel),
    };
    return { page, helpers, close: () => context.close() };
  } catch (e) {
    await context.close();
    throw e;
  }
}

/**
 * Opens `url` in a fresh page (see openPage) and runs `await fn(page,
 * helpers)`. Afterwards the page must have made no request outside the
 * archive and seen no console error, page error, failed request or HTTP
 * error (unless `check: false`, for the suite's self-tests). The context is
 * closed whatever happens.
 */
async function withPage(url, fn, { site = siteFor(url), check = true, ...viewport } = {}) {
  const { page, helpers, close } = await openPage(site, viewport);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (check && site.mode === 'http') assert.equal(response?.status(), 200, `GET ${url}`);
    const result = await fn(page, helpers);
    if (check) assertPageClean(page);
    return result;
  } finally {
    await close();
  }
}

/**
 * One page kept open across tests (opening a page costs a renderer process):
 * `visit(rel, fn)` resets the viewport to 1280×800 and the page's record,
 * opens the archive path `rel`, runs `fn(page, helpers)` and checks the page
 * as withPage does. Close it in an `after` hook.
 */
function sharedPage(site) {
  let opening = null;
  return {
    async visit(rel, fn) {
      if (!opening) opening = openPage(site);
      const { page, helpers } = await opening;
      Object.assign(record(page), emptyProblems(), { visited: [] });
      await page.setViewportSize(DESKTOP);
      await go(page, rel);
      const result = await fn(page, helpers);
      assertPageClean(page);
      return result;
    },
    async close() {
      if (opening) await (await opening).close();
      opening = null;
    },
  };
}

function emptyProblems() {
  return { external: [], consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
}

/** Navigates the page to the archive path `rel` (same guards) and waits for it to load. */
async function go(page, rel) {
  const { site } = record(page);
  const response = await page.goto(site.url(rel), { waitUntil: 'load' });
  if (site.mode === 'http') assert.equal(response?.status(), 200, `GET ${rel}`);
  return response;
}

/** The archive path the page shows (e.g. `tinh/index.html`). */
function currentPath(page) {
  return record(page).site.rel(page.url());
}

function list(items) {
  return items.map((i) => `  - ${i}`).join('\n');
}

/** A copy of what went wrong on the page so far: `{ external, consoleErrors, pageErrors, failedRequests, badResponses }`. */
function problems(page) {
  const { external, consoleErrors, pageErrors, failedRequests, badResponses } = record(page);
  return structuredClone({ external, consoleErrors, pageErrors, failedRequests, badResponses });
}

/** Fails if the page asked for anything outside the archive (the request was blocked). */
function assertNoExternalRequests(page) {
  const r = record(page);
  assert.deepEqual(
    r.external,
    [],
    `${r.site}: requests outside the archive (${r.site.mode === 'file' ? r.site.archive.dir : r.site.base}):\n${list(r.external)}`,
  );
}

/** Fails on console errors, uncaught page errors, failed requests or HTTP errors (404 …). */
function assertNoErrors(page) {
  const r = record(page);
  assert.deepEqual(r.pageErrors, [], `${r.site}: page errors:\n${list(r.pageErrors)}`);
  assert.deepEqual(r.badResponses, [], `${r.site}: HTTP errors:\n${list(r.badResponses)}`);
  assert.deepEqual(r.failedRequests, [], `${r.site}: failed requests:\n${list(r.failedRequests)}`);
  assert.deepEqual(r.consoleErrors, [], `${r.site}: console errors:\n${list(r.consoleErrors)}`);
}

function assertPageClean(page) {
  assertNoExternalRequests(page);
  assertNoErrors(page);
}

// ---------------------------------------------------------------- what a reader sees

/** The page's one h1, visible, containing `text`. */
async function assertHeading(page, text) {
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${currentPath(page)}: one h1`);
  assert.ok(await h1.isVisible(), `${currentPath(page)}: h1 visible`);
  const actual = (await h1.innerText()).trim();
  assert.ok(actual.includes(text), `${currentPath(page)}: h1 is ${JSON.stringify(actual)}, expected it to contain ${JSON.stringify(text)}`);
  return actual;
}

/** Some element showing `text` is visible to a reader (not hidden, not a 1-px visually-hidden box). */
async function assertVisibleText(page, text, { within = 'body' } = {}) {
  const seen = await page.locator(within).first().evaluate((root, wanted) => {
    const norm = (s) => s.replace(/\s+/g, ' ');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (!norm(el.innerText || '').includes(wanted)) continue;
      // The innermost element carrying the whole text.
      if ([...el.children].some((c) => norm(c.innerText || '').includes(wanted))) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width > 2 && rect.height > 2 && style.visibility !== 'hidden' && style.opacity !== '0') return true;
    }
    return false;
  }, text);
  assert.ok(seen, `${currentPath(page)}: ${JSON.stringify(text)} is not visible${within === 'body' ? '' : ` in ${within}`}`);
}

/**
 * Clicks the first visible link named `name` (exactly), waits for the page it
 * leads to and returns that page's archive path.
 */
async function clickLink(page, name, { within = 'main' } = {}) {
  const link = page.locator(within).getByRole('link', { name, exact: true }).filter({ visible: true }).first();
  assert.ok((await link.count()) > 0, `${currentPath(page)}: no visible link ${JSON.stringify(name)} in ${within}`);
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before, { waitUntil: 'load' }), link.click()]);
  return currentPath(page);
}

/** The archive path of the first link matching `selector` (resolved against the page). */
async function linkTarget(page, selector) {
  const href = await page.locator(selector).first().evaluate((a) => a.href);
  const rel = record(page).site.rel(href);
  assert.ok(rel, `${currentPath(page)}: ${selector} leads out of the archive: ${href}`);
  return rel;
}

// ---------------------------------------------------------------- layout and screenshots

/**
 * Saves a screenshot of the page as `{archive}/{mode}/{name}-{width}.png` under
 * the screenshots folder (full page, cut at MAX_SCREENSHOT_HEIGHT); returns its path.
 */
async function screenshot(page, name) {
  const { site } = record(page);
  const { width } = page.viewportSize();
  const dir = path.join(SCREENSHOTS, site.archive.name, site.mode);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${width}.png`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: file,
    fullPage: true,
    animations: 'disabled',
    ...(height > MAX_SCREENSHOT_HEIGHT ? { clip: { x: 0, y: 0, width, height: MAX_SCREENSHOT_HEIGHT } } : {}),
  });
  return file;
}

/** The page scrolls only vertically: nothing is wider than the viewport. */
async function assertNoHorizontalOverflow(page) {
  const m = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth + 1;
    const offenders = [];
    if (root.scrollWidth > limit) {
      for (const el of document.body.querySelectorAll('*')) {
        const rect = el.getBoundingClientRect();
        if (rect.right > limit && rect.width > 0) {
          const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
          offenders.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge ${Math.round(rect.right)} px): ${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60)}`);
          if (offenders.length >= 8) break;
        }
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, offenders };
  });
  assert.ok(
    m.scrollWidth <= m.clientWidth + 1,
    `${currentPath(page)}: horizontal overflow at ${m.clientWidth} px (scrollWidth ${m.scrollWidth}); wider than the viewport:\n${list(m.offenders)}`,
  );
}

// ---------------------------------------------------------------- accessibility

let axeSource = null;

/**
 * Runs axe-core on the page (tags AXE_TAGS) and returns its violations as
 * `[{ id, impact, help, nodes: [{ target, summary }] }]`.
 */
async function runAxe(page, { tags = AXE_TAGS } = {}) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // Under file:// every file is its own origin, so the page cannot read its
  // stylesheets' rules and axe's CSSOM preload re-fetches them, which Chromium
  // refuses (a failed request): preload only over HTTP.
  const preload = record(page).site.mode === 'http';
  return page.evaluate(async ({ values, preload }) => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'], preload });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim() })),
    }));
  }, { values: tags, preload });
}

/** axe violations as text: id, impact, what to do, then each element's selector and what is wrong (10 at most per violation). */
function formatViolations(violations, { maxNodes = 10 } = {}) {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, maxNodes).map((n) => `    ${n.target}: ${n.summary}`);
      if (v.nodes.length > maxNodes) nodes.push(`    … and ${v.nodes.length - maxNodes} more`);
      return `  ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} elements)\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** No axe violation of any impact; the message lists each with its target selectors. */
async function assertAccessible(page, options) {
  const violations = await runAxe(page, options);
  const failing = violations.filter((v) => AXE_FAILING_IMPACTS.includes(v.impact));
  assert.ok(failing.length === 0, `${currentPath(page)} (${record(page).site}): axe violations:\n${formatViolations(failing)}`);
  return violations;
}

module.exports = {
  AXE_TAGS,
  CHROMIUM,
  CHROMIUM_ARGS,
  DESKTOP,
  PHONE,
  SCREENSHOTS,
  archive,
  assertAccessible,
  assertHeading,
  assertNoErrors,
  assertNoExternalRequests,
  assertNoHorizontalOverflow,
  assertPageClean,
  assertVisibleText,
  browser,
  clickLink,
  closeAll,
  currentPath,
  formatViolations,
  go,
  linkTarget,
  openPage,
  problems,
  runAxe,
  screenshot,
  sharedPage,
  withPage,
};
