import {isIP} from 'node:net';

/**
 * The key every per-address limit counts a client under: an IPv4 address as it is, an IPv6
 * address by its /64 prefix (`2001:db8:1:2::/64`). One IPv6 host is routinely given a whole /64
 * and may use any of its 2^64 addresses, so counting full addresses would hand it as many fresh
 * ceilings. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack listener reports for
 * an IPv4 peer) is that IPv4 address. Anything that is not an address is its own key.
 */
export function clientKey(address: string): string {
  const bare = address.split('%', 1)[0];
  if (isIP(bare) !== 6) return address;
  const groups = ipv6Groups(bare);
  if (isIPv4Mapped(groups)) return ipv4Of(groups);
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** `::ffff:10.0.0.1` as `10.0.0.1`; any other address unchanged. */
export function unmapIPv4(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  return isIPv4Mapped(groups) ? ipv4Of(groups) : address;
}

const isIPv4Mapped = (groups: number[]): boolean =>
  groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;

const ipv4Of = (groups: number[]): string =>
  [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (side: string | undefined) =>
    side ? side.split(':').map((group) => parseInt(group, 16)) : [];
  const front = part(head);
  const back = part(tail);
  const gap = tail === undefined ? [] : Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...gap, ...back];
}
