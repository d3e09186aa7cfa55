// The code editor (CodeMirror 6, web-ui/editor/) in the built app: it
// loads after the page's first render, highlights Rust, scrolls long
// lines, undoes, and shows the run's error where it is, in the playground,
// a lesson's live scenario and an exercise. Its bundle's size and when it
// arrives are printed for the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { open, settled, shot, editorReady, fillCode, codeOf } from './browser.mjs';
import { useApp } from './app_setup.mjs';

const app = useApp();
const DIST = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);

/** What xtask's budget holds the bundle to, gzipped. */
const EDITOR_GZIP_BUDGET = 160_000;

const GOOD = 'fn main() {\n    let b = Box::new(7u64);\n}';

/** Checks the editor `sel` (in `scope`, a CSS prefix) as a learner meets
 * it: highlighted Rust, typing, undo with the run following, an error
 * underlined with its gutter mark and its message on hover. `ran` waits
 * for the run (or check) of what the editor holds and returns what it
 * says. */
async function checkEditor(page, scope, sel, ran) {
  await editorReady(page, sel);
  // Rust highlighting: keywords and macros are tokens of their own.
  await fillCode(page, sel, GOOD);
  assert.equal(await codeOf(page, sel), GOOD);
  await page.waitForSelector(`${scope} .cm-editor .tok-keyword`);
  const keywords = await page.locator(`${scope} .cm-editor .tok-keyword`).allTextContents();
  assert.ok(keywords.includes('fn') && keywords.includes('let'), `keywords: ${keywords}`);
  assert.ok(await page.locator(`${scope} .cm-editor .tok-number`).count() >= 1);
  assert.match(await ran(), /ok|call 4 of 4|Not yet|Solved/);
  // Typing a mistake: the run follows and shows it in the editor.
  await page.click(`${scope} .cm-line >> nth=1`);
  await page.keyboard.press('End');
  await page.keyboard.type(' oops');
  assert.equal(await codeOf(page, sel), GOOD.replace(';', '; oops'));
  assert.match(await ran(), /2:\d+/);
  await page.waitForSelector(`${scope} .cm-lintRange-error`);
  // At the right line: the second, where the mistake is.
  const line = await page.locator(`${scope} .cm-lintRange-error`).evaluate((el) => [...el.closest('.cm-content').children].indexOf(el.closest('.cm-line')) + 1);
  assert.equal(line, 2);
  assert.equal(await page.locator(`${scope} .cm-lint-marker-error`).count(), 1);
  assert.equal(await page.getAttribute(sel, 'aria-invalid'), 'true');
  await page.hover(`${scope} .cm-lintRange-error`);
  await page.waitForSelector('.cm-tooltip-lint');
  assert.match(await page.textContent('.cm-tooltip-lint'), /2:\d+: /);
  await page.mouse.move(0, 0);
  // Undo: the text is back, and so is a clean run.
  await page.click(`${scope} .cm-line >> nth=0`);
  await page.keyboard.press('Control+z');
  assert.equal(await codeOf(page, sel), GOOD);
  assert.doesNotMatch(await ran(), /2:\d+/);
  await page.waitForSelector(`${scope} .cm-lintRange-error`, { state: 'detached' });
  assert.equal(await page.getAttribute(sel, 'aria-invalid'), null);
  // Auto-indent: Enter after `{` indents the next line.
  await page.click(`${scope} .cm-line >> nth=0`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('let p = 1;');
  assert.match(await codeOf(page, sel), /^fn main\(\) \{\n {4}let p = 1;\n/);
  // Typing `p` in the editor is text, not the page's shortcut.
  assert.equal(await page.locator('#presenting').count(), 0);
  // Escape, then Tab, leaves the editor; Tab alone indents.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate((s) => document.activeElement === document.querySelector(s), sel), false);
}

test('the playground\'s editor: CodeMirror after the first render, Rust, long lines, undo, errors where they are', async () => {
  const { page, problems, firstRenderMs } = await open(app.browser, app.server.url);
  const mountedMs = await page.evaluate(() => new Promise((done) => {
    const seen = () => document.querySelector('.cm-editor #code');
    const since = () => Math.round(performance.now());
    if (seen()) return done(since());
    new MutationObserver((_, o) => { if (seen()) { o.disconnect(); done(since()); } }).observe(document.body, { childList: true, subtree: true });
  }));
  const bytes = readFileSync(join(DIST, 'editor.js'));
  const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  console.log(`editor.js: ${bytes.length} B raw, ${gz} B gzipped (budget ${EDITOR_GZIP_BUDGET} B); first render ${firstRenderMs} ms, editor mounted ${mountedMs} ms after navigation`);
  assert.ok(gz <= EDITOR_GZIP_BUDGET);
  // The page's textarea was its editor until then: the same id, now on
  // CodeMirror's editable element.
  assert.equal(await page.locator('#code').count(), 1);
  assert.equal(await page.locator('textarea#code').count(), 0);
  assert.equal(await page.getAttribute('#code', 'aria-label'), 'Rust code of the scenario');
  // The current call's line is marked.
  await page.waitForSelector('.code .cm-current-call');
  await checkEditor(page, '.code', '#code', async () => {
    await settled(page);
    await page.waitForTimeout(400);
    await settled(page);
    return page.evaluate(() => document.querySelector('#banner')?.textContent ?? `ok ${document.querySelector('#position').textContent}`);
  });
  // A long line scrolls sideways, the caret in view.
  await fillCode(page, '#code', `fn main() {\n    let v = vec![${Array(80).fill('1').join(', ')}];\n}`);
  await page.click('.code .cm-line >> nth=1');
  await page.keyboard.press('End');
  await page.keyboard.type(' // end');
  const [scrollLeft, box, caret] = await page.evaluate(() => {
    const scroller = document.querySelector('.code .cm-scroller');
    const r = scroller.getBoundingClientRect();
    return [scroller.scrollLeft, [r.left, r.right], document.querySelector('.code .cm-cursor').getBoundingClientRect().left];
  });
  assert.ok(scrollLeft > 0, 'the editor did not scroll');
  assert.ok(box[0] <= caret && caret <= box[1], `the caret at ${caret} is outside ${box}`);
  await shot(page, 'editor-playground');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson exercise\'s editor: the same editor, its check\'s error shown where it is', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lesson/03-box-and-vec`);
  await page.waitForSelector('#e0-exercise');
  await checkEditor(page, '#e0-exercise', '#e0-code', async () => {
    await page.click('#e0-check');
    await settled(page);
    return page.textContent('#e0-result');
  });
  await shot(page, 'editor-exercise');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson\'s live scenario: its editor shows the run\'s error, and the lesson\'s code comes back into it', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lesson/03-box-and-vec`);
  await editorReady(page, '#s0-code');
  const lesson = await codeOf(page, '#s0-code');
  await fillCode(page, '#s0-code', 'fn main() {\n    let v = undefined_thing;\n}');
  await page.waitForSelector('#s0-live .cm-lintRange-error');
  assert.equal(await page.textContent('#s0-live .cm-lintRange-error'), 'undefined_thing;');
  assert.equal(await page.getAttribute('#s0-code', 'aria-invalid'), 'true');
  // The page sets the text: the editor shows it, and the run is the lesson's again.
  await page.click('#s0-live .restore');
  await page.waitForSelector('#s0-live .cm-lintRange-error', { state: 'detached' });
  assert.equal(await codeOf(page, '#s0-code'), lesson);
  await settled(page);
  assert.equal(await page.locator('#s0-live .restore').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
