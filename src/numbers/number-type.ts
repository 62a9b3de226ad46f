/**
 * The kinds of number libphonenumber's metadata tells apart, spelt as the config spells them
 * (kebab-case). Kept apart from the reading itself so that config validation can name them without
 * loading the metadata.
 */
export const numberTypes = [
  'premium-rate',
  'shared-cost',
  'toll-free',
  'personal-number',
  'uan',
  'voicemail',
  'pager',
  'voip',
  'mobile',
  'fixed-line',
  'fixed-line-or-mobile',
] as const;

/** One kind of number: `mobile`, `premium-rate`, … (see `numberTypes`). */
export type NumberType = (typeof numberTypes)[number];

const known: ReadonlySet<string> = new Set(numberTypes);

/** Whether a string is one of `numberTypes`. */
export const isNumberType = (value: string): value is NumberType => known.has(value);
