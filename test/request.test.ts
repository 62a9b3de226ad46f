import { TemplateType } from '@logto/connector-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { signTc3 } from '../src/signing/index.js';

import { legacyConfig, secretKey, sessionToken, worldConfig } from './helpers/config.js';
import { send } from './helpers/connector.js';
import { startCaptureServer } from './helpers/capture-server.js';
import { mockSendSms, offlineNock, okReply } from './helpers/tencent-mock.js';

describe('the SendSms request (nock)', () => {
  offlineNock();
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts to https://sms.tencentcloudapi.com/ with Tencent’s headers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2019-02-25T17:24:25Z'));
    const { scope, captured } = mockSendSms();
    await send(legacyConfig(), { to: '8613012345678', type: TemplateType.SignIn, payload: { code: '123456' } });
    scope.done();
    const { headers, body } = captured[0]!;
    expect(headers).toMatchObject({
      host: 'sms.tencentcloudapi.com',
      'content-type': 'application/json',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': '1551115465',
    });
    expect(headers.authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\/2019-02-25\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[\da-f]{64}$/
    );
    expect(headers).not.toHaveProperty('x-tc-token');
    expect(headers).not.toHaveProperty('x-tc-language');
    expect(body).toEqual({
      PhoneNumberSet: ['+8613012345678'],
      SmsSdkAppId: '1400006666',
      TemplateId: '1001',
      TemplateParamSet: ['123456'],
      SignName: '腾讯云',
    });
  });

  it('sends X-TC-Token and X-TC-Language when configured', async () => {
    const { scope, captured } = mockSendSms();
    await send({ ...legacyConfig(), sessionToken, language: 'en-US' });
    scope.done();
    expect(captured[0]?.headers['x-tc-token']).toBe(sessionToken);
    expect(captured[0]?.headers['x-tc-language']).toBe('en-US');
  });

  it('sends to the configured regional endpoint and signs its host', async () => {
    const { scope, captured } = mockSendSms(undefined, { origin: 'https://sms.ap-guangzhou.tencentcloudapi.com' });
    await send({ ...legacyConfig(), endpoint: 'sms.ap-guangzhou.tencentcloudapi.com' });
    scope.done();
    expect(captured[0]?.headers.host).toBe('sms.ap-guangzhou.tencentcloudapi.com');
  });

  describe('mainland and international differences', () => {
    it('mainland: SignName is signName, no SenderId', async () => {
      const { scope, captured } = mockSendSms();
      await send(worldConfig(), { to: '8613012345678' });
      scope.done();
      expect(captured[0]?.body).toMatchObject({ SignName: '腾讯云', TemplateId: '1001' });
      expect(captured[0]?.body).not.toHaveProperty('SenderId');
    });

    it.each(['85291234567', '85361234567', '886912345678', '14155552671'])(
      'international %s: internationalSignName, SenderId, international template',
      async (to) => {
        const { scope, captured } = mockSendSms();
        await send(worldConfig(), { to });
        scope.done();
        expect(captured[0]?.body).toMatchObject({ SignName: 'Acme', SenderId: 'ACME', TemplateId: '2000' });
      }
    );

    it('international without internationalSignName or senderId: neither is sent', async () => {
      const { scope, captured } = mockSendSms();
      const { internationalSignName: _sign, senderId: _sender, ...config } = worldConfig();
      await send(config, { to: '14155552671' });
      scope.done();
      expect(captured[0]?.body).not.toHaveProperty('SignName');
      expect(captured[0]?.body).not.toHaveProperty('SenderId');
    });
  });

  it('resolves with RequestId and each number’s SerialNo, Fee and IsoCode', async () => {
    const { scope } = mockSendSms(okReply('+14155552671', 'req-42'));
    await expect(send(legacyConfig(), { to: '14155552671' })).resolves.toEqual({
      requestId: 'req-42',
      messages: [{ phoneNumber: '+14155552671', serialNo: '2028:12340', fee: 1, isoCode: 'US' }],
    });
    scope.done();
  });
});

describe('the SendSms request on the wire (loopback server)', () => {
  it('signs exactly the bytes and headers it sends, and the server can verify them', async () => {
    const server = await startCaptureServer((capture) => ({
      status: 200,
      body: JSON.stringify(okReply(JSON.parse(capture.body.toString()).PhoneNumberSet[0])),
    }));
    try {
      const config = { ...worldConfig(), endpoint: server.origin, sessionToken };
      await send(config, { to: '819012345678', payload: { code: '987654', locale: 'ja' } });
      const [capture] = server.captures;
      const headers = capture!.headers;
      expect(headers.host).toBe(server.origin.replace('http://', ''));
      expect(headers['content-type']).toBe('application/json');
      expect(headers['content-length']).toBe(String(capture!.body.length));
      expect(capture!.body.toString('utf8')).toBe(
        '{"PhoneNumberSet":["+819012345678"],"SmsSdkAppId":"1400006666","TemplateId":"2001","TemplateParamSet":["987654"],"SignName":"Acme","SenderId":"ACME"}'
      );
      const expected = signTc3({
        secretId: config.accessKeyId,
        secretKey,
        service: 'sms',
        timestamp: Number(headers['x-tc-timestamp']),
        headers: { 'content-type': headers['content-type']!, host: headers.host! },
        body: capture!.body,
      });
      expect(headers.authorization).toBe(expected.authorization);
      expect(headers['x-tc-token']).toBe(sessionToken);
      expect(Math.abs(Number(headers['x-tc-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    } finally {
      await server.close();
    }
  });

  it('keeps non-ASCII signatures byte-exact in body and signature', async () => {
    const server = await startCaptureServer((capture) => ({
      status: 200,
      body: JSON.stringify(okReply(JSON.parse(capture.body.toString()).PhoneNumberSet[0])),
    }));
    try {
      await send({ ...legacyConfig(), endpoint: server.origin, signName: '腾讯云 ✓' });
      const capture = server.captures[0]!;
      expect(JSON.parse(capture.body.toString('utf8')).SignName).toBe('腾讯云 ✓');
      const expected = signTc3({
        secretId: legacyConfig().accessKeyId,
        secretKey,
        service: 'sms',
        timestamp: Number(capture.headers['x-tc-timestamp']),
        headers: { 'content-type': 'application/json', host: capture.headers.host! },
        body: capture.body,
      });
      expect(capture.headers.authorization).toBe(expected.authorization);
    } finally {
      await server.close();
    }
  });
});
