/**
 * Installs this package the way Logto does, into a throw-away folder:
 *
 *   <root>/packages/core/node_modules/        only what Logto core ships (symlinks to ours)
 *   <root>/packages/core/connectors/connector-tencent-sms/   the `npm pack` tarball, added by
 *                                                            @logto/cli's own `connector add` code
 *
 * `logto connector add` runs `npm pack`, extracts the tarball into `connectors/<name>` and installs
 * no dependencies, so the connector's bare imports resolve upward into core's `node_modules`. Here
 * that folder holds nothing but the packages core is known to provide; anything else the connector
 * imported at run time would fail to resolve, as it would in a real Logto.
 *
 * The build goes into the sandbox, never into the repository's `lib/`: other test files, the
 * bench or an engineer may run `npm run build` (which starts with `rm -rf lib`) at the same time,
 * and a shared `lib/` could be half-written or missing while we pack.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { addConnectorsToPath } from '@logto/cli/lib/commands/connector/utils.js';

const run = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The packages Logto core's own `node_modules` provides to connectors (SPEC.md §1, and §6 for
 * `redis`, a direct dependency of core that the abuse guard loads when a Redis URL is set).
 */
export const hostPackages = Object.freeze([
  '@logto/connector-kit',
  'zod',
  'ky',
  'got',
  '@silverhand/essentials',
  'snakecase-keys',
  'redis',
]);

/**
 * What is copied into the pack staging folder: the files `files` should ship, plus folders it
 * must keep out (so that packing proves it does). Missing entries are skipped.
 */
const stagedEntries = ['package.json', 'README.md', 'README.zh-CN.md', 'logo.svg', 'LICENSE', 'src', 'test', 'docs'];

export type LogtoSandbox = {
  /** The temporary Logto instance root (holds `packages/core`). */
  root: string;
  /** `<root>/packages/core/connectors`: the folder Logto scans. */
  connectorsDirectory: string;
  /** The installed package: `<connectorsDirectory>/connector-tencent-sms`. */
  connectorDirectory: string;
  /** `<root>/packages/core/node_modules`. */
  coreNodeModules: string;
  /** Every path inside the tarball, without the leading `package/`. */
  tarballFiles: string[];
  remove: () => Promise<void>;
};

const withOutput = async (command: string, args: string[], cwd: string) => {
  try {
    return await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: process.env });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, {
      cause: error,
    });
  }
};

/**
 * A copy of the package (without `node_modules`), built into the copy's `lib/` by the
 * repository's own build script (tsc, then the bundled phone-number metadata).
 */
const stagePackage = async (stageDirectory: string) => {
  for (const entry of stagedEntries) {
    const source = path.join(repoRoot, entry);
    if (existsSync(source)) {
      await cp(source, path.join(stageDirectory, entry), { recursive: true });
    }
  }
  await withOutput(
    process.execPath,
    [path.join(repoRoot, 'scripts', 'build.mjs'), path.join(stageDirectory, 'lib')],
    repoRoot
  );
};

/** `npm pack` without lifecycle scripts: the staging copy is already built. */
const packPackage = async (stageDirectory: string, destination: string) => {
  const { stdout } = await withOutput(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    stageDirectory
  );
  const [result] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!result) {
    throw new Error(`npm pack printed no result: ${stdout}`);
  }
  return {
    tarball: path.join(destination, result.filename),
    files: result.files.map(({ path: file }) => file).sort(),
  };
};

/** Symlinks each host package from the repository's `node_modules`, scoped names included. */
export const linkHostPackages = async (coreNodeModules: string) => {
  for (const name of hostPackages) {
    const source = path.join(repoRoot, 'node_modules', name);
    if (!existsSync(path.join(source, 'package.json'))) {
      throw new Error(`${name} is not installed in ${repoRoot}/node_modules; run npm ci`);
    }
    const target = path.join(coreNodeModules, name);
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(source, target, 'dir');
  }
};

/**
 * Any `node_modules` folder above the sandbox would widen what the connector can resolve.
 * Returns the offending folders (an empty list means the sandbox is sealed).
 */
export const strayNodeModulesAbove = (directory: string): string[] => {
  const found: string[] = [];
  let current = path.dirname(directory);
  for (;;) {
    const candidate = path.join(current, 'node_modules');
    if (existsSync(candidate)) {
      found.push(candidate);
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return found;
    }
    current = parent;
  }
};

export type PackedConnector = {
  /** Absolute path of the `.tgz`, named as `npm pack` names it (`connector-tencent-sms-<version>.tgz`). */
  tarball: string;
  /** Every path inside the tarball, without the leading `package/`. */
  files: string[];
};

/**
 * Builds and packs this package into `<workDirectory>/pack`, as `npm ci && npm pack` in a
 * checkout would; the staging copy is removed again, so nothing of it stays visible beside an
 * install made in the same folder.
 */
export const packConnector = async (workDirectory: string): Promise<PackedConnector> => {
  const stageDirectory = path.join(workDirectory, 'stage');
  const packDirectory = path.join(workDirectory, 'pack');
  await Promise.all(
    [stageDirectory, packDirectory].map(async (directory) => mkdir(directory, { recursive: true }))
  );
  await stagePackage(stageDirectory);
  const packed = await packPackage(stageDirectory, packDirectory);
  await rm(stageDirectory, { recursive: true, force: true });
  return packed;
};

export const createLogtoSandbox = async (packageName = 'connector-tencent-sms'): Promise<LogtoSandbox> => {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'logto-install-')));
  const remove = async () => rm(root, { recursive: true, force: true });
  try {
    const coreDirectory = path.join(root, 'packages', 'core');
    const coreNodeModules = path.join(coreDirectory, 'node_modules');
    const connectorsDirectory = path.join(coreDirectory, 'connectors');
    const connectorDirectory = path.join(connectorsDirectory, packageName);

    await Promise.all(
      [coreNodeModules, connectorsDirectory].map(async (directory) => mkdir(directory, { recursive: true }))
    );
    const { tarball, files } = await packConnector(root);

    // The README's `logto connector add <absolute path of the .tgz>`, through the CLI's own code:
    // it runs `npm pack` on the tarball inside `connectors/` and extracts it under the package name.
    await addConnectorsToPath(connectorsDirectory, [tarball]);
    // The CLI logs a failure instead of throwing it.
    if (!existsSync(path.join(connectorDirectory, 'package.json'))) {
      throw new Error(`logto connector add ${tarball} did not install the connector`);
    }
    await linkHostPackages(coreNodeModules);

    return {
      root,
      connectorsDirectory,
      connectorDirectory,
      coreNodeModules,
      tarballFiles: files,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
};

const importSpecifiers = (source: string): string[] => {
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
};

const packageNameOf = (specifier: string) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '');

/**
 * The packages reachable at run time from `lib/index.js`: follows relative imports (static and
 * literal dynamic ones) through the compiled files and collects the bare specifiers, Node
 * built-ins left out. Catches an import that the test run itself would never execute.
 */
export const runtimePackagesOf = async (entry: string): Promise<string[]> => {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    for (const specifier of importSpecifiers(await readFile(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        queue.push(path.resolve(path.dirname(file), specifier));
      } else if (!isBuiltin(specifier)) {
        packages.add(packageNameOf(specifier));
      }
    }
  }
  return [...packages].sort();
};

/** Every file below a folder, relative to it, sorted (for messages when an assertion fails). */
export const listFiles = async (directory: string): Promise<string[]> => {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
};
