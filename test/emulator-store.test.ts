import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultAccountInput, parseAccount, startEmulator, type Emulator, type StoredMessage } from '../src/emulator/index.js';
import { renderInboxPage } from '../src/emulator/inbox-page.js';
import { countFee, renderMessage } from '../src/emulator/render.js';

import { mainlandBody, postSigned } from './helpers/emulator-client.js';

describe('message store over HTTP', () => {
  let emulator: Emulator;
  let now = Date.UTC(2025, 5, 1, 12);

  beforeAll(async () => {
    emulator = await startEmulator({ clock: () => now });
  });
  afterAll(async () => emulator.close());

  const send = async (phone: string) => {
    now += 1000;
    await postSigned(emulator, { body: mainlandBody(phone), timestamp: Math.floor(now / 1000) });
  };
  const list = async (query = '') =>
    (await (await fetch(`${emulator.url}/messages${query}`)).json()) as StoredMessage[];

  it('lists messages newest first with number, text, template, fee and time', async () => {
    await send('+8613000000001');
    await send('+8613000000002');
    const messages = await list();
    expect(messages.map((message) => message.phoneNumber)).toEqual(['+8613000000002', '+8613000000001']);
    expect(messages[0]).toEqual(
      expect.objectContaining({
        text: '【Logto演示】您的验证码是123456，10分钟内有效，请勿泄露给他人。',
        templateId: '1000001',
        fee: 1,
        isoCode: 'CN',
        receivedAt: new Date(now).toISOString(),
      })
    );
  });

  it('filters by ?phone= however the number is written', async () => {
    for (const query of ['?phone=%2B8613000000001', '?phone=8613000000001', '?phone=+8613000000001']) {
      expect((await list(query)).map((message) => message.phoneNumber)).toEqual(['+8613000000001']);
    }
    expect(await list('?phone=%2B8613999999999')).toEqual([]);
    // A filter without digits matches no number; it does not turn the filter off.
    expect(await list('?phone=abc')).toEqual([]);
  });

  it('clears everything on DELETE /messages', async () => {
    const response = await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it('serves the inbox page with auto-refresh, and 404 elsewhere', async () => {
    const page = await fetch(`${emulator.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect((await fetch(`${emulator.url}/nothing-here`)).status).toBe(404);
  });
});

describe('rendering and fees', () => {
  it('escapes message text in the inbox page, since any API caller controls it', () => {
    const html = renderInboxPage({
      page: 1,
      kept: 1,
      total: 1,
      messages: [
      {
        serialNo: '1:2',
        requestId: 'r',
        phoneNumber: '+14155552671',
        isoCode: 'US',
        sdkAppId: '1400000001',
        templateId: '1',
        signName: null,
        params: [],
        text: 'Hi <script>alert(1)</script> & "you"',
        fee: 1,
        receivedAt: '2025-01-01T00:00:00.000Z',
      },
      ],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Hi &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;you&#34;');
  });

  it('bills one unit up to 70 characters (160 for ASCII), then 67 (153) per part, as Tencent does', () => {
    expect(countFee('a'.repeat(160))).toBe(1);
    expect(countFee('a'.repeat(161))).toBe(2);
    expect(countFee('a'.repeat(306))).toBe(2);
    expect(countFee('a'.repeat(320))).toBe(3);
    expect(countFee('验'.repeat(70))).toBe(1);
    expect(countFee('验'.repeat(71))).toBe(2);
    expect(countFee('验'.repeat(134))).toBe(2);
    expect(countFee('验'.repeat(140))).toBe(3);
    expect(countFee(`${'a'.repeat(100)}é`)).toBe(2);
  });

  it('puts the mainland signature in 【】 before the text, and none for international', () => {
    expect(renderMessage('码{1}，{2}分钟', ['12', '5'], 'mainland', '签名')).toBe('【签名】码12，5分钟');
    expect(renderMessage('Code {1}', ['12'], 'international', 'Sig')).toBe('Code 12');
  });

  it('charges a long mainland message by the length including the signature', async () => {
    const emulator = await startEmulator({
      account: parseAccount({
        ...defaultAccountInput,
        templates: [{ id: '7', text: `${'长'.repeat(60)}{1}`, destination: 'mainland', verificationCode: true }],
      }),
    });
    try {
      const { response } = await postSigned(emulator, {
        body: { ...mainlandBody(), TemplateId: '7', TemplateParamSet: ['1234'] },
      });
      // 60 + 4 + 【Logto演示】 (8) = 72 characters: two segments.
      expect(response.SendStatusSet).toEqual([expect.objectContaining({ Code: 'Ok', Fee: 2 })]);
    } finally {
      await emulator.close();
    }
  });
});
