/** The host every candidate talks to, as in production; the bench resolves it to loopback. */
export const tencentHost = 'sms.tencentcloudapi.com';

/** The stand-in keeps idle connections this long, like a generous real gateway. */
export const serverKeepAliveMs = 60_000;
