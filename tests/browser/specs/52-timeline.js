'use strict';
// Time and uptake, as a journalist uses them: a week page reached from a
// day, the month calendar (its links and its empty days), the curve of
// provinces that acted by day N against the figures behind it and the
// "who acted" table, and the phone layout of that table. From file:// and
// over HTTP, on the generated archive (400 directives, 2020–2022).

const assert = require('node:assert/strict');
const { after, describe, test } = require('node:test');
const h = require('../lib/harness');

const MONTH = 'thoi-gian/2021/06/index.html';

/** The calendar's cells: day, count shown, link (archive path) or null. */
async function calendarCells(page) {
  return page.locator('table.calendar tbody td:not(.outside)').evaluateAll((cells) =>
    cells.map((td) => {
      const a = td.querySelector('a');
      return {
        day: Number(td.querySelector('.cal-day').textContent),
        count: a ? Number(a.querySelector('.cal-count').firstChild.textContent) : 0,
        href: a ? a.href : null,
        empty: td.classList.contains('empty'),
      };
    }),
  );
}

/** Width and height of every element matching `selector`, with its text. */
async function boxes(page, selector) {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent.trim().slice(0, 30), width: r.width, height: r.height, visible: r.width > 0 && r.height > 0 };
    }),
  );
}

for (const site of h.archive('gen').sites()) {
  describe(`timeline and uptake, generated archive, ${site.mode}`, () => {
    const shared = h.sharedPage(site);
    after(() => shared.close());

    test('a day leads to its week: seven days, each day by province, empty days said', () =>
      shared.visit(MONTH, async (page, { go, screenshot, assertAccessible }) => {
        const day = await h.linkTarget(page, 'table.calendar tbody td a');
        await go(day);
        const rows = await page.locator('main table.doc-list tbody tr').count();
        const weekLink = page.locator('main .week-link a');
        const weekName = (await weekLink.innerText()).trim();
        assert.match(weekName, /^Tuần \d+\/\d{4}$/);
        await Promise.all([page.waitForURL(/\/thoi-gian\/\d{4}\/tuan-\d{2}\/index\.html$/), weekLink.click()]);
        assert.match(await h.assertHeading(page, weekName), /^Tuần \d+\/\d{4} \(\d+\)$/);
        const days = page.locator('main section.week-day');
        assert.equal(await days.count(), 7, 'Monday to Sunday');
        assert.match(await days.first().locator('h2').innerText(), /^Thứ Hai, /);
        assert.match(await days.last().locator('h2').innerText(), /^Chủ nhật, /);
        // The days at a glance: a jump to each day that has directives, the empty ones plain.
        const glance = await page.locator('nav.week-days li').evaluateAll((lis) => lis.map((li) => ({ link: !!li.querySelector('a'), text: li.textContent })));
        assert.equal(glance.length, 7);
        for (const g of glance) assert.equal(g.link, !g.text.endsWith('(0)'), g.text);
        // The day we came from, with as many directives as its own page.
        const iso = day.split('/').slice(1, 4).join('-');
        const ours = page.locator(`main section.week-day:has(h2 time[datetime="${iso}"])`);
        assert.equal(await ours.locator('table.doc-list tbody tr').count(), rows);
        assert.equal(await h.linkTarget(page, `main section.week-day:has(h2 time[datetime="${iso}"]) h2 a`), day, 'the day links to its page');
        // Within a day, groups are provinces (or central), each a heading with its count.
        const groups = await ours.locator('h3.province-group').allInnerTexts();
        assert.ok(groups.length >= 1 && groups.every((g) => /\(\d+\)$/.test(g)), `${groups}`);
        // Every empty day says so, has no list, and its heading links nowhere (a higher directive
        // issued that day is still linked below it).
        const empty = await page.locator('main section.week-day.empty').evaluateAll((sections) =>
          sections.map((s) => ({ links: s.querySelectorAll('h2 a, table').length, said: s.querySelector('.empty-day')?.textContent })),
        );
        for (const e of empty) assert.deepEqual(e, { links: 0, said: 'Không có văn bản nào ban hành ngày này.' });
        // The total is the sum of the days.
        const total = Number(/\((\d+)\)/.exec(await page.locator('h1').innerText())[1]);
        assert.equal(await page.locator('main table.doc-list tbody tr').count(), total);
        // Next week and back.
        const here = h.currentPath(page);
        const next = page.locator('main nav.prev-next a[rel=next]');
        if (await next.count()) {
          await Promise.all([page.waitForURL((u) => !u.href.endsWith(here)), next.click()]);
          await Promise.all([page.waitForURL((u) => u.href.endsWith(here)), page.locator('main nav.prev-next a[rel=prev]').click()]);
        }
        await screenshot('week');
        await assertAccessible();
        await page.setViewportSize(h.PHONE);
        await h.assertNoHorizontalOverflow(page);
        await screenshot('week');
      }));

    test('the month calendar: every day, each with its count; non-empty days link to their page, empty ones do not', () =>
      shared.visit(MONTH, async (page, { go, screenshot, assertAccessible }) => {
        const cells = await calendarCells(page);
        assert.deepEqual(cells.map((c) => c.day), Array.from({ length: 30 }, (_, i) => i + 1), 'June has 30 days');
        const headers = await page.locator('table.calendar thead th').allInnerTexts();
        assert.deepEqual(headers, ['Tuần', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']);
        assert.ok(cells.some((c) => c.empty) && cells.some((c) => c.href), 'both kinds in this month');
        for (const c of cells) {
          // Each day's count is the length of its section's list on the month page.
          const listed = await page.locator(`main section:has(> h2#d-${c.day}) table.doc-list tbody tr`).count();
          assert.equal(c.count, listed, `day ${c.day}`);
          if (c.empty) assert.equal(c.href, null, `day ${c.day} is empty and not a link`);
          else assert.ok(c.href.endsWith(`/thoi-gian/2021/06/${String(c.day).padStart(2, '0')}/index.html`), c.href);
        }
        // The 1st of June 2021 is a Tuesday.
        assert.equal(await page.locator('table.calendar tbody tr').first().locator('td').nth(1).locator('.cal-day').innerText(), '1');
        // A row's week number leads to that week, which holds the row's days.
        const weekHref = await h.linkTarget(page, 'table.calendar tbody th a');
        const rowDays = await page.locator('table.calendar tbody tr:has(th a)').first().locator('td:not(.outside) .cal-day').allInnerTexts();
        await screenshot('calendar');
        await assertAccessible();
        await page.setViewportSize(h.PHONE);
        await h.assertNoHorizontalOverflow(page);
        const links = await boxes(page, 'table.calendar a');
        assert.ok(links.every((b) => b.width >= 24 && b.height >= 24), `tap targets at 375 px: ${JSON.stringify(links.filter((b) => b.width < 24 || b.height < 24))}`);
        await screenshot('calendar');
        await go(weekHref);
        const weekDays = await page.locator('main section.week-day h2 time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
        for (const d of rowDays) assert.ok(weekDays.includes(`2021-06-${d.padStart(2, '0')}`), `${d} in ${weekDays}`);
      }));

    test('the curve of provinces that acted matches its table and the table of who acted', () =>
      shared.visit('trich-dan/index.html', async (page, { go, screenshot }) => {
        await go(await h.linkTarget(page, 'main tbody tr td:first-child a'));
        const svg = page.locator('figure.curve svg');
        const axis = await svg.evaluate((s) => Object.fromEntries(Object.entries(s.dataset).map(([k, v]) => [k, Number(v)])));
        assert.equal(axis.total, 63, 'the share is of all 63 provinces');
        const rows = await page.locator('#curve-table tbody tr').evaluateAll((trs) =>
          trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())),
        );
        assert.ok(rows.length >= 5, `a curve of several steps: ${rows.length}`);
        const points = await page.locator('figure.curve circle.step-point').evaluateAll((cs) =>
          cs.map((c) => ({ cx: Number(c.getAttribute('cx')), cy: Number(c.getAttribute('cy')), title: c.querySelector('title').textContent })),
        );
        assert.equal(points.length, rows.length, 'a point per row');
        // Where each point is drawn says the row's day and count, on the chart's own axes.
        const x = (day) => axis.left + Math.floor((day * axis.plotWidth) / axis.maxDay);
        const y = (n) => axis.top + axis.plotHeight - Math.floor((n * axis.plotHeight) / axis.total);
        let before = 0;
        rows.forEach(([day, fresh, acted, share], i) => {
          assert.equal(points[i].cx, x(Number(day)), `row ${i}: x of day ${day}`);
          assert.equal(points[i].cy, y(Number(acted)), `row ${i}: y of ${acted}`);
          assert.equal(points[i].title, `Sau ${day} ngày: ${acted}/63 (${share})`);
          assert.equal(Number(acted), before + Number(fresh), 'cumulative');
          before = Number(acted);
          assert.equal(share, `${((Number(acted) * 100) / 63).toFixed(1).replace('.', ',')}%`);
        });
        // The same figures from the "who acted" table: provinces whose first directive came by day N.
        const elapsed = await page.locator('#uptake-table tbody tr').evaluateAll((trs) =>
          trs.map((tr) => tr.cells[3].textContent.trim()).filter((t) => /^\d+$/.test(t)).map(Number),
        );
        for (const [day, , acted] of rows) {
          assert.equal(elapsed.filter((d) => d <= Number(day)).length, Number(acted), `by day ${day}`);
        }
        // The median, fastest and slowest, in words and on the chart.
        const sorted = [...elapsed].sort((a, b) => a - b);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        assert.match(await page.locator('.curve-facts dd').first().innerText(), new RegExp(`^${median} ngày`));
        assert.equal(Number(await page.locator('figure.curve line.median').getAttribute('x1')), x(median));
        const fastest = await page.locator('#uptake-table tbody tr').evaluateAll(
          (trs, day) => trs.filter((tr) => tr.cells[3].textContent.trim() === String(day)).map((tr) => tr.cells[0].textContent.trim()),
          sorted[0],
        );
        assert.match(await page.locator('.curve-facts dd').nth(1).innerText(), new RegExp(`^${fastest[0]}.*\\(${sorted[0]} ngày\\)$`));
        assert.match(await page.locator('.curve-facts dd').nth(2).innerText(), new RegExp(`\\(${sorted.at(-1)} ngày\\)$`));
        await screenshot('cited-curve');
      }));

    test('on a phone the uptake table sorts: its buttons show, tap targets of 24 px and more', () =>
      shared.visit('trich-dan/index.html', async (page, { go, screenshot, assertAccessible }) => {
        await go(await h.linkTarget(page, 'main tbody tr td:first-child a'));
        await page.setViewportSize(h.PHONE);
        const buttons = await boxes(page, '#uptake-table thead button.sort');
        assert.equal(buttons.length, 4);
        assert.ok(buttons.every((b) => b.visible && b.width >= 24 && b.height >= 24), JSON.stringify(buttons));
        const links = await boxes(page, '#uptake-table a');
        const small = links.filter((b) => b.height < 24 || b.width < 24);
        assert.deepEqual(small, [], 'every link of the table is a target of 24 px and more');
        const days = () => page.locator('#uptake-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.cells[3].dataset.value)));
        await page.locator('#uptake-table thead button.sort').nth(3).click();
        const ascending = await days();
        assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'sorted by days elapsed, on a phone');
        // Each row still names its columns.
        const label = await page.locator('#uptake-table tbody td').nth(3).evaluate((td) => getComputedStyle(td, '::before').content);
        assert.match(label, /Sau \(ngày\)/);
        await h.assertNoHorizontalOverflow(page);
        await assertAccessible();
        await screenshot('uptake');
      }));
  });
}
