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

const regionCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US');

/**
 * The app's international SMS limits, as set in Tencent's console under 应用管理 → 基础配置 →
 * 国际港澳台短信发送限制. They apply to international (incl. Hong Kong, Macao, Taiwan) numbers only.
 */
const internationalLimitsGuard = z
  .object({
    /** Only these regions may receive; absent means every region. */
    allowedRegions: z.array(regionCode).optional(),
    /** These regions never receive. */
    blockedRegions: z.array(regionCode).default([]),
    /** Messages per region per day (Beijing time); the key `*` applies to every region not listed. */
    regionDailyLimits: z
      .record(z.union([regionCode, z.literal('*')]), z.number().int().positive())
      .default({}),
  })
  .strict();

const appGuard = z.object({
  sdkAppId: z.string().regex(/^\d+$/),
  region: z.string().min(1),
  internationalLimits: internationalLimitsGuard.default({}),
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
  /** Longest text (signature included) one request may render, in characters. */
  maxContentLength: z.number().int().positive().default(500),
  /** Words content review refuses; a message containing one (any case) is not sent. */
  sensitiveWords: z.array(z.string().min(1)).default([]),
  /**
   * False makes the key act like a CAM sub-user's without the `sms:SendSms` permission: signed
   * correctly, yet refused — the likeliest setup mistake with a sub-user key.
   */
  allowSendSms: z.boolean().default(true),
});

export type Account = z.infer<typeof accountGuard>;
export type AccountInput = z.input<typeof accountGuard>;
export type Template = Account['templates'][number];
export type FrequencyLimits = Account['limits'];
export type App = Account['apps'][number];

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
