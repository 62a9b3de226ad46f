import { ConnectorError, ConnectorType, TemplateType, type SmsConnector } from '@logto/connector-kit';

import { connectorConfigFor } from '../emulator/connector-config.js';
import type { StoredMessage } from '../emulator/message-store.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import type { SendSmsResult } from '../types.js';

import { readFailure } from './connector-failure.js';
import { formatJson } from './format-config.js';

type Config = ReturnType<typeof connectorConfigFor>;

const say = (line = '') => console.log(line);

const inboxFor = async (emulator: Emulator, phone: string): Promise<StoredMessage | undefined> => {
  const response = await fetch(`${emulator.url}/messages?phone=${encodeURIComponent(phone)}`);
  const [latest] = (await response.json()) as StoredMessage[];
  return latest;
};

const sendAndShow = async (
  connector: SmsConnector,
  emulator: Emulator,
  config: Config,
  to: string,
  locale: string
) => {
  say(`   sendMessage({ to: '${to}', type: 'SignIn', payload: { code: '123456', locale: '${locale}' } }, config)`);
  const result = (await connector.sendMessage(
    { to, type: TemplateType.SignIn, payload: { code: '123456', locale } },
    config
  )) as SendSmsResult;
  const [message] = result.messages ?? [];
  say(`   ✓ Tencent accepted it: RequestId ${result.requestId}, SerialNo ${message?.serialNo}, fee ${message?.fee}, country ${message?.isoCode}`);
  const received = await inboxFor(emulator, to);
  say(`   The phone ${received?.phoneNumber} shows: ${received?.text}`);
};

const showFailure = async (connector: SmsConnector, config: Config, to: string) => {
  say(`   sendMessage({ to: '${to}', type: 'SignIn', payload: { code: '123456' } }, config)`);
  try {
    await connector.sendMessage({ to, type: TemplateType.SignIn, payload: { code: '123456' } }, config);
    say('   (unexpectedly accepted)');
    return false;
  } catch (error) {
    const failure = readFailure(error);
    say(`   ✗ ConnectorError "${failure.code}", Tencent code ${failure.tencentCode ?? '-'}`);
    say(`   Logto's Console shows: ${failure.logtoText}`);
    return failure.tencentCode !== undefined;
  }
};

/**
 * `npm run demo`: the connector end to end without a Tencent account. Loads the built connector
 * as Logto does (default export of lib/index.js, a factory given getConfig), sends to a mainland
 * and an international number through a fresh emulator, then shows two everyday failures.
 */
export const runDemo = async (): Promise<number> => {
  const emulator = await startEmulator();
  try {
    say('Tencent Cloud SMS connector for Logto — demo against a local Tencent SMS emulator');
    say();
    say(`1. Emulator running at ${emulator.url} (inbox page: ${emulator.url}/)`);

    const { default: createConnector } = await import('../index.js');
    const config = connectorConfigFor(emulator.url);
    const connector = (await createConnector({ getConfig: async () => config })) as SmsConnector;
    say(
      `2. Loaded the built connector (lib/index.js) the way Logto does: "${connector.metadata.name.en}", id ${connector.metadata.id}, type ${connector.type === ConnectorType.Sms ? 'SMS' : connector.type}`
    );
    say('   Config, as saved in the Console (endpoint points at the emulator):');
    // Masked, as the Console shows a confidential field.
    say(formatJson({ ...config, accessKeySecret: '********' }, '     '));
    say();

    say('3. A sign-in code to a mainland China number');
    await sendAndShow(connector, emulator, config, '8613012345678', 'zh-CN');
    say();
    say('4. A sign-in code to an international number (US)');
    await sendAndShow(connector, emulator, config, '14155552671', 'en');
    say();

    say('5. A mistake an admin makes: a wrong accessKeySecret');
    const wrongSecret = await showFailure(connector, { ...config, accessKeySecret: 'a-wrong-secret-key' }, '8613012345679');
    say();
    say('6. Another: a template that Tencent has not approved (templateCode 1000009)');
    const unapproved = await showFailure(
      connector,
      {
        ...config,
        templates: [
          { usageType: 'Generic', templateCode: '1000009', destination: 'mainland', params: ['{{code}}'] },
          ...config.templates.filter((template) => template.destination === 'international'),
        ],
      },
      '8613012345679'
    );
    say();
    say('Done. Try it yourself: `npm run emulator` in this checkout, then point a local Logto at it (docs/development.md: "The emulator").');
    return wrongSecret && unapproved ? 0 : 1;
  } catch (error) {
    say(`The demo failed: ${error instanceof ConnectorError ? readFailure(error).logtoText : String(error)}`);
    return 1;
  } finally {
    await emulator.close();
  }
};
