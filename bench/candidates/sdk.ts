import type * as Sms from 'tencentcloud-sdk-nodejs-sms';

import { benchAccount, benchMessage } from './config.js';
import type { Candidate } from './types.js';

type SmsModule = typeof Sms;

/**
 * The thinnest connector one would write on Tencent's official SDK: a client per send (Logto
 * hands the config per call), default HTTP settings, and the per-number status checked.
 */
export const sdk: Candidate = {
  id: 'sdk',
  label: 'thin connector on tencentcloud-sdk-nodejs-sms',
  importModule: async () => import('tencentcloud-sdk-nodejs-sms'),
  setup: async (module) => {
    const { sms } = module as SmsModule;
    return {
      send: async () => {
        const client = new sms.v20210111.Client({
          credential: { secretId: benchAccount.accessKeyId, secretKey: benchAccount.accessKeySecret },
          region: benchAccount.region,
          profile: { httpProfile: { reqTimeout: 10 } },
        });
        const result = await client.SendSms({
          PhoneNumberSet: [`+${benchMessage.to}`],
          SmsSdkAppId: benchAccount.sdkAppId,
          SignName: benchAccount.signName,
          TemplateId: benchAccount.templateCode,
          TemplateParamSet: [benchMessage.payload.code],
        });
        if (result.SendStatusSet?.[0]?.Code !== 'Ok') {
          throw new Error('SendSms did not report Ok');
        }
      },
    };
  },
};
