// Builds the package into lib/ (or the folder given as the first argument): tsc compiles src/,
// then lib/numbers/library.js is replaced by a self-contained bundle of the libphonenumber-js code
// it uses and the library's full metadata. Logto's `connector add` installs no dependencies and
// core does not provide libphonenumber-js, so the package must carry it; bundling carries only
// what is used. Plain JavaScript: it runs before anything is compiled.
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
  logLevel: 'warning',
});
// tsc's map described the unbundled file.
rmSync(`${bundled}.map`, { force: true });

// npm makes a bin executable on install; a build has to do it itself for `npx connector-tencent-sms`.
chmodSync(join(outDir, 'cli/main.js'), 0o755);
