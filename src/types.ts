import { templateTypeGuard } from '@logto/connector-kit';
import { z } from 'zod';

import { abuseProtectionFieldGuard, redisUrlGuard } from './abuse-guard/config.js';
import { maxTimeoutMs, minTimeoutMs, tencentDefaultLanguage } from './constant.js';
import { defaultEndpoint, parseEndpoint } from './endpoint.js';
import { containsCode, unknownTokens } from './template-params.js';

/** Text that must be present; surrounding blanks (a paste from the console) are dropped. */
const requiredText = z.string().trim().min(1, 'must not be empty');
const optionalText = z.string().trim().min(1, 'must not be empty').optional();
const digits = (example: string) =>
  requiredText.regex(/^\d+$/, `must be digits only, e.g. ${example}`);
/**
 * Values that go into HTTP headers: nothing Tencent does not use there, so no CR/LF injection,
 * and short enough that the request stays under the 16 KiB header limit of HTTP servers.
 */
const headerSafe = (example: string) =>
  requiredText
    .max(128, 'must be at most 128 characters')
    .regex(/^[\w-]+$/, `may only contain letters, digits, "-" and "_", e.g. ${example}`);

export const destinationGuard = z.enum(['mainland', 'international']);
export type Destination = z.infer<typeof destinationGuard>;

const templateParamGuard = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((value) => unknownTokens(value).length === 0, {
    message: 'only {{code}} may be used as a placeholder',
  });

/** The form's stand-in for a template ID (ours and the built-in connector's: `<template-code>`). */
export const isTemplateCodePlaceholder = (value: unknown): boolean =>
  typeof value === 'string' && /^<[^<>]*>$/.test(value.trim());

/**
 * A template ID: digits. The form's placeholder passes here and is reported once for the whole
 * list (see `templatesGuard`): left in every entry it is one problem, and Logto's toast lists one
 * line per issue.
 */
const templateCodeGuard = requiredText.superRefine((value, context) => {
  if (!isTemplateCodePlaceholder(value) && !/^\d+$/.test(value)) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be digits only, e.g. 1234567' });
  }
});

/** The placeholder as the admin left it, to name it in the issue; a long one is not repeated. */
const placeholderName = (templates: readonly Template[]): string => {
  const placeholder = templates.find((template) => isTemplateCodePlaceholder(template.templateCode))?.templateCode;
  return placeholder !== undefined && placeholder.length <= 24 ? placeholder : 'the placeholders';
};

export const templateGuard = z.object({
  usageType: templateTypeGuard,
  templateCode: templateCodeGuard,
  destination: destinationGuard.optional(),
  locale: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag, e.g. en, ja or zh-TW')
    .optional(),
  params: z
    .array(templateParamGuard)
    .min(1, 'must list at least one value')
    .max(10, 'must list at most 10 values')
    .refine((params) => params.some((param) => containsCode(param)), {
      message: 'must contain {{code}} in one of its values',
    })
    .optional(),
});
export type Template = z.infer<typeof templateGuard>;

const servesDestination = (template: Template, destination: Destination) =>
  template.destination === undefined || template.destination === destination;

/** Whether some entry can go to a +86 number: one for "mainland" or one without a destination. */
export const servesMainland = (templates: readonly Template[]): boolean =>
  templates.some((template) => servesDestination(template, 'mainland'));

/** Destinations that some entry serves but no Generic entry does: those sends could fail. */
export const destinationsWithoutGeneric = (templates: readonly Template[]): Destination[] =>
  destinationGuard.options.filter(
    (destination) =>
      templates.some((template) => servesDestination(template, destination)) &&
      !templates.some(
        (template) => template.usageType === 'Generic' && servesDestination(template, destination)
      )
  );

/**
 * Entries the admin left at the form's placeholder are skipped as long as one entry is filled in:
 * the built-in connector's form lists every message type, and a config saved for it keeps the
 * unused ones. A send of such a type then falls back to Generic, as for a type with no entry. With
 * no entry filled in at all, the placeholders stay and validation names them.
 */
const withoutPlaceholderEntries = (templates: unknown): unknown => {
  if (!Array.isArray(templates)) {
    return templates;
  }
  const placeholder = (entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    isTemplateCodePlaceholder((entry as { templateCode?: unknown }).templateCode);
  const filled = templates.filter((entry) => !placeholder(entry));
  return filled.length > 0 ? filled : templates;
};

const templatesGuard = z.preprocess(
  withoutPlaceholderEntries,
  z
    .array(templateGuard)
    .min(1, 'must list at least one template')
    .superRefine((templates, context) => {
      // Only a list with no entry filled in keeps its placeholders (`withoutPlaceholderEntries`).
      if (templates.some((template) => isTemplateCodePlaceholder(template.templateCode))) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `replace ${placeholderName(templates)} with your template IDs`,
        });
        return;
      }
      const missing = destinationsWithoutGeneric(templates);
      if (templates.length > 0 && missing.length > 0) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `needs a "Generic" entry for ${missing.join(' and ')} numbers (that destination or none)`,
        });
      }
    })
);

/**
 * Every config field, before the Console switches are applied (see `tencentSmsConfigGuard`).
 * `signName` is optional on its own: Tencent requires a signature only for mainland China, so an
 * account that sends abroad only has none to give (see `signNameWhereNeeded`).
 */
export const configFieldsGuard = z.object({
  accessKeyId: headerSafe('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE'),
  accessKeySecret: requiredText.min(8, 'is too short for a Tencent SecretKey (they have 32 characters)'),
  signName: optionalText,
  region: headerSafe('ap-guangzhou').regex(
    /^[a-z]{2,}(?:-[a-z0-9]+)+$/,
    'must be a Tencent Cloud region such as ap-guangzhou or ap-singapore'
  ),
  sdkAppId: digits('1400006666'),
  templates: templatesGuard,
  internationalSignName: optionalText,
  senderId: optionalText,
  /** Parsed once here, so a send only reads the `Endpoint` it produces. */
  endpoint: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .optional()
    .transform((value, context) => {
      if (value === undefined) {
        return defaultEndpoint;
      }
      const result = parseEndpoint(value);
      if ('reason' in result) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: result.reason });
        return z.NEVER;
      }
      return result.endpoint;
    }),
  sessionToken: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(8192, 'must be at most 8192 characters')
    .regex(/^[\x21-\x7e]+$/, 'may only contain printable ASCII characters without spaces')
    .optional(),
  timeout: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(minTimeoutMs, `must be at least ${minTimeoutMs} ms`)
    .max(maxTimeoutMs, `must be at most ${maxTimeoutMs} ms (the Console gives up at 20 s)`)
    // The Console saves an empty Number field as null.
    .nullish()
    .transform((value) => value ?? undefined),
  /** `tencentDefaultLanguage` (the form's "Tencent default") asks for no language: no header. */
  language: z
    .enum(['zh-CN', 'en-US', tencentDefaultLanguage])
    .optional()
    .transform((value) => (value === tencentDefaultLanguage ? undefined : value)),
  /** Region allow-list and budgets per requesting network (see `src/abuse-guard`). */
  abuseProtection: abuseProtectionFieldGuard,
  redisUrl: redisUrlGuard.optional(),
  /** Console switches that show a group of fields; switched off, the group is not used. */
  international: z.boolean().optional(),
  advanced: z.boolean().optional(),
  pumpingProtection: z.boolean().optional(),
});

/** A mainland send without a signature is refused by Tencent: ask for it when one can happen. */
const signNameWhereNeeded = configFieldsGuard.superRefine((config, context) => {
  if (config.signName === undefined && servesMainland(config.templates)) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['signName'],
      // Said in few words: the toast shows it after `Error in key path "signName": (custom) `.
      message: 'required for +86 numbers',
    });
  }
});

/** The fields each Console switch shows (and, switched off, turns off). */
export const switchedFields = {
  international: ['internationalSignName', 'senderId'],
  advanced: ['endpoint', 'sessionToken', 'timeout', 'language'],
  pumpingProtection: ['abuseProtection', 'redisUrl'],
} as const satisfies Record<string, ReadonlyArray<keyof TencentSmsConfigInput>>;

/**
 * Fields the form hides are not used: the Console keeps what was typed into a group after its
 * switch is turned off, and an endpoint left over from trying the emulator must not silently
 * carry real codes there. Only a switch that is explicitly false does this; a config without
 * switches (written by hand or through the API) is used as written.
 */
const withoutSwitchedOffFields = (config: unknown): unknown => {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return config;
  }
  const record = config as Record<string, unknown>;
  const off = Object.entries(switchedFields).filter(([name]) => record[name] === false);
  if (off.length === 0) {
    return config;
  }
  const kept = { ...record };
  for (const [, fields] of off) {
    for (const field of fields) {
      delete kept[field];
    }
  }
  return kept;
};

export const tencentSmsConfigGuard = z.preprocess(withoutSwitchedOffFields, signNameWhereNeeded);
/** A config after validation: trimmed values and a parsed endpoint. */
export type TencentSmsConfig = z.output<typeof configFieldsGuard>;
/**
 * A config as an admin writes it (the Console form, a JSON file). The templates are spelled out
 * because their guard first drops placeholder entries, which leaves zod's input type `unknown`.
 */
export type TencentSmsConfigInput = Omit<z.input<typeof configFieldsGuard>, 'templates'> & {
  templates: Array<z.input<typeof templateGuard>>;
};

const sendStatusGuard = z.object({
  SerialNo: z.string().optional(),
  PhoneNumber: z.string(),
  Fee: z.number().optional(),
  SessionContext: z.string().optional(),
  Code: z.string(),
  Message: z.string().optional(),
  IsoCode: z.string().optional(),
});
export type SendStatus = z.infer<typeof sendStatusGuard>;

export const tencentErrorBodyGuard = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string(), Message: z.string() }),
    RequestId: z.string().optional(),
  }),
});
export type TencentErrorBody = z.infer<typeof tencentErrorBodyGuard>;

export const sendSmsSuccessBodyGuard = z.object({
  Response: z.object({
    SendStatusSet: z.array(sendStatusGuard),
    RequestId: z.string(),
  }),
});

/** What `sendMessage` resolves with: enough for an admin to find the message in Tencent's logs. */
export type SendSmsResult = {
  requestId: string;
  messages: Array<{
    phoneNumber: string;
    serialNo?: string;
    fee?: number;
    isoCode?: string;
  }>;
};
