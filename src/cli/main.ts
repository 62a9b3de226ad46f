#!/usr/bin/env node
import { helpText } from './help.js';
import { UsageError } from './usage-error.js';

/** Runs one subcommand and returns its exit status. Each is imported lazily: `emulator` never loads the connector. */
const run = async (argv: string[]): Promise<number> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    console.log(helpText);
    return command === undefined ? 1 : 0;
  }
  switch (command) {
    case 'emulator': {
      const { runEmulator } = await import('./emulator-command.js');
      return runEmulator(rest);
    }
    case 'send': {
      const { runSend } = await import('./send-command.js');
      return runSend(rest);
    }
    case 'demo': {
      const { runDemo } = await import('./demo.js');
      return runDemo();
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
};

const isArgumentError = (error: unknown) =>
  error instanceof UsageError ||
  (error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));

// A reader that goes away (`send … | head`) ends the output, not the process: without this the
// write fails with an unhandled EPIPE and a stack trace, and a send under way is cut off.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});

// Errors end as one line, never a stack trace: a stack may carry values, and users want the cause.
run(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (isArgumentError(error)) {
      console.error(`connector-tencent-sms: ${(error as Error).message}\nRun "connector-tencent-sms --help" for usage.`);
    } else {
      console.error(`connector-tencent-sms: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  }
);
