/**
 * Reads the repository's Dockerfile into stages of instructions, so tests can check what the
 * build refers to and replay the commands it runs inside Logto's image. Only the syntax the
 * Dockerfile uses is understood: comments, `\` continuations, `ARG`, `FROM … AS …`, `COPY` (with
 * `--from`), `RUN` and `WORKDIR` in shell form.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type Instruction = { keyword: string; arguments: string };

export type Stage = {
  /** The image the stage starts from, as written (`${…}` not expanded). */
  image: string;
  /** The `AS` name, if any. */
  name?: string;
  instructions: Instruction[];
};

export type Dockerfile = {
  /** `ARG name=default` lines before the first `FROM` (usable in `FROM`). */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
};

export type Copy = { from?: string; sources: string[]; destination: string };

/** Splits the text into instructions: comments dropped, continuation lines joined. */
const instructionsOf = (text: string): Instruction[] => {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replaceAll(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), arguments: rest.join(' ') };
    });
};

export const parseDockerfile = (text: string): Dockerfile => {
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  for (const instruction of instructionsOf(text)) {
    const current = stages.at(-1);
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.arguments);
      if (!match?.[1]) {
        throw new Error(`cannot read FROM ${instruction.arguments}`);
      }
      stages.push({ image: match[1], ...(match[2] ? { name: match[2] } : {}), instructions: [] });
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      const [name = '', value] = instruction.arguments.split('=', 2);
      globalArgs.set(name, value);
    } else {
      throw new Error(`${instruction.keyword} before the first FROM`);
    }
  }
  return { globalArgs, stages };
};

export const readDockerfile = async (file: string) => parseDockerfile(await readFile(file, 'utf8'));

/** The `COPY` instructions of a stage, `--from` split off. */
export const copiesOf = (stage: Stage): Copy[] =>
  stage.instructions
    .filter(({ keyword }) => keyword === 'COPY')
    .map(({ arguments: text }) => {
      const words = text.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      const destination = paths.pop() ?? '';
      return { ...(from ? { from } : {}), sources: paths, destination };
    });

/** The shell commands of a stage's `RUN` instructions, in order. */
export const runsOf = (stage: Stage): string[] =>
  stage.instructions.filter(({ keyword }) => keyword === 'RUN').map(({ arguments: text }) => text);

/**
 * Rewrites absolute in-image paths in a command to local folders, so the command can run against a
 * folder laid out like the image. A path matches as a whole path or a folder prefix (`/tmp/x` maps
 * `/tmp/x` and `/tmp/x/y`, never `/tmp/xy`); trailing slashes in the mapping are ignored.
 */
export const mapPaths = (command: string, mapping: ReadonlyMap<string, string>): string => {
  const entries = [...mapping]
    .map(([from, to]) => [from.replace(/\/+$/, ''), to.replace(/\/+$/, '')] as const)
    .sort(([a], [b]) => b.length - a.length);
  const boundary = /[\s'"=]/;
  let result = '';
  for (let index = 0; index < command.length; ) {
    const entry = entries.find(([from]) => {
      const before = command[index - 1];
      const after = command[index + from.length];
      return (
        command.startsWith(from, index) &&
        (before === undefined || boundary.test(before)) &&
        (after === undefined || after === '/' || boundary.test(after))
      );
    });
    if (entry) {
      result += entry[1];
      index += entry[0].length;
    } else {
      result += command[index];
      index += 1;
    }
  }
  return result;
};

/** Whether `.dockerignore` (one pattern per line, `*` within a name) keeps a path out of the context. */
export const isIgnoredByDockerignore = (ignoreText: string, relativePath: string): boolean => {
  const patterns = ignoreText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const parts = relativePath.split(path.posix.sep);
  return patterns.some((pattern) => {
    const expression = new RegExp(
      `^${pattern.replace(/\/$/, '').replaceAll(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`
    );
    // A pattern excludes the path itself or any folder it lies in.
    return parts.some((_, index) => expression.test(parts.slice(0, index + 1).join('/')));
  });
};
