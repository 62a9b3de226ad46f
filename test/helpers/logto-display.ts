import { displayLines, logtoDisplay } from '../../src/console-test/index.js';

/** What a person sees when a send fails: Logto's HTTP status and the text of its answer. */
export type Shown = {
  status: number;
  /** The phrase and, below it, Logto's details (zod issues), joined by new lines. */
  text: string;
  /** The error the connector threw, for assertions on its code and data. */
  error: unknown;
};

/**
 * Runs a send that must fail and reads the error as Logto core does (its connector error
 * handler, then RequestError's English phrase and details). The rule itself is the connector's
 * (`logtoDisplay`, shared with the CLI); test/console-test.test.ts pins it to Logto's literal
 * phrases and statuses, so a drift in either shows there.
 */
export const shownWhen = async (send: Promise<unknown>): Promise<Shown> => {
  const error = await send.then(
    () => {
      throw new Error('the send succeeded, but a failure was expected');
    },
    (caught: unknown) => caught
  );
  const display = logtoDisplay(error);
  return { status: display.status, text: displayLines(display).join('\n'), error };
};
