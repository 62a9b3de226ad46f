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
 * The README's stricter settings per audience ("Stricter settings, by audience"), pasted over the
 * form's default: a mainland-only app lists CN and nothing else (no budgets per source, which
 * carrier-grade NAT would trip); an international app lists the countries it serves (here, a
 * service for every region: all of them) and adds the README's budgets per source.
 */
export const suggestedSettings: Record<Audience, (regions: readonly string[]) => Record<string, unknown>> = {
  mainland: () => ({ allowedRegions: ['CN'] }),
  global: (regions) => ({
    allowedRegions: [...regions],
    perSource: { max: 10, windowSeconds: hour },
    distinctNumbersPerSource: { max: 3, windowSeconds: day },
  }),
};

/**
 * The connection overrides the form: the Console would show the same fields filled in. The
 * endpoint lives behind the `advanced` switch, which must be on for it to count. An app with users
 * abroad turns **International numbers** on (saved off, only +86 numbers get codes); a mainland
 * app leaves it as the form saves it.
 */
const formWith = (
  { formDefaults, connection }: ConfigInputs,
  audience: Audience,
  extra: Record<string, unknown> = {}
) => ({
  ...formDefaults,
  ...connection,
  advanced: true,
  ...(audience === 'global' ? { international: true } : {}),
  ...extra,
});

export const pumpingConfigs: PumpingConfig[] = [
  {
    id: 'off',
    label: 'no protection',
    meaning: 'the form with its **SMS pumping protection** switch turned off (`pumpingProtection: false`)',
    build: (inputs, audience) => formWith(inputs, audience, { pumpingProtection: false }),
  },
  {
    id: 'default',
    label: 'default form',
    meaning: "what a new connector gets: every form item's default value, as the Console saves them, plus credentials and templates (and **International numbers** turned on for the runs of an app with users abroad)",
    build: (inputs, audience) => formWith(inputs, audience),
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
      "the README's stricter settings for the run's audience, pasted into **Abuse protection** with the switch on: for a mainland-only app the region list `CN` alone; for an international app the countries it serves (here every region) with 10 codes per source per hour and 3 numbers per source per day",
    build: (inputs, audience) =>
      formWith(inputs, audience, { pumpingProtection: true, abuseProtection: suggestedSettings[audience](inputs.regions) }),
  },
];
