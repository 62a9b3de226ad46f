import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sourceKeyOf, unreadableSource } from '../../src/abuse-guard/source-key.js';

describe('sourceKeyOf', () => {
  it.each([
    ['203.0.113.7', 32, 'v4:203.0.113.7'],
    [' 203.0.113.7 ', 32, 'v4:203.0.113.7'],
    ['203.0.113.7', 24, 'v4:203.0.113.0/24'],
    ['203.0.113.7', 16, 'v4:203.0.0.0/16'],
    ['255.255.255.255', 8, 'v4:255.0.0.0/8'],
    ['0.0.0.0', 32, 'v4:0.0.0.0'],
    ['::ffff:203.0.113.7', 32, 'v4:203.0.113.7'],
    ['::FFFF:203.0.113.7', 24, 'v4:203.0.113.0/24'],
    ['::ffff:cb00:7107', 32, 'v4:203.0.113.7'],
    ['0:0:0:0:0:ffff:cb00:7107', 32, 'v4:203.0.113.7'],
    ['2001:db8::1', 32, 'v6:2001:db8:0:0::/64'],
    ['2001:0DB8:0000:0000:ffff:1:2:3', 32, 'v6:2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', 32, 'v6:2001:db8:1:2::/64'],
    ['2001:db8:1:2::', 32, 'v6:2001:db8:1:2::/64'],
    ['fe80::1%eth0', 32, 'v6:fe80:0:0:0::/64'],
    ['::1', 32, 'v6:0:0:0:0::/64'],
    ['::', 32, 'v6:0:0:0:0::/64'],
    // Only ::ffff:0:0/96 is an IPv4 client; other embeddings are IPv6 networks of their own.
    ['64:ff9b::203.0.113.7', 32, 'v6:64:ff9b:0:0::/64'],
    ['::203.0.113.7', 32, 'v6:0:0:0:0::/64'],
    // With the client's port, as some proxies write X-Forwarded-For (Logto passes it on as is).
    ['203.0.113.7:54321', 32, 'v4:203.0.113.7'],
    ['203.0.113.7:54321', 24, 'v4:203.0.113.0/24'],
    ['[2001:db8:1:2::9]:443', 32, 'v6:2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', 32, 'v6:2001:db8:1:2::/64'],
    ['[::ffff:203.0.113.7]:8080', 32, 'v4:203.0.113.7'],
  ])('%s (ipv4Prefix %i) → %s', (ip, prefix, expected) => {
    expect(sourceKeyOf(ip, prefix)).toBe(expected);
  });

  it.each([undefined, null, '', '   ', 42, {}, ['1.2.3.4']])('no ip (%j) → no source: budgets do not apply', (ip) => {
    expect(sourceKeyOf(ip)).toBeUndefined();
  });

  it.each(['unknown', '1.2.3', '256.1.1.1', '01.2.3.4', '1.2.3.4:', '1.2.3.4:123456', '1.2.3.4:x', '[1.2.3.4]:80', '[::1', '::1]:80', '[::1]:', '1.2.3.4, 5.6.7.8', 'fe80::1%', ':::', '1'.repeat(200)])(
    '%s is no IP address → the one shared unreadable source',
    (ip) => {
      expect(sourceKeyOf(ip)).toBe(unreadableSource);
    }
  );

  it('puts every address of a /64 in one source, and neighbouring /64s in others', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xff_ff }), { minLength: 8, maxLength: 8 }), (groups) => {
        const text = groups.map((group) => group.toString(16)).join(':');
        const sameNetwork = [...groups.slice(0, 4), 0, 0, 0, 1].map((group) => group.toString(16).padStart(4, '0')).join(':');
        const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xff_ff;
        fc.pre(!isMapped);
        expect(sourceKeyOf(text)).toBe(sourceKeyOf(sameNetwork));
        const next = [...groups.slice(0, 3), (groups[3]! + 1) % 0x1_00_00, 0, 0, 0, 1].map((group) => group.toString(16)).join(':');
        expect(sourceKeyOf(next)).not.toBe(sourceKeyOf(text));
      })
    );
  });

  it('agrees with the IPv4 arithmetic for every address and prefix', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 8, max: 32 }), (ip, prefix) => {
        const value = ip.split('.').reduce((sum, byte) => sum * 256 + Number(byte), 0);
        const network = value - (value % 2 ** (32 - prefix));
        const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
        expect(sourceKeyOf(ip, prefix)).toBe(prefix === 32 ? `v4:${dotted}` : `v4:${dotted}/${prefix}`);
        expect(sourceKeyOf(`::ffff:${ip}`, prefix)).toBe(sourceKeyOf(ip, prefix));
      })
    );
  });

  it('never throws and answers a source key, the unreadable source or nothing for any value', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.anything(), fc.stringMatching(/^[\d.:a-f%]{0,45}$/)),
        fc.integer({ min: 8, max: 32 }),
        (ip, prefix) => {
          const key = sourceKeyOf(ip, prefix);
          expect(key === undefined || key === unreadableSource || /^v4:[\d.]+(\/\d+)?$|^v6:[\da-f:]+::\/64$/.test(key)).toBe(true);
        }
      ),
      { numRuns: 2000 }
    );
  });
});
