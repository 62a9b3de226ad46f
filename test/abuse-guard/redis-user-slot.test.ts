import { createServer as createNetServer, type AddressInfo } from 'node:net';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeRedisConnections, withRedis } from '../../src/abuse-guard/stores/redis-connection.js';
import createConnector from '../../src/index.js';
import { startRedisServer, redisServerAvailable, type RedisServer } from '../helpers/redis-server.js';
import {
  closedPort,
  connector,
  consoleConnector,
  descriptionOf,
  expectConnectorError,
  message,
  okResponseFor,
  replyJson,
  secrets,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * `redis://secret@host`: a password written in the user slot, without a colon. Redis' own client
 * reads it as the password (`AUTH secret`), so the connector does: it authenticates with it and
 * removes it from every message, as it does a password after a colon.
 */
const password = 'userSLOT-pw-6a2f-9e0b-hidden';
const hidden = [...secrets, password];
const userSlotUrl = (port: number) => `redis://${password}@127.0.0.1:${port}`;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeRedisConnections();
});

/** What the connector writes on stderr while `run` runs. */
const stderrOf = async (run: () => Promise<unknown>): Promise<string> => {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return written.join('');
};

describe('a Redis password in the user slot', () => {
  it('is not quoted by an invalid_config message that would show it', async () => {
    const { sendMessage } = await connector();
    // Pasted as a key of abuseProtection too: the issue about an unknown key names it.
    const config = validConfig(server.url, { redisUrl: userSlotUrl(6379), pumpingProtection: true, abuseProtection: { [password]: 1 } });
    await expectConnectorError(sendMessage(message('8613012345678'), config), ConnectorErrorCodes.InvalidConfig, hidden);
  });

  it('is sent as the only argument of AUTH, and a refusal that echoes it is written without it', async () => {
    server.handle = (_request, response, body) => replyJson(response, okResponseFor(body));
    const received: string[] = [];
    // Answers every command with an error that quotes what it received, as a proxy might.
    const redis = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk.toString('latin1'));
        socket.write(`-WRONGPASS refused ${chunk.toString('latin1').replace(/\s+/g, ' ')}\r\n`);
      });
    });
    await new Promise<void>((resolve) => redis.listen(0, '127.0.0.1', resolve));
    const { port } = redis.address() as AddressInfo;
    const config = validConfig(server.url, {
      redisUrl: userSlotUrl(port),
      pumpingProtection: true,
      abuseProtection: { perSource: { max: 5, windowSeconds: 60 } },
    });
    let text: string;
    try {
      text = await stderrOf(async () => {
        const { sendMessage } = await createConnector({ getConfig: async () => config });
        await sendMessage(message('8613012345678', '123456', { ip: '192.0.2.21' }));
      });
    } finally {
      await new Promise((resolve) => redis.close(resolve));
    }
    // RESP: AUTH with one argument, the password.
    expect(received.join('')).toContain(`*2\r\n$4\r\nAUTH\r\n$${password.length}\r\n${password}\r\n`);
    expect(text).toMatch(new RegExp(`Redis at redis://127\\.0\\.0\\.1:${port} is unavailable \\(credentials refused: .*WRONGPASS refused .*\\[redacted\\]`));
    expect(text).not.toContain(password);
  });

  it('is not in the error of a Console test whose answer echoes it', async () => {
    server.handle = (_request, response) =>
      replyJson(response, { Response: { Error: { Code: 'InternalError', Message: `echo ${password}` }, RequestId: 'rq' } });
    const { sendMessage } = await consoleConnector();
    const config = validConfig(server.url, { redisUrl: userSlotUrl(await closedPort()), pumpingProtection: true });
    const error = await expectConnectorError(sendMessage(message('8613012345678'), config), ConnectorErrorCodes.General, hidden);
    expect(descriptionOf(error)).toContain('[redacted]');
  });
});

describe.runIf(redisServerAvailable())('a Redis password in the user slot, against redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer(password);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('authenticates: Redis answers, and nothing is written', async () => {
    let reply: unknown;
    const text = await stderrOf(async () => {
      reply = await withRedis(userSlotUrl(redis.port), async (client) => client.ping());
    });
    expect(reply).toBe('PONG');
    expect(text).toBe('');
  });
});
