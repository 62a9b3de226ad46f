import { isIPv4, isIPv6 } from 'node:net';

/**
 * The requester's network, as budgets count it. IPv4: the address, or its `/ipv4Prefix` network.
 * IPv6: the /64 the address lies in, since one subscriber is routinely handed a whole /64 and can
 * pick a fresh address for every request. An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, how
 * a dual-stack server sees IPv4 clients) is its IPv4 address.
 */
export type SourceKey = string;

/**
 * What an `ip` that is present but is no IP address counts as: one shared source. Treating it as
 * "no ip" would let whatever produces such values skip every budget; sharing one budget makes a
 * broken proxy setup visible (everyone is limited together) instead of silently unprotected.
 */
export const unreadableSource: SourceKey = 'unreadable';

const maxIpLength = 100;

/** The four bytes of a dotted-quad IPv4 address already checked by `isIPv4`. */
const ipv4Bytes = (address: string): number[] => address.split('.').map(Number);

const ipv4Source = (bytes: readonly number[], prefix: number): SourceKey => {
  const value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  const block = 2 ** (32 - prefix);
  const network = Math.floor(value / block) * block;
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  return prefix === 32 ? `v4:${dotted}` : `v4:${dotted}/${prefix}`;
};

/** The eight 16-bit groups of an IPv6 address already checked by `isIPv6` (zone id removed). */
const ipv6Groups = (address: string): number[] => {
  const lower = address.toLowerCase();
  // A dotted IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) stands for the last two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  const hex = tail
    ? (() => {
        const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(tail);
        const head = lower.slice(0, -tail.length);
        return `${head}${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`;
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
    return ipv4Source(ipv4Bytes(text), ipv4Prefix);
  }
  if (!isIPv6(text)) {
    return unreadableSource;
  }
  // A zone id (`fe80::1%eth0`) names the local interface, not the network.
  const address = text.split('%')[0] ?? '';
  const groups = ipv6Groups(address);
  const isMappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xff_ff;
  if (isMappedIpv4) {
    const [high = 0, low = 0] = groups.slice(6);
    return ipv4Source([high >> 8, high & 0xff, low >> 8, low & 0xff], ipv4Prefix);
  }
  return `v6:${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
};
