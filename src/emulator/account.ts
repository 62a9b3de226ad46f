import { z } from 'zod';

import { destinationGuard, type Destination } from '../types.js';

export type { Destination };

const templateGuard = z.object({
  id: z.string().regex(/^\d+$/, 'template ids are digits, as in the Tencent console'),
  /** Body with `{1}`, `{2}`… placeholders. */
  text: z.string().min(1),
  destination: destinationGuard,
  /** Verification-code templates only take 0–6 digit parameters. */
  verificationCode: z.boolean().default(false),
  /** A template still under review or rejected is rejected by SendSms as unapproved. */
  approved: z.boolean().default(true),
  /** Longest value allowed for a non-code parameter. */
  maxParamLength: z.number().int().positive().default(12),
});

const appGuard = z.object({
  sdkAppId: z.string().regex(/^\d+$/),
  region: z.string().min(1),
});

const limitsGuard = z.object({
  perThirtySeconds: z.number().int().nonnegative().default(1),
  perHour: z.number().int().nonnegative().default(5),
  perDay: z.number().int().nonnegative().default(10),
});

export const accountGuard = z.object({
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  /** When set, the emulator behaves like temporary (STS) credentials: `X-TC-Token` must match. */
  sessionToken: z.string().min(1).optional(),
  apps: z.array(appGuard).min(1),
  /** Approved signature texts (the `SignName` values). */
  signatures: z.array(z.string().min(1)).default([]),
  templates: z.array(templateGuard).default([]),
  /** Per-number frequency limits, like the console's default policy. 0 disables a window. */
  limits: limitsGuard.default({}),
});

export type Account = z.infer<typeof accountGuard>;
export type AccountInput = z.input<typeof accountGuard>;
export type Template = Account['templates'][number];
export type FrequencyLimits = Account['limits'];

/**
 * Validates an account description (from `--account file.json` or a test) and fills defaults.
 * Throws an Error listing each problem by path, without echoing any value, so a secret in the
 * file never reaches the terminal.
 */
export const parseAccount = (input: unknown): Account => {
  const result = accountGuard.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`
  );
  throw new Error(`Invalid emulator account:\n  ${problems.join('\n  ')}`);
};
