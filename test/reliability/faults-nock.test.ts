import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';

import {
  connector,
  descriptionOf,
  expectConnectorError,
  expectSignedSendSms,
  message,
  secretId,
  secretKey,
  sessionToken,
  timed,
  validConfig,
} from '../helpers/reliability.js';
import { offlineNock } from '../helpers/tencent-mock.js';

/**
 * The same faults against the real default endpoint, https://sms.tencentcloudapi.com, with nock
 * standing in for Tencent: the HTTPS path of the transport, with no network at all.
 */

const origin = 'https://sms.tencentcloudapi.com';
const timeout = 1000;
const slack = 1500;

offlineNock();
afterAll(() => {
  nock.restore();
});

/** A config without `endpoint`: the connector's own default host. */
const config = () => {
  const { endpoint: _endpoint, ...rest } = validConfig('unused', { timeout });
  return rest;
};

const send = async () => {
  const { sendMessage } = await connector();
  return timed(sendMessage(message('14155552671'), config()));
};

const failure = async (code: ConnectorErrorCodes) => {
  const outcome = await send();
  expect(outcome.ms).toBeLessThan(timeout + slack);
  return expectConnectorError(
    Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
    code
  );
};

describe('nock in place of Tencent', () => {
  it('a success is signed for the default host and sent over https', async () => {
    let recorded: { headers: Record<string, string>; body: Buffer } | undefined;
    nock(origin)
      .post('/')
      .reply(function (_uri, body) {
        const headers = Object.fromEntries(
          Object.entries(this.req.headers).map(([name, value]) => [name, String(value)])
        );
        recorded = { headers, body: Buffer.from(JSON.stringify(body)) };
        return [
          200,
          { Response: { SendStatusSet: [{ PhoneNumber: '+14155552671', Code: 'Ok', SerialNo: 's1', Fee: 1 }], RequestId: 'rq-nock' } },
        ];
      });
    const outcome = await send();
    expect(outcome.ok).toBe(true);
    expect(recorded!.headers.host).toBe('sms.tencentcloudapi.com');
    // nock hands over the parsed body; what was signed is the exact bytes, re-serialised alike.
    expectSignedSendSms(
      { method: 'POST', url: '/', headers: recorded!.headers, body: recorded!.body },
      { secretId, secretKey, sessionToken, region: 'ap-guangzhou' }
    );
  });

  it('a refused connection (no interceptor, net connect disabled) is a General error at once', async () => {
    // nock 14's replyWithError never reaches a node:https request on Node 20 (the request just
    // hangs), so refusal is simulated by nock's own connect refusal; real resets are covered
    // over loopback in faults.test.ts.
    const error = await failure(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toMatch(/^Could not reach sms\.tencentcloudapi\.com \(\w+\); nothing was sent\./);
    expect(descriptionOf(error)).not.toContain('did not answer');
  });

  it('a connection that is not made within the timeout ends at the deadline', async () => {
    nock(origin).post('/').delayConnection(5000).reply(200, {});
    const error = await failure(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toContain(`did not answer within ${timeout} ms`);
  });

  it('a body that comes after the deadline ends at the deadline', async () => {
    nock(origin).post('/').delayBody(5000).reply(200, { Response: { SendStatusSet: [], RequestId: 'late' } });
    const error = await failure(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toContain(`did not answer within ${timeout} ms`);
  });

  it.each([400, 403, 404, 500, 502, 503])('HTTP %i with a gateway page is a General error', async (status) => {
    nock(origin).post('/').reply(status, '<html><body><h1>Gateway Error</h1></body></html>', { 'content-type': 'text/html' });
    const error = await failure(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toContain(`HTTP ${status}`);
    expect(descriptionOf(error)).toContain('Gateway Error');
  });

  it('200 with an empty body is an invalid response', async () => {
    nock(origin).post('/').reply(200, '');
    await failure(ConnectorErrorCodes.InvalidResponse);
  });

  it('a top-level Tencent error keeps its code and RequestId', async () => {
    nock(origin)
      .post('/')
      .reply(200, { Response: { Error: { Code: 'LimitExceeded.PhoneNumberOneHourLimit', Message: 'hour' }, RequestId: 'rq-hour' } });
    const error = await failure(ConnectorErrorCodes.RateLimitExceeded);
    expect(descriptionOf(error)).toContain('LimitExceeded.PhoneNumberOneHourLimit');
    expect(descriptionOf(error)).toContain('rq-hour');
  });

  it('a 2 MiB answer is refused at the cap', async () => {
    nock(origin).post('/').reply(200, 'x'.repeat(2 * 1024 * 1024));
    const error = await failure(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toContain('larger than 1048576 bytes');
  });
});
