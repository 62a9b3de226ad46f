/**
 * The "International numbers" switch as a permission: saved off, only mainland China (+86)
 * numbers get codes; on, or absent from the config, every country does (within the protection's
 * rules). The refusal names the country; only the operator's text names the setting.
 */
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { adviceOf } from '../src/errors/refusal-error.js';
import { errorDescriptionOf } from '../src/console-test/index.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import { legacyConfig, worldConfig } from './helpers/config.js';
import { consoleSend } from './helpers/connector.js';
import { configWith, data, failure, outcomes, savedConnector, tencent } from './helpers/guard.js';
import { shownWhen } from './helpers/logto-display.js';
import { offlineNock } from './helpers/tencent-mock.js';

offlineNock();

const off = (extra: Record<string, unknown> = {}) => configWith(undefined, { international: false, ...extra });

describe('switched off ("international": false, as a new form saves it)', () => {
  it('sends mainland numbers and refuses every other before Tencent', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(off());
    const results = await outcomes(
      ['8613012345678', '14155552671', '85251234567', '85366123456', '886912345678', '447400123456', '80012345678'].map(
        async (to) => sendMessage(data(to))
      )
    );
    expect(results).toEqual([
      'ok',
      ...Array.from({ length: 6 }, () => ConnectorErrorCodes.InvalidRequestParameters),
    ]);
    expect(sent).toEqual(['+8613012345678']);
  });

  it.each([
    ['14155552671', 'United States'],
    ['85251234567', 'Hong Kong (China)'],
    ['447400123456', 'United Kingdom'],
    ['77011234567', 'Kazakhstan'],
  ])('names the country of %s to the user, and the switch only to the operator', async (to, country) => {
    tencent();
    const { sendMessage } = await savedConnector(off());
    const error = await failure(sendMessage(data(to)));
    expect(errorDescriptionOf(error.data)).toBe(
      `SMS codes are sent to mainland China (+86) numbers only, not to numbers in ${country}.`
    );
    expect(JSON.stringify(error.data)).not.toMatch(/international|switch/i);
    expect(adviceOf(error)).toBe('International numbers is off: only +86 numbers get codes. Turn it on to send abroad.');
  });

  it('says "outside mainland China" for a number of no country', async () => {
    tencent();
    const { sendMessage } = await savedConnector(off());
    const error = await failure(sendMessage(data('80012345678')));
    expect(errorDescriptionOf(error.data)).toBe(
      'SMS codes are sent to mainland China (+86) numbers only, not to numbers outside mainland China.'
    );
  });

  it('refuses whether or not pumping protection is on: it is a permission, not a budget', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(off({ pumpingProtection: false }));
    expect((await failure(sendMessage(data('14155552671')))).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    await sendMessage(data('8613012345679'));
    expect(sent).toEqual(['+8613012345679']);
  });

  it('keeps a config with international templates valid, and tells the operator to turn the switch on', async () => {
    // Earlier forms saved the switch off beside international templates: mainland codes must go on.
    expect(tencentSmsConfigGuard.safeParse(off()).success).toBe(true);
    const sent = tencent();
    const withTemplates = await savedConnector(off());
    await withTemplates.sendMessage(data('8613012345670'));
    expect(sent).toEqual(['+8613012345670']);
    expect(adviceOf(await failure(withTemplates.sendMessage(data('14155552671'))))).toMatch(
      /Turn it on to send abroad\.$/
    );
  });

  it('without a template for international numbers, says to add one as well', async () => {
    tencent();
    const mainlandOnly = off({ templates: [{ usageType: 'Generic', templateCode: '1000', destination: 'mainland' }] });
    const { sendMessage } = await savedConnector(mainlandOnly);
    const error = await failure(sendMessage(data('14155552671')));
    // The switch is named before the missing template: turning it on alone would not be enough.
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(adviceOf(error)).toMatch(
      /Turn it on and add an international Generic template to send abroad\.$/
    );
  });

  it('the Console test of 13012345678: read as a US number, refused, and how to type a mainland one', async () => {
    const sent = tencent();
    const shown = await shownWhen(consoleSend(off(), { to: '13012345678' }));
    expect(shown.status).toBe(400);
    expect(shown.text).toBe(
      'Error occurred in connector: International numbers is off: only +86 numbers get codes. Turn it on to send abroad. ' +
        'Read as +1 301 234 5678, United States. Mainland China? Type +86 13012345678.'
    );
    expect(shown.text.length).toBeLessThanOrEqual(200);
    expect(sent).toEqual([]);
  });
});

describe('switched on, or not in the config', () => {
  it('sends international numbers with the switch on', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined, { international: true }));
    await sendMessage(data('14155552671'));
    await sendMessage(data('85251234567'));
    expect(sent).toEqual(['+14155552671', '+85251234567']);
  });

  it('still applies allowedRegions with the switch on', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['CN', 'GB'] }, { international: true }));
    expect(await outcomes([sendMessage(data('447400123456')), sendMessage(data('14155552671'))])).toEqual([
      'ok',
      ConnectorErrorCodes.InvalidRequestParameters,
    ]);
    expect(sent).toEqual(['+447400123456']);
  });

  it('sends everywhere when the config has no switch: saved for the built-in connector or written by hand', async () => {
    const sent = tencent();
    for (const config of [legacyConfig(), worldConfig()]) {
      expect(config).not.toHaveProperty('international');
      const { sendMessage } = await savedConnector({ ...config, sdkAppId: String(1_400_200_000 + sent.length) });
      await sendMessage(data('14155552671'));
    }
    expect(sent).toEqual(['+14155552671', '+14155552671']);
  });
});
