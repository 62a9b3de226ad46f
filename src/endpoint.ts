import { tencentApi } from './constant.js';

export type Endpoint = {
  /** Where the request goes, always ending in `/`. */
  readonly url: string;
  /** The `host` header value, signed and sent: hostname plus a non-default port. */
  readonly host: string;
};

export type EndpointResult = { endpoint: Endpoint } | { reason: string };

const loopbackHosts = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Reads the `endpoint` setting: a bare host (`sms.ap-guangzhou.tencentcloudapi.com`) or a URL.
 * Plain http is allowed only on loopback so that a local emulator works while credentials can
 * never cross a network unencrypted.
 */
export const parseEndpoint = (value: string = tencentApi.defaultHost): EndpointResult => {
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    return { reason: 'is not a host name or URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { reason: 'must use https://' };
  }
  if (url.protocol === 'http:' && !loopbackHosts.test(url.hostname)) {
    return { reason: 'must use https:// (http:// is only allowed for 127.0.0.1, localhost or [::1])' };
  }
  if (url.username || url.password) {
    return { reason: 'must not contain credentials' };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { reason: 'must be a host or origin without a path, query or fragment' };
  }
  // `host.` names the same host, but the signed host header would then carry the dot.
  if (url.hostname.endsWith('.')) {
    return { reason: 'must not end with a dot' };
  }
  return { endpoint: { url: `${url.origin}/`, host: url.host.toLowerCase() } };
};

/** The endpoint every config without an `endpoint` field uses. */
export const defaultEndpoint: Endpoint = {
  url: `https://${tencentApi.defaultHost}/`,
  host: tencentApi.defaultHost,
};
