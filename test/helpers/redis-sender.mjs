// A Logto stand-in in its own process: loads the built connector (lib/index.js, as Logto does)
// with the config given as argv[3], then for each JSON line on stdin ({ sends: [{ to, ip }] })
// runs those sends concurrently and prints one JSON line of outcomes ('ok' or the error code).
// It never calls process.exit: when stdin ends it must exit on its own, which fails if
// anything (a Redis socket, a timer) holds the event loop.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`UNHANDLED REJECTION ${String(reason)}\n`);
  process.exitCode = 3;
});

const [, , libPath, configJson] = process.argv;
const { default: createConnector } = await import(pathToFileURL(`${libPath}/index.js`).href);
const config = JSON.parse(configJson);
const { sendMessage } = await createConnector({ getConfig: async () => config });

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
  const { sends } = JSON.parse(line);
  const outcomes = await Promise.all(sends.map(outcomeOf));
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}
