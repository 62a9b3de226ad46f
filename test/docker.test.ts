/**
 * The Docker image (Dockerfile, docker/add-connector.sh, docker/compose.yaml) without a Docker
 * engine: the Dockerfile is read and every path it refers to is checked against the repository,
 * then the commands its last stage runs inside Logto's image are replayed, paths mapped, against a
 * folder laid out like the image's `/etc/logto`: a root package whose `npm run cli` is Logto's CLI
 * (@logto/cli's own `logto` binary), `packages/core` named `@logto/core` with only the packages
 * core ships, and the tarball `npm pack` writes. Logto's own loader then loads what was installed
 * and the Console test call goes through it. The README's install commands (the build arguments
 * for mainland mirrors, Logto's CLI with and without `--path`) are checked and run the same way.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { loadConnectorFactories, notImplemented } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import type { SmsConnector } from '@logto/connector-kit';
import { load as parseYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { emulatorBanner } from '../src/cli/emulator-banner.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import {
  copiesOf,
  isIgnoredByDockerignore,
  mapPaths,
  readDockerfile,
  runsOf,
  type Dockerfile,
  type Stage,
} from './helpers/dockerfile.js';
import { printedConfig } from './helpers/emulator-banner.js';
import { startFakeTencent, successBody, type FakeTencent } from './helpers/logto-install-server.js';
import {
  linkHostPackages,
  listFiles,
  packConnector,
  repoRoot,
  type PackedConnector,
} from './helpers/logto-install.js';

const run = promisify(execFile);

/** Where the official image keeps Logto (its WORKDIR). */
const imageLogtoRoot = '/etc/logto';
/** connector-kit 5 first ships in this Logto release; older ones skip the connector. */
const minimumLogto = [1, 38, 0];

const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  engines?: { node?: string };
};
const dockerfile: Dockerfile = await readDockerfile(path.join(repoRoot, 'Dockerfile'));
const dockerignore = await readFile(path.join(repoRoot, '.dockerignore'), 'utf8');

const packStage = (): Stage => {
  const stage = dockerfile.stages[0];
  if (!stage || dockerfile.stages.length < 2) {
    throw new Error('the Dockerfile needs a pack stage and a Logto stage');
  }
  return stage;
};
const logtoStage = (): Stage => dockerfile.stages.at(-1)!;

/** An image reference with the Dockerfile's `${ARG}`s expanded: its defaults, or `overrides`. */
const expandImage = (image: string, overrides: Record<string, string> = {}) =>
  image.replaceAll(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = overrides[name] ?? dockerfile.globalArgs.get(name);
    if (value === undefined) {
      throw new Error(`\${${name}} in FROM has no default before the first FROM`);
    }
    return value;
  });

/** `ARG name=default` lines inside a stage (only those are visible to its RUN commands). */
const stageArgs = (stage: Stage) =>
  new Map(
    stage.instructions
      .filter(({ keyword }) => keyword === 'ARG')
      .map(({ arguments: text }) => text.split('=', 2) as [string, string | undefined])
  );

const versionParts = (version: string) => version.split('.').map(Number);
const atLeast = (version: number[], minimum: number[]) => {
  for (const [index, part] of minimum.entries()) {
    const value = version[index] ?? 0;
    if (value !== part) {
      return value > part;
    }
  }
  return true;
};

describe('the Dockerfile', () => {
  it('builds FROM the official Logto image at a version argument of 1.38.0 or later', () => {
    const defaultVersion = dockerfile.globalArgs.get('LOGTO_VERSION');
    expect(defaultVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(versionParts(defaultVersion!), minimumLogto)).toBe(true);
    expect(expandImage(logtoStage().image)).toBe(`docker.io/svhd/logto:${defaultVersion}`);
    expect(expandImage(logtoStage().image, { LOGTO_VERSION: '1.43.0' })).toBe('docker.io/svhd/logto:1.43.0');
  });

  it('packs the connector in a node:22 stage with npm ci and npm pack', () => {
    const stage = packStage();
    expect(expandImage(stage.image)).toMatch(/^docker\.io\/library\/node:22(?:[.-]|$)/);
    expect(stage.name).toBeTruthy();
    const runs = runsOf(stage).join('\n');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm pack\b/);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm pack'));
  });

  it('packs on a Node release the package’s engines accept, as Logto’s own image runs', () => {
    const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines?.node ?? '');
    expect(minimum).not.toBeNull();
    const major = Number(/\/node:(\d+)/.exec(expandImage(packStage().image))?.[1]);
    expect(major).toBeGreaterThanOrEqual(Number(minimum![1]));
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = dockerfile.stages
      .flatMap(copiesOf)
      .filter(({ from }) => !from)
      .flatMap(({ sources: paths }) => paths)
      .filter((source) => source !== '.');
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(path.join(repoRoot, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: isIgnoredByDockerignore(dockerignore, source) }).toEqual({
        source,
        ignored: false,
      });
    }
  });

  it('keeps host builds out of the context, so the image builds its own', () => {
    for (const hostPath of ['node_modules', 'lib/index.js', `${manifest.name}-${manifest.version}.tgz`, '.git']) {
      expect({ hostPath, ignored: isIgnoredByDockerignore(dockerignore, hostPath) }).toEqual({
        hostPath,
        ignored: true,
      });
    }
  });

  it('takes the tarball from where the pack stage writes it, under the name npm pack gives it', () => {
    const fromPack = copiesOf(logtoStage()).filter(({ from }) => from === packStage().name);
    expect(fromPack).toHaveLength(1);
    const [copy] = fromPack;
    const packDestination = /--pack-destination\s+(\S+)/.exec(runsOf(packStage()).join('\n'))?.[1];
    expect(copy!.sources).toEqual([`${packDestination?.replace(/\/?$/, '/')}`]);

    const addCommand = runsOf(logtoStage()).find((command) => command.includes('add-connector.sh'));
    const tarballPattern = addCommand?.split(/\s+/).find((word) => word.endsWith('.tgz'));
    expect(tarballPattern?.startsWith(copy!.destination)).toBe(true);
    const glob = new RegExp(
      `^${path.posix.basename(tarballPattern!).replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`
    );
    expect(`${manifest.name}-${manifest.version}.tgz`).toMatch(glob);
  });

  it('pulls both base images from IMAGE_REGISTRY, Docker Hub unless a mirror is given', () => {
    // An ARG used in FROM must be declared before the first FROM, or Docker leaves it empty.
    for (const { image } of dockerfile.stages) {
      for (const [, name] of image.matchAll(/\$\{(\w+)\}/g)) {
        expect({ image, name, declared: dockerfile.globalArgs.has(name!) }).toEqual({ image, name, declared: true });
      }
    }
    expect(dockerfile.globalArgs.get('IMAGE_REGISTRY')).toBe('docker.io/');
    const mirror = { IMAGE_REGISTRY: 'docker.m.daocloud.io/' };
    expect(dockerfile.stages.map(({ image }) => expandImage(image, mirror))).toEqual([
      expect.stringMatching(/^docker\.m\.daocloud\.io\/library\/node:22/),
      `docker.m.daocloud.io/svhd/logto:${dockerfile.globalArgs.get('LOGTO_VERSION')}`,
    ]);
  });

  it('installs from NPM_REGISTRY, declared in the stage that uses it, npm’s own registry by default', async () => {
    const args = stageArgs(packStage());
    expect(args.get('NPM_REGISTRY')).toBe('https://registry.npmjs.org/');
    const install = runsOf(packStage()).find((command) => /npm ci\b/.test(command));
    expect(install).toMatch(/--registry="?\$\{?NPM_REGISTRY\}?"?/);
    // npm swaps this registry for the one given in any address the lockfile records; an address
    // on another host would still be fetched from there.
    const lock = await readFile(path.join(repoRoot, 'package-lock.json'), 'utf8');
    const elsewhere = [...lock.matchAll(/"resolved":\s*"([^"]+)"/g)]
      .map((match) => match[1]!)
      .filter((url) => !url.startsWith('https://registry.npmjs.org/') && !url.startsWith('file:'));
    expect(elsewhere).toEqual([]);
    // Nothing in the Logto stage downloads: the mirror is needed in the pack stage only.
    expect(runsOf(logtoStage()).join('\n')).not.toMatch(/npm (?:ci|install|i)\b/);
  });

  it('runs the add script it copied into the image', () => {
    const script = copiesOf(logtoStage()).find(({ sources }) => sources.includes('docker/add-connector.sh'));
    expect(script).toBeDefined();
    expect(runsOf(logtoStage()).some((command) => command.includes(script!.destination))).toBe(true);
  });
});

describe('docker/compose.yaml', () => {
  const composeText = readFile(path.join(repoRoot, 'docker', 'compose.yaml'), 'utf8');

  it('builds the repository’s Dockerfile with the same default Logto version', async () => {
    const compose = await composeText;
    const context = /^\s+context:\s*(\S+)\s*$/m.exec(compose)?.[1];
    expect(context).toBeDefined();
    expect(existsSync(path.join(repoRoot, 'docker', context!, 'Dockerfile'))).toBe(true);
    const versions = [...compose.matchAll(/\$\{LOGTO_VERSION:-([^}]+)\}/g)].map((match) => match[1]);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions)).toEqual(new Set([dockerfile.globalArgs.get('LOGTO_VERSION')]));
  });

  it('passes the mirror variables to the build with the Dockerfile’s defaults, and pulls PostgreSQL through it', async () => {
    const compose = await composeText;
    const defaults = new Map([
      ['IMAGE_REGISTRY', dockerfile.globalArgs.get('IMAGE_REGISTRY')],
      ['NPM_REGISTRY', stageArgs(packStage()).get('NPM_REGISTRY')],
    ]);
    for (const [name, value] of defaults) {
      expect(compose).toMatch(new RegExp(`^\\s+${name}: \\$\\{${name}:-${value!.replaceAll('.', '\\.')}\\}\\s*$`, 'm'));
    }
    const images = [...compose.matchAll(/^\s+image:\s*(\S+)\s*$/gm)].map((match) => match[1]!);
    const pulled = images.filter((image) => !image.startsWith('logto-tencent-sms'));
    expect(pulled.length).toBeGreaterThan(0);
    for (const image of pulled) {
      expect(image).toMatch(/^\$\{IMAGE_REGISTRY:-docker\.io\/\}library\//);
    }
  });
});

type ComposeService = {
  image?: string;
  build?: unknown;
  profiles?: string[];
  pull_policy?: string;
  network_mode?: string;
  depends_on?: unknown;
  entrypoint?: string[] | string;
  ports?: string[];
};
const compose = parseYaml(await readFile(path.join(repoRoot, 'docker', 'compose.yaml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** The emulator service and the values of its command's options. */
const emulatorService = () => {
  const service = compose.services.emulator;
  expect(service, 'an "emulator" service').toBeDefined();
  expect(Array.isArray(service!.entrypoint), 'an entrypoint written as a list').toBe(true);
  const entrypoint = service!.entrypoint as string[];
  const option = (name: string) => {
    const index = entrypoint.indexOf(name);
    return index === -1 ? undefined : entrypoint[index + 1];
  };
  return { service: service!, entrypoint, host: option('--host'), port: Number(option('--port')) };
};

describe('docker/compose.yaml’s emulator service', () => {
  it('starts only with the emulator profile: a plain `up` runs what it ran before', () => {
    const { service } = emulatorService();
    expect(service.profiles).toEqual(['emulator']);
    for (const [name, other] of Object.entries(compose.services).filter(([name]) => name !== 'emulator')) {
      expect({ name, profiles: other.profiles }).toEqual({ name, profiles: undefined });
    }
  });

  it('runs the image the logto service builds, and never tries to pull it from a registry', () => {
    const { service } = emulatorService();
    expect(service.image).toBe(compose.services.logto?.image);
    expect(compose.services.logto?.build).toBeDefined();
    expect(service.build).toBeUndefined();
    expect(service.pull_policy).toBe('never');
  });

  it('runs the CLI of the connector installed in that image, the emulator command on every interface', () => {
    const { entrypoint, host, port } = emulatorService();
    const bin = path.posix.join(imageLogtoRoot, 'packages/core/connectors', manifest.name, manifest.bin[manifest.name]!);
    expect(entrypoint.slice(0, 3)).toEqual(['node', bin, 'emulator']);
    expect(host).toBe('0.0.0.0');
    expect(Number.isInteger(port) && port > 0).toBe(true);
  });

  it('shares the logto service’s network, so Logto reaches it on loopback: the only plain http the connector takes', () => {
    const { service, host, port } = emulatorService();
    expect(service.network_mode).toBe('service:logto');
    // What the emulator prints there is what the form gets, and the connector accepts it.
    const config = printedConfig(emulatorBanner({ host: host!, port }));
    expect(config.endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(tencentSmsConfigGuard.safeParse(config).error?.issues).toBeUndefined();
    // A service name would be plain http across a network, which the connector refuses.
    expect(tencentSmsConfigGuard.safeParse({ ...config, endpoint: `http://emulator:${port}` }).success).toBe(false);
  });

  it('publishes the inbox on this machine’s loopback only, through the logto service, at the same port by default', () => {
    const { port } = emulatorService();
    const published = Object.values(compose.services)
      .flatMap((service) => service.ports ?? [])
      .filter((mapping) => mapping.endsWith(`:${port}`));
    // A host port taken by something else would keep Logto from starting: it can be moved.
    const mapping = `127.0.0.1:\${EMULATOR_INBOX_PORT:-${port}}:${port}`;
    expect(published).toEqual([mapping]);
    expect(compose.services.logto?.ports).toContain(mapping);
  });
});

const guideTexts = {
  'README.md': await readFile(path.join(repoRoot, 'README.md'), 'utf8'),
  'README.zh-CN.md': await readFile(path.join(repoRoot, 'README.zh-CN.md'), 'utf8'),
};

/** The shell commands of a guide's `sh` code blocks: continuation lines joined, comments dropped. */
const shellCommands = (text: string) =>
  [...text.matchAll(/^( *)```sh\n([\s\S]*?)^\1```/gm)].map((match) =>
    match[2]!
      .replaceAll(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean)
  );

describe.each(Object.entries(guideTexts))('the Docker and install commands of %s', (_, text) => {
  const commands = shellCommands(text).flat();

  it('uses only build arguments the Dockerfile declares, and shows the mainland mirrors', () => {
    const declared = new Set([...dockerfile.globalArgs.keys(), ...stageArgs(packStage()).keys()]);
    const used = commands.flatMap((command) => [...command.matchAll(/--build-arg\s+(\w+)=/g)].map((m) => m[1]!));
    expect(used.filter((name) => !declared.has(name))).toEqual([]);
    const mainland = commands.find((command) => command.startsWith('docker build') && command.includes('IMAGE_REGISTRY'));
    expect(mainland).toMatch(/--build-arg IMAGE_REGISTRY=\S+\/ /);
    expect(mainland).toMatch(/--build-arg NPM_REGISTRY=https:\/\/\S+/);
  });

  it('names the tarball npm pack writes', () => {
    const tarballs = new Set(commands.flatMap((command) => command.match(/connector-tencent-sms-[\w.]+\.tgz/g) ?? []));
    expect([...tarballs]).toEqual([`${manifest.name}-${manifest.version}.tgz`]);
  });

  it('starts the emulator profile with a compose command in lines of at most 56 characters, and gives its Endpoint', () => {
    const command = commands.find((line) => line.includes('--profile emulator'));
    expect(command).toBe('docker compose -f docker/compose.yaml --profile emulator up --build');
    // The command as written: the line naming the profile and the lines it continues.
    const lines = text.split('\n');
    const last = lines.findIndex((line) => line.includes('--profile emulator'));
    let first = last;
    while (lines[first - 1]?.endsWith('\\')) {
      first -= 1;
    }
    expect(lines.slice(first, last + 1).filter((line) => line.length > 56)).toEqual([]);
    // "Endpoint `…`", or in Chinese "Endpoint 填 `…`".
    expect(text).toMatch(new RegExp(`Endpoint (?:填 )?\`http://127\\.0\\.0\\.1:${emulatorService().port}\``));
  });

  it('passes --path only to Logto’s CLI run by its own path', () => {
    for (const command of commands.filter((line) => line.includes('--path'))) {
      expect(command).toMatch(/^\S+\/node_modules\/\.bin\/logto connector add /);
    }
  });

  it('tags every image it builds with the Logto version it builds, the tag docker/compose.yaml runs', async () => {
    const compose = await readFile(path.join(repoRoot, 'docker', 'compose.yaml'), 'utf8');
    const composeImage = /^\s+image:\s*(logto-tencent-sms):\$\{LOGTO_VERSION:-([^}]+)\}\s*$/m.exec(compose);
    expect(composeImage?.[2]).toBe(dockerfile.globalArgs.get('LOGTO_VERSION'));
    const builds = commands.filter((command) => command.startsWith('docker build '));
    expect(builds.length).toBeGreaterThan(1);
    for (const command of builds) {
      const version =
        /--build-arg LOGTO_VERSION=(\S+)/.exec(command)?.[1] ?? dockerfile.globalArgs.get('LOGTO_VERSION');
      expect({ command, tag: /-t (\S+)/.exec(command)?.[1] }).toEqual({
        command,
        tag: `${composeImage?.[1]}:${version}`,
      });
    }
  });

  it('mounts the unpacked package where the image keeps connectors', () => {
    // The target is a double-quoted YAML string whose line break is escaped, so the code line
    // stays narrow: the break and the next line's indentation are not part of the value.
    const yaml = [...text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((match) => match[1]!).join('\n');
    const target = /^\s*target:\s*"((?:[^"\\]|\\\n\s*)*)"/m.exec(yaml)?.[1]?.replaceAll(/\\\n\s*/g, '');
    expect(target).toBe(`${imageLogtoRoot}/packages/core/connectors/${manifest.name}`);
  });
});

type ImageTree = {
  root: string;
  /** The folder standing in for the image's /etc/logto. */
  logtoRoot: string;
  connectorsDirectory: string;
  /** The folder standing in for the pack stage's output copied into the image. */
  copiedTarballs: string;
  packed: PackedConnector;
};

/**
 * A Logto installation as the image (and a release unpacked by hand) lays it out: the root package
 * whose `npm run cli` is Logto's CLI, and `packages/core` with only the packages core ships.
 */
const layOutLogto = async (logtoRoot: string) => {
  const coreDirectory = path.join(logtoRoot, 'packages', 'core');
  const connectorsDirectory = path.join(coreDirectory, 'connectors');
  const binDirectory = path.join(logtoRoot, 'node_modules', '.bin');
  await Promise.all(
    [connectorsDirectory, binDirectory, path.join(coreDirectory, 'node_modules')].map(async (directory) =>
      mkdir(directory, { recursive: true })
    )
  );
  // Logto's root package: `npm run cli` is Logto's CLI. Core is recognised by its package name.
  await writeFile(
    path.join(logtoRoot, 'package.json'),
    JSON.stringify({ name: 'root', private: true, scripts: { cli: 'logto', start: 'true' } })
  );
  await writeFile(path.join(coreDirectory, 'package.json'), JSON.stringify({ name: '@logto/core' }));
  await symlink(
    await realpath(path.join(repoRoot, 'node_modules', '@logto', 'cli', 'bin', 'logto.js')),
    path.join(binDirectory, 'logto')
  );
  await linkHostPackages(path.join(coreDirectory, 'node_modules'));
  return { connectorsDirectory };
};

/** A temporary folder laid out like the image right before the final `RUN`. */
const createImageTree = async (): Promise<ImageTree> => {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'logto-image-')));
  const logtoRoot = path.join(root, 'etc', 'logto');
  const { connectorsDirectory } = await layOutLogto(logtoRoot);

  const packed = await packConnector(path.join(root, 'build'));
  // What `COPY --from=<pack stage>` puts into the image; the original stays for other checks.
  const copiedTarballs = path.join(root, 'copied');
  await mkdir(copiedTarballs);
  await copyFile(packed.tarball, path.join(copiedTarballs, path.basename(packed.tarball)));
  return { root, logtoRoot, connectorsDirectory, copiedTarballs, packed };
};

/** The image paths the last stage's commands use, mapped to the tree and the repository. */
const pathMappingFor = (tree: ImageTree) => {
  const mapping = new Map<string, string>([[imageLogtoRoot, tree.logtoRoot]]);
  for (const { from, sources, destination } of copiesOf(logtoStage())) {
    if (from === packStage().name) {
      mapping.set(destination, `${tree.copiedTarballs}/`);
    } else if (sources.length === 1) {
      mapping.set(destination, path.join(repoRoot, sources[0]!));
    }
  }
  return mapping;
};

const runInImageTree = async (tree: ImageTree, command: string) =>
  run('sh', ['-c', command], {
    cwd: tree.logtoRoot,
    env: { ...process.env, LOGTO_ROOT: tree.logtoRoot },
    maxBuffer: 16 * 1024 * 1024,
  });

let tree: ImageTree | undefined;
let fakeTencent: FakeTencent | undefined;
let replayOutput = '';
let factories: Awaited<ReturnType<typeof loadConnectorFactories>> = [];

const imageTree = () => {
  if (!tree) {
    throw new Error('the image tree was not created; see the beforeAll error');
  }
  return tree;
};

beforeAll(async () => {
  tree = await createImageTree();
  fakeTencent = await startFakeTencent();
}, 120_000);

afterAll(async () => {
  await fakeTencent?.close();
  if (tree) {
    await rm(tree.root, { recursive: true, force: true });
  }
});

describe('the commands the Dockerfile runs inside Logto’s image, replayed', () => {
  beforeAll(async () => {
    const mapping = pathMappingFor(imageTree());
    for (const command of runsOf(logtoStage())) {
      const local = mapPaths(command, mapping);
      // Nothing may reach the machine's own /etc, /tmp or /usr: every image path must be mapped.
      const absolutePaths = local.split(/[\s'"=]+/).filter((word) => word.startsWith('/'));
      expect(
        absolutePaths.filter((word) => !word.startsWith(`${imageTree().root}/`) && !word.startsWith(`${repoRoot}/`))
      ).toEqual([]);
      const { stdout, stderr } = await runInImageTree(imageTree(), local);
      replayOutput += stdout + stderr;
    }
    const spies = (['log', 'info', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => undefined)
    );
    try {
      factories = await loadConnectorFactories(
        await getConnectorPackagesFromDirectory(imageTree().connectorsDirectory),
        false
      );
    } finally {
      for (const spy of spies) {
        spy.mockRestore();
      }
    }
  }, 120_000);

  it('installs the package under packages/core/connectors with Logto’s CLI, and cleans up', () => {
    const { connectorsDirectory, copiedTarballs } = imageTree();
    expect(replayOutput).toContain(`Added ${manifest.name} v${manifest.version}`);
    expect(existsSync(path.join(connectorsDirectory, manifest.name, 'lib', 'index.js'))).toBe(true);
    expect(existsSync(path.join(connectorsDirectory, manifest.name, 'README.md'))).toBe(true);
    // The CLI leaves no tarball beside the connectors, and the image none in /tmp.
    expect(existsSync(copiedTarballs)).toBe(false);
  });

  it('is loaded by Logto’s loader from there and sends the Console test message', async () => {
    const factory = factories.find(({ metadata }) => metadata.id === 'tencent-cloud-sms');
    expect(factory?.path).toBe(path.join(imageTree().connectorsDirectory, manifest.name));

    const server = fakeTencent!;
    server.answerNext(successBody('+8613012345678', 'req-docker-ok'));
    const connector = (await factory!.createConnector({ getConfig: notImplemented })) as SmsConnector;
    const result = await connector.sendMessage(
      { to: '8613012345678', type: 'Generic', payload: { code: '000000' } } as Parameters<
        SmsConnector['sendMessage']
      >[0],
      {
        accessKeyId: 'AKIDdockerTest0123456789',
        accessKeySecret: 'docker-test-secret',
        sdkAppId: '1400006666',
        region: 'ap-guangzhou',
        signName: 'Acme',
        templates: [{ usageType: 'Generic', templateCode: '1234567' }],
        endpoint: server.endpoint,
      }
    );
    expect(JSON.stringify(result)).toContain('req-docker-ok');
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ PhoneNumberSet: ['+8613012345678'] });
  });
});

describe('the volume-mount alternative: the tarball unpacked on the host', () => {
  it('gives the same files, byte for byte, as Logto’s CLI installed in the image', async () => {
    const { root, connectorsDirectory, packed } = imageTree();
    const mounted = path.join(root, 'host', 'connectors', manifest.name);
    await mkdir(mounted, { recursive: true });
    // The README's command, run on the host.
    await run('tar', ['-xzf', packed.tarball, '--strip-components=1', '-C', mounted]);

    const installed = path.join(connectorsDirectory, manifest.name);
    const [mountedFiles, installedFiles] = await Promise.all([listFiles(mounted), listFiles(installed)]);
    expect(mountedFiles).toEqual(installedFiles);
    expect(mountedFiles).toContain('lib/index.js');
    for (const file of mountedFiles) {
      const [a, b] = await Promise.all([readFile(path.join(mounted, file)), readFile(path.join(installed, file))]);
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
    }
  });
});

describe('the send check inside the image, as the README runs it with docker compose exec', () => {
  it('works from the installed copy with only core’s packages', async () => {
    const { root, logtoRoot, connectorsDirectory } = imageTree();
    const server = fakeTencent!;
    server.answerNext(successBody('+8613012345678', 'req-docker-cli'));
    const secret = 'docker-cli-secret-0123456789abcdef';
    // The README copies the file in with `docker compose cp tencent.json logto:/tmp/tencent.json`.
    const configFile = path.join(root, 'tmp', 'tencent.json');
    await mkdir(path.dirname(configFile), { recursive: true });
    await writeFile(
      configFile,
      JSON.stringify({
        accessKeyId: 'AKIDdockerTest0123456789',
        accessKeySecret: secret,
        sdkAppId: '1400006666',
        region: 'ap-guangzhou',
        signName: 'Acme',
        templates: [{ usageType: 'Generic', templateCode: '1234567' }],
        endpoint: server.endpoint,
      })
    );
    // Relative to /etc/logto, the image's working directory, as the README writes it.
    const cli = path.relative(logtoRoot, path.join(connectorsDirectory, manifest.name, 'lib', 'cli', 'main.js'));

    const { stdout } = await run(
      process.execPath,
      [cli, 'send', '--config', configFile, '--to', '+8613012345678'],
      { cwd: logtoRoot, env: { ...process.env, TENCENT_SMS_SECRET_KEY: '' } }
    );

    expect(stdout).toContain('req-docker-cli');
    expect(stdout).not.toContain(secret);
  });
});

describe('the emulator service’s command, run as compose runs it in the image', () => {
  it('serves, from the installed copy with only core’s packages, the config it prints', async () => {
    const { logtoRoot, root } = imageTree();
    const { entrypoint } = emulatorService();
    // The image's paths mapped to the tree; loopback and a free port instead of every interface.
    const args = entrypoint.slice(1).map((word, index, all) => {
      if (all[index - 1] === '--host') {
        return '127.0.0.1';
      }
      if (all[index - 1] === '--port') {
        return '0';
      }
      return word.replace(imageLogtoRoot, logtoRoot);
    });
    const child = spawn(process.execPath, args, { cwd: logtoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('Press Ctrl+C to stop.');
      const config = printedConfig(output);
      const configFile = path.join(root, 'tmp', 'emulator.json');
      await mkdir(path.dirname(configFile), { recursive: true });
      await writeFile(configFile, JSON.stringify(config));
      const cli = path.join(logtoRoot, 'packages/core/connectors', manifest.name, manifest.bin[manifest.name]!);

      const { stdout } = await run(process.execPath, [cli, 'send', '--config', configFile, '--to', '+8613012345678'], {
        cwd: logtoRoot,
        env: { ...process.env, TENCENT_SMS_SECRET_KEY: '' },
      });

      expect(stdout).toMatch(/RequestId\s+[0-9a-f-]{36}/);
      const inbox = (await (await fetch(`${String(config.endpoint)}/messages`)).json()) as Array<{ text: string }>;
      expect(inbox[0]?.text).toContain('【Logto演示】');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the README’s `connector add` commands, run as written', () => {
  // The guide's placeholders: Logto's folder and the tarball's absolute path.
  const addCommands = shellCommands(guideTexts['README.md']).filter((block) =>
    block.some((command) => command.includes('connector add'))
  );

  it('has one from Logto’s folder and one from anywhere with --path', () => {
    expect(addCommands).toHaveLength(2);
  });

  it.each([0, 1])('installs the connector with command %i', async (index) => {
    const { root, packed } = imageTree();
    const logtoRoot = path.join(root, `hand-installed-${index}`, 'logto');
    const { connectorsDirectory } = await layOutLogto(logtoRoot);
    const elsewhere = path.join(root, `hand-installed-${index}`, 'elsewhere');
    await mkdir(elsewhere, { recursive: true });
    const script = addCommands[index]!.map((command) =>
      command
        .replaceAll(/\/absolute\/path\/to\/(connector-tencent-sms-[\w.]+\.tgz)/g, packed.tarball)
        .replaceAll('/path/to/logto', logtoRoot)
    );
    const { stdout, stderr } = await run('sh', ['-ec', script.join('\n')], {
      cwd: elsewhere,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout + stderr).toContain(`Added ${manifest.name} v${manifest.version}`);
    expect(existsSync(path.join(connectorsDirectory, manifest.name, 'lib', 'index.js'))).toBe(true);
  }, 120_000);
});

describe('docker/add-connector.sh refuses to let a failed add pass as a built image', () => {
  const script = path.join(repoRoot, 'docker', 'add-connector.sh');

  const failureOf = async (tarball: string) =>
    runInImageTree(imageTree(), `sh '${script}' '${tarball}'`).then(
      () => 'exit 0',
      (error: { code?: number; stderr?: string }) => `exit ${error.code}: ${error.stderr ?? ''}`
    );

  it('fails on a relative path or a file that does not exist', async () => {
    expect(await failureOf('connector-tencent-sms-0.1.0.tgz')).toMatch(/^exit 1: [\s\S]*absolute path/);
    expect(await failureOf('/nowhere/connector-tencent-sms-0.1.0.tgz')).toMatch(/^exit 1: [\s\S]*no such file/);
  });

  it('fails when Logto’s CLI logs an error and exits 0 without installing the package', async () => {
    // A package npm cannot pack: no version. The CLI reports it in its log and exits 0.
    const { root, connectorsDirectory } = imageTree();
    const source = path.join(root, 'broken', 'package');
    await mkdir(source, { recursive: true });
    await writeFile(path.join(source, 'package.json'), JSON.stringify({ name: 'connector-broken' }));
    const tarball = path.join(root, 'broken', 'connector-broken-1.0.0.tgz');
    await run('tar', ['-czf', tarball, '-C', path.dirname(source), 'package']);

    expect(await failureOf(tarball)).toMatch(/^exit 1: [\s\S]*did not install connector-broken/);
    expect(existsSync(path.join(connectorsDirectory, 'connector-broken', 'lib'))).toBe(false);
  }, 60_000);
});
