// A static file server for the built app, on a random localhost port,
// under a folder (as a school's web server would host it: every path the
// app asks for must be relative to the page). The e2e tests start it
// themselves so that they need nothing running.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

export const PREFIX = '/allocscope/';

export async function serve(dir) {
  const server = createServer(async (req, res) => {
    const full = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!full.startsWith(PREFIX)) {
      res.writeHead(404).end('not found: outside the folder the app is hosted in');
      return;
    }
    const path = full.slice(PREFIX.length - 1);
    const file = join(dir, path.endsWith('/') ? join(path, 'index.html') : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}${PREFIX}`, close: () => server.close() };
}
