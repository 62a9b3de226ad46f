import type * as Https from 'node:https';

import type * as Signing from '../../src/signing/sign.js';
import { tencentHost } from '../host.js';

import { benchAccount, benchMessage } from './config.js';
import { signedSendSmsHeaders } from './signed-headers.js';
import type { Candidate } from './types.js';

type FloorModules = {
  https: typeof Https;
  signing: typeof Signing;
};

/**
 * The least a correct client must do: build the body, sign it with TC3 and POST it over a
 * keep-alive connection that is kept as long as the server keeps it. No validation, no error
 * mapping, no fetch/Request/Response objects: the floor the connector is compared to.
 */
export const floor: Candidate = {
  id: 'floor',
  label: 'floor: signTc3 + node:https keep-alive',
  importModule: async () => ({
    https: await import('node:https'),
    signing: await import('../../src/signing/sign.js'),
  }),
  setup: async (module) => {
    const { https, signing } = module as FloorModules;
    const { Agent, request } = https;
    const { signTc3 } = signing;
    const agent = new Agent({ keepAlive: true, timeout: 600_000, scheduling: 'lifo' });
    const send = () =>
      new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({
          PhoneNumberSet: [`+${benchMessage.to}`],
          SmsSdkAppId: benchAccount.sdkAppId,
          SignName: benchAccount.signName,
          TemplateId: benchAccount.templateCode,
          TemplateParamSet: [benchMessage.payload.code],
        });
        const headers = signedSendSmsHeaders(signTc3, body);
        const outgoing = request(
          {
            host: tencentHost,
            method: 'POST',
            path: '/',
            agent,
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              response.statusCode === 200 && chunks.length > 0
                ? resolve()
                : reject(new Error(`HTTP ${response.statusCode}`))
            );
            response.on('error', reject);
          }
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    return { send };
  },
};
