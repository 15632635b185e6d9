'use strict';
// The browser suite's one test file: one process, one Chromium for every
// test. Each module in specs/ registers its tests (node:test `describe` and
// `test`); to test a new page or behaviour, add a few lines to a spec, or a
// new module there (loaded in name order).

const fs = require('node:fs');
const path = require('node:path');
const { after } = require('node:test');
const h = require('./lib/harness');

after(async () => {
  await h.closeAll();
  console.log(`screenshots: ${h.SCREENSHOTS}`);
});

const specs = path.join(__dirname, 'specs');
for (const file of fs.readdirSync(specs).filter((f) => f.endsWith('.js')).sort()) {
  require(path.join(specs, file));
}
