// Shared helpers for the search client's node tests: load search.js into a
// fresh V8 context (no DOM, so only its core runs) and give it a loader that
// reads the built index files, as <script> injection would in a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const client = path.join(repo, 'themes/default/static/search.js');

/** A fresh context with search.js loaded; returns its `vanbanSearch`. */
export function loadClient() {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(client, 'utf8'), context, { filename: client });
  return { context, api: context.vanbanSearch };
}

/** Values from the client's realm, as plain values of this one. */
export const plain = (value) => JSON.parse(JSON.stringify(value));

let builtBase = null;

/**
 * The built archive `name` (valid, seed, search): from $VANBAN_SEARCH_OUT
 * (tests/search/run.sh builds them there), else built now with cargo.
 */
export function archive(name) {
  const base = process.env.VANBAN_SEARCH_OUT || buildAll();
  const dir = path.join(base, name);
  if (!fs.existsSync(path.join(dir, 'tim-kiem/meta.js'))) throw new Error(`${dir} has no search index: run tests/search/run.sh`);
  return dir;
}

const SOURCES = { valid: 'tests/fixtures/valid', seed: 'content', search: 'tests/fixtures/search' };

function buildAll() {
  if (builtBase) return builtBase;
  builtBase = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-search-'));
  for (const [name, content] of Object.entries(SOURCES)) {
    const run = spawnSync('cargo', ['run', '--quiet', '--', 'build', '--content', content, '--output', path.join(builtBase, name)], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`building ${content} failed:\n${run.stderr}`);
  }
  return builtBase;
}

/** A search engine over a built archive, with promise-returning search. */
export function engineFor(dir) {
  const { context, api } = loadClient();
  const engine = new api.Engine((file, done) => {
    let code;
    try {
      code = fs.readFileSync(path.join(dir, 'tim-kiem', file), 'utf8');
    } catch (error) {
      return setImmediate(() => done(error));
    }
    vm.runInContext(code, context, { filename: file });
    setImmediate(() => done(null));
  });
  const search = (state) =>
    new Promise((resolve, reject) => {
      const full = Object.assign({ q: '', tinh: '', loai: '', nam: '', trang: '' }, state);
      engine.search(full, (error, result) => (error ? reject(error) : resolve(plain(result))));
    });
  return { api, engine, search, loaded: () => plain(engine.loaded) };
}

/** The hrefs of a result's items, in order. */
export const hrefs = (result) => result.items.map((item) => item.href);
