// The first five minutes on every screen: a wide one, a phone, the dark
// theme; the keyboard alone; the motion between steps and its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, SHOTS, settled, fillCode } from './browser.mjs';
import { useApp } from './app_setup.mjs';
import { join } from 'node:path';

const app = useApp();

/** A page of the app in a context with these options, recording problems. */
async function page(options, hash = '') {
  const context = await app.browser.newContext(options);
  const p = await context.newPage();
  const problems = [];
  p.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await p.goto(app.server.url + hash);
  await p.waitForSelector('h1');
  await settled(p);
  return { page: p, problems, context };
}

const SCREENS = [
  { name: 'wide', viewport: { width: 1440, height: 900 }, colorScheme: 'light' },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, hasTouch: true },
  { name: 'dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' },
  { name: 'small-dark', viewport: { width: 360, height: 740 }, colorScheme: 'dark', isMobile: true, hasTouch: true },
];
const PAGES = [['playground', ''], ['lessons', '#lessons'], ['lesson', '#lesson/03-box-and-vec'], ['own-lesson', '#own-lesson']];

test('every page fits every screen without sideways scrolling, and draws its heap in the theme', async () => {
  for (const screen of SCREENS) {
    const { name, ...options } = screen;
    for (const [what, hash] of PAGES) {
      const { page: p, problems, context } = await page(options, hash);
      if (what === 'lesson') await p.waitForSelector('#s0-live .dia');
      const [scrollWidth, innerWidth] = await p.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `${what} on ${name}: ${scrollWidth} px wide in ${innerWidth}`);
      await p.screenshot({ path: join(SHOTS, `screen-${name}-${what}.png`), fullPage: what === 'playground' });
      if (what === 'playground') {
        // The diagram's background follows the theme, and so does the byte map's.
        const background = await p.locator('.dia').first().evaluate((svg) => getComputedStyle(svg).backgroundColor);
        assert.equal(background, options.colorScheme === 'dark' ? 'rgb(29, 29, 33)' : 'rgb(255, 255, 255)', name);
        await p.selectOption('#map', 'fit');
        const corner = await p.locator('.pane canvas').first().evaluate((c) => [...c.getContext('2d').getImageData(c.width - 2, c.height - 2, 1, 1).data.slice(0, 3)]);
        assert.deepEqual(corner, options.colorScheme === 'dark' ? [0x1d, 0x1d, 0x21] : [0xff, 0xff, 0xff], `${name}: the byte map's untouched corner`);
        // Labels are read on a phone as on a desk: at least 12 px.
        await p.selectOption('#map', 'used');
        const labelPx = await p.locator('.dia .label').first().evaluate((t) => t.getBoundingClientRect().height);
        assert.ok(labelPx >= 12, `${name}: labels ${labelPx} px high`);
      }
      assert.deepEqual(problems, [], `${what} on ${name}`);
      await context.close();
    }
  }
});

/** Presses Tab until `selector` has the focus (at most 200 times), as a
 * keyboard user would. */
async function tabTo(p, selector) {
  for (let i = 0; i < 200; i++) {
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    // In the code editor Tab indents: Escape first lets the next Tab
    // move on, as the editor's help says.
    if (await p.evaluate(() => document.activeElement?.matches('.cm-content') ?? false)) await p.keyboard.press('Escape');
    await p.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Whether the focused element shows that it has the focus. */
async function focusShows(p) {
  return p.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return true;
    // A diagram's block shows it by its edge.
    const edge = el.querySelector?.('.edge');
    return !!edge && parseFloat(getComputedStyle(edge).strokeWidth) >= 4;
  });
}

test('the keyboard alone opens an example, steps, adds a strategy and inspects a block', async () => {
  const { page: p, problems, context } = await page({ viewport: { width: 1440, height: 900 } });
  await tabTo(p, '#example');
  assert.ok(await focusShows(p));
  // Typing picks an option by its first letters, as in any menu.
  await p.keyboard.type('fragmentation');
  await settled(p);
  assert.equal(await p.inputValue('#example'), 'fragmentation.rs');
  const before = await p.textContent('#position');
  await tabTo(p, '#strategy-bump');
  await p.keyboard.press('ArrowRight');
  assert.notEqual(await p.textContent('#position'), before);
  await p.keyboard.press('Space');
  await settled(p);
  assert.ok(await p.isChecked('#strategy-bump'));
  assert.equal(await p.locator('.pane').count(), 2);
  await tabTo(p, '.dia .block');
  assert.ok(await focusShows(p));
  const label = await p.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.match(await p.textContent('#inspector'), new RegExp(label.match(/at (0x[0-9a-f]+)/)[1]));
  await p.screenshot({ path: join(SHOTS, 'keyboard-inspect.png') });
  // P presents: the code and the log go, the heaps stay; Esc ends it.
  await p.keyboard.press('p');
  assert.equal(await p.locator('#code').isVisible(), false);
  assert.ok(await p.locator('.pane .dia').first().isVisible());
  assert.ok(await p.locator('#presenting').isVisible());
  const position = await p.textContent('#position');
  await p.keyboard.press('ArrowRight');
  assert.notEqual(await p.textContent('#position'), position);
  await p.screenshot({ path: join(SHOTS, 'presenting.png') });
  await p.keyboard.press('Escape');
  assert.ok(await p.locator('#code').isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long line scrolls with what is typed at its end, and an error is underlined where it is', async () => {
  const { page: p, problems, context } = await page({ viewport: { width: 1280, height: 900 } });
  const long = `fn main() {\n    let v: Vec<u64> = vec![${Array(60).fill('1').join(', ')}]; // the end of a long line\n}`;
  await fillCode(p, '#code', long);
  await settled(p);
  // Typed at the end of the long line: the editor has scrolled to it, and
  // the caret is in view.
  await p.click('#code');
  await p.keyboard.press('Control+Home');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('End');
  await p.keyboard.type(' ok');
  const [scrolled, wide] = await p.evaluate(() => {
    const scroller = document.querySelector('.code .cm-scroller');
    return [scroller.scrollLeft, scroller.scrollWidth > scroller.clientWidth];
  });
  assert.ok(wide && scrolled > 0, `the editor did not scroll (${scrolled})`);
  const caret = await p.evaluate(() => {
    const scroller = document.querySelector('.code .cm-scroller').getBoundingClientRect();
    const cursor = document.querySelector('.code .cm-cursor').getBoundingClientRect();
    return [scroller.left, scroller.right, cursor.left];
  });
  assert.ok(caret[0] <= caret[2] && caret[2] <= caret[1], `the end of the line is out of view: ${caret}`);
  // An error: its line marked in the gutter, the word underlined, the
  // message on hover.
  await fillCode(p, '#code', 'fn main() {\n    let v = undefined_thing;\n}');
  await p.waitForSelector('.code .cm-lintRange-error');
  assert.equal(await p.textContent('.code .cm-lintRange-error'), 'undefined_thing;');
  assert.equal(await p.locator('.code .cm-lint-marker-error').count(), 1);
  assert.equal(await p.getAttribute('#code', 'aria-invalid'), 'true');
  await p.hover('.code .cm-lintRange-error');
  await p.waitForSelector('.cm-tooltip-lint');
  assert.match(await p.textContent('.cm-tooltip-lint'), /^2:13: /);
  await p.screenshot({ path: join(SHOTS, 'editor-error.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a step moves the blocks, and where the motion ends is the still picture', async () => {
  const link = '#v4;first-fit:heap=4096;3;';
  const moving = await page({ viewport: { width: 1280, height: 900 } });
  // The share link of the Vec example at its third call: take it from the
  // page, which writes it once the state holds still.
  await moving.page.selectOption('#example', 'vec_growth.rs');
  await settled(moving.page);
  await moving.page.click('#back');
  await moving.page.waitForFunction(() => location.hash.includes(';3;'));
  const hash = await moving.page.evaluate(() => location.hash);
  assert.ok(hash.startsWith(link.slice(0, 4)), hash);
  await moving.page.click('#forward');
  // The step runs CSS transitions (the realloc moved the buffer).
  assert.ok(await moving.page.evaluate(() => document.getAnimations().length) > 0);
  await moving.page.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
  await moving.page.waitForTimeout(100);
  const afterMotion = await moving.page.locator('.pane .dia').first().screenshot();

  const still = await page({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, hash.replace(';3;', ';4;'));
  assert.equal(await still.page.textContent('#position'), await moving.page.textContent('#position'));
  await still.page.click('#back');
  await still.page.click('#forward');
  // Reduced motion: nothing moves.
  assert.equal(await still.page.evaluate(() => document.getAnimations().length), 0);
  const noMotion = await still.page.locator('.pane .dia').first().screenshot();
  assert.ok(afterMotion.equals(noMotion), 'the picture after the motion differs from the still one');
  assert.deepEqual([...moving.problems, ...still.problems], []);
  await moving.context.close();
  await still.context.close();
});

test('four strategies side by side, mid-way through a program, for the README', async () => {
  const { page: p, problems, context } = await page({ viewport: { width: 1440, height: 1000 } });
  for (const s of ['bump', 'size-class', 'buddy']) { await p.check(`#strategy-${s}`); await settled(p); }
  await p.fill('#scrubber', '5');
  await p.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
  await p.locator('.panes').scrollIntoViewIfNeeded();
  assert.equal(await p.locator('.pane .dia').count(), 4);
  // The same allocation has the same colour in every pane.
  const thirds = await p.locator('.pane').evaluateAll((panes) => panes.map((pane) => pane.querySelector('.dia rect.piece[data-payload="3"]')?.getAttribute('fill')));
  assert.ok(thirds.every((f) => f && f === thirds[0]), `allocation #3's fill per pane: ${thirds}`);
  await p.screenshot({ path: join(SHOTS, 'readme.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
