import { describe, expect, it } from 'vitest';

import { unreachableAdvice } from '../src/http/unreachable-advice.js';

/** A fetch-style failure: the system error sits in `cause`, as undici and the transport put it. */
const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('what to check when the endpoint cannot be reached', () => {
  it.each([
    ['ENOTFOUND', "could not be resolved: check the endpoint's spelling and the Logto server's DNS"],
    ['EAI_AGAIN', 'could not be resolved'],
    ['ECONNREFUSED', 'nothing accepts connections at sms.example.test'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'a proxy that intercepts HTTPS is in the way'],
    ['CERT_HAS_EXPIRED', 'NODE_EXTRA_CA_CERTS'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS certificate was not accepted'],
    ['ENETUNREACH', 'may open HTTPS connections to sms.example.test (firewall, outbound proxy, container network)'],
    ['ECONNRESET', 'firewall, outbound proxy'],
  ])('%s: %s', (code, advice) => {
    expect(unreachableAdvice(failed(code), 'sms.example.test')).toContain(advice);
  });

  it('gives general advice for an error without a known code, whatever it is', () => {
    for (const error of [new Error('odd'), undefined, null, 'text', { code: 42 }]) {
      expect(unreachableAdvice(error, 'sms.example.test')).toBe(
        'check the endpoint and that the Logto server can reach sms.example.test (DNS, firewall, outbound proxy).'
      );
    }
  });
});
