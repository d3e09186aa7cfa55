// Bundles src/editor.js and the CodeMirror packages it imports into one
// minified ES module, `editor.js`, written where Trunk is assembling the
// site (`$TRUNK_STAGING_DIR`, when run as Trunk's hook) or to the path
// given. Offline: everything comes from node_modules (`npm ci` here).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? (process.env.TRUNK_STAGING_DIR && join(process.env.TRUNK_STAGING_DIR, 'editor.js'));
if (!out) {
  console.error('usage: node build.mjs <out.js> (or run it as a Trunk hook, which sets TRUNK_STAGING_DIR)');
  process.exit(2);
}
await build({
  entryPoints: [join(here, 'src', 'editor.js')],
  outfile: out,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
