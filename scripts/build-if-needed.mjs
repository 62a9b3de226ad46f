// Builds lib/ when it is missing or older than src/, so `npm run demo` and `npm run emulator`
// work on a fresh clone. Plain JavaScript: it must run before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outputs = ['lib/index.js', 'lib/cli/main.js', 'lib/cli/demo.js', 'lib/emulator/server.js'].map((file) => join(root, file));

const newestSource = (folder) =>
  readdirSync(folder, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(folder, entry.name);
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    return Math.max(newest, time);
  }, 0);

const isBuilt = () =>
  outputs.every((file) => existsSync(file)) &&
  Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= newestSource(join(root, 'src'));

if (!isBuilt()) {
  console.log('Building the connector (npm run build) ...');
  try {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    console.log(String(error.stdout ?? ''));
    console.log(String(error.stderr ?? ''));
    console.log('The build failed; fix the errors above and try again.');
    process.exit(1);
  }
  console.log();
}

