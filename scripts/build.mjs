// Builds the package into lib/ (or the folder given as the first argument): tsc compiles src/,
// then lib/numbers/library.js is replaced by a self-contained bundle of the libphonenumber-js code
// it uses and the library's full metadata. Logto's `connector add` installs no dependencies and
// core does not provide libphonenumber-js, so the package must carry it; bundling carries only
// what is used. No source maps (tsconfig.build.json): they would point at src/, which the package
// does not ship. Plain JavaScript: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = resolve(process.argv[2] ?? join(root, 'lib'));

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir],
  { cwd: root, stdio: 'inherit' }
);

const library = join(root, 'node_modules/libphonenumber-js');
const { version } = JSON.parse(readFileSync(join(library, 'package.json'), 'utf8'));
const licence = readFileSync(join(library, 'LICENSE'), 'utf8').trim();
const bundled = join(outDir, 'numbers/library.js');

/**
 * The metadata as `JSON.parse('…')` rather than as an object literal: V8 parses JSON text faster
 * than the same data as JavaScript, and the first send pays for it (see `npm run bench`).
 */
let metadataLoaded = false;
const metadataAsJsonText = {
  name: 'metadata-as-json-text',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]libphonenumber-js[\\/]metadata\.max\.json\.js$/ }, () => {
      metadataLoaded = true;
      return {
        contents: `export default JSON.parse(${JSON.stringify(readFileSync(join(library, 'metadata.max.json'), 'utf8'))});`,
        loader: 'js',
      };
    });
  },
};

await build({
  entryPoints: [join(root, 'src/numbers/library.ts')],
  outfile: bundled,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  banner: { js: `/*\nlibphonenumber-js ${version}, bundled with its full metadata.\n\n${licence}\n*/` },
  plugins: [metadataAsJsonText],
  logLevel: 'warning',
});
if (!metadataLoaded) {
  throw new Error('libphonenumber-js no longer loads metadata.max.json.js: update the bundling in scripts/build.mjs');
}

// npm makes a bin executable on install; a build has to do it itself for `lib/cli/main.js`.
chmodSync(join(outDir, 'cli/main.js'), 0o755);
