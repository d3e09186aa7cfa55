// Traces in the browser, against the release build: open a shipped trace
// through the file picker, wait for the replay's progress bar to finish,
// step, and find the peak utilisation the CLI computes for the same trace;
// a bad file is refused with its line and the previous state stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, shot, settled } from './browser.mjs';
import { useApp } from './app_setup.mjs';

const app = useApp();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TRACE = join(ROOT, 'alloc-sim', 'traces', 'realloc.rep');

/** The CLI's peak utilisation for the trace on a strategy, on a 1 MiB heap. */
function cliUtilisation(strategy, ...flags) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'alloc-sim', '--', 'ops', TRACE, '--strategy', strategy, '--heap', '1MiB', '--json', ...flags], { cwd: ROOT, maxBuffer: 1 << 28 });
  return JSON.parse(out).metrics.peak_utilisation;
}

async function metric(page, name, column) {
  const row = page.locator('#metrics tr', { hasText: name });
  return (await row.locator('td').nth(column).textContent()).replace(' ★', '');
}

test('a shipped trace opened from the file picker replays, steps, and scores as the CLI does', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.selectOption('#heap-size', String(1 << 20));
  await settled(page);
  await page.check('#strategy-implicit-list');
  await settled(page);
  await page.setInputFiles('#trace-file', TRACE);
  await page.waitForSelector('#trace-lines');
  await page.waitForSelector('#trace-progress', { state: 'detached' });
  assert.match(await page.textContent('.trace-name'), /^realloc\.rep — 6008 ops/);
  assert.equal(await page.textContent('#position'), 'call 0 of 6008');
  await page.click('#forward');
  await page.click('#forward');
  assert.match(await page.textContent('#call-log > li.current code'), /^6:1 alloc\(Layout \{ size: 64, align: 16 \}\) → 0x/);
  assert.match(await page.textContent('#trace-lines .current'), /a 1 64/);
  await page.click('#last');
  const ours = [await metric(page, 'peak utilisation', 0), await metric(page, 'peak utilisation', 1)];
  const cli = [cliUtilisation('first-fit'), cliUtilisation('implicit-list')].map((v) => v.toFixed(3));
  console.log(`peak utilisation of realloc.rep: browser ${ours.join(', ')}; CLI ${cli.join(', ')}`);
  assert.deepEqual(ours, cli);
  // Best fit for the implicit list: the trace is replayed again, in slices.
  await page.selectOption('#placement-implicit-list', 'best');
  await settled(page);
  await page.waitForFunction(() => !document.querySelector('#trace-progress') && document.querySelector('#position').textContent === 'call 0 of 6008');
  await page.click('#last');
  const best = await metric(page, 'peak utilisation', 1);
  assert.equal(best, cliUtilisation('implicit-list', '--placement', 'best').toFixed(3));
  // The implicit list's map marks its break (magenta), no other map does:
  // on the diagram, and on the byte map.
  assert.deepEqual(await page.locator('.pane').evaluateAll((ps) => ps.map((p) => p.querySelectorAll('.dia .brk').length)), [0, 1]);
  await page.selectOption('#map', 'fit');
  const breakPixels = await page.evaluate(() => [...document.querySelectorAll('.pane canvas')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0xe0 && d[i + 1] === 0x00 && d[i + 2] === 0xe0) n++;
    return n;
  }));
  assert.ok(breakPixels[0] === 0 && breakPixels[1] > 0, `break pixels per map: ${breakPixels}`);
  // The overview strip has a band per allocation; clicking one jumps to it.
  assert.ok(Number(await page.getAttribute('#overview', 'data-bands')) > 1000);
  await page.click('#overview', { position: { x: 5, y: 2 } });
  assert.notEqual(await page.textContent('#position'), 'call 6008 of 6008');
  await shot(page, '20-trace');

  // A bad file: refused with its line, and the trace stays.
  const dir = mkdtempSync(join(tmpdir(), 'allocscope-'));
  const bad = join(dir, 'bad.rep');
  writeFileSync(bad, 'a 0 16\nf 0\nq 1 2\n');
  await page.setInputFiles('#trace-file', bad);
  await page.waitForSelector('#notice');
  assert.match(await page.textContent('#notice'), /^bad\.rep:3:1: unknown operation `q`/);
  assert.match(await page.textContent('.trace-name'), /^realloc\.rep/);

  // A file past the page's limit (a wrong file picked): refused by its
  // size before it is read, and the trace stays.
  const big = join(dir, 'big.rep');
  writeFileSync(big, Buffer.alloc(40 << 20, 'a'));
  await page.setInputFiles('#trace-file', big);
  await page.waitForFunction(() => /^big\.rep: the file is/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await page.textContent('#notice'), /^big\.rep: the file is 40\.0 MiB and the page opens traces up to 32 MiB .*`alloc-sim ops big\.rep --summary`/);
  assert.match(await page.textContent('.trace-name'), /^realloc\.rep/);

  // A long trace replays in slices with a progress bar, and can be cancelled.
  const long = join(dir, 'long.rep');
  writeFileSync(long, execFileSync('cargo', ['run', '-q', '-p', 'alloc-sim', '--', 'gen', 'random', '--seed', '5', '--scale', '50000'], { cwd: ROOT, maxBuffer: 1 << 28 }));
  await page.setInputFiles('#trace-file', long);
  await page.waitForSelector('#trace-progress');
  await page.click('#trace-cancel');
  await page.waitForSelector('#trace-progress', { state: 'detached' });
  assert.match(await page.textContent('.trace-name'), /^realloc\.rep/);

  // A file dropped on the page opens too.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['a 0 16\na 1 24\nf 0\n'], 'dropped.rep', { type: 'text/plain' }));
    document.querySelector('main.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('.trace-name')?.textContent.startsWith('dropped.rep — 3 ops'));

  await page.click('#close-trace');
  await settled(page);
  await page.waitForSelector('#code');
  assert.deepEqual(problems, []);
});
