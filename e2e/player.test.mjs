// The embeddable player (dist/player/) in a plain page with two players,
// and in a chapter of the example mdBook book (dist/book/): each player
// runs its program, steps on its own, and nothing goes wrong on the
// console. The player's size and its first render are printed and held
// to their budgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { shot, watchedPage } from './browser.mjs';
import { useApp } from './app_setup.mjs';

const app = useApp();
const DIST = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);

/** What xtask's budget holds the player's own files to, gzipped (its
 * wasm and the element's script; the engine and the editor are the
 * app's, counted there). */
const PLAYER_GZIP_BUDGET = 300_000;
/** The product's first render: a player's code and stepper on screen. */
const FIRST_RENDER_BUDGET_MS = 1000;

/** A page with players, and every problem it has on its console. */
async function openPlayers(path) {
  const { page, problems } = await watchedPage(app.browser);
  const started = Date.now();
  await page.goto(`${app.server.url}${path}`);
  // Playwright's selectors reach into the players' shadow roots.
  await page.waitForSelector('#p0-position');
  return { page, problems, firstRenderMs: Date.now() - started };
}

/** The player `p`'s position, once its run has arrived. */
async function position(page, p) {
  await page.waitForFunction((p) => {
    const players = [...document.querySelectorAll('allocscope-player')].map((e) => e.shadowRoot);
    const text = players.map((r) => r?.querySelector(`#${p}position`)?.textContent).find(Boolean);
    return text && !/ of 0$/.test(text) && !players.some((r) => r?.querySelector('[aria-busy="true"]'));
  }, p, { timeout: 60000 });
  return page.locator(`#${p}position`).textContent();
}

test('two players in a plain page run and step each on its own', async () => {
  const { page, problems, firstRenderMs } = await openPlayers('player/');
  const own = ['allocscope_player_bg.wasm', 'allocscope_player.js', 'player.js']
    .map((f) => gzipSync(readFileSync(join(DIST, 'player', f)), { level: constants.Z_BEST_COMPRESSION }).length);
  const gz = own.reduce((a, b) => a + b, 0);
  console.log(`player: first render ${firstRenderMs} ms (budget ${FIRST_RENDER_BUDGET_MS} ms); its own files ${(gz / 1000).toFixed(1)} KB gzipped (wasm ${(own[0] / 1000).toFixed(1)} KB; budget ${PLAYER_GZIP_BUDGET / 1000} KB)`);
  assert.ok(firstRenderMs <= FIRST_RENDER_BUDGET_MS, `first render ${firstRenderMs} ms`);
  assert.ok(gz <= PLAYER_GZIP_BUDGET, `${gz} B gzipped`);

  // The first starts at call 0 (step="0"), on two strategies side by side.
  const first = await position(page, 'p0-');
  const [, total] = first.match(/^call 0 of (\d+)$/) ?? assert.fail(first);
  assert.ok(Number(total) >= 3, first);
  assert.equal(await page.locator('allocscope-player >> nth=0 >> .pane').count(), 2);
  // The second is at its end, its code read-only.
  const second = await position(page, 'p1-');
  const [, at, of] = second.match(/^call (\d+) of (\d+)$/) ?? assert.fail(second);
  assert.equal(at, of);
  assert.equal(await page.locator('allocscope-player >> nth=1 >> .cm-editor').count(), 0);
  assert.match(await page.locator('#p1-code').textContent(), /Box::new\(1u64\)/);

  // Stepping one moves only that one.
  await page.click('#p0-forward');
  await page.click('#p0-forward');
  assert.equal(await page.locator('#p0-position').textContent(), `call 2 of ${total}`);
  assert.equal(await page.locator('#p1-position').textContent(), second);
  await page.click('#p1-first');
  assert.equal(await page.locator('#p1-position').textContent(), `call 0 of ${of}`);
  assert.equal(await page.locator('#p0-position').textContent(), `call 2 of ${total}`);

  // The first's code is editable: a change runs again, there only.
  await page.waitForSelector('#p0-code.cm-content');
  await page.click('allocscope-player >> nth=0 >> .cm-line >> nth=2');
  await page.keyboard.press('End');
  await page.keyboard.type(' let extra = Box::new(9u8);');
  await page.waitForFunction((t) => {
    const r = document.querySelector('allocscope-player').shadowRoot;
    const text = r.querySelector('#p0-position')?.textContent;
    return text && text !== `call 2 of ${t}` && !r.querySelector('[aria-busy="true"]');
  }, total, { timeout: 60000 });
  const after = await page.locator('#p0-position').textContent();
  assert.ok(Number(after.split(' of ')[1]) > Number(total), `${after} after an extra box`);

  // What it printed.
  await page.click('#p0-last');
  assert.match(await page.locator('#p0-output').textContent(), /\[0, 1, 2, 3, 4\]/);
  await shot(page, 'player-page');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chapter of the example book holds players that run', async () => {
  const { page, problems } = await openPlayers('book/03-box-and-vec.html');
  const players = await page.locator('allocscope-player').count();
  assert.ok(players >= 1, `${players} players`);
  for (let i = 0; i < players; i += 1) {
    const text = await position(page, `p${i}-`);
    assert.match(text, /^call \d+ of [1-9]\d*$/, `player ${i}: ${text}`);
  }
  // Each steps to its first call and back to its last.
  for (let i = 0; i < players; i += 1) {
    await page.click(`#p${i}-first`);
    assert.match(await page.locator(`#p${i}-position`).textContent(), /^call 0 of /);
    await page.click(`#p${i}-last`);
    const last = await page.locator(`#p${i}-position`).textContent();
    const [, at, of] = last.match(/^call (\d+) of (\d+)$/);
    assert.equal(at, of, last);
  }
  await shot(page, 'player-book');
  assert.deepEqual(problems, []);
  await page.close();
});
