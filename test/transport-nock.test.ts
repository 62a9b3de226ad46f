import nock from 'nock';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createTransportFetch } from '../src/transport/index.js';

beforeAll(() => {
  nock.disableNetConnect();
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it('is intercepted by nock, so unit tests of the core can mock Tencent', async () => {
  const scope = nock('https://sms.tencentcloudapi.com', {
    reqheaders: { 'content-type': 'application/json', host: 'sms.tencentcloudapi.com' },
  })
    .post('/', { PhoneNumberSet: ['+8613012345678'] })
    .reply(200, { Response: { RequestId: 'nock-1', SendStatusSet: [] } });

  const response = await createTransportFetch()(
    new Request('https://sms.tencentcloudapi.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'sms.tencentcloudapi.com' },
      body: JSON.stringify({ PhoneNumberSet: ['+8613012345678'] }),
    })
  );

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ Response: { RequestId: 'nock-1', SendStatusSet: [] } });
  scope.done();
});

it('surfaces a nock-replied network error without retrying', async () => {
  const scope = nock('https://sms.tencentcloudapi.com')
    .post('/')
    .replyWithError('connection reset');
  await expect(
    createTransportFetch()('https://sms.tencentcloudapi.com/', { method: 'POST', body: '{}' })
  ).rejects.toThrow('connection reset');
  scope.done();
  expect(nock.pendingMocks()).toEqual([]);
});

it('intercepts a send whose connection was opened ahead with preconnect', async () => {
  const scope = nock('https://sms.tencentcloudapi.com', {
    reqheaders: { 'content-type': 'application/json', 'x-tc-action': 'SendSms' },
  })
    .post('/', { PhoneNumberSet: ['+8613012345678'] })
    .reply(200, { Response: { RequestId: 'nock-preconnect', SendStatusSet: [] } });
  const fetchFn = createTransportFetch();

  fetchFn.preconnect('https://sms.tencentcloudapi.com/');
  const response = await fetchFn('https://sms.tencentcloudapi.com/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tc-action': 'SendSms' },
    body: JSON.stringify({ PhoneNumberSet: ['+8613012345678'] }),
  });

  expect(await response.json()).toEqual({ Response: { RequestId: 'nock-preconnect', SendStatusSet: [] } });
  scope.done();
});
