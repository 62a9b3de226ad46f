import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** The environment a CLI run gets: no inherited secret, no proxy that could swallow loopback calls. */
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env = { ...process.env, ...extra };
  for (const name of ['TENCENT_SMS_SECRET_KEY', 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) {
    if (!(name in extra)) {
      delete env[name];
    }
  }
  return env;
};

/** Starts `node <lib>/cli/main.js …args` as a separate process, the way `npx` would run the bin. */
export const spawnCli = (lib: string, args: string[], env: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, [path.join(lib, 'cli', 'main.js'), ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Runs the CLI to completion and collects its output. */
export const runCli = (lib: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawnCli(lib, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** Waits until the spawned emulator prints its URL and returns it. */
export const emulatorUrlOf = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
    child.on('close', (code) => reject(new Error(`emulator exited with ${code}: ${seen}`)));
  });
