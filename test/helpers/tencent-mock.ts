import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';

import { okBodyFor } from './sendsms-bodies.js';

export type CapturedRequest = {
  headers: Record<string, string>;
  rawBody: string;
  body: Record<string, unknown>;
};

export const okReply = (phoneNumber = '+8613012345678', requestId = 'req-ok-1') =>
  okBodyFor([phoneNumber], requestId);

const flatHeaders = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])
  );

/**
 * Intercepts one SendSms POST to `origin` and records it. The reply may be a body or a function of
 * the captured request, so a test can answer like Tencent would for what it was sent.
 */
export const mockSendSms = (
  reply: unknown | ((request: CapturedRequest) => unknown) = (request: CapturedRequest) =>
    okReply((request.body.PhoneNumberSet as string[])[0]),
  { origin = 'https://sms.tencentcloudapi.com', status = 200 } = {}
) => {
  const captured: CapturedRequest[] = [];
  const scope = nock(origin)
    .post('/')
    .reply(function (_uri, requestBody) {
      const rawBody = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
      const request = {
        headers: flatHeaders(this.req.headers),
        rawBody,
        body: JSON.parse(rawBody) as Record<string, unknown>,
      };
      captured.push(request);
      const body = typeof reply === 'function' ? (reply as (r: CapturedRequest) => unknown)(request) : reply;
      return [status, typeof body === 'string' ? body : JSON.stringify(body)];
    });
  return { scope, captured };
};

/**
 * Registers the suite's nock lifecycle: no real connection while it runs, no interceptor left over
 * between tests, the network back afterwards.
 */
export const offlineNock = (): void => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
};
