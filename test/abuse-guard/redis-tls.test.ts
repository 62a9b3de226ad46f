import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';

import { closeRedisConnections, withRedis } from '../../src/abuse-guard/stores/redis-connection.js';
import { redisServerAvailable } from '../helpers/redis-server.js';
import { startTlsRedis, type TlsRedis } from '../helpers/redis-tls.js';

/**
 * `rediss:` URLs against a Redis that speaks only TLS and wants a client certificate. Unlike
 * Logto, which checks the server's certificate only when `reject_unauthorized` is a yes, the
 * connector checks it unless `reject_unauthorized` is a no.
 */
describe.runIf(redisServerAvailable())('Redis over TLS', () => {
  let redis: TlsRedis;
  let stderr: MockInstance<typeof process.stderr.write>;

  beforeAll(async () => {
    redis = await startTlsRedis();
    // node-redis is imported on the first call; loaded here so the first call meets Redis at once.
    await import('redis');
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    stderr?.mockRestore();
    await closeRedisConnections();
  });

  const urlWith = (parameters: Record<string, string>) =>
    `rediss://:${redis.password}@127.0.0.1:${redis.port}?${new URLSearchParams(parameters).toString()}`;
  const ping = async (url: string) => withRedis(url, async (client) => client.ping());
  const warnings = () => stderr.mock.calls.map(([line]) => String(line as unknown)).filter((line) => line.includes('Redis at'));

  it('connects with the CA from certroot and the client certificate from cert and key', async () => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { ca, clientCert, clientKey } = redis.files;
    expect(await ping(urlWith({ certroot: ca, cert: clientCert, key: clientKey }))).toBe('PONG');
    expect(warnings()).toEqual([]);
  });

  it('refuses a server certificate it cannot verify, unless reject_unauthorized is a no', async () => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { clientCert, clientKey } = redis.files;
    // Signed by a CA the system does not trust: not connected, and the warning says why.
    expect(await ping(urlWith({ cert: clientCert, key: clientKey }))).toBeUndefined();
    expect(warnings().join('\n')).toMatch(/Redis at rediss:\/\/127\.0\.0\.1:\d+ is unavailable \(TLS failed: .*certificate/i);
    expect(warnings().join('\n')).not.toContain(redis.password);
    await closeRedisConnections();
    expect(await ping(urlWith({ cert: clientCert, key: clientKey, reject_unauthorized: 'no' }))).toBe('PONG');
  });
});
