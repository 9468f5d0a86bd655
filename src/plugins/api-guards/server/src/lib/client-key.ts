/**
 * The key a client's allowance is counted under: its IPv4 address, or the /64 network of its
 * IPv6 address. One IPv6 subscriber gets a whole /64 (2^64 addresses): counted per address, it
 * would get a fresh allowance from every address it picks, and every address would hold a
 * counter in memory. Pure.
 */
import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const split = (part: string | undefined) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const before = split(head);
  const after = split(tail);
  const zeros = tail === undefined ? [] : Array(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after];
}

export function clientKey(ip: string): string {
  const address = ip.split('%')[0];
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return ip;
  const network = ipv6Groups(address)
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':');
  return `${network}::/64`;
}
