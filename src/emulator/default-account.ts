import { parseAccount, type Account, type AccountInput } from './account.js';

/**
 * The account the emulator serves when no `--account` file is given. Its keys are dummies that
 * only this emulator accepts; `emulator` prints them on start and the README lists them, so
 * anyone can use them.
 */
export const defaultAccountInput = {
  secretId: 'AKIDEMULATOR0000000000000000000000000',
  secretKey: 'emulator-secret-key-not-a-real-one',
  apps: [{ sdkAppId: '1400000001', region: 'ap-guangzhou' }],
  signatures: ['Logto演示'],
  templates: [
    {
      id: '1000001',
      text: '您的验证码是{1}，{2}分钟内有效，请勿泄露给他人。',
      destination: 'mainland',
      verificationCode: true,
    },
    {
      id: '1000002',
      text: 'Your Logto verification code is {1}. It expires in {2} minutes.',
      destination: 'international',
      verificationCode: true,
    },
    {
      id: '1000003',
      text: '您的验证码是{1}。',
      destination: 'mainland',
      verificationCode: true,
    },
    {
      id: '1000009',
      text: '您的验证码是{1}（审核未通过的模板）。',
      destination: 'mainland',
      verificationCode: true,
      approved: false,
    },
  ],
} satisfies AccountInput;

/** A fresh copy of the default account with defaults applied (callers may mutate it). */
export const defaultAccount = (): Account => parseAccount(structuredClone(defaultAccountInput));
