import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { ZodError } from 'zod';

/** What Logto answers when `sendMessage` throws: the HTTP status and the text a person reads. */
export type LogtoDisplay = {
  readonly status: number;
  /** Logto's English phrase for the code, `general` filled in with `data.errorDescription`. */
  readonly message: string;
  /** The lines Logto adds below the phrase: one per zod issue, or a JSON syntax error's message. */
  readonly details: readonly string[];
};

const generalPhrase = 'Error occurred in connector: {{errorDescription}}';

/**
 * Logto's English phrases (`errors:connector.<code>`) for the codes a connector can throw. Only
 * `general` carries the connector's own words; every other phrase is fixed.
 */
export const logtoPhrases: Readonly<Record<string, string>> = {
  [ConnectorErrorCodes.General]: generalPhrase,
  [ConnectorErrorCodes.InvalidMetadata]: "The connector's metadata is invalid.",
  [ConnectorErrorCodes.UnexpectedType]: "The connector's type is unexpected.",
  [ConnectorErrorCodes.InvalidConfigGuard]: "The connector's config guard is invalid.",
  [ConnectorErrorCodes.InvalidRequestParameters]: 'The request is with wrong input parameter(s).',
  [ConnectorErrorCodes.InsufficientRequestParameters]: 'The request might miss some input parameters.',
  [ConnectorErrorCodes.InvalidConfig]: "The connector's config is invalid.",
  [ConnectorErrorCodes.InvalidCertificate]:
    "The connector's certificate is invalid, please make sure the certificate is in PEM encoding.",
  [ConnectorErrorCodes.InvalidResponse]: "The connector's response is invalid.",
  [ConnectorErrorCodes.TemplateNotFound]: 'Unable to find correct template in connector config.',
  [ConnectorErrorCodes.TemplateNotSupported]: 'The connector does not support this template type.',
  [ConnectorErrorCodes.RateLimitExceeded]: 'Trigger rate limit. Please try again later.',
  [ConnectorErrorCodes.UsageLimitExceeded]: 'The email service usage limit has been reached.',
  [ConnectorErrorCodes.NotImplemented]: '{{method}}: has not been implemented yet.',
  [ConnectorErrorCodes.SocialAuthCodeInvalid]:
    'Unable to get access token, please check authorization code.',
  [ConnectorErrorCodes.SocialAccessTokenInvalid]: "The connector's access token is invalid.",
  [ConnectorErrorCodes.SocialIdTokenInvalid]: "The connector's id token is invalid.",
  [ConnectorErrorCodes.AuthorizationFailed]: "The user's authorization process is unsuccessful.",
};

/** Statuses core's connector error handler gives; every other code answers 400. */
const statusByCode: Readonly<Record<string, number>> = {
  [ConnectorErrorCodes.RateLimitExceeded]: 429,
  [ConnectorErrorCodes.SocialAuthCodeInvalid]: 401,
  [ConnectorErrorCodes.SocialAccessTokenInvalid]: 401,
  [ConnectorErrorCodes.SocialIdTokenInvalid]: 401,
  [ConnectorErrorCodes.AuthorizationFailed]: 401,
  [ConnectorErrorCodes.NotImplemented]: 501,
};

/**
 * Codes core turns into their own fixed phrase. The rest go through its fallback, the only
 * branch that passes `errorDescription` on to the phrase.
 */
const fixedPhraseCodes: ReadonlySet<string> = new Set([
  ConnectorErrorCodes.InvalidMetadata,
  ConnectorErrorCodes.InvalidConfigGuard,
  ConnectorErrorCodes.InvalidRequestParameters,
  ConnectorErrorCodes.InsufficientRequestParameters,
  ConnectorErrorCodes.InvalidConfig,
  ConnectorErrorCodes.InvalidResponse,
  ConnectorErrorCodes.TemplateNotFound,
  ConnectorErrorCodes.RateLimitExceeded,
  ConnectorErrorCodes.NotImplemented,
  ConnectorErrorCodes.SocialAuthCodeInvalid,
  ConnectorErrorCodes.SocialAccessTokenInvalid,
  ConnectorErrorCodes.SocialIdTokenInvalid,
  ConnectorErrorCodes.AuthorizationFailed,
]);

/** `data.errorDescription` when it is a string, the only shape core reads it from. */
export const errorDescriptionOf = (data: unknown): string | undefined => {
  const value =
    typeof data === 'object' && data !== null
      ? (data as { errorDescription?: unknown }).errorDescription
      : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** One line per zod issue, worded as Logto words them. */
export const zodIssueLines = ({ issues }: ZodError): string[] =>
  issues.map((issue) => {
    const where = `Error in key path "${issue.path.map(String).join('.')}": (${issue.code}) `;
    return issue.code === 'invalid_type'
      ? `${where}Expected ${issue.expected} but received ${issue.received}.`
      : `${where}${issue.message}`;
  });

const detailsOf = (data: unknown): string[] => {
  if (data instanceof ZodError) {
    return zodIssueLines(data);
  }
  return data instanceof SyntaxError ? [data.message] : [];
};

/**
 * What an admin or user sees when `sendMessage` throws this error, by Logto core's rule (its
 * connector error handler and English phrases): `general`, and any code core does not list,
 * shows "Error occurred in connector: <data.errorDescription>"; the other codes show a fixed
 * phrase and hide the connector's explanation; a ZodError in `data` adds one line per issue.
 * Anything that is not a ConnectorError becomes Logto's bare 500. One implementation for the CLI,
 * the demo and the tests, so what they claim Logto shows cannot drift apart.
 */
export const logtoDisplay = (error: unknown): LogtoDisplay => {
  if (!(error instanceof ConnectorError)) {
    return { status: 500, message: 'Internal server error.', details: [] };
  }
  const code: string = error.code;
  const phrase = fixedPhraseCodes.has(code)
    ? logtoPhrases[code]
    : // A function, so `$&` or `$$` in the description stay as written, as i18next inserts them.
      (logtoPhrases[code] ?? generalPhrase).replace('{{errorDescription}}', () => errorDescriptionOf(error.data) ?? '');
  return {
    status: statusByCode[code] ?? 400,
    message: phrase ?? generalPhrase,
    details: detailsOf(error.data),
  };
};

/** The display as the lines a person reads: the phrase, then Logto's details below it. */
export const displayLines = (display: LogtoDisplay): string[] => [display.message, ...display.details];

/**
 * The text of the Console's error toast: its API hook shows `[message, details].join('\n')`, the
 * details being core's zod lines joined by new lines (without details it adds an empty line, which
 * shows nothing and is left out here). What must be read in the 4.7 seconds the toast stays.
 */
export const toastText = (display: LogtoDisplay): string => displayLines(display).join('\n');
