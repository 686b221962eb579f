import type {IncomingHttpHeaders, IncomingMessage, Server} from 'node:http';
import {BlockList, isIP} from 'node:net';
import {unmapIPv4} from './client-key.js';
import type {LogWrite} from './log.js';

/** The headers with which a proxy names the client, as an operator would write them. */
const FORWARDING_HEADERS = {
  'x-forwarded-for': 'X-Forwarded-For',
  forwarded: 'Forwarded',
  'x-real-ip': 'X-Real-IP',
} as const;

type ForwardingHeader = keyof typeof FORWARDING_HEADERS;

/**
 * How long the warning about an untrusted peer's forwarding headers stays in `/healthz` after the
 * last such request, and how often at most it is logged again: a proxy sends them on every
 * request, so one line an hour is enough to be seen and too few to flood the log.
 */
export const UNTRUSTED_PROXY_PERIOD_MS = 60 * 60_000;

/** Peers whose warning times are kept: many spoofing clients must not grow the map forever. */
const LOGGED_PEERS = 100;

/** What `installForwarding` needs. */
export interface ForwardingOptions {
  /** The server's `trustProxy`: a hop count or addresses and CIDRs; none: trust no peer. */
  trustProxy?: number | string[];
  /** Where the warning goes (`app.log.warn`). */
  warn: LogWrite;
  now?: () => number;
  periodMs?: number;
}

/** What the server knows about the proxy in front of it, for `/healthz`. */
export interface ProxyWatch {
  /**
   * `direct` (no proxy trusted, none seen), `trusted: <trustProxy>`, or `warning: …` while an
   * untrusted peer's requests carried forwarding headers within the last period.
   */
  status(): string;
}

/**
 * Whether a socket peer is a proxy the server believes, as Fastify's `trustProxy` decides for
 * the nearest hop: a hop count of 1 or more trusts every peer, a list its addresses and CIDRs.
 */
export function trustedPeer(trust: number | string[] | undefined): (address: string) => boolean {
  if (trust === undefined) return () => false;
  if (typeof trust === 'number') return () => trust > 0;
  const list = new BlockList();
  for (const entry of trust) {
    const [address, bits] = entry.trim().split('/');
    const plain = unmapIPv4(address);
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    // `::ffff:10.0.0.0/104` is the IPv4 `10.0.0.0/8`.
    const prefix = Number(bits) - (plain === address ? 0 : 96);
    if (bits === undefined) list.addAddress(plain, family);
    else list.addSubnet(plain, Math.max(0, prefix), family);
  }
  return (address) => {
    const plain = unmapIPv4(address);
    return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * Runs before Fastify sees a request or a WebSocket upgrade, so that REST (`request.ip`) and the
 * DDP upgrade read the same client address:
 *
 * - From a trusted peer, the client chain is rewritten into `X-Forwarded-For`, the only header
 *   Fastify's proxy-addr reads: `X-Forwarded-For` as sent, else RFC 7239 `Forwarded: for=`,
 *   else `X-Real-IP`. Ports and IPv6 brackets are dropped, and the chain keeps only what follows
 *   the nearest entry that is not an address (`unknown`, an obfuscated `_name`, garbage): a
 *   proxy that does not know its client names nobody, so the client is the proxy itself rather
 *   than a string that would key rate limits (a fresh one per request, were it a port).
 *   `Forwarded: proto=` becomes `X-Forwarded-Proto` when that is absent.
 * - From any other peer, those headers are left unbelieved (anyone may send them), but they mean
 *   a proxy the server does not trust is probably in front: every visitor behind it then shares
 *   its address and the per-address limits, and the site goes down for all once a few arrive.
 *   That is logged (at most once per period) and shown in `/healthz`, naming the flag to set.
 */
export function installForwarding(server: Server, options: ForwardingOptions): ProxyWatch {
  const isTrusted = trustedPeer(options.trustProxy);
  const now = options.now ?? Date.now;
  const periodMs = options.periodMs ?? UNTRUSTED_PROXY_PERIOD_MS;
  let seen: {peer: string; header: ForwardingHeader; at: number} | null = null;
  // Per peer, so that a client sending the headers itself cannot hide the proxy's warning.
  const loggedAt = new Map<string, {at: number; ignored: number}>();

  const hint = (peer: string) =>
    Array.isArray(options.trustProxy)
      ? `add ${peer} to --trust-proxy (trustProxy)`
      : `start the server with --trust-proxy ${peer} (trustProxy)`;
  const onRequest = (request: IncomingMessage) => {
    const peer = request.socket.remoteAddress;
    if (peer === undefined) return;
    if (isTrusted(peer)) {
      believeChain(request.headers);
      return;
    }
    const header = forwardingHeaderOf(request.headers);
    if (header === null) return;
    const at = now();
    seen = {peer: unmapIPv4(peer), header, at};
    const logged = loggedAt.get(seen.peer);
    if (logged && at - logged.at < periodMs) {
      logged.ignored += 1;
      return;
    }
    if (!logged && loggedAt.size >= LOGGED_PEERS) {
      for (const [key, value] of loggedAt) if (at - value.at >= periodMs) loggedAt.delete(key);
      if (loggedAt.size >= LOGGED_PEERS) return;
    }
    options.warn(
      {
        peer: seen.peer,
        header: FORWARDING_HEADERS[header],
        ignoredSinceLastWarning: logged?.ignored ?? 0,
      },
      `${FORWARDING_HEADERS[header]} from ${seen.peer} ignored: it is not a trusted proxy, so ` +
        `every visitor coming through it shares its address and per-address limits. If a ` +
        `reverse proxy runs there, ${hint(seen.peer)}`,
    );
    loggedAt.set(seen.peer, {at, ignored: 0});
  };
  server.prependListener('request', onRequest);
  server.prependListener('upgrade', onRequest);

  return {
    status() {
      if (seen && now() - seen.at < periodMs) {
        return (
          `warning: ${FORWARDING_HEADERS[seen.header]} from ${seen.peer} ignored (not a trusted ` +
          `proxy): its visitors share one address and its limits; ${hint(seen.peer)}`
        );
      }
      const trust = options.trustProxy;
      if (trust === undefined) return 'direct';
      return `trusted: ${typeof trust === 'number' ? `${trust} hop${trust === 1 ? '' : 's'}` : trust.join(',')}`;
    },
  };
}

/** The first forwarding header a request carries (non-blank), if any. */
function forwardingHeaderOf(headers: IncomingHttpHeaders): ForwardingHeader | null {
  for (const name of Object.keys(FORWARDING_HEADERS) as ForwardingHeader[]) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '') return name;
  }
  return null;
}

/** Rewrites a trusted peer's forwarding headers into the `X-Forwarded-For` proxy-addr reads. */
function believeChain(headers: IncomingHttpHeaders): void {
  const xff = headers['x-forwarded-for'];
  let chain: (string | undefined)[] | null = null;
  if (typeof xff === 'string' && xff.trim() !== '') {
    chain = xff.split(',');
  } else if (typeof headers.forwarded === 'string' && headers.forwarded.trim() !== '') {
    const elements = parseForwarded(headers.forwarded);
    chain = elements.map((element) => element.for);
    const proto = elements.at(-1)?.proto?.toLowerCase();
    if (headers['x-forwarded-proto'] === undefined && (proto === 'http' || proto === 'https')) {
      headers['x-forwarded-proto'] = proto;
    }
  } else if (typeof headers['x-real-ip'] === 'string') {
    chain = [headers['x-real-ip']];
  }
  if (chain === null) return;
  const believed: string[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = addressOf(chain[i]);
    if (address === null) break;
    believed.unshift(address);
  }
  if (believed.length > 0) headers['x-forwarded-for'] = believed.join(', ');
  else delete headers['x-forwarded-for'];
}

/**
 * A node of a forwarding chain as a bare address: `203.0.113.7`, `203.0.113.7:4711`,
 * `2001:db8::1`, `[2001:db8::1]:4711` (quoted or not); `null` for `unknown`, an obfuscated
 * identifier (`_hidden`) or anything else.
 */
export function addressOf(node: string | undefined): string | null {
  if (node === undefined) return null;
  let text = node.trim();
  if (text.length > 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return isIP(bracketed[1]) === 6 ? bracketed[1] : null;
  const withPort = /^([\d.]+):\d{1,5}$/.exec(text);
  if (withPort) return isIP(withPort[1]) === 4 ? withPort[1] : null;
  return isIP(text) === 0 ? null : text;
}

/**
 * The elements of an RFC 7239 `Forwarded` value (`for=a;proto=https, for="[2001:db8::1]"`), each
 * with its `for` and `proto` (lowercased names; quoted values unquoted, commas and semicolons
 * inside quotes kept). Never throws: a malformed pair is skipped.
 */
export function parseForwarded(value: string): {for?: string; proto?: string}[] {
  const elements: {for?: string; proto?: string}[] = [];
  let element = new Map<string, string>();
  let pair = '';
  let quoted = false;
  let escaped = false;
  const endPair = () => {
    const at = pair.indexOf('=');
    if (at > 0) {
      const name = pair.slice(0, at).trim().toLowerCase();
      let text = pair.slice(at + 1).trim();
      if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
        text = text.slice(1, -1).replace(/\\(.)/g, '$1');
      }
      if (!element.has(name)) element.set(name, text);
    }
    pair = '';
  };
  const endElement = () => {
    endPair();
    elements.push({for: element.get('for'), proto: element.get('proto')});
    element = new Map();
  };
  for (const char of value) {
    if (escaped) escaped = false;
    else if (quoted && char === '\\') escaped = true;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === ';') {
      endPair();
      continue;
    } else if (!quoted && char === ',') {
      endElement();
      continue;
    }
    pair += char;
  }
  endElement();
  return elements;
}
