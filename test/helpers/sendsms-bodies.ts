/** Tencent's SendSms success body for these numbers, as the real API shapes it. */
export const okBodyFor = (numbers: readonly string[], requestId = 'req-ok-1') => ({
  Response: {
    SendStatusSet: numbers.map((phoneNumber, index) => ({
      SerialNo: `2028:1234${index}`,
      PhoneNumber: phoneNumber,
      Fee: 1,
      SessionContext: '',
      Code: 'Ok',
      Message: 'send success',
      IsoCode: phoneNumber.startsWith('+86') ? 'CN' : 'US',
    })),
    RequestId: requestId,
  },
});
