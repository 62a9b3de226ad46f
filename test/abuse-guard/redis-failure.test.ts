import { connect } from 'node:net';

import {
  ClientClosedError,
  ConnectionTimeoutError,
  ErrorReply,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
} from 'redis';
import { describe, expect, it } from 'vitest';

import {
  causeOf,
  RedisConfigError,
  redisFailureCauses,
  redisFailureLabels,
  RedisTimeoutError,
} from '../../src/abuse-guard/stores/redis-failure.js';
import { freePort } from '../helpers/redis-server.js';

/** An error as Node's sockets and TLS raise them: a message and a code. */
const systemError = (code: string, message = code) => Object.assign(new Error(message), { code });

/** The error Node gives for a connection to a port nothing listens on. */
const refusedConnection = async (): Promise<Error> => {
  const port = await freePort();
  return new Promise((resolve) => {
    connect(port, '127.0.0.1').once('error', resolve);
  });
};

describe('the cause of a Redis failure', () => {
  it('reads a refused, lost or unresolvable connection, and a cluster node down, as unreachable', async () => {
    expect(causeOf(await refusedConnection())).toBe('unreachable');
    for (const code of ['ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect({ code, cause: causeOf(systemError(code)) }).toEqual({ code, cause: 'unreachable' });
    }
    expect(causeOf(new SocketClosedUnexpectedlyError())).toBe('unreachable');
    expect(causeOf(new ClientClosedError())).toBe('unreachable');
    expect(causeOf(new RootNodesUnavailableError())).toBe('unreachable');
    expect(causeOf(new ErrorReply('CLUSTERDOWN The cluster is down'))).toBe('unreachable');
    expect(causeOf(new ErrorReply('LOADING Redis is loading the dataset in memory'))).toBe('unreachable');
    expect(causeOf(new ErrorReply('TRYAGAIN Multiple keys request during rehashing of slot'))).toBe('unreachable');
  });

  it('reads our bound and node-redis connect timeout as timeout', () => {
    expect(causeOf(new RedisTimeoutError('no answer within 500 ms'))).toBe('timeout');
    expect(causeOf(new ConnectionTimeoutError())).toBe('timeout');
    expect(causeOf(systemError('ETIMEDOUT'))).toBe('timeout');
  });

  it('reads refused credentials as auth, whichever way Redis words it', () => {
    expect(causeOf(new ErrorReply('WRONGPASS invalid username-password pair or user is disabled.'))).toBe('auth');
    expect(causeOf(new ErrorReply('NOAUTH Authentication required.'))).toBe('auth');
    expect(causeOf(new ErrorReply("NOPERM User app has no permissions to run the 'evalsha' command"))).toBe('auth');
    expect(causeOf(new ErrorReply('ERR AUTH <password> called without any password configured for the default user.'))).toBe('auth');
    expect(causeOf(new ErrorReply('ERR invalid password'))).toBe('auth');
  });

  it('reads a failed handshake or certificate check as tls', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      'EPROTO',
    ]) {
      expect({ code, cause: causeOf(systemError(code)) }).toEqual({ code, cause: 'tls' });
    }
  });

  it('reads any other error reply (a script error, out of memory, a wrong slot) as command', () => {
    expect(causeOf(new ErrorReply('ERR Error running script (call to f_1234): @user_script:3: bad argument'))).toBe('command');
    expect(causeOf(new ErrorReply("OOM command not allowed when used memory > 'maxmemory'."))).toBe('command');
    expect(causeOf(new ErrorReply("CROSSSLOT Keys in request don't hash to the same slot"))).toBe('command');
    expect(causeOf(new ErrorReply('READONLY You can\'t write against a read only replica.'))).toBe('command');
  });

  it('reads an unusable URL or TLS file as config, and anything else as other', () => {
    expect(causeOf(new RedisConfigError('cannot read the file the certroot parameter names (ENOENT)'))).toBe('config');
    expect(causeOf(new Error('something odd happened'))).toBe('other');
    expect(causeOf(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe('other');
    expect(causeOf('a string')).toBe('other');
    expect(causeOf(undefined)).toBe('other');
  });

  it("takes a cluster's last node error as the reason none of its root nodes answered", () => {
    const wrongPassword = new ErrorReply('WRONGPASS invalid username-password pair or user is disabled.');
    expect(causeOf(new RootNodesUnavailableError(), wrongPassword)).toBe('auth');
    expect(causeOf(new RootNodesUnavailableError(), systemError('ECONNREFUSED'))).toBe('unreachable');
    // The last node error speaks only for a cluster that found no root node.
    expect(causeOf(new RedisTimeoutError('no answer'), wrongPassword)).toBe('timeout');
  });

  it('has a label for every cause, and few causes', () => {
    expect(Object.keys(redisFailureLabels).sort()).toEqual([...redisFailureCauses].sort());
    expect(redisFailureCauses.length).toBeLessThanOrEqual(8);
  });
});
