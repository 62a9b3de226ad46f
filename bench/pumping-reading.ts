import type { ConfigId } from './pumping-configs.js';
import { costKey, count, outcomeKey, storeLabels, type PumpingResults } from './pumping-results.js';
import { median } from './stats.js';

/**
 * A few sentences on what the table means, each written only when the figures bear it out: the
 * report is regenerated on every run, so nothing here may outlive the numbers it speaks of.
 */
export const reading = (results: PumpingResults): string[] => {
  const paid = (config: ConfigId, run: string) => results.outcomes.get(outcomeKey(config, run))?.paid;
  const refused = (config: ConfigId, run: string) => results.outcomes.get(outcomeKey(config, run))?.usersRefused;
  const run = (id: string) => results.runs.find((item) => item.id === id);
  const has = (config: ConfigId) => results.configs.some((item) => item.id === config);
  const legitimate = results.runs.filter((item) => item.kind === 'legitimate');
  const addresses = (id: string) => new Set(run(id)?.sends.map((send) => send.ip)).size;
  const lines: string[] = [];

  if (has('default') && run('block') && run('premium')) {
    const block = paid('default', 'block') ?? 0;
    const premium = paid('default', 'premium') ?? 0;
    const untouched = legitimate.every((item) => refused('default', item.id) === 0);
    lines.push(
      `With the form as a new connector has it, the block run was paid for ${count(block)} times of ${count(run('block')!.sends.length)} and the premium-rate run ${count(premium)} times of ${count(run('premium')!.sends.length)}${
        untouched ? ', while every legitimate run passed untouched' : ', but legitimate users were refused (see above)'
      }. These rules judge the destination, so the ${count(addresses('block') + addresses('premium'))} different addresses the two runs came from made no difference.${
        block > 0 ? ` Windows are hourly: a run that keeps at one block all day gets ${count(block)} codes each hour.` : ''
      }`
    );
  }

  const rotations = ['ipv6-site', '6to4', 'forged-xff'].filter((id) => run(id));
  if (has('default') && rotations.length > 0 && rotations.every((id) => (paid('default', id) ?? Infinity) <= 50)) {
    lines.push(
      `The runs that rotate addresses over UK mobile numbers spread across many blocks got ${rotations
        .map((id) => count(paid('default', id)!))
        .join(', ')} codes under the default form: no block filled, but the app had never served the United Kingdom, so the per-country budget gave it 20 that day (the +44 7 range also holds Guernsey, Jersey and the Isle of Man, each a country of its own). No address change escapes it.`
    );
  }
  if (has('default') && rotations.length > 0 && rotations.every((id) => paid('default', id) === run(id)!.sends.length)) {
    lines.push(
      'The default form has no budgets per source (only the operator can size them for the audience), so runs that rotate addresses over ordinary mobile numbers spread across many blocks are paid for in full there; the suggested settings are what bound them.'
    );
  }
  if (has('suggested') && run('ipv6-site') && run('6to4')) {
    const sites = run('ipv6-site')!.sends.length;
    const site = paid('suggested', 'ipv6-site') ?? 0;
    lines.push(
      `With the suggested settings, ${count(sites)} /64s of one /48 got ${count(site)} codes (${
        site < sites
          ? 'the /48 is capped at a multiple of `perSource.max`'
          : 'every one: the /48 cap, a multiple of `perSource.max`, lies above this run'
      }) and ${count(run('6to4')!.sends.length)} 6to4 /64s of one IPv4 host got ${count(paid('suggested', '6to4') ?? 0)} (counted as that IPv4 address).`
    );
  }
  if (run('forged-xff') && results.configs.every((config) => (paid(config.id, 'forged-xff') ?? 0) === run('forged-xff')!.sends.length)) {
    lines.push(
      `A forged X-Forwarded-For was paid for in full under every configuration: each request brings an address of its own, and no budget per source can see through that. Only the deployment closes it: the proxy in front of Logto must overwrite the header with the client's address, and without a proxy Logto must not trust it. The destination rules still hold such a run when it walks one block or premium-rate numbers (the first two rows came from ${count(addresses('block'))} and ${count(addresses('premium'))} different addresses).`
    );
  }
  const sharedRefusals = legitimate.filter((item) => (refused('suggested', item.id) ?? 0) > 0);
  if (has('suggested') && sharedRefusals.length > 0) {
    lines.push(
      `The suggested budgets per source refuse users who share an address: ${sharedRefusals
        .map((item) => `${count(refused('suggested', item.id)!)} of ${count(item.users ?? 0)} in "${item.title}"`)
        .join(', ')}. They suit users who arrive from addresses of their own; for mainland mobile traffic behind carrier-grade NAT (here ${count(
        Math.round((run('cgnat')?.sends.length ?? 0) / Math.max(addresses('cgnat'), 1))
      )} codes per address), leave them out or size them to the busiest address, and let the destination rules do the work.`
    );
  }

  const coldStart = (['default', 'bare'] as const).filter((config) => has(config) && (refused(config, 'international') ?? 0) > 0);
  if (run('international') && coldStart.length > 0) {
    const users = run('international')!.users ?? 0;
    lines.push(
      `Users of every region are refused in part under ${coldStart
        .map((config) => `the ${results.configs.find((item) => item.id === config)!.label} (${count(refused(config, 'international')!)} of ${count(users)})`)
        .join(' and ')}: that run sends to 245 countries within seconds of a cold start, which is what a run over many small destinations looks like. Countries the app has not served yet share 100 codes a day (\`perCountry.newCountries\`), and what a country may get is learned from the app's traffic over days (the per-country runs below: from its second week nothing of the app's own traffic is refused). An app that serves every region from its first day lists them in \`allowedRegions\`, as the suggested settings do: listed countries count as served.`
    );
  }

  const costOf = (config: ConfigId, store: 'memory' | 'redis' | 'cluster') => {
    const cost = results.costs.get(costKey(config, store));
    return cost && !cost.skipped && cost.calls > 0 ? median(cost.durationsUs) : undefined;
  };
  const memory = costOf('default', 'memory');
  const redis = costOf('default', 'redis');
  const cluster = costOf('default', 'cluster');
  if (memory !== undefined) {
    lines.push(
      `The default rules cost a median ${memory.toFixed(1)} µs per send in process${
        redis !== undefined ? `, ${redis.toFixed(0)} µs with Redis` : ''
      }${cluster !== undefined ? ` and ${cluster.toFixed(0)} µs with Redis Cluster (one script call per send, a loopback round trip)` : ''}; a send's own CPU and its round trip to Tencent are in the first table of this page.`
    );
  }
  const stores = results.stores.filter((store) => store !== 'memory');
  const agree = stores.every((store) =>
    results.configs.every((config) => {
      const cost = results.costs.get(costKey(config.id, store));
      const inProcess = results.costs.get(costKey(config.id, 'memory'));
      return cost && !cost.skipped && cost.differs.length === 0 && cost.burstAccepted === inProcess?.burstAccepted;
    })
  );
  if (stores.length > 0 && agree) {
    lines.push(
      `${stores.map((store) => storeLabels[store]).join(' and ')} reached the same verdicts as the process, one send after another and in the burst.`
    );
  }
  return lines.flatMap((line) => [line, '']).slice(0, -1);
};
