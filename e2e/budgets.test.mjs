// Speed budgets of the built app, measured in headless Chromium and
// printed for the record: the time to draw the heap map of a 1 MiB heap,
// and the first render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './browser.mjs';
import { useApp } from './app_setup.mjs';

const DRAW_BUDGET_MS = 8;
const FIRST_RENDER_BUDGET_MS = 1000;
const app = useApp();

test('the heap map of a 1 MiB heap draws within a frame budget; first render within a second', async () => {
  const { page, problems, firstRenderMs } = await open(app.browser, app.server.url);
  console.log(`first render: ${firstRenderMs} ms (budget ${FIRST_RENDER_BUDGET_MS} ms)`);
  assert.ok(firstRenderMs <= FIRST_RENDER_BUDGET_MS);
  await page.selectOption('#heap-size', String(1 << 20));
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
