// A learner's first minutes with the built app, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, shot } from './browser.mjs';

const DIST = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
let server;
let browser;

before(async () => {
  server = await serve(DIST);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('open, allocate, free, switch strategy: the numbers follow, the console stays clean', async () => {
  const { page, problems, firstRenderMs } = await open(browser, server.url);
  console.log(`first render: ${firstRenderMs} ms`);
  assert.equal(await page.textContent('h1'), 'allocscope');
  await shot(page, '01-opened');

  for (let i = 0; i < 3; i++) await page.click('#alloc');
  const calls = page.locator('#call-log > li');
  assert.equal(await calls.count(), 3);
  // first-fit (linked_list_allocator): 24-byte blocks packed from the bottom.
  assert.match(await calls.nth(0).textContent(), /alloc\(Layout \{ size: 24, align: 8 \}\) → 0x1000/);
  assert.match(await calls.nth(1).textContent(), /→ 0x1018/);
  assert.match(await page.textContent('#metrics'), /live bytes\s*72/);
  assert.match(await page.textContent('#heap-map'), /^0x1000 A{24}B{8}/);
  await shot(page, '02-three-blocks');

  await page.click('#free');
  assert.match(await calls.nth(3).textContent(), /dealloc\(0x1000, Layout \{ size: 24, align: 8 \}\)/);
  assert.match(await calls.nth(3).textContent(), /new hole at 0x1000 \(24 B\)/);

  // A request larger than the heap is refused at the input, with a reason.
  await page.fill('#size', '5000');
  await page.click('#alloc');
  assert.match(await page.textContent('.error'), /from 1 to 1024 bytes/);
  assert.equal(await calls.count(), 4);

  // bump: bumpalo's footer (48 bytes) fills the top of the 1 KiB heap, so
  // the pointer starts at 0x1400 − 48 = 0x13d0 and a 24-byte block at
  // align 8 goes just below it, at 0x13b8.
  await page.fill('#size', '24');
  await page.selectOption('#strategy', 'bump');
  assert.equal(await calls.count(), 0);
  await page.click('#alloc');
  assert.match(await calls.nth(0).textContent(), /→ 0x13b8/);
  await shot(page, '03-bump');

  assert.deepEqual(problems, []);
});
