import dns, { type LookupAddress } from 'node:dns';
import tls, { type ConnectionOptions } from 'node:tls';

import { tencentHost } from './host.js';

/**
 * Loaded with `--import` into bench children only. Resolves the Tencent host to 127.0.0.1 and
 * sends its port 443 to the stand-in's port, so that every candidate runs its real code path
 * (hostname, SNI, certificate check, default port) against loopback. Any other name fails to
 * resolve: a bench run can never reach a real network.
 */
const port = Number(process.env.BENCH_TARGET_PORT);
const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', tencentHost]);

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void;

const patchedLookup = (hostname: string, options: unknown, callback?: LookupCallback) => {
  const done = (typeof options === 'function' ? options : callback) as LookupCallback;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  process.nextTick(() => {
    if (!loopbackNames.has(hostname)) {
      const error: NodeJS.ErrnoException = new Error(`bench: ${hostname} is not resolved`);
      error.code = 'ENOTFOUND';
      done(error, all ? [] : '');
      return;
    }
    const address = hostname === '::1' ? '::1' : '127.0.0.1';
    const family = address === '::1' ? 6 : 4;
    if (all) {
      done(null, [{ address, family }]);
    } else {
      done(null, address, family);
    }
  });
};
(dns as { lookup: unknown }).lookup = patchedLookup;

const originalConnect = tls.connect.bind(tls);
(tls as { connect: unknown }).connect = (...args: unknown[]) => {
  const [options] = args;
  if (typeof options === 'object' && options !== null) {
    const target = options as ConnectionOptions;
    const isTencent = target.host === tencentHost || target.servername === tencentHost;
    if (isTencent && Number(target.port ?? 443) === 443) {
      args[0] = { ...target, port };
    }
  }
  return (originalConnect as (...rest: unknown[]) => tls.TLSSocket)(...args);
};
