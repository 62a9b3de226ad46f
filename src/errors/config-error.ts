import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { ZodError, type ZodIssue } from 'zod';

import { redactedError } from './redacted-error.js';

type Path = ZodIssue['path'];

/** The path with every array index replaced, so issues of different entries compare equal. */
const shapeOf = (path: Path) => path.map((segment) => (typeof segment === 'number' ? '#' : segment)).join('\u0000');

/**
 * The issues with repeats folded into one: the same problem in several entries of a list (ten
 * templates that all still hold the form's placeholder) becomes one issue on the list, naming the
 * entries. Logto's Console lists one line per issue in a toast that stays about five seconds; ten
 * copies of one complaint push every other line out of it.
 */
export const distinctIssues = (issues: readonly ZodIssue[]): ZodIssue[] => {
  const groups = new Map<string, ZodIssue[]>();
  for (const issue of issues) {
    const key = `${issue.code}\u0000${issue.message}\u0000${shapeOf(issue.path)}`;
    groups.set(key, [...(groups.get(key) ?? []), issue]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [ZodIssue, ...ZodIssue[]];
    if (group.length === 1) {
      return first;
    }
    const at = first.path.findIndex((segment) => typeof segment === 'number');
    const entries = group.map((issue) => issue.path[at]).join(', ');
    const within = first.path.slice(at + 1).join('.');
    return {
      ...first,
      path: first.path.slice(0, at),
      message: `${within ? `${within} ` : ''}(entries ${entries}): ${first.message}`,
    } as ZodIssue;
  });
};

/** The fields of SMS pumping protection: their limits and names are the operator's alone. */
const protectionFields: ReadonlySet<string> = new Set(['abuseProtection', 'redisUrl']);

/**
 * The issues with those about pumping protection replaced by one that says only that its settings
 * are invalid. In a sign-in flow Logto returns the error's data to the end user's browser: an
 * issue there would name a limit, a region list or a setting that lets a run through. The Console
 * (Save, or its test) shows every issue; the stored config passed Save once, so this is a config
 * written by hand or one a later rule refuses.
 */
const withoutProtectionDetails = (issues: readonly ZodIssue[]): ZodIssue[] => {
  const isProtection = (issue: ZodIssue) => protectionFields.has(String(issue.path[0]));
  const others = issues.filter((issue) => !isProtection(issue));
  return issues.some(isProtection)
    ? [
        ...others,
        {
          code: 'custom',
          path: [],
          message: 'the SMS pumping protection settings are invalid: open the connector in the Console and save it to see why',
        },
      ]
    : others;
};

/**
 * The `invalid_config` error for a config that failed validation: the ZodError connector-kit's
 * `validateConfig` would throw, with repeated issues folded (see `distinctIssues`) and any secret a
 * zod issue quotes removed. In a sign-in flow (`signIn`), issues about pumping protection are
 * reduced to one that says where to look (see `withoutProtectionDetails`).
 */
export const invalidConfigError = (
  error: ZodError,
  secrets: readonly unknown[],
  { signIn = false } = {}
): ConnectorError => {
  const issues = distinctIssues(error.issues);
  return redactedError(
    new ConnectorError(ConnectorErrorCodes.InvalidConfig, new ZodError(signIn ? withoutProtectionDetails(issues) : issues)),
    secrets
  );
};
