/**
 * The same made-up account for every candidate. Not a credential: the stand-in accepts any
 * signature, and nothing leaves loopback.
 */
export const benchAccount = {
  accessKeyId: 'AKIDbenchbenchbenchbenchbenchbench',
  accessKeySecret: 'bench-not-a-secret-bench-not-a-secret',
  signName: 'Bench',
  region: 'ap-guangzhou',
  sdkAppId: '1400000001',
  templateCode: '1000001',
} as const;

/** What Logto passes for a sign-in code. */
export const benchMessage = {
  to: '8613012345678',
  type: 'SignIn',
  payload: { code: '123456' },
} as const;

/** Logto's load-time getConfig: the factory must not call it. */
export const notImplemented = async (): Promise<never> => {
  throw new Error('not implemented');
};

/** A Logto connector config for the bench account with these templates, as the Console saves it. */
export const connectorConfig = (templates: Array<{ usageType: string }>) => ({
  accessKeyId: benchAccount.accessKeyId,
  accessKeySecret: benchAccount.accessKeySecret,
  signName: benchAccount.signName,
  region: benchAccount.region,
  sdkAppId: benchAccount.sdkAppId,
  templates: templates.map((template) => ({ ...template, templateCode: benchAccount.templateCode })),
});
