import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { ZodError } from 'zod';

import { requestIdSentence, tencentReference } from '../errors/connector-errors.js';
import { cutText } from '../errors/redaction/cut.js';
import { redactedError } from '../errors/redacted-error.js';
import { adviceOf } from '../errors/refusal-error.js';
import { destinationOf, toE164 } from '../phone.js';

import { failureClassOf } from './failure-classes.js';
import { errorDescriptionOf, logtoDisplay } from './logto-display.js';
import { numberReadings } from './number-reading.js';

/** `data` of the error a Console test throws: the diagnosis, and what a sign-in flow would get. */
export type ConsoleTestErrorData = {
  errorDescription: string;
  /** The code the same failure has in a sign-in flow. */
  signInCode: string;
  tencentCode?: string;
  tencentMessage?: string;
  requestId?: string;
};

const textField = (data: unknown, key: string): string | undefined => {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Ends a text with a full stop, so the sentence after it reads as one. */
const asSentence = (text: string): string => {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** Data without a description is shown as JSON, up to what a toast can hold. */
const maxJsonLength = 500;
const jsonOf = (data: unknown): string => {
  let json: string;
  try {
    json = JSON.stringify(data) ?? String(data);
  } catch {
    // A BigInt or a cycle: the conversion must still produce a ConnectorError.
    return '(details that cannot be shown as JSON)';
  }
  return json.length > maxJsonLength ? `${json.slice(0, maxJsonLength)}…` : json;
};

/**
 * The most a Console toast holds, Logto's "Error occurred in connector: " included: what can be
 * read in the 4.7 seconds it stays.
 */
export const maxToastLength = 200;
/** What is left for the description after Logto's own words. */
const room =
  maxToastLength -
  logtoDisplay(new ConnectorError(ConnectorErrorCodes.General, { errorDescription: '' })).message.length;

/**
 * The cause and fix in the connector's words: a guard refusal's advice for the operator, or the
 * description without the closing Tencent code and RequestId, which the toast adds where they fit.
 * Without words of the connector's own, the class of failure and what there is to show.
 */
const causeOf = (error: ConnectorError, tencentCode: string | undefined, requestId: string | undefined): string => {
  // A refusal of the guard tells end users only the rule; the admin gets its numbers and setting.
  const description = adviceOf(error) ?? errorDescriptionOf(error.data);
  if (description === undefined) {
    return `${failureClassOf(error.code).name}: ${error.data === undefined ? logtoDisplay(error).message : jsonOf(error.data)}`;
  }
  const references = [
    ...(tencentCode === undefined ? [] : [tencentReference(tencentCode, requestId)]),
    requestIdSentence(requestId),
  ];
  const reference = references.find((sentence) => description.endsWith(` ${sentence}`));
  return reference ? description.slice(0, -reference.length - 1) : description;
};

/** What may follow the cause: how the number was read, Tencent's code, the RequestId. */
type Extras = { reading?: string; code?: string; requestId?: string };

/** The closing sentence with Tencent's code and the RequestId, as sign-in flows word it. */
const referenceOf = ({ code, requestId }: Extras): string | undefined => {
  if (code !== undefined) {
    return requestId === undefined ? `Tencent: ${code}.` : `Tencent: ${code}, RequestId: ${requestId}.`;
  }
  return requestId === undefined ? undefined : `RequestId: ${requestId}.`;
};

const render = (cause: string, extras: Extras): string =>
  [cause, extras.reading, referenceOf(extras)].filter(Boolean).join(' ');

/**
 * The cause, then as much as fits the toast, chosen in the order of `steps` (each a part and its
 * forms, longest first) and shown in reading order: cause, number, Tencent's code and RequestId.
 * The cause always stays, cut and marked if it alone is too long.
 */
const fitted = (cause: string, steps: ReadonlyArray<readonly [keyof Extras, readonly string[]]>): string => {
  const first = cutText(cause, room - 1);
  let extras: Extras = {};
  for (const [part, forms] of steps) {
    // A RequestId without the code it belongs to says little: it comes only with the code.
    if (part === 'requestId' && extras.code === undefined && steps.some(([other, { length }]) => other === 'code' && length > 0)) {
      continue;
    }
    const form = forms.find((candidate) => render(first, { ...extras, [part]: candidate }).length <= room);
    if (form !== undefined) {
      extras = { ...extras, [part]: form };
    }
  }
  return render(first, extras);
};

/** Failures that are about the number itself: refused as a request, or no template for its kind. */
const numberCodes: ReadonlySet<string> = new Set([
  ConnectorErrorCodes.InvalidRequestParameters,
  ConnectorErrorCodes.TemplateNotFound,
]);

/**
 * Whether the number may be the problem, so its reading belongs in the toast: it could not be
 * read, it was not read as a mainland China number (the Console's field reads `13012345678` as a
 * number in the United States), or the failure is about it. Elsewhere it is one more thing to read.
 */
const numberMayMatter = (code: string, to: unknown): boolean => {
  const e164 = toE164(to);
  return e164 === undefined || destinationOf(e164) !== 'mainland' || numberCodes.has(code);
};

/**
 * The error a Console test ("Send" with the unsaved form) throws. Logto shows a connector's own
 * words only for `general`, so every other code would reach the admin as a bare fixed phrase
 * ("Trigger rate limit. Please try again later.") with the cause, Tencent's code and the RequestId
 * hidden. Here every failure becomes `general` with the connector's cause and fix first, then as
 * much as fits `maxToastLength` of how the number was read (where it may be the problem), Tencent's
 * code and the RequestId: a toast stays about 4.7 seconds, and what it leaves out stays in the
 * data. `data.signInCode` keeps the code a sign-in flow answers with. An
 * `invalid_config` with its zod issues stays: Logto lists them. Real flows never pass a config and
 * keep the precise codes. `secrets` are removed from the result, as from every error the connector
 * throws.
 */
export const consoleTestError = (
  error: ConnectorError,
  to: unknown,
  secrets: readonly unknown[]
): ConnectorError => {
  if (error.code === ConnectorErrorCodes.InvalidConfig && error.data instanceof ZodError) {
    return error;
  }
  const tencentCode = textField(error.data, 'tencentCode');
  const requestId = textField(error.data, 'requestId');
  const cause = asSentence(causeOf(error, tencentCode, requestId));
  const number = numberMayMatter(error.code, to) ? numberReadings(to) : undefined;
  const reading = ['reading', number?.sentences ?? []] as const;
  const unsaid = (text: string | undefined) => (text && !cause.includes(text) ? [text] : []);
  // A number that may be a mainland one typed without +86 may be the whole problem: its tip comes
  // before Tencent's code. Any other reading after it, the RequestId last.
  const errorDescription = fitted(cause, [
    ...(number?.mayMeanMainland ? [reading] : []),
    ['code', unsaid(tencentCode)],
    ...(number?.mayMeanMainland ? [] : [reading]),
    ['requestId', unsaid(requestId)],
  ]);
  const data: ConsoleTestErrorData = {
    errorDescription,
    signInCode: error.code,
    tencentCode,
    tencentMessage: textField(error.data, 'tencentMessage'),
    requestId,
  };
  // Cleaned again: the diagnosis is new text, and it repeats what the caller passed.
  return redactedError(new ConnectorError(ConnectorErrorCodes.General, data), secrets);
};
