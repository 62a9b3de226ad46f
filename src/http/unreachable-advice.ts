/** The system error under a fetch-style wrapper, which keeps the real one in `cause`. */
export const innerError = (error: unknown): unknown =>
  error instanceof Error && error.cause instanceof Error ? error.cause : error;

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const blockedCodes = new Set(['ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE']);
const tlsCode = /^(?:CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED)/;

/**
 * What an admin can do when no connection to the endpoint could be made, by the system's error
 * code. The code alone (ENOTFOUND, ECONNREFUSED…) names the cause but not the fix, and this is the
 * usual failure of a Logto container without outbound access or with a mistyped endpoint. Said of
 * "there": the sentence before it names the host. Short enough for the Console's toast.
 */
export const unreachableAdvice = (error: unknown): string => {
  const code = String((innerError(error) as { code?: unknown } | undefined)?.code ?? '');
  if (dnsCodes.has(code)) {
    return "The name does not resolve: check the endpoint's spelling and the server's DNS.";
  }
  if (code === 'ECONNREFUSED') {
    return 'Nothing listens there: check the endpoint (is the emulator running?) and firewalls.';
  }
  if (tlsCode.test(code)) {
    return 'Its certificate was refused: a proxy intercepts HTTPS, or Logto lacks its CA (NODE_EXTRA_CA_CERTS).';
  }
  if (blockedCodes.has(code)) {
    return 'Check that Logto may connect there (firewall, outbound proxy, container network).';
  }
  return 'Check the endpoint and that Logto can reach it (DNS, firewall, outbound proxy).';
};
