// Headless Chromium from Debian's package, driven by playwright-core (which
// downloads no browser of its own), with a page that records every console
// error, uncaught exception and failed request.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e');

export async function launch() {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A new page, and every problem it will have: console errors, uncaught
 * exceptions, failed requests and HTTP errors. */
export async function watchedPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, problems };
}

/** Opens `url` in a new page, timed on the page's own clock (from the
 * start of its navigation, as the browser's own paint timings are): its
 * first render (the heading drawn), its first run shown (no pane busy
 * after it) and the code editor in place. `wallMs` is the first run shown
 * on this harness's clock, which adds the new tab's start and the
 * driver's round trips. */
export async function open(browser, url) {
  const { page, problems } = await watchedPage(browser);
  await page.addInitScript(() => {
    const marks = {};
    window.allocscopeMarks = marks;
    new MutationObserver((_, observer) => {
      if (marks.render === undefined && document.querySelector('h1')) marks.render = performance.now();
      if (marks.render === undefined) return;
      if (marks.run === undefined && !document.querySelector('[aria-busy="true"]')) marks.run = performance.now();
      if (marks.run !== undefined && !document.querySelector('[aria-busy="true"], section.code:not(.mounted)')) {
        marks.editor = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.allocscopeMarks.run !== undefined, null, { timeout: 120000 });
  const wallMs = Date.now() - started;
  await settled(page);
  await page.waitForFunction(() => window.allocscopeMarks.editor !== undefined, null, { timeout: 120000 });
  const { render, run, editor } = await page.evaluate(() => window.allocscopeMarks);
  const ms = (t) => Math.round(t);
  return { page, problems, firstRenderMs: ms(render), firstRunMs: ms(run), editorMs: ms(editor), wallMs };
}

/** Waits until every run the page asked of its engine has arrived (no
 * element is `aria-busy`) and every code pane has its editor (the
 * textarea before it is another height: a click while it loads could land
 * on what moved). */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], section.code:not(.mounted)'), null, { timeout: 120000 });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the code editor whose editable element is `selector` is
 * CodeMirror (it loads after the page's first render; a textarea stands
 * in for it until then). */
export async function editorReady(page, selector = '#code') {
  await page.waitForSelector(`.cm-editor .cm-content${selector}`);
}

/** Replaces the code in the editor `selector`, as a paste would. */
export async function fillCode(page, selector, text) {
  await editorReady(page, selector);
  await page.fill(selector, text);
}

/** The code in the editor `selector`, as the editor holds it (all of it:
 * CodeMirror draws only the lines in view). */
export async function codeOf(page, selector = '#code') {
  await editorReady(page, selector);
  return page.evaluate(async (s) => {
    const { textOf } = await import(new URL('editor.js', document.baseURI).href);
    return textOf(document.querySelector(s));
  }, selector);
}
