import type { IdleResult } from './idle.js';

const kinds = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([kind, count]) => `${count}× ${kind}`)
    .join(', ') || '—';

/** The idle-connection runs as a Markdown section of the benchmark page. */
export const renderIdleSection = (idle: IdleResult | undefined, error?: string): string[] => {
  if (!idle) {
    return error ? ['## Idle connections', '', `The idle-connection job failed: ${error}`, ''] : [];
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  return [
    '## Idle connections: a server closing them, a path dropping them',
    '',
    `A stand-in that closes each idle connection T after its last answer, behind the delay proxy (${idle.rttMs} ms round trip, so its close reaches the client half a round trip later). Each lane opens a connection with one send, waits T ± ${idle.jitterMs} ms (spread evenly over the lanes) and sends once more; lanes start 40 ms apart, and the last column shows how late the counted sends left against plan (a loaded machine runs timers late); an error is a send that failed, which the connector reports as "may or may not have been sent". Lanes use the transport (\`lib/transport\`) each with its own pool. The client bound is scaled down to seconds to keep the run short (production: ${seconds(idle.productionBoundMs)} when the server announces nothing); the last row uses the production default and a server announcing its timeout.`,
    '',
    '| server closes idle after T | Keep-Alive header | client bound | user-visible errors / sends | kinds | sends late by, ms (p90 / max) |',
    '| --- | --- | ---: | ---: | --- | ---: |',
    ...idle.races.map(
      (race) =>
        `| ${seconds(race.closeIdleAfterMs)} (${race.name}) | ${race.keepAlive ?? 'none'} | ${seconds(race.clientBoundMs)} | ${race.errors} / ${race.sends}${Object.keys(race.setupErrors).length > 0 ? ` (lanes that failed to open, not counted: ${kinds(race.setupErrors)})` : ''} | ${kinds(race.errorKinds)} | ${race.lateP90Ms.toFixed(0)} / ${race.lateMaxMs.toFixed(0)} |`
    ),
    '',
    `A connection dropped silently: after one send per lane the proxy stops carrying the lanes' open connections without closing them (a NAT or firewall that forgot the flow); after a pause each lane sends again with a ${idle.drops[0]?.timeoutMs ?? 0} ms deadline (the connector's default is 10 s). On loopback the TCP stack still acknowledges probes, so TCP keep-alive cannot notice this drop here; the idle bound is what limits it.`,
    '',
    '| pause after the drop | client bound | outcome of the next send | median time, ms |',
    '| --- | ---: | --- | ---: |',
    ...idle.drops.map(
      (drop) =>
        `| ${seconds(drop.pauseMs)} (${drop.name}) | ${seconds(drop.clientBoundMs)} | ${kinds(drop.outcomes)} | ${drop.medianMs.toFixed(0)} |`
    ),
    '',
  ];
};
