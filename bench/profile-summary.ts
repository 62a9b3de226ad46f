import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where a frame's code lives: a package, this project's lib, Node internals, or the GC/VM. */
const ownerOf = (url: string): string => {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) {
    return inPackage[1]!;
  }
  if (url.includes('/lib/')) {
    return `project ${url.slice(url.indexOf('/lib/') + 1)}`;
  }
  if (url.includes('.tmp/bench/')) {
    return 'bench';
  }
  if (url.startsWith('node:')) {
    return url;
  }
  return url === '' ? '(vm)' : url;
};

const top = (totals: Map<string, number>, all: number, count: number) =>
  [...totals.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([name, micros]) => `${((100 * micros) / all).toFixed(1).padStart(5)}%  ${name}`);

/**
 * Prints self time per owner and per function for each `.cpuprofile` written by
 * `npm run bench -- --cpu-prof`: the quickest way to see which layer a send spends CPU in.
 */
const main = () => {
  const dir = resolve(process.argv[2] ?? '.tmp/profiles');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const byOwner = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let all = 0;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const micros = profile.timeDeltas[index] ?? 0;
      if (!node || node.callFrame.functionName === '(idle)') {
        return;
      }
      all += micros;
      const { functionName, url, lineNumber } = node.callFrame;
      const owner = ownerOf(url);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
      const name = `${functionName || '(anonymous)'}  ${owner}:${lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    });
    console.log(`\n## ${file}: ${(all / 1000).toFixed(0)} ms busy`);
    console.log(top(byOwner, all, 15).join('\n'));
    console.log('');
    console.log(top(byFunction, all, 25).join('\n'));
  }
};

main();
