import { fork, type ChildProcess } from 'node:child_process';

/** Forks a compiled bench module and resolves with its first IPC message. */
export const forkForMessage = <T>(
  modulePath: string,
  options: { env: NodeJS.ProcessEnv; execArgv?: string[]; timeoutMs: number }
): { child: ChildProcess; message: Promise<T> } => {
  const child = fork(modulePath, [], {
    env: options.env,
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = new Promise<T>((resolve, reject) => {
    // Every child is bounded in time: a hung candidate cannot hang the bench.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${modulePath} gave no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.once('message', (value) => {
      clearTimeout(timer);
      resolve(value as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${modulePath} exited with ${code} before answering`));
    });
  });
  return { child, message };
};
