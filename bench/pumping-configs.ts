import type { Audience } from './pumping-runs.js';

/**
 * The configurations the pumping runs compare, as data. Each is a connector config as Logto would
 * store it, built from the form's own defaults so the bench follows whatever a new connector gets.
 */

export type ConfigId = 'off' | 'default' | 'bare' | 'suggested';

/** What a configuration is built from. */
export type ConfigInputs = {
  /** Every form item's `defaultValue`: what the Console saves for a new connector. */
  formDefaults: Record<string, unknown>;
  /** Credentials, templates and endpoint of the Tencent stand-in (the emulator). */
  connection: Record<string, unknown>;
  /** Every region `allowedRegions` accepts: a global service's list. */
  regions: readonly string[];
};

export type PumpingConfig = {
  id: ConfigId;
  label: string;
  /** What the column means, for the report. */
  meaning: string;
  build: (inputs: ConfigInputs, audience: Audience) => Record<string, unknown>;
};

const hour = 3600;
const day = 86_400;

/**
 * The README's suggested **Abuse protection** per audience (its "Suggested" table): a region list
 * and budgets per source, pasted over the form's default. A global service lists every region.
 */
export const suggestedSettings: Record<Audience, (regions: readonly string[]) => Record<string, unknown>> = {
  mainland: () => ({
    allowedRegions: ['CN'],
    perSource: { max: 20, windowSeconds: hour },
    distinctNumbersPerSource: { max: 5, windowSeconds: day },
  }),
  global: (regions) => ({
    allowedRegions: [...regions],
    perSource: { max: 5, windowSeconds: hour },
    distinctNumbersPerSource: { max: 3, windowSeconds: day },
  }),
};

/**
 * The connection overrides the form: the Console would show the same fields filled in. The
 * endpoint lives behind the `advanced` switch, which must be on for it to count.
 */
const formWith = ({ formDefaults, connection }: ConfigInputs, extra: Record<string, unknown> = {}) => ({
  ...formDefaults,
  ...connection,
  advanced: true,
  ...extra,
});

export const pumpingConfigs: PumpingConfig[] = [
  {
    id: 'off',
    label: 'no protection',
    meaning: 'the form with its **SMS pumping protection** switch turned off (`pumpingProtection: false`)',
    build: (inputs) => formWith(inputs, { pumpingProtection: false }),
  },
  {
    id: 'default',
    label: 'default form',
    meaning: "what a new connector gets: every form item's default value, as the Console saves them, plus credentials and templates",
    build: (inputs) => formWith(inputs),
  },
  {
    id: 'bare',
    label: 'credentials only',
    meaning: 'a config with nothing but credentials, templates and endpoint (written by hand or through the API: no switch, no `abuseProtection`)',
    build: ({ connection }) => ({ ...connection }),
  },
  {
    id: 'suggested',
    label: 'suggested',
    meaning:
      "the README's suggested stricter settings for the run's audience, pasted into **Abuse protection** with the switch on: mainland runs `Mainland China only`, the others `Global` with every region listed",
    build: (inputs, audience) =>
      formWith(inputs, { pumpingProtection: true, abuseProtection: suggestedSettings[audience](inputs.regions) }),
  },
];
