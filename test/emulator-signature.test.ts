import { Agent, request as httpRequest } from 'node:http';
import type { LookupFunction } from 'node:net';

import tencentCommon from 'tencentcloud-sdk-nodejs-common';
import tencentSms from 'tencentcloud-sdk-nodejs-sms';
import { afterEach, describe, expect, it } from 'vitest';

import {
  defaultAccountInput,
  parseAccount,
  parseAuthorization,
  startEmulator,
  verifyTc3Signature,
  type Emulator,
} from '../src/emulator/index.js';
import { signTc3 } from '../src/signing/sign.js';

import { loadTc3Vectors, type Tc3Vector } from './helpers/vectors.js';

const vectors = loadTc3Vectors();

const authorizationOf = (vector: Tc3Vector, signature = vector.signature) =>
  parseAuthorization(
    `TC3-HMAC-SHA256 Credential=${vector.secretId}/${vector.date}/${vector.service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`
  );

const verifyVector = (vector: Tc3Vector, change: Partial<{ body: string; host: string; signature: string }> = {}) => {
  const authorization = authorizationOf(vector, change.signature);
  if (!authorization) {
    throw new Error('vector authorization did not parse');
  }
  return verifyTc3Signature({
    authorization,
    secretKey: vector.secretKey,
    service: vector.service,
    timestamp: vector.timestamp,
    headers: { 'content-type': vector.contentType, host: change.host ?? vector.host },
    body: Buffer.from(change.body ?? vector.body),
  });
};

/** The same text with the ASCII character at `index` swapped for another: a one-byte change. */
const changeOneByte = (text: string, index: number) =>
  `${text.slice(0, index)}${text[index] === 'a' ? 'b' : 'a'}${text.slice(index + 1)}`;

describe('emulator signature check against known-answer vectors', () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))('accepts %s', (_name, vector) => {
    expect(verifyVector(vector)).toBe(true);
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    'rejects %s with one byte changed in the body, the host or the signature',
    (_name, vector) => {
      expect(verifyVector(vector, { body: changeOneByte(vector.body, 2) })).toBe(false);
      expect(verifyVector(vector, { host: `x${vector.host.slice(1)}` })).toBe(false);
      const last = vector.signature.at(-1) === '0' ? '1' : '0';
      expect(verifyVector(vector, { signature: `${vector.signature.slice(0, -1)}${last}` })).toBe(false);
    }
  );
});

describe('emulator answering the SendSms vector over HTTP', () => {
  const vector = vectors.find((candidate) => candidate.name === 'sms-sendsms');
  let emulator: Emulator | undefined;
  afterEach(async () => emulator?.close());

  const post = (target: Emulator, body: string) =>
    new Promise<{ Response: Record<string, unknown> }>((resolve, reject) => {
      if (!vector) {
        throw new Error('no sms-sendsms vector');
      }
      // Raw http so the Host header can be the signed public host, as the vector was made for it.
      const request = httpRequest(
        `${target.url}/`,
        {
          method: 'POST',
          headers: {
            host: vector.host,
            'content-type': vector.contentType,
            authorization: `TC3-HMAC-SHA256 Credential=${vector.secretId}/${vector.date}/sms/tc3_request, SignedHeaders=content-type;host, Signature=${vector.signature}`,
            'x-tc-action': 'SendSms',
            'x-tc-version': '2021-01-11',
            'x-tc-region': 'ap-guangzhou',
            'x-tc-timestamp': String(vector.timestamp),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        }
      );
      request.on('error', reject);
      request.end(body);
    });

  const start = async () => {
    if (!vector) {
      throw new Error('no sms-sendsms vector');
    }
    return startEmulator({
      clock: () => vector.timestamp * 1000 + 30_000,
      account: parseAccount({
        secretId: vector.secretId,
        secretKey: vector.secretKey,
        apps: [{ sdkAppId: '1400006666', region: 'ap-guangzhou' }],
        signatures: ['腾讯云'],
        templates: [{ id: '1110', text: '验证码{1}', destination: 'mainland', verificationCode: true }],
      }),
    });
  };

  it('delivers the vector’s message, and refuses it with one body byte changed', async () => {
    emulator = await start();
    const accepted = await post(emulator, vector?.body ?? '');
    expect(accepted.Response.SendStatusSet).toEqual([expect.objectContaining({ Code: 'Ok' })]);
    const tampered = await post(emulator, (vector?.body ?? '').replace('4370', '4371'));
    expect(tampered.Response.Error).toEqual(expect.objectContaining({ Code: 'AuthFailure.SignatureFailure' }));
  });
});

describe('emulator accepts requests signed by the official Tencent Cloud SDK', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => emulator?.close());

  // The SDK derives the service from the first label of the endpoint, so it must start with
  // `sms.`; this agent sends that made-up host to the emulator on loopback.
  const loopback: LookupFunction = (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
      return;
    }
    callback(null, '127.0.0.1', 4);
  };

  const profileFor = (target: Emulator) => ({
    httpProfile: {
      endpoint: `sms.emulator.test:${target.port}`,
      protocol: 'http://',
      agent: new Agent({ lookup: loopback }),
    },
  });

  const smsRequest = {
    PhoneNumberSet: ['+8613012345678'],
    SmsSdkAppId: '1400000001',
    TemplateId: '1000001',
    TemplateParamSet: ['246810', '5'],
    SignName: 'Logto演示',
  };

  it('via tencentcloud-sdk-nodejs-sms SendSms, and delivers the message', async () => {
    emulator = await startEmulator();
    const client = new tencentSms.sms.v20210111.Client({
      credential: { secretId: emulator.account.secretId, secretKey: emulator.account.secretKey },
      region: 'ap-guangzhou',
      profile: profileFor(emulator),
    });
    const result = await client.SendSms(smsRequest);
    expect(result.SendStatusSet).toEqual([expect.objectContaining({ Code: 'Ok', PhoneNumber: '+8613012345678' })]);
    expect(emulator.store.list()[0]?.text).toBe('【Logto演示】您的验证码是246810，5分钟内有效，请勿泄露给他人。');
  });

  it('via tencentcloud-sdk-nodejs-common with a session token, and rejects a wrong key', async () => {
    emulator = await startEmulator({
      account: parseAccount({ ...defaultAccountInput, sessionToken: 'sts-session-token' }),
    });
    const clientWith = (secretKey: string) =>
      new tencentCommon.CommonClient('sms.tencentcloudapi.com', '2021-01-11', {
        credential: { secretId: emulator?.account.secretId, secretKey, token: 'sts-session-token' },
        region: 'ap-guangzhou',
        profile: profileFor(emulator as Emulator),
      });
    const ok = (await clientWith(emulator.account.secretKey).request('SendSms', smsRequest)) as {
      SendStatusSet: Array<{ Code: string }>;
    };
    expect(ok.SendStatusSet.map((item) => item.Code)).toEqual(['Ok']);
    await expect(clientWith('wrong-key').request('SendSms', smsRequest)).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });
});

describe('emulator verifies whatever SignedHeaders lists', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => emulator?.close());

  const post = async (target: Emulator, tamper: boolean) => {
    const body = JSON.stringify({
      PhoneNumberSet: ['+8613012345678'],
      SmsSdkAppId: '1400000001',
      TemplateId: '1000003',
      TemplateParamSet: ['1234'],
      SignName: 'Logto演示',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = {
      'content-type': 'application/json; charset=utf-8',
      host: new URL(target.url).host,
      'x-tc-action': 'SendSms',
      'x-tc-region': 'ap-guangzhou',
    };
    const { authorization } = signTc3({
      secretId: target.account.secretId,
      secretKey: target.account.secretKey,
      service: 'sms',
      timestamp,
      headers: signed,
      body,
    });
    expect(authorization).toContain('SignedHeaders=content-type;host;x-tc-action;x-tc-region,');
    const response = await fetch(`${target.url}/`, {
      method: 'POST',
      headers: {
        ...signed,
        ...(tamper ? { 'x-tc-region': 'ap-beijing' } : {}),
        authorization,
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestamp),
      },
      body,
    });
    return ((await response.json()) as { Response: Record<string, unknown> }).Response;
  };

  it('accepts extra signed headers and a charset in content-type, and rejects a changed signed header', async () => {
    emulator = await startEmulator();
    expect(await post(emulator, false)).toEqual(
      expect.objectContaining({ SendStatusSet: [expect.objectContaining({ Code: 'Ok' })] })
    );
    expect((await post(emulator, true)).Error).toEqual(
      expect.objectContaining({ Code: 'AuthFailure.SignatureFailure' })
    );
  });
});
