/**
 * A SendSms success answer with the documented shape, for the one number in the request. Each
 * candidate parses and checks it as it would a real one.
 */
export const sendSmsReply = (requestId: number, phoneNumber: string): string =>
  JSON.stringify({
    Response: {
      SendStatusSet: [
        {
          SerialNo: `2640:${requestId}`,
          PhoneNumber: phoneNumber,
          Fee: 1,
          SessionContext: '',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        },
      ],
      RequestId: `bench-${requestId}`,
    },
  });

/** The first number of a SendSms body, or a placeholder when the body is not what we expect. */
export const phoneOf = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { PhoneNumberSet?: unknown };
    const first = Array.isArray(parsed.PhoneNumberSet) ? parsed.PhoneNumberSet[0] : undefined;
    return typeof first === 'string' ? first : '+8613012345678';
  } catch {
    return '+8613012345678';
  }
};
