import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let built: Promise<string> | undefined;
let buildFolder: string | undefined;

/**
 * Builds `src/` as `npm run build` does, once per test process, into a private folder under
 * `.tmp/` and returns its `lib` path. Private because other suites or a developer may run `npm run build` (which starts
 * with `rm -rf lib`) at the same time; inside the repo so that the compiled files still resolve
 * `@logto/connector-kit` and `zod` from the repository's node_modules.
 */
export const buildLib = async (): Promise<string> => {
  built ??= (async () => {
    await mkdir(path.join(repoRoot, '.tmp'), { recursive: true });
    buildFolder = await mkdtemp(path.join(repoRoot, '.tmp', 'cli-build-'));
    const lib = path.join(buildFolder, 'lib');
    await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), lib], {
      cwd: repoRoot,
    });
    return lib;
  })();
  return built;
};

/** Removes the private build; call from afterAll. */
export const removeBuiltLib = async (): Promise<void> => {
  if (buildFolder) {
    await rm(buildFolder, { recursive: true, force: true });
  }
  built = undefined;
  buildFolder = undefined;
};
