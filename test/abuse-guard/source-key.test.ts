import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sourceKeyOf, unreadableSource } from '../../src/abuse-guard/source-key.js';

/** The dotted form of a 32-bit number. */
const dotted = (value: number) => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
const hexGroups = (value: number) => [Math.floor(value / 0x1_00_00), value % 0x1_00_00].map((group) => group.toString(16));
const ipv4Number = fc.integer({ min: 0, max: 0xff_ff_ff_ff });

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
    // IPv4-compatible (deprecated, still writable).
    ['::203.0.113.7', 32, 'v4:203.0.113.7'],
    ['::cb00:7107', 24, 'v4:203.0.113.0/24'],
    // NAT64's well-known prefix: the IPv4 host behind the gateway.
    ['64:ff9b::203.0.113.7', 32, 'v4:203.0.113.7'],
    ['64:ff9b::cb00:7107', 32, 'v4:203.0.113.7'],
    // 6to4: the IPv4 address in bits 16–47, whatever the rest holds.
    ['2002:cb00:7107::1', 32, 'v4:203.0.113.7'],
    ['2002:cb00:7107:ffff:1:2:3:4', 32, 'v4:203.0.113.7'],
    ['2002:cb00:7107:1::', 24, 'v4:203.0.113.0/24'],
    // Teredo: the client's public address, inverted, in the last 32 bits (RFC 4380's example).
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 32, 'v4:192.0.2.45'],
    ['2001::ffff:ffff', 32, 'v4:0.0.0.0'],
    ['2001:db8::1', 32, 'v6:2001:db8:0:0::/64'],
    ['2001:0DB8:0000:0000:ffff:1:2:3', 32, 'v6:2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', 32, 'v6:2001:db8:1:2::/64'],
    ['2001:db8:1:2::', 32, 'v6:2001:db8:1:2::/64'],
    ['fe80::1%eth0', 32, 'v6:fe80:0:0:0::/64'],
    // Loopback and unspecified are IPv6's own, not IPv4-compatible addresses.
    ['::1', 32, 'v6:0:0:0:0::/64'],
    ['::', 32, 'v6:0:0:0:0::/64'],
    // Only the well-known NAT64 /96 embeds an address at a known place; the local-use /48 does not.
    ['64:ff9b:1::203.0.113.7', 32, 'v6:64:ff9b:1:0::/64'],
    // With the client's port, as some proxies write X-Forwarded-For (Logto passes it on as is).
    ['203.0.113.7:54321', 32, 'v4:203.0.113.7'],
    ['203.0.113.7:54321', 24, 'v4:203.0.113.0/24'],
    ['[2001:db8:1:2::9]:443', 32, 'v6:2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', 32, 'v6:2001:db8:1:2::/64'],
    ['[::ffff:203.0.113.7]:8080', 32, 'v4:203.0.113.7'],
    ['[2002:cb00:7107::1]:443', 32, 'v4:203.0.113.7'],
  ])('%s (ipv4Prefix %i) → network %s', (ip, prefix, expected) => {
    expect(sourceKeyOf(ip, prefix)?.network).toBe(expected);
  });

  it.each([
    ['2001:db8:1:2:3:4:5:6', 'v6:2001:db8:1::/48'],
    ['2001:DB8:1:ffff::', 'v6:2001:db8:1::/48'],
    ['[2a01:4f8:c17:1::9]:443', 'v6:2a01:4f8:c17::/48'],
    ['fe80::1%eth0', 'v6:fe80:0:0::/48'],
  ])('native IPv6 %s → site %s', (ip, expected) => {
    expect(sourceKeyOf(ip)).toEqual({ network: sourceKeyOf(ip)?.network, site: expected });
  });

  it.each(['203.0.113.7', '::ffff:203.0.113.7', '2002:cb00:7107::1', '64:ff9b::cb00:7107', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'unknown'])(
    '%s carries no IPv6 site',
    (ip) => {
      expect(sourceKeyOf(ip)).not.toHaveProperty('site');
    }
  );

  it.each([undefined, null, '', '   ', 42, {}, ['1.2.3.4']])('no ip (%j) → no source: budgets do not apply', (ip) => {
    expect(sourceKeyOf(ip)).toBeUndefined();
  });

  it.each(['unknown', '1.2.3', '256.1.1.1', '01.2.3.4', '1.2.3.4:', '1.2.3.4:123456', '1.2.3.4:x', '[1.2.3.4]:80', '[::1', '::1]:80', '[::1]:', '1.2.3.4, 5.6.7.8', 'fe80::1%', ':::', '1'.repeat(200)])(
    '%s is no IP address → the one shared unreadable source',
    (ip) => {
      expect(sourceKeyOf(ip)).toEqual(unreadableSource);
    }
  );

  /** Eight groups of a native IPv6 address: none of the prefixes that embed an IPv4 address. */
  const nativeGroups = fc
    .array(fc.integer({ min: 0, max: 0xff_ff }), { minLength: 8, maxLength: 8 })
    .filter(([g0, g1]) => g0 !== 0 && g0 !== 0x64 && g0 !== 0x20_02 && !(g0 === 0x20_01 && g1 === 0));
  const text = (groups: number[]) => groups.map((group) => group.toString(16)).join(':');

  it('puts every address of a /64 in one network, and neighbouring /64s in others', () => {
    fc.assert(
      fc.property(nativeGroups, (groups) => {
        const sameNetwork = [...groups.slice(0, 4), 0, 0, 0, 1];
        expect(sourceKeyOf(text(groups))?.network).toBe(sourceKeyOf(text(sameNetwork))?.network);
        const next = [...groups.slice(0, 3), (groups[3]! + 1) % 0x1_00_00, 0, 0, 0, 1];
        expect(sourceKeyOf(text(next))?.network).not.toBe(sourceKeyOf(text(groups))?.network);
      })
    );
  });

  it('puts every /64 of a /48 in one site, and neighbouring /48s in others', () => {
    fc.assert(
      fc.property(nativeGroups, fc.integer({ min: 0, max: 0xff_ff }), (groups, subnet) => {
        const sameSite = [...groups.slice(0, 3), subnet, 1, 2, 3, 4];
        expect(sourceKeyOf(text(sameSite))?.site).toBe(sourceKeyOf(text(groups))?.site);
        expect(sourceKeyOf(text(groups))?.site).toMatch(/^v6:[\da-f]{1,4}(:[\da-f]{1,4}){2}::\/48$/);
        const next = [groups[0]!, groups[1]!, (groups[2]! + 1) % 0x1_00_00, subnet, 0, 0, 0, 1];
        expect(sourceKeyOf(text(next))?.site).not.toBe(sourceKeyOf(text(groups))?.site);
      })
    );
  });

  it('agrees with the IPv4 arithmetic for every address and prefix', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 8, max: 32 }), (ip, prefix) => {
        const value = ip.split('.').reduce((sum, byte) => sum * 256 + Number(byte), 0);
        const network = value - (value % 2 ** (32 - prefix));
        expect(sourceKeyOf(ip, prefix)).toEqual({ network: prefix === 32 ? `v4:${dotted(network)}` : `v4:${dotted(network)}/${prefix}` });
        expect(sourceKeyOf(`::ffff:${ip}`, prefix)).toEqual(sourceKeyOf(ip, prefix));
      })
    );
  });

  it('counts every IPv6 spelling that carries an IPv4 address as that address, whatever else it holds', () => {
    fc.assert(
      fc.property(
        ipv4Number,
        fc.array(fc.integer({ min: 0, max: 0xff_ff }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 8, max: 32 }),
        (ipv4, [a, b, c, d, e], prefix) => {
          const expected = sourceKeyOf(dotted(ipv4), prefix);
          const [high, low] = hexGroups(ipv4);
          const spellings = [
            `::ffff:${dotted(ipv4)}`,
            `::ffff:${high}:${low}`,
            `64:ff9b::${dotted(ipv4)}`,
            `64:ff9b::${high}:${low}`,
            // 6to4: any subnet and interface behind the site's address.
            `2002:${high}:${low}:${a!.toString(16)}:${b!.toString(16)}:${c!.toString(16)}:${d!.toString(16)}:${e!.toString(16)}`,
            // Teredo: any server, flags and port.
            `2001:0:${a!.toString(16)}:${b!.toString(16)}:${c!.toString(16)}:${d!.toString(16)}:${hexGroups(0xff_ff_ff_ff - ipv4).join(':')}`,
          ];
          if (ipv4 > 1) {
            spellings.push(`::${dotted(ipv4)}`);
          }
          for (const spelling of spellings) {
            expect(sourceKeyOf(spelling, prefix), spelling).toEqual(expected);
          }
        }
      )
    );
  });

  it('never throws and answers a source key, the unreadable source or nothing for any value', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.anything(), fc.stringMatching(/^[\d.:a-f%]{0,45}$/)),
        fc.integer({ min: 8, max: 32 }),
        (ip, prefix) => {
          const key = sourceKeyOf(ip, prefix);
          const shape =
            key === undefined ||
            key === unreadableSource ||
            (/^v4:[\d.]+(\/\d+)?$/.test(key.network) && key.site === undefined) ||
            (/^v6:[\da-f:]+::\/64$/.test(key.network) && /^v6:[\da-f:]+::\/48$/.test(key.site ?? ''));
          expect(shape, JSON.stringify(key)).toBe(true);
        }
      ),
      { numRuns: 2000 }
    );
  });
});
