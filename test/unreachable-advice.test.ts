import { describe, expect, it } from 'vitest';

import { unreachableAdvice } from '../src/http/unreachable-advice.js';

/** A fetch-style failure: the system error sits in `cause`, as undici and the transport put it. */
const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('what to check when the endpoint cannot be reached', () => {
  it.each([
    ['ENOTFOUND', "The name does not resolve: check the endpoint's spelling and the server's DNS."],
    ['EAI_AGAIN', 'The name does not resolve'],
    ['ECONNREFUSED', 'Nothing listens there: check the endpoint (is the emulator running?)'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'a proxy intercepts HTTPS'],
    ['CERT_HAS_EXPIRED', 'NODE_EXTRA_CA_CERTS'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'Its certificate was refused'],
    ['ENETUNREACH', 'Check that Logto may connect there (firewall, outbound proxy, container network).'],
    ['ECONNRESET', 'firewall, outbound proxy'],
  ])('%s: %s', (code, advice) => {
    expect(unreachableAdvice(failed(code))).toContain(advice);
  });

  it('gives general advice for an error without a known code, whatever it is', () => {
    for (const error of [new Error('odd'), undefined, null, 'text', { code: 42 }]) {
      expect(unreachableAdvice(error)).toBe('Check the endpoint and that Logto can reach it (DNS, firewall, outbound proxy).');
    }
  });
});
