// The built app served and a browser launched for a test file, closed after it.
import { before, after } from 'node:test';
import { resolve } from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const DIST = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);

/** Registers the hooks; the returned object has `server` and `browser` once they run. */
export function useApp() {
  const app = {};
  before(async () => {
    app.server = await serve(DIST);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}
