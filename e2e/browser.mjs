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

export async function open(browser, url) {
  const { page, problems } = await watchedPage(browser);
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector('h1');
  const firstRenderMs = Date.now() - started;
  // The first run shown: no run is still being worked (the code editor
  // comes after it, see code_editor.rs).
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 120000 });
  const firstRunMs = Date.now() - started;
  await settled(page);
  return { page, problems, firstRenderMs, firstRunMs, editorMs: Date.now() - started };
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
