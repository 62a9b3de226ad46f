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

/**
 * The `invalid_config` error for a config that failed validation: the ZodError connector-kit's
 * `validateConfig` would throw, with repeated issues folded (see `distinctIssues`) and any secret a
 * zod issue quotes removed.
 */
export const invalidConfigError = (error: ZodError, secrets: readonly unknown[]): ConnectorError =>
  redactedError(new ConnectorError(ConnectorErrorCodes.InvalidConfig, new ZodError(distinctIssues(error.issues))), secrets);
