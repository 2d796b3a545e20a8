import { isIP } from 'node:net';
import type { Request } from 'restify';

/** An address as written in X-Forwarded-For: "1.2.3.4", "1.2.3.4:5678" (App Service adds the port), "[2001:db8::1]:443" or "2001:db8::1". */
function bareAddress(written: string): string | undefined {
  const text = written.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return isIP(bracketed[1]) === 6 ? bracketed[1] : undefined;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  const address = withPort ? withPort[1] : text;
  return isIP(address) ? address : undefined;
}

/** The eight groups of an IPv6 address, "::" expanded (an embedded IPv4 tail becomes two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((group) => parseInt(group, 16)) : []);
  const start = part(head);
  const end = part(tail);
  return tail === undefined ? start : [...start, ...new Array<number>(8 - start.length - end.length).fill(0), ...end];
}

/**
 * The key one client's requests are counted under. IPv4: the address. IPv6: its /64 network, since one person
 * is usually given a whole /64 and could otherwise rotate through it. IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function rateLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`;
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/**
 * Who sent the request. With `trustedProxies` = 0 (the default) it is the socket's peer. Behind N proxies of our
 * own (App Service, Front Door, a load balancer: `TRUST_PROXY=N`), each appends the address it saw to
 * X-Forwarded-For, so the client is the N-th address from the right; anything further left was written by the
 * client and is not trusted. A missing or malformed header falls back to the socket's peer.
 */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').filter((hop) => hop.trim() !== '');
  if (hops.length === 0) return peer;
  const written = hops[Math.max(0, hops.length - trustedProxies)];
  return bareAddress(written) ?? peer;
}
