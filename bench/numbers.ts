import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { replaceSection } from './doc-section.js';
import { forkForMessage } from './spawn.js';
import { median } from './stats.js';

/**
 * What reading numbers with libphonenumber's full metadata costs the package: the size of the
 * tarball Logto installs, and what the first send pays to load the reading (the send path loads it;
 * Logto's start-up does not). Side by side:
 *
 * - this package: the library and its metadata bundled into `lib/numbers/library.js`;
 * - the same code shipping libphonenumber-js whole as a bundled dependency (`bundleDependencies`),
 *   the other way a connector can carry a library that Logto core does not provide;
 * - the hand-kept region table the package had before (built from the last commit that held it,
 *   when the checkout has that history), which read regions only, no types.
 *
 * Each load is measured in a fresh process after Logto core's packages are loaded, rounds
 * interleaved. Run alone, `npm run bench:numbers [-- --out FILE]` replaces its section of
 * docs/benchmarks.md (or FILE); `npm run bench` runs it too.
 */

export const numbersHeading = '## Number metadata: package size and first-send cost';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const work = join(root, '.tmp', 'bench-numbers');
const rounds = 7;

/** Numbers of several plans and types, so a warm read is not one cached path. */
const sample = [
  '+8613012345678',
  '+14155552671',
  '+447911123456',
  '+449012345678',
  '+262939801234',
  '+61851001123',
  '+6591234567',
  '+77011234567',
  '+80012345678',
  '+5511987654321',
];

type Variant = {
  readonly name: string;
  /** The folder `npm pack` runs in. */
  readonly packageDirectory: string;
  /** The module the send path loads, and its reading function. */
  readonly module: string;
  readonly read: string;
};

type Load = { loadCpuMs: number; loadWallMs: number; readMicros: number };

type Pack = { size: number; unpackedSize: number; entryCount: number };

type Row = { variant: Variant; pack?: Pack; loads: Load[]; error?: string };

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

const tsc = (projectDirectory: string, outDir: string): string =>
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(projectDirectory, 'tsconfig.build.json'), '--outDir', outDir], projectDirectory);

const packOf = (directory: string): Pack => {
  const [result] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], directory)) as Pack[];
  if (!result) {
    throw new Error(`npm pack printed nothing in ${directory}`);
  }
  return { size: result.size, unpackedSize: result.unpackedSize, entryCount: result.entryCount };
};

/** The package as built, carrying libphonenumber-js whole as a bundled dependency instead. */
const stageBundledDependency = async (): Promise<Variant> => {
  const directory = join(work, 'bundled-dependency');
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  for (const entry of ['README.md', 'README.zh-CN.md', 'logo.svg', 'lib']) {
    cpSync(join(root, entry), join(directory, entry), { recursive: true });
  }
  const library = JSON.parse(readFileSync(join(root, 'node_modules/libphonenumber-js/package.json'), 'utf8')) as { version: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { 'libphonenumber-js': _development, ...devDependencies } = manifest.devDependencies as Record<string, string>;
  // npm bundles only production dependencies: listed among devDependencies too, it is left out.
  manifest.devDependencies = devDependencies;
  manifest.dependencies = { ...(manifest.dependencies as object), 'libphonenumber-js': library.version };
  manifest.bundleDependencies = ['libphonenumber-js'];
  writeFileSync(join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
  cpSync(join(root, 'node_modules/libphonenumber-js'), join(directory, 'node_modules/libphonenumber-js'), { recursive: true });
  // library.ts compiled alone, unbundled: it imports the library from the package's node_modules.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src/numbers/library.ts')],
    outfile: join(directory, 'lib/numbers/library.js'),
    format: 'esm',
    platform: 'node',
    allowOverwrite: true,
    logLevel: 'warning',
  });
  return {
    name: 'libphonenumber-js as a bundled dependency',
    packageDirectory: directory,
    module: join(directory, 'lib/numbers/index.js'),
    read: 'readNumber',
  };
};

/** The last commit that held the hand-kept region table, or undefined without that history. */
const tableCommit = (): string | undefined => {
  try {
    const removal = run('git', ['rev-list', '-1', 'HEAD', '--', 'src/regions/region-of.ts'], root).trim();
    return removal ? run('git', ['rev-parse', `${removal}^`], root).trim() : undefined;
  } catch {
    return undefined;
  }
};

const stageHandTable = (commit: string): Variant => {
  const directory = join(work, 'hand-table');
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const archive = join(work, 'hand-table.tar');
  run('git', ['archive', '--output', archive, commit, 'src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], root);
  run('tar', ['-xf', archive, '-C', directory], root);
  rmSync(archive);
  // Today's READMEs and logo, so that the sizes differ by the code alone.
  for (const file of ['README.md', 'README.zh-CN.md', 'logo.svg']) {
    cpSync(join(root, file), join(directory, file));
  }
  // Type definitions only; npm pack leaves node_modules out.
  symlinkSync(join(root, 'node_modules'), join(directory, 'node_modules'), 'dir');
  tsc(directory, join(directory, 'lib'));
  return {
    name: `hand-kept region table (${commit.slice(0, 7)}), regions only`,
    packageDirectory: directory,
    module: join(directory, 'lib/regions/index.js'),
    read: 'regionOf',
  };
};

/** One fresh process: Logto core's packages, then the reading module and one read, then warm reads. */
const measureLoad = async (variant: Variant): Promise<Load> =>
  forkForMessage<Load>(fileURLToPath(import.meta.url), {
    env: { ...process.env, BENCH_NUMBERS_CHILD: JSON.stringify({ module: variant.module, read: variant.read }) },
    timeoutMs: 60_000,
  }).message;

const child = async ({ module, read }: { module: string; read: string }) => {
  await import('zod');
  await import('ky');
  await import('@logto/connector-kit');
  await import('@silverhand/essentials');
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const loaded = (await import(pathToFileURL(module).href)) as Record<string, (e164: string) => unknown>;
  const reader = loaded[read]!;
  reader(sample[0]!);
  const loadWallMs = performance.now() - wallStart;
  const loadCpu = process.cpuUsage(cpuStart);
  // Distinct numbers (the last three digits varied), so that no read is answered from a cache.
  const numbers = Array.from({ length: 1000 }, (_, index) =>
    `${sample[index % sample.length]!.slice(0, -3)}${String(index).padStart(3, '0')}`
  );
  for (let index = 0; index < 2000; index += 1) {
    reader(numbers[index % numbers.length]!);
  }
  const readCount = numbers.length;
  const readStart = process.cpuUsage();
  for (const number of numbers) {
    reader(number);
  }
  const readCpu = process.cpuUsage(readStart);
  process.send?.({
    loadCpuMs: (loadCpu.user + loadCpu.system) / 1000,
    loadWallMs,
    readMicros: (readCpu.user + readCpu.system) / readCount,
  } satisfies Load);
};

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

const render = (rows: readonly Row[], notes: readonly string[]): string => {
  const lines = rows.map(({ variant, pack, loads, error }) => {
    if (error) {
      return `| ${variant.name} | not measured: ${error.split('\n')[0]} | | | | | |`;
    }
    const cell = (values: number[], digits: number) =>
      values.length === 0 ? '—' : `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
    return `| ${variant.name} | ${pack ? kB(pack.size) : '—'} | ${pack ? kB(pack.unpackedSize) : '—'} | ${pack?.entryCount ?? '—'} | ${cell(loads.map((load) => load.loadCpuMs), 1)} | ${cell(loads.map((load) => load.loadWallMs), 1)} | ${cell(loads.map((load) => load.readMicros), 1)} |`;
  });
  return [
    numbersHeading,
    '',
    `The tarball \`npm pack\` writes (what Logto's \`connector add\` installs), and what loading the number reading costs the first send: importing the module the send path loads and reading one number, in a fresh process after Logto core's packages, median (lowest–highest) of ${rounds} processes per row, rows interleaved. The first send starts its TLS connection before it loads the send path, so on a real network this load overlaps the handshake; the CPU is spent either way. A warm read is one \`readNumber\` (or the table's \`regionOf\`) over a mix of plans and types.`,
    '',
    '| variant | tarball | unpacked | files | load + first read, CPU ms | load + first read, wall ms | warm read, CPU µs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...lines,
    '',
    ...notes,
  ].join('\n');
};

const main = async () => {
  const outIndex = process.argv.indexOf('--out');
  const out = resolve((outIndex > 0 ? process.argv[outIndex + 1] : undefined) ?? 'docs/benchmarks.md');
  mkdirSync(work, { recursive: true });
  const current: Variant = {
    name: 'this package: library and full metadata bundled by esbuild',
    packageDirectory: root,
    module: join(root, 'lib/numbers/index.js'),
    read: 'readNumber',
  };
  const rows: Row[] = [{ variant: current, loads: [] }];
  const notes: string[] = [];
  const stages = [
    stageBundledDependency,
    async () => {
      const commit = tableCommit();
      if (!commit) {
        throw new Error('this checkout has no history of src/regions');
      }
      return stageHandTable(commit);
    },
  ];
  for (const stage of stages) {
    try {
      rows.push({ variant: await stage(), loads: [] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      notes.push(`Not measured: ${message.split('\n')[0]}`);
    }
  }
  for (const row of rows) {
    try {
      row.pack = packOf(row.variant.packageDirectory);
    } catch (error) {
      row.error = error instanceof Error ? error.message : String(error);
    }
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const row of rows.map((_, index) => rows[(index + round) % rows.length]!)) {
      if (row.error) {
        continue;
      }
      try {
        row.loads.push(await measureLoad(row.variant));
      } catch (error) {
        row.error = error instanceof Error ? error.message : String(error);
      }
    }
  }
  const section = render(rows, notes);
  rmSync(work, { recursive: true, force: true });
  if (process.send) {
    process.send({ section });
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, replaceSection(existsSync(out) ? readFileSync(out, 'utf8') : '', numbersHeading, section));
  console.log(`${section}\n\nwritten to ${out}`);
};

// Imported by main.ts for its heading only; run as a program (or as one of its children) it measures.
const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const childJob = process.env.BENCH_NUMBERS_CHILD;
  (childJob ? child(JSON.parse(childJob) as { module: string; read: string }) : main()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
