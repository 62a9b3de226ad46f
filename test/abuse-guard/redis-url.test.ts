import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readRedisUrl, redisLocation, redisUrlSecrets, type RedisTarget } from '../../src/abuse-guard/redis-url.js';
import { redact } from '../../src/errors/redact.js';

const target = (value: string): RedisTarget => {
  const read = readRedisUrl(value);
  if ('problem' in read) {
    throw new Error(`refused: ${read.problem}`);
  }
  return read;
};
const problem = (value: string): string | undefined => {
  const read = readRedisUrl(value);
  return 'problem' in read ? read.problem : undefined;
};

describe("Logto's REDIS_URL grammar", () => {
  let folder: string;
  let pem: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'redis-url-'));
    pem = path.join(folder, 'file.pem');
    await writeFile(pem, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads one server: host, port, database, user and password percent-decoded', () => {
    expect(target('redis://app%40ops:pa%5Es%25s%2Fw@redis.internal:6380/3')).toEqual({
      cluster: false,
      nodes: [{ host: 'redis.internal', port: 6380 }],
      database: 3,
      username: 'app@ops',
      password: 'pa^s%s/w',
      tls: undefined,
    });
    expect(target('redis://redis.internal')).toMatchObject({ nodes: [{ host: 'redis.internal', port: 6379 }], database: 0 });
    expect(target('redis://:p@[fd00::7]:7000/0').nodes).toEqual([{ host: 'fd00::7', port: 7000 }]);
  });

  it('reads a userinfo without a colon as the password, as redis-cli does (AUTH with one argument)', () => {
    expect(target('redis://s3cret%2Fpw@redis.internal:6379')).toMatchObject({ username: undefined, password: 's3cret/pw' });
    expect(target('redis://s3cret@n1:7000?cluster=1&host=n2:7001')).toMatchObject({ cluster: true, username: undefined, password: 's3cret' });
    // An unencoded @ in it: the userinfo ends at the last one, as the URL parser reads it.
    expect(target('redis://p@ss@redis.internal')).toMatchObject({ username: undefined, password: 'p@ss', nodes: [{ host: 'redis.internal', port: 6379 }] });
    // With a colon, the part before it is the user, even with nothing after it.
    expect(target('redis://app:@redis.internal')).toMatchObject({ username: 'app', password: undefined });
    expect(target('redis://app:pw@redis.internal')).toMatchObject({ username: 'app', password: 'pw' });
    expect(target('redis://:pw@redis.internal')).toMatchObject({ username: undefined, password: 'pw' });
  });

  it('keeps a stray % in a password as it is, as Logto does, instead of failing', () => {
    expect(target('redis://:100%pure@redis.internal').password).toBe('100%pure');
  });

  it.each(['1', 'true', 'Y', 'yes', 'YEAH'])('reads a bare yes (%s) as the default local server, as Logto does', (value) => {
    expect(target(value)).toEqual({ cluster: false, nodes: [{ host: 'localhost', port: 6379 }], database: 0 });
  });

  it.each(['1', 'true', 'TRUE', 'y', 'Yes', 'yep'])('cluster=%s is a cluster: root nodes from the host and every host= parameter', (flag) => {
    expect(target(`redis://default:s%40cret@node1:7000?cluster=${flag}&host=node2:7001&host=[fd00::3]:7002&host=node4`)).toEqual({
      cluster: true,
      nodes: [
        { host: 'node1', port: 7000 },
        { host: 'node2', port: 7001 },
        { host: 'fd00::3', port: 7002 },
        { host: 'node4', port: 6379 },
      ],
      database: 0,
      username: 'default',
      password: 's@cret',
      tls: undefined,
    });
  });

  it('takes a cluster named by host= parameters only, and ignores host= without the cluster flag, as Logto does', () => {
    expect(target('redis://?cluster=1&host=node2:7001').nodes).toEqual([{ host: 'node2', port: 7001 }]);
    expect(target('redis://node1:7000?host=node2:7001')).toMatchObject({ cluster: false, nodes: [{ host: 'node1', port: 7000 }] });
    expect(target('redis://node1:7000?cluster=0&host=node2:7001').cluster).toBe(false);
  });

  it('reads rediss: as TLS that verifies certificates unless reject_unauthorized is a no', () => {
    expect(target('rediss://redis.internal:6380').tls).toEqual({ rejectUnauthorized: true });
    expect(target('rediss://redis.internal?reject_unauthorized=1').tls?.rejectUnauthorized).toBe(true);
    for (const no of ['0', 'false', 'No', 'n']) {
      expect(target(`rediss://redis.internal?reject_unauthorized=${no}`).tls?.rejectUnauthorized).toBe(false);
    }
    expect(target(`rediss://redis.internal?cert=${pem}&key=${pem}&certroot=${pem}`).tls).toEqual({
      rejectUnauthorized: true,
      certFile: pem,
      keyFile: pem,
      caFile: pem,
    });
    expect(target(`rediss://n1:7000?cluster=1&host=n2:7001&certroot=${pem}`)).toMatchObject({ cluster: true, tls: { caFile: pem } });
    // Without TLS the file parameters mean nothing, as in Logto.
    expect(target('redis://redis.internal?certroot=/nowhere.pem').tls).toBeUndefined();
  });

  it.each([
    ['no URL', 'redis.internal:6379', /redis:\/\/ or rediss:\/\//],
    ['another scheme', 'http://redis.internal', /redis:\/\/ or rediss:\/\//],
    ['no host', 'redis://:secret-pw@', /redis:\/\/ or rediss:\/\//],
    ['no host, with a query', 'redis://?cluster=0', /must name the Redis host/],
    ['a database beyond 15', 'redis://redis.internal/16', /0 to 15/],
    ['a path that is no number', 'redis://redis.internal/cache', /database number/],
    ['a cluster with database 1', 'redis://n1:7000/1?cluster=1', /only database 0/],
    ['a malformed host= parameter', 'redis://n1:7000?cluster=1&host=n2:notaport', /host=/],
    ['a port out of range in host=', 'redis://n1:7000?cluster=1&host=n2:70000', /host=/],
    ['reject_unauthorized neither yes nor no', 'rediss://redis.internal?reject_unauthorized=maybe', /reject_unauthorized/],
    ['a client certificate without its key', 'rediss://redis.internal?cert=/etc/hosts', /both or neither/],
  ])('refuses %s, with a reason that does not quote the URL', (_name, value, reason) => {
    expect(problem(value)).toMatch(reason);
    expect(problem(value)).not.toContain('secret-pw');
  });

  it('refuses a TLS file it cannot read, naming the parameter and the cause', () => {
    expect(problem(`rediss://redis.internal?certroot=${path.join(folder, 'missing.pem')}`)).toMatch(/certroot .*cannot be read \(ENOENT\)/);
    expect(problem(`rediss://redis.internal?cert=${pem}&key=${folder}`)).toMatch(/key .*cannot be read \(not a file\)/);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((text) => `redis://${text}`)), (value) => {
        const read = readRedisUrl(value);
        expect('problem' in read || read.nodes.length > 0).toBe(true);
        expect(typeof redisLocation(value)).toBe('string');
        expect(Array.isArray(redisUrlSecrets(value))).toBe(true);
      })
    );
  });
});

describe('what a Redis warning may show', () => {
  it('keeps host and port in a reason and removes only the password', () => {
    const url = 'redis://default:Str0ng-redis-pass%23word@10.1.2.3:6379/0';
    const reason = 'Error: connect ECONNREFUSED 10.1.2.3:6379 (AUTH Str0ng-redis-pass#word)';
    expect(redact(reason, redisUrlSecrets(url))).toBe('Error: connect ECONNREFUSED 10.1.2.3:6379 (AUTH [redacted])');
    expect(redact(`failed on ${url}`, redisUrlSecrets(url))).not.toContain('Str0ng-redis');
    expect(redisLocation(url)).toBe('redis://10.1.2.3:6379');
  });

  it('removes the password in the other spellings an error may echo it in', () => {
    const password = 'Str0ng-redis-pass-9q';
    const secrets = redisUrlSecrets(`redis://:${password}@10.1.2.3:6379`);
    for (const spelling of [Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex'), password.toUpperCase()]) {
      const reason = redact(`Error: AUTH ${spelling} refused by 10.1.2.3:6379`, secrets);
      expect(reason).toContain('10.1.2.3:6379');
      expect(reason).not.toContain(spelling.slice(0, 12));
    }
  });

  it('removes a password written in the user slot, in every spelling, and keeps host and port', () => {
    for (const [url, password] of [
      ['redis://userSLOT-secret-41@10.1.2.3:6379', 'userSLOT-secret-41'],
      ['redis://userSLOT%2Fsecret%2341@10.1.2.3:6379/0', 'userSLOT/secret#41'],
      ['rediss://userSLOT-secret-41@n1:7000?cluster=1&host=n2:7001', 'userSLOT-secret-41'],
    ] as const) {
      const secrets = redisUrlSecrets(url);
      expect(secrets).toContain(password);
      const reason = redact(`Error: AUTH ${password} ${encodeURIComponent(password)} refused by 10.1.2.3:6379`, secrets);
      expect(reason).toBe('Error: AUTH [redacted] [redacted] refused by 10.1.2.3:6379');
      expect(redisLocation(url)).not.toContain('userSLOT');
    }
    // A user name followed by a password stays readable: only the password is secret.
    expect(redisUrlSecrets('redis://app-user:pw-long-enough@10.1.2.3:6379')).toEqual(['pw-long-enough']);
  });

  it('names every root node of a cluster, and TLS', () => {
    expect(redisLocation('rediss://u:pw@n1:7000?cluster=1&host=n2:7001&host=[fd00::3]:7002')).toBe('rediss://n1:7000,n2:7001,[fd00::3]:7002 (cluster)');
  });

  it('treats text that is no URL as secret as a whole (a password pasted into the field)', () => {
    expect(redact('got pure-Secret-text-99 here', redisUrlSecrets('pure-Secret-text-99'))).toBe('got [redacted] here');
  });
});
