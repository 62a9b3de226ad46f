import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('redis-sender.mjs', import.meta.url));

export type Send = { to: string; ip?: string };

/** Drives one `redis-sender.mjs` process: batches of concurrent sends, then a clean end. */
export class SenderProcess {
  stderr = '';
  private readonly lines: string[] = [];
  private waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const next = this.waiting.shift();
      if (next) {
        next.resolve(line);
      } else {
        this.lines.push(line);
      }
    });
    child.once('exit', (code) => {
      for (const { reject } of this.waiting.splice(0)) {
        reject(new Error(`sender exited (${String(code)}):\n${this.stderr}`));
      }
    });
  }

  /** Starts a process that loads the connector from `libPath` with `config`; resolves once ready. */
  static async start(libPath: string, config: unknown): Promise<SenderProcess> {
    const sender = new SenderProcess(
      spawn(process.execPath, [script, libPath, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] })
    );
    const first = await sender.nextLine();
    if (first !== 'ready') {
      throw new Error(`sender did not start: ${first}\n${sender.stderr}`);
    }
    return sender;
  }

  private async nextLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) {
      return line;
    }
    if (this.child.exitCode !== null) {
      throw new Error(`sender exited (${this.child.exitCode}):\n${this.stderr}`);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
  }

  /**
   * Runs the sends concurrently in the process; their outcomes in order ('ok' or an error code).
   * `stallMs`: the process's event loop is kept busy that long right after its first write to
   * Redis in this batch. `config`: the connector's config from this batch on. `now`: what
   * `Date.now` returns in the process from this batch on (a simulated clock).
   */
  async run(
    sends: Send[],
    { stallMs = 0, config, now }: { stallMs?: number; config?: unknown; now?: number } = {}
  ): Promise<string[]> {
    this.child.stdin.write(`${JSON.stringify({ sends, stallMs, config, now })}\n`);
    return JSON.parse(await this.nextLine()) as string[];
  }

  /**
   * Ends its input and waits for the process to exit by itself. Resolves with the exit code, or
   * 'still running' (after killing it) if it has not exited within `graceMs`.
   */
  async end(graceMs = 10_000): Promise<number | 'still running'> {
    const { child } = this;
    if (child.exitCode !== null) {
      return child.exitCode;
    }
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
    child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => {
        timer = setTimeout(() => resolve('still running'), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'still running') {
      child.kill('SIGKILL');
    }
    return outcome;
  }
}
