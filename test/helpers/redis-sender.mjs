// A Logto stand-in in its own process: loads the built connector (lib/index.js, as Logto does)
// with the config given as argv[3], then for each JSON line on stdin ({ sends: [{ to, ip }],
// stallMs?, config? }) runs those sends concurrently and prints one JSON line of outcomes ('ok' or
// the error code). A `config` there is what Logto's getConfig returns from then on. A `now` (ms)
// is what Date.now returns from then on, the guard's only clock: a test drives days with it. With `stallMs`, the event loop is kept busy that long right after the first write
// to Redis, as a burst of local work (or a long garbage collection) would keep Logto's.
// It never calls process.exit: when stdin ends it must exit on its own, which fails if
// anything (a Redis socket, a timer) holds the event loop.
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`UNHANDLED REJECTION ${String(reason)}\n`);
  process.exitCode = 3;
});

const [, , libPath, configJson] = process.argv;
const { default: createConnector } = await import(pathToFileURL(`${libPath}/index.js`).href);
let config = JSON.parse(configJson);
const { sendMessage } = await createConnector({ getConfig: async () => config });

// The first write on a TCP socket that is not the Tencent stand-in's is a write to Redis.
const tencentPort = Number(new URL(config.endpoint).port);
let stallArmed = 0;
const write = Socket.prototype.write;
Socket.prototype.write = function (...args) {
  if (stallArmed > 0 && this.remotePort !== undefined && this.remotePort !== tencentPort) {
    const stallMs = stallArmed;
    stallArmed = 0;
    setImmediate(() => {
      const until = performance.now() + stallMs;
      while (performance.now() < until);
    });
  }
  return write.apply(this, args);
};

const outcomeOf = async ({ to, ip }) => {
  try {
    await sendMessage({ to, type: 'SignIn', payload: { code: '123456' }, ip });
    return 'ok';
  } catch (error) {
    return typeof error?.code === 'string' ? error.code : `thrown: ${String(error)}`;
  }
};

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const { sends, stallMs = 0, config: next, now } = JSON.parse(line);
  config = next ?? config;
  if (typeof now === 'number') {
    Date.now = () => now;
  }
  stallArmed = stallMs;
  const outcomes = await Promise.all(sends.map(outcomeOf));
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}
