// A learner's path through the built app, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, shot, settled, fillCode, codeOf, watchedPage } from './browser.mjs';
import { useApp } from './app_setup.mjs';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = useApp();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

test('load Vec growth, step to the first realloc, scrub, compare four strategies, hit an OOM abort', async () => {
  const { page, problems, firstRenderMs } = await open(app.browser, app.server.url);
  console.log(`first render: ${firstRenderMs} ms`);
  assert.equal(await page.textContent('h1'), 'allocscope');
  await shot(page, '01-opened');

  // The page opens on the Vec example at its first realloc, with a hint of
  // what to try; loading it again opens it there again.
  assert.match(await page.textContent('#try'), /step through the calls/);
  await page.selectOption('#example', 'vec_growth.rs');
  await settled(page);
  // The runtime's two calls before main, the Vec's three, stdout's buffer
  // at the first println, and the Vec's dealloc: seven (as
  // `alloc-sim run vec_growth.rs --heap 4KiB` lists them).
  assert.equal(await page.textContent('#position'), 'call 4 of 7');
  const line = await page.textContent('#call-log > li.current');
  // First fit gave the runtime 0x1000 (4 bytes, 16 with its rounding) and
  // 0x1010 (544): the Vec's first buffer is at 0x1230.
  assert.match(line, /realloc\(0x1230, Layout \{ size: 16, align: 4 \}, 32\) → 0x1240/);
  assert.match(line, /`v\.push\(i \* 10\)`: Vec<u32> is full at 4, grows to 8/);
  // 4 + 544 bytes of the runtime's, 32 of the Vec's.
  assert.match(await page.textContent('#metrics'), /live bytes\s*580/);
  await shot(page, '02-first-realloc');

  // The heap is a diagram: each live allocation a block labelled with its
  // number and Layout, the free list's holes linked by arrows.
  const blocks = await page.locator('.pane').first().locator('.dia .block').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
  assert.deepEqual(blocks.map((b) => b.replace(/ at 0x[0-9a-f]+.*/, '')), [
    'allocation #1: Layout { size: 4, align: 1 }',
    'allocation #2: Layout { size: 544, align: 8 }',
    'allocation #3: Layout { size: 32, align: 4 }',
  ]);
  assert.match(await page.locator('.dia .label').allTextContents().then((t) => t.join(' | ')), /#3 · 32 B, align 4|#3 Layout \{ size: 32, align: 4 \}/);
  // The old buffer's hole (0x1230) names the hole after it: one arrow.
  assert.equal(await page.locator('.pane').first().locator('.dia .link').count(), 1);
  assert.match(await page.locator('.dia .link title').first().textContent(), /node at 0x1230 names the next, at 0x1260/);
  // Pick the Vec's buffer: the inspector names it and the code that made it.
  await page.locator('.dia .block', { hasText: '#3' }).click();
  const inspector = await page.textContent('#inspector');
  assert.match(inspector, /0x1240: payload/);
  assert.match(inspector, /Layout \{ size: 32, align: 4 \} at 0x1240/);
  assert.match(inspector, /v\.push\(i \* 10\)/);
  // And the old buffer's first byte (0x1230), now a hole of the free list.
  await page.locator('.dia rect.piece', { has: page.locator('title', { hasText: /at 0x1230$/ }) }).click();
  assert.match(await page.textContent('#inspector'), /free-list node/);
  // The call the map shows is explained beside it.
  assert.match(await page.textContent('.pane .now'), /realloc\(0x1230, Layout \{ size: 16, align: 4 \}, 32\) → 0x1240/);
  await shot(page, '02b-inspector');

  // Scrub back to the start: nothing allocated yet.
  await page.fill('#scrubber', '0');
  assert.equal(await page.textContent('#position'), 'call 0 of 7');
  assert.match(await page.textContent('#metrics'), /live bytes\s*0/);
  await page.keyboard.press('End');
  assert.equal(await page.textContent('#position'), 'call 7 of 7');

  // Side by side: four strategies, one column each, the best marked.
  for (const s of ['bump', 'size-class', 'jemalloc']) { await page.check(`#strategy-${s}`); await settled(page); }
  assert.equal(await page.locator('.pane').count(), 4);
  // A fifth is refused where it would be ticked, with the reason.
  assert.ok(await page.isDisabled('#strategy-buddy'));
  assert.match(await page.textContent('#strategies-full'), /untick one/);
  const head = await page.textContent('#metrics thead');
  for (const s of ['bump', 'first-fit', 'size-class', 'jemalloc']) assert.ok(head.includes(s), head);
  assert.ok((await page.locator('#metrics td.best').count()) > 0);
  await shot(page, '03-side-by-side');

  // A heap diagram saved as a PNG, for slides: wide, with its headline
  // and legend drawn under and over it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.heap-diagram .save').first().click()]);
  assert.match(download.suggestedFilename(), /^allocscope-bump-after-call-7\.png$/);
  const png = await readFile(await download.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 1600);
  assert.ok(png.readUInt32BE(20) > 300, `a PNG ${png.readUInt32BE(20)} px high`);

  // A shared link opens the same state in a new page.
  await page.click('#first');
  await page.click('#forward');
  // The address follows the state once it holds still.
  await page.waitForFunction(() => location.hash.includes(';1;'));
  const link = page.url();
  // Each pane names its heap and every setting its strategy declares.
  assert.match(link, /#v4;bump:heap=4096\|first-fit:heap=4096\|size-class:heap=4096,page-size=512\|jemalloc:heap=4096,page-size=512,arenas=4,tcache=off,classic-large-classes=off;1;/);
  const other = await open(app.browser, link);
  assert.equal(await other.page.textContent('#position'), 'call 1 of 7');
  assert.equal(await other.page.locator('.pane').count(), 4);
  assert.equal(await codeOf(other.page, '#code'), await codeOf(page, '#code'));
  await shot(other.page, '03b-shared-link');
  // A link made before v4 (fixed positions) opens the same state.
  const source = link.slice(link.lastIndexOf(';') + 1);
  const v3 = await open(app.browser, `${app.server.url}#v3;bump:4096,512,4,0|first-fit:4096,512,4,0|size-class:4096,512,4,0|jemalloc:4096,512,4,0;1;${source}`);
  assert.equal(await v3.page.textContent('#position'), 'call 1 of 7');
  assert.equal(await v3.page.locator('.pane').count(), 4);
  assert.equal(await codeOf(v3.page, '#code'), await codeOf(page, '#code'));
  assert.deepEqual(v3.problems, []);
  await v3.page.close();
  const broken = await open(app.browser, app.server.url + '#v3;best-fit:4096,512,4,0;0;zz');
  assert.match(await broken.page.textContent('#notice'), /could not be read \(unknown strategy `best-fit`/);
  assert.deepEqual([...other.problems, ...broken.problems], []);
  await other.page.close();
  await broken.page.close();

  // Play from the start at full speed: it stops by itself at the last call.
  await page.click('#first');
  await page.selectOption('#speed', '100');
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#position').textContent.startsWith('call 7 of'));
  assert.equal(await page.textContent('#play'), 'Play');

  // Row addresses in hex, or in decimal.
  // (First fit's pane: bump's leaves out its untouched bottom.)
  const rows = page.locator('.pane', { hasText: 'linked_list_allocator' }).locator('.dia .addr');
  assert.equal(await rows.first().textContent(), '0x1000');
  await page.uncheck('#hex');
  assert.equal(await rows.first().textContent(), '4096');
  await page.check('#hex');

  // One strategy with its own heap: only its pane changes.
  await page.selectOption('#heap-jemalloc', String(65536));
  await settled(page);
  const captions = await page.locator('.pane figcaption').allTextContents();
  assert.ok(captions.some((c) => c.includes(' of 64 KiB at ')) && captions.some((c) => c.includes(' of 4 KiB at ')), captions.join(' / '));
  // First fit with C-style headers, and back: the pane swaps its strategy.
  await page.check('#headers-first-fit');
  await settled(page);
  await page.waitForSelector('#headers-first-fit-headers');
  assert.ok((await page.locator('.pane h2').allTextContents()).includes('first-fit-headers'));
  await page.uncheck('#headers-first-fit-headers');
  await page.waitForSelector('#headers-first-fit');
  // Every byte instead of blocks: 4 bytes a cell.
  await page.selectOption('#map', '4');
  assert.match(await page.locator('.pane figcaption').first().textContent(), /4 byte\(s\) per cell/);
  await page.selectOption('#map', 'fit');

  // A 1 MiB heap: the same canvas, 256 bytes a cell.
  await page.selectOption('#heap-size', String(1 << 20));
  await settled(page);
  assert.match(await page.textContent('.pane figcaption'), /1 MiB at 0x1000: 256 byte\(s\) per cell/);
  // As blocks, the whole heap: rows of tens of KiB (more rows when the
  // panes are narrow).
  await page.selectOption('#map', 'whole');
  assert.match(await page.textContent('.pane figcaption'), /^1 MiB of 1 MiB at 0x1000, (16|32|64) KiB a row$/);
  await page.selectOption('#map', 'used');
  await page.selectOption('#heap-size', '4096');
  await settled(page);

  // The OOM example aborts with std's message, shown in a banner.
  await page.selectOption('#example', 'oom_abort.rs');
  await settled(page);
  await page.click('#last');
  assert.match(await page.textContent('#banner'), /Aborted under .* memory allocation of \d+ bytes failed/);
  assert.match(await page.textContent('#banner'), /largest free block is outlined/);
  await shot(page, '04-oom-abort');

  // Typing re-runs the scenario, and errors point at their line.
  await fillCode(page, '#code', 'fn main() {\n  let v = ;\n}');
  await page.waitForSelector('#banner.error');
  assert.match(await page.textContent('#banner'), /^2:\d+ does not parse/);

  // Something the interpreter does not run yet: the error says what and
  // where, and links to the page that lists what runs.
  await fillCode(page, '#code', 'fn main() {}\n#[derive(Debug)]\n#[repr(align(8))]\nenum E { A }');
  await page.waitForSelector('#banner.error a.what-runs-here');
  assert.match(await page.textContent('#banner'), /^3:\d+ not supported in scenarios/);
  const href = await page.getAttribute('#banner a.what-runs-here', 'href');
  const listed = await page.evaluate(async (h) => {
    const r = await fetch(h);
    return [r.status, await r.text()];
  }, href);
  assert.equal(listed[0], 200);
  assert.match(listed[1], /<h1>What runs here<\/h1>/);
  assert.match(listed[1], /HashMap/);

  // The code is kept across a reload (once the edit has run: the banner
  // says so).
  await fillCode(page, '#code', 'fn main() {\n  let v = ;\n}');
  await page.waitForFunction(() => /does not parse/.test(document.querySelector('#banner')?.textContent ?? ''));
  await page.reload();
  await page.waitForSelector('h1');
  assert.match(await codeOf(page, '#code'), /let v = ;/);

  assert.deepEqual(problems, []);
});

test('the first run, made when the site was built, is shown at once and is what the engine shows', async () => {
  // What the page shows of a run: where it is, every call, the metrics
  // and the first pane's blocks, at the call it opens on and at the end.
  const shown = (page) => page.evaluate(() => ({
    position: document.querySelector('#position').textContent,
    calls: [...document.querySelectorAll('#call-log > li')].map((li) => li.textContent),
    metrics: document.querySelector('#metrics').textContent,
    blocks: [...document.querySelectorAll('.pane .dia .block')].map((g) => g.getAttribute('aria-label')),
  }));
  const opened = async (withFile) => {
    const { page, problems } = await watchedPage(app.browser);
    // Every job the page posts to a worker, counted.
    await page.addInitScript(() => {
      window.jobsPosted = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (...args) {
        window.jobsPosted += 1;
        return post.apply(this, args);
      };
    });
    // Without the file (as a page whose server lost it): bytes that do
    // not read, so the engine answers.
    if (!withFile) await page.route('**/first-run.bin', (route) => route.fulfill({ status: 200, body: '' }));
    await page.goto(app.server.url);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 120000 });
    const posted = await page.evaluate(() => window.jobsPosted);
    const first = await shown(page);
    await settled(page);
    await page.click('#last');
    const last = await shown(page);
    await page.close();
    return { posted, first, last, problems };
  };
  const baked = await opened(true);
  const engine = await opened(false);
  assert.equal(baked.posted, 0, 'the first run is shown before any job goes to the engine');
  assert.ok(engine.posted >= 1);
  assert.ok(baked.first.calls.length > 0);
  assert.deepEqual(baked.first, engine.first);
  assert.deepEqual(baked.last, engine.last);
  assert.deepEqual([...baked.problems, ...engine.problems], []);
});

test('the buddy allocator: its pane, its legend, its share link', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.selectOption('#example', 'vec_growth.rs');
  await settled(page);
  await page.check('#strategy-buddy');
  await settled(page);
  assert.ok((await page.locator('.pane h2').allTextContents()).includes('buddy'));
  const summary = await page.locator('.pane', { hasText: 'buddy_system_allocator' }).textContent();
  assert.match(summary, /power-of-two blocks/);
  // Its rounding to a power of two is slack, and its free lists live in the holes.
  const legend = await page.textContent('.legend');
  assert.match(legend, /slack/);
  assert.match(legend, /free-list node or link/);
  await page.click('#last');
  await page.waitForFunction(() => location.hash.includes(';7;'));
  const link = page.url();
  assert.match(link, /\|buddy:heap=4096;7;/);
  const other = await open(app.browser, link);
  assert.ok((await other.page.locator('.pane h2').allTextContents()).includes('buddy'));
  assert.equal(await other.page.textContent('#position'), 'call 7 of 7');
  await shot(other.page, '05-buddy');
  assert.deepEqual([...problems, ...other.problems], []);
  await other.page.close();
  await page.close();
});

test('your own allocator: its pane beside the strategy it imitates, its heap array, its share link', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.selectOption('#example', 'allocators/free_list.rs');
  await settled(page);
  // Its own pane in front of the strategy the example asks for, which runs
  // the same main on the built-in first fit.
  assert.deepEqual(await page.locator('.pane h2').allTextContents(), ['yours', 'first-fit']);
  assert.match(await page.locator('.pane').first().textContent(), /its heap array: in `ALLOCATOR`, 4 KiB at 0x1000/);
  // The calls are its code's answers (`alloc-sim run allocators/free_list.rs`
  // lists the same 13): the two 32-byte neighbours freed at calls 7 and 8
  // merged, so the 64-byte box of call 9 fits where they were.
  assert.equal(await page.textContent('#position'), 'call 0 of 13');
  await page.fill('#scrubber', '9');
  assert.match(await page.textContent('#call-log > li.current'), /alloc\(Layout \{ size: 64, align: 8 \}\) → 0x1250/);
  // What its code wrote through its pointers has a colour of its own.
  assert.match(await page.textContent('.legend'), /your allocator's data/);
  await shot(page, '06-yours');
  // A link holds the code and the built-in panes; the code brings its own.
  await page.click('#last');
  await page.waitForFunction(() => location.hash.includes(';13;'));
  const link = page.url();
  assert.match(link, /v4;first-fit:heap=4096;13;/);
  const other = await open(app.browser, link);
  assert.deepEqual(await other.page.locator('.pane h2').allTextContents(), ['yours', 'first-fit']);
  assert.deepEqual([...problems, ...other.problems], []);
  await other.page.close();
  await page.close();
});

test('programs that once crashed the page end in a message where they break, and the next edit runs', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  const nested = `fn main() {\n    let x = ${'('.repeat(800)}1${')'.repeat(800)};\n}`;
  const long = `fn main() {\n    let x = ${Array(2000).fill('1').join(' + ')};\n}`;
  for (const bad of [nested, long]) {
    await fillCode(page, '#code', bad);
    await page.waitForFunction(() => /^2:\d+ /.test(document.querySelector('#banner.error')?.textContent ?? ''));
    await settled(page);
  }
  // The engine is still there: a good program runs and is shown.
  await fillCode(page, '#code', 'fn main() {\n    let b = Box::new(7u64);\n}');
  await page.waitForFunction(() => !document.querySelector('#banner') && document.querySelector('#position').textContent === 'call 4 of 4');
  assert.match(await page.textContent('#call-log'), /alloc\(Layout \{ size: 8, align: 8 \}\)/);
  assert.deepEqual(problems, []);
});

test('malloc lab in the page: your allocator scored on traces beside every strategy, as the CLI scores it', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.selectOption('#example', 'allocators/free_list.rs');
  await settled(page);
  // Two short shipped traces on a 1 MiB heap.
  const keep = ['coalescing.rep', 'realloc.rep'];
  for (const box of await page.locator('.score-traces label').all()) {
    const name = (await box.textContent()).trim();
    const input = box.locator('input[type=checkbox]');
    if ((await input.count()) === 0) continue;
    if (keep.includes(name)) await input.check(); else await input.uncheck();
  }
  await page.selectOption('#score-heap', String(1 << 20));
  await page.click('#score-run');
  await page.waitForSelector('#score-run');
  const rows = await page.locator('#score-table tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  const headers = await page.locator('#score-table thead th').allTextContents();
  // The CLI's score of the same program, traces and heap.
  const traces = keep.map((t) => join(ROOT, 'alloc-sim', 'traces', t));
  const out = execFileSync('cargo', ['run', '-q', '-p', 'alloc-sim', '--', 'score', join(ROOT, 'alloc-sim', 'examples', 'allocators', 'free_list.rs'), ...traces, '--heap', '1MiB', '--json'], { cwd: ROOT, maxBuffer: 1 << 28 });
  const cli = JSON.parse(out);
  for (const [i, trace] of cli.traces.entries()) {
    const cells = await page.locator('#score-table tbody tr').nth(i).locator('td').allTextContents();
    assert.deepEqual(headers.slice(1), trace.scores.map((s) => s.allocator));
    trace.scores.forEach((s, j) => {
      if (!s.valid) return assert.match(cells[j], /^invalid \[\d+\]$/);
      const steps = s.steps_per_call === null ? '' : ` · ${s.steps_per_call.toFixed(0)} steps/call`;
      assert.equal(cells[j], `${(s.utilisation * 100).toFixed(1)}%${steps}`, `${keep[i]}, ${s.allocator}`);
    });
  }
  // Each failure is named under the table, with its trace line.
  assert.match(await page.textContent('.score-failures'), /coalescing\.rep, bump: trace line \d+: out of memory/);
  await shot(page, '07-score');
  // A long score can be cancelled; the rows done stay.
  for (const input of await page.locator('.score-traces input[type=checkbox]').all()) await input.check();
  await page.click('#score-run');
  await page.waitForSelector('#score-cancel');
  await page.click('#score-cancel');
  await page.waitForSelector('#score-run');
  assert.match(await page.textContent('.score'), /Cancelled/);
  assert.deepEqual(problems, []);
});
