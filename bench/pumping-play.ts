import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { PumpingRun, PumpingSend } from './pumping-runs.js';

/**
 * Plays a run against the connector: over real HTTP to the project's emulator (codes paid for,
 * users refused), and through the guard alone (its cost per send, in each store).
 */

type Factory = (options: { getConfig: (id: string) => Promise<unknown> }) => Promise<{
  sendMessage: (data: Record<string, unknown>, config?: unknown) => Promise<unknown>;
}>;
type GuardSend = (config: never, send: { to: unknown; ip?: unknown; countBudgets: boolean }) => Promise<void>;
type FormItem = { key: string; defaultValue?: unknown };
type Emulator = { url: string; close: () => Promise<void> };
type EmulatorOutcome = { code: string; statuses: ReadonlyArray<{ Code: string }> };

/** The parts of the built connector the bench drives, loaded from `lib/` (or `src/` in a test). */
export type Project = {
  createConnector: Factory;
  formItems: readonly FormItem[];
  parseConfig: (config: unknown) => { success: boolean; data?: unknown; error?: unknown };
  guardSend: GuardSend;
  closeRedisConnections: () => Promise<void>;
  startEmulator: (options: {
    account: unknown;
    onApiCall: (outcome: EmulatorOutcome) => void;
  }) => Promise<Emulator>;
  defaultAccount: () => { apps: Array<Record<string, unknown>>; limits: Record<string, number> };
  connectorConfigFor: (endpoint: string) => Record<string, unknown>;
  /** Every region `allowedRegions` accepts. */
  regions: readonly string[];
};

/**
 * Imports the connector's modules from `root` (a folder holding `index.<ext>`). The region list
 * comes from the number reading's supported regions where that module exists, else from the
 * ISO list the config checks against.
 */
export const loadProject = async (root: string, ext = 'js'): Promise<Project> => {
  const load = async <T>(path: string): Promise<T> =>
    (await import(pathToFileURL(join(root, `${path}.${ext}`)).href)) as T;
  const index = await load<{ default: Factory }>('index');
  const constant = await load<{ defaultMetadata: { formItems: FormItem[] } }>('constant');
  const types = await load<{ tencentSmsConfigGuard: { safeParse: Project['parseConfig'] } }>('types');
  const guard = await load<{ guardSend: GuardSend }>('abuse-guard/index');
  const connection = await load<{ closeRedisConnections: () => Promise<void> }>('abuse-guard/stores/redis-connection');
  const emulator = await load<Pick<Project, 'startEmulator' | 'defaultAccount' | 'connectorConfigFor'>>('emulator/index');
  const regions = existsSync(join(root, `numbers/supported-regions.${ext}`))
    ? (await load<{ supportedRegions: ReadonlySet<string> }>('numbers/supported-regions')).supportedRegions
    : (await load<{ isoRegionCodes: ReadonlySet<string> }>('abuse-guard/iso-regions')).isoRegionCodes;
  return {
    createConnector: index.default,
    formItems: constant.defaultMetadata.formItems,
    parseConfig: (config) => types.tencentSmsConfigGuard.safeParse(config),
    guardSend: guard.guardSend,
    closeRedisConnections: connection.closeRedisConnections,
    startEmulator: emulator.startEmulator,
    defaultAccount: emulator.defaultAccount,
    connectorConfigFor: emulator.connectorConfigFor,
    regions: [...regions].sort(),
  };
};

/** Every form item's default value, as the Console saves a new connector's form. */
export const formDefaults = (project: Project): Record<string, unknown> =>
  Object.fromEntries(
    project.formItems.filter((item) => item.defaultValue !== undefined).map((item) => [item.key, item.defaultValue])
  );

/**
 * Why the connector refused a send, in a word: the abuse-protection rule its advice or message
 * names (`abuseProtection.perPrefix` → `perPrefix`), else the error code.
 */
export const refusalReason = (error: unknown): string => {
  const record = (error ?? {}) as { code?: unknown; data?: unknown; message?: unknown; advice?: unknown };
  // The operator's advice names the rule; what the browser gets (`data`) names it in words only.
  const text = `${String(record.advice ?? '')} ${String(record.message ?? '')} ${JSON.stringify(record.data ?? null)}`;
  const rule = /abuseProtection\.(\w+)/.exec(text)?.[1];
  return rule ?? (typeof record.code === 'string' ? record.code : 'error');
};

/** Runs `work` over `items` with at most `inFlight` at once, in order of start. */
const pool = async <T>(items: readonly T[], inFlight: number, work: (item: T, index: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        await work(items[index]!, index);
      }
    })
  );
};

/** How Logto hands the number over: digits with the country code, no plus. */
const asLogtoSends = (send: PumpingSend) => send.to.replace(/^\+/, '');

export type RunOutcome = {
  attempts: number;
  /** Sends the connector let through that Tencent (the emulator) answered Ok: codes paid for. */
  paid: number;
  /** Refused sends by reason (rule name or error code). */
  refused: Record<string, number>;
  /** Legitimate runs: users with at least one refused send, and users who got no code at all. */
  usersRefused: number;
  usersWithoutCode: number;
  /** Sends that failed for another reason than a refusal (should be none). */
  failures: string[];
};

/** A Tencent stand-in that counts what it was paid for: the project's emulator, limits off. */
export const startCountingEmulator = async (project: Project, sdkAppIds: readonly string[]) => {
  const account = project.defaultAccount();
  const region = account.apps[0]?.region ?? 'ap-guangzhou';
  account.apps.push(...sdkAppIds.map((sdkAppId) => ({ ...account.apps[0], sdkAppId, region })));
  // Tencent's per-number limits are the app's business, not the guard's: off, so a user's second
  // code is judged by the connector alone.
  account.limits = { perThirtySeconds: 0, perHour: 0, perDay: 0 };
  let paid = 0;
  const emulator = await project.startEmulator({
    account,
    onApiCall: (outcome) => {
      paid += outcome.statuses.filter((status) => status.Code === 'Ok').length;
    },
  });
  return { emulator, paid: () => paid };
};

/** Plays a run through `sendMessage` over HTTP to the emulator. */
export const playOverHttp = async (
  project: Project,
  counting: Awaited<ReturnType<typeof startCountingEmulator>>,
  config: Record<string, unknown>,
  run: PumpingRun
): Promise<RunOutcome> => {
  const connector = await project.createConnector({ getConfig: async () => config });
  const paidBefore = counting.paid();
  const refused: Record<string, number> = {};
  const refusedUsers = new Set<number>();
  const servedUsers = new Set<number>();
  const failures: string[] = [];
  await pool(run.sends, run.inFlight, async (send) => {
    try {
      await connector.sendMessage({ to: asLogtoSends(send), type: 'SignIn', payload: { code: '123456' }, ip: send.ip });
      if (send.user !== undefined) {
        servedUsers.add(send.user);
      }
    } catch (error) {
      const reason = refusalReason(error);
      const isRefusal = reason !== 'error' && !/^(general|invalid_response|invalid_config)$/.test(reason);
      if (!isRefusal) {
        failures.push(`${send.to}: ${String((error as Error).message ?? error).slice(0, 200)}`);
      }
      refused[reason] = (refused[reason] ?? 0) + 1;
      if (send.user !== undefined) {
        refusedUsers.add(send.user);
      }
    }
  });
  const users = run.users ?? 0;
  return {
    attempts: run.sends.length,
    paid: counting.paid() - paidBefore,
    refused,
    usersRefused: refusedUsers.size,
    usersWithoutCode: run.users === undefined ? 0 : users - servedUsers.size,
    failures,
  };
};

export type GuardCost = {
  /** Per call, µs. */
  durationsUs: number[];
  cpuUs: number;
  calls: number;
  accepted: number;
};

/**
 * Calls the guard alone, one send after another, as `sendOne` calls it: the cost per send of the
 * rules and the store, without HTTP. `config` is the parsed connector config.
 */
export const replayGuard = async (project: Project, config: unknown, run: PumpingRun): Promise<GuardCost> => {
  const durationsUs: number[] = [];
  let accepted = 0;
  const cpuBefore = process.cpuUsage();
  for (const send of run.sends) {
    const start = performance.now();
    try {
      await project.guardSend(config as never, { to: asLogtoSends(send), ip: send.ip, countBudgets: true });
      accepted += 1;
    } catch {
      // A refusal: its cost counts like an acceptance's.
    }
    durationsUs.push((performance.now() - start) * 1000);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { durationsUs, cpuUs: cpu.user + cpu.system, calls: run.sends.length, accepted };
};

/**
 * The guard alone with `inFlight` sends of the run outstanding at once, as a burst from many
 * clients reaches one Logto: how many it accepts. A store that checks and counts in one atomic
 * step accepts exactly what a sequential replay does.
 */
export const burstGuard = async (project: Project, config: unknown, run: PumpingRun, inFlight: number): Promise<number> => {
  let accepted = 0;
  await pool(run.sends, inFlight, async (send) => {
    try {
      await project.guardSend(config as never, { to: asLogtoSends(send), ip: send.ip, countBudgets: true });
      accepted += 1;
    } catch {
      // Refused.
    }
  });
  return accepted;
};

/** The parsed config, or an error naming what the connector refused in it. */
export const parsedConfig = (project: Project, config: Record<string, unknown>): unknown => {
  const result = project.parseConfig(config);
  if (!result.success) {
    throw new Error(`the connector refuses this config: ${String(result.error).slice(0, 400)}`);
  }
  return result.data;
};
