/** The system error under a fetch-style wrapper, which keeps the real one in `cause`. */
export const innerError = (error: unknown): unknown =>
  error instanceof Error && error.cause instanceof Error ? error.cause : error;

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const blockedCodes = new Set(['ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE']);
const tlsCode = /^(?:CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED)/;

/**
 * What an admin can do when no connection to the endpoint could be made, by the system's error
 * code. The code alone (ENOTFOUND, ECONNREFUSED…) names the cause but not the fix, and this is the
 * usual failure of a Logto container without outbound access or with a mistyped endpoint.
 */
export const unreachableAdvice = (error: unknown, host: string): string => {
  const code = String((innerError(error) as { code?: unknown } | undefined)?.code ?? '');
  if (dnsCodes.has(code)) {
    return `the name ${host} could not be resolved: check the endpoint's spelling and the Logto server's DNS.`;
  }
  if (code === 'ECONNREFUSED') {
    return `nothing accepts connections at ${host}: check the endpoint (for the emulator: is it running on that port?) and any firewall in between.`;
  }
  if (tlsCode.test(code)) {
    return 'the server\'s TLS certificate was not accepted: a proxy that intercepts HTTPS is in the way, or the Logto server lacks the CA certificates (NODE_EXTRA_CA_CERTS).';
  }
  if (blockedCodes.has(code)) {
    return `check that the Logto server may open HTTPS connections to ${host} (firewall, outbound proxy, container network).`;
  }
  return `check the endpoint and that the Logto server can reach ${host} (DNS, firewall, outbound proxy).`;
};
