// `npm run demo`: builds if needed, then runs the demo from the built package (lib/).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

await import('./build-if-needed.mjs');

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { runDemo } = await import(pathToFileURL(join(root, 'lib/cli/demo.js')).href);
process.exitCode = await runDemo();
