// Speed budgets of the built app, measured in headless Chromium and
// printed for the record: the time to draw the heap map of a 1 MiB heap,
// the first render, and seeking anywhere in a run of 100,000 calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled } from './browser.mjs';
import { useApp } from './app_setup.mjs';

const DRAW_BUDGET_MS = 8;
const SEEK_BUDGET_MS = 16;
const FIRST_RENDER_BUDGET_MS = 1000;
const app = useApp();

test('the heap map of a 1 MiB heap draws within a frame budget; first render within a second', async () => {
  const { page, problems, firstRenderMs, firstRunMs } = await open(app.browser, app.server.url);
  // The page draws first; the engine's first run (its wasm loaded in a
  // worker beside the page) fills the heap: both within the budget.
  console.log(`first render: ${firstRenderMs} ms, first run shown: ${firstRunMs} ms (budget ${FIRST_RENDER_BUDGET_MS} ms)`);
  assert.ok(firstRenderMs <= FIRST_RENDER_BUDGET_MS);
  assert.ok(firstRunMs <= FIRST_RENDER_BUDGET_MS, `first run shown after ${firstRunMs} ms`);
  await page.selectOption('#heap-size', String(1 << 20));
  await settled(page);
  await page.waitForFunction(() => document.querySelector('.pane figcaption').textContent.startsWith('1 MiB'));
  const draws = [];
  for (let i = 0; i < 10; i++) {
    await page.click(i % 2 ? '#back' : '#forward');
    await page.waitForTimeout(20);
    draws.push(Number(await page.locator('.pane canvas').first().getAttribute('data-draw-ms')));
  }
  draws.sort((a, b) => a - b);
  const median = draws[Math.floor(draws.length / 2)];
  console.log(`1 MiB heap map draw: median ${median} ms, worst ${draws.at(-1)} ms (budget ${DRAW_BUDGET_MS} ms)`);
  assert.ok(median <= DRAW_BUDGET_MS, `median draw ${median} ms over budget`);
  assert.deepEqual(problems, []);
});

// The same program as alloc-sim's timeline benchmark: 100,012 calls.
const LONG_RUN = `fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..50000u64 {
        let b = Box::new(i);
        if i % 16 == 0 {
            v.push(i);
        }
    }
}`;

test('seeking anywhere in a run of 100,000 calls on a 1 MiB heap redraws within a frame', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.selectOption('#heap-size', String(1 << 20));
  await settled(page);
  await page.waitForFunction(() => document.querySelector('.pane figcaption').textContent.startsWith('1 MiB'));
  const recordStart = Date.now();
  await page.fill('#code', LONG_RUN);
  await page.waitForFunction(() => Number(document.querySelector('#scrubber').max) > 100000, null, { timeout: 120000 });
  const steps = Number(await page.getAttribute('#scrubber', 'max'));
  console.log(`ran and recorded ${steps} calls in ${Date.now() - recordStart} ms (including the 300 ms edit debounce)`);
  const seeks = [];
  const draws = [];
  for (let i = 1; i <= 12; i++) {
    // Spread over the run, backwards and forwards, each just before a snapshot or far from one.
    const to = (i * 37_337 + (i % 2) * 4_095) % steps;
    const { ms, drawMs } = await page.evaluate((to) => new Promise((resolve) => {
      const canvas = document.querySelector('.pane canvas');
      const scrubber = document.querySelector('#scrubber');
      const started = performance.now();
      new MutationObserver((_, observer) => {
        observer.disconnect();
        resolve({ ms: Number(canvas.getAttribute('data-drawn-at')) - started, drawMs: Number(canvas.getAttribute('data-draw-ms')) });
      }).observe(canvas, { attributeFilter: ['data-drawn-at'] });
      scrubber.value = String(to);
      scrubber.dispatchEvent(new Event('input', { bubbles: true }));
    }), to);
    draws.push(drawMs);
    assert.equal(Number(await page.inputValue('#scrubber')), to);
    seeks.push(ms);
  }
  seeks.sort((a, b) => a - b);
  const median = seeks[Math.floor(seeks.length / 2)];
  console.log(`seek in ${steps} calls, 1 MiB heap, to the map redrawn: median ${median.toFixed(2)} ms, worst ${seeks.at(-1).toFixed(2)} ms (budget ${SEEK_BUDGET_MS} ms); of which drawing: ${draws.join(', ')} ms`);
  assert.ok(median <= SEEK_BUDGET_MS, `median seek ${median} ms over budget`);
  assert.deepEqual(problems, []);
});
