import { isIPv4, isIPv6 } from 'node:net';

/**
 * The requester's networks, as budgets count them. `network` is what one subscriber holds: an IPv4
 * address (or its `/ipv4Prefix` network), or the IPv6 /64 an address lies in, since one
 * subscriber is routinely handed a whole /64 and can pick a fresh address for every request.
 * `site` is the IPv6 /48 around that /64, present for native IPv6 only: a /48 is what a tunnel
 * broker or a hosting provider hands one customer, 65,536 /64s at once, so it gets a budget too.
 *
 * An IPv6 address that carries an IPv4 address counts as that IPv4 address: IPv4-mapped and
 * -compatible addresses, 6to4 (`2002::/16`), NAT64's well-known prefix (`64:ff9b::/96`) and
 * Teredo (`2001::/32`). Read as IPv6, one IPv4 host would own a whole 6to4 /48, and every client
 * of a NAT64 gateway would share one /64.
 */
export type SourceKey = { network: string; site?: string };

/**
 * What an `ip` that is present but is no IP address counts as: one shared source. Treating it as
 * "no ip" would let whatever produces such values skip every budget; sharing one budget makes a
 * broken proxy setup visible (everyone is limited together) instead of silently unprotected.
 */
export const unreadableSource: SourceKey = Object.freeze({ network: 'unreadable' });

const maxIpLength = 100;

/** An IPv4 address as a 32-bit unsigned number. */
type Ipv4 = number;

/** The dotted-quad IPv4 address already checked by `isIPv4`, as a number. */
const ipv4Value = (address: string): Ipv4 => address.split('.').reduce((sum, byte) => sum * 256 + Number(byte), 0);

const ipv4Source = (address: Ipv4, prefix: number): SourceKey => {
  const block = 2 ** (32 - prefix);
  const network = Math.floor(address / block) * block;
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  return { network: prefix === 32 ? `v4:${dotted}` : `v4:${dotted}/${prefix}` };
};

/** The eight 16-bit groups of an IPv6 address already checked by `isIPv6` (zone id removed). */
const ipv6Groups = (address: string): number[] => {
  const lower = address.toLowerCase();
  // A dotted IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) stands for the last two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  const hex = tail
    ? (() => {
        const value = ipv4Value(tail);
        const head = lower.slice(0, -tail.length);
        return `${head}${Math.floor(value / 0x1_00_00).toString(16)}:${(value % 0x1_00_00).toString(16)}`;
      })()
    : lower;
  const [left = '', right] = hex.split('::');
  const parts = (text: string) => (text === '' ? [] : text.split(':'));
  const leftGroups = parts(left);
  const rightGroups = right === undefined ? [] : parts(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  return [...leftGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...rightGroups].map((group) =>
    Number.parseInt(group, 16)
  );
};

const joined = (high: number, low: number): Ipv4 => high * 0x1_00_00 + low;
const allZero = (groups: readonly number[]) => groups.every((group) => group === 0);

/**
 * The IPv4 address an IPv6 address stands for, or undefined for a native IPv6 address. The
 * loopback and unspecified addresses (`::1`, `::`) are IPv6's own, not IPv4-compatible ones.
 */
const embeddedIpv4 = (groups: readonly number[]): Ipv4 | undefined => {
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const lowWord = joined(g6, g7);
  // IPv4-mapped ::ffff:0:0/96 (how a dual-stack server sees IPv4 clients).
  if (allZero(groups.slice(0, 5)) && g5 === 0xff_ff) {
    return lowWord;
  }
  // IPv4-compatible ::/96 (deprecated, still writable).
  if (allZero(groups.slice(0, 6)) && lowWord > 1) {
    return lowWord;
  }
  // NAT64's well-known prefix 64:ff9b::/96: the IPv4 host the gateway reaches for its client.
  if (g0 === 0x64 && g1 === 0xff_9b && allZero(groups.slice(2, 6))) {
    return lowWord;
  }
  // 6to4 2002::/16: the site's IPv4 address in bits 16–47.
  if (g0 === 0x20_02) {
    return joined(g1, g2);
  }
  // Teredo 2001::/32: the client's public IPv4 address, inverted, in the last 32 bits.
  if (g0 === 0x20_01 && g1 === 0) {
    return 0xff_ff_ff_ff - lowWord;
  }
  return undefined;
};

const ipv6Prefix = (groups: readonly number[], count: number, bits: number) =>
  `v6:${groups
    .slice(0, count)
    .map((group) => group.toString(16))
    .join(':')}::/${bits}`;

/**
 * The address without the client's port: some proxies (Azure Application Gateway among them)
 * write `203.0.113.7:54321` or `[2001:db8::1]:443` into X-Forwarded-For, and Logto passes that
 * on. Read as unreadable, every user behind such a proxy would share one budget.
 */
const withoutPort = (text: string): string => {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1];
  if (bracketed !== undefined) {
    return isIPv6(bracketed) ? bracketed : text;
  }
  const ipv4 = /^([\d.]+):\d{1,5}$/.exec(text)?.[1];
  return ipv4 !== undefined && isIPv4(ipv4) ? ipv4 : text;
};

/**
 * The source an `ip` belongs to, or undefined when there is no `ip` (absent, empty, not a
 * string): budgets then do not apply. A value that is not an IP address is `unreadableSource`.
 * A zone id (`fe80::1%eth0`) is ignored, and so is a port (`203.0.113.7:54321`,
 * `[2001:db8::1]:443`).
 */
export const sourceKeyOf = (ip: unknown, ipv4Prefix = 32): SourceKey | undefined => {
  if (typeof ip !== 'string' || ip.trim() === '') {
    return undefined;
  }
  if (ip.trim().length > maxIpLength) {
    return unreadableSource;
  }
  const text = withoutPort(ip.trim());
  if (isIPv4(text)) {
    return ipv4Source(ipv4Value(text), ipv4Prefix);
  }
  if (!isIPv6(text)) {
    return unreadableSource;
  }
  // A zone id (`fe80::1%eth0`) names the local interface, not the network.
  const groups = ipv6Groups(text.split('%')[0] ?? '');
  const ipv4 = embeddedIpv4(groups);
  if (ipv4 !== undefined) {
    return ipv4Source(ipv4, ipv4Prefix);
  }
  return { network: ipv6Prefix(groups, 4, 64), site: ipv6Prefix(groups, 3, 48) };
};
