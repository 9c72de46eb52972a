import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** The TCP state code of a listening socket in `/proc/net/tcp{,6}`. */
const LISTEN = '0A';

/**
 * Local addresses on which some process of this machine listens on TCP `port`, read from Linux's
 * `/proc/net/tcp` and `/proc/net/tcp6`: e.g. `127.0.0.1`, `0.0.0.0` (every IPv4 interface), `::` (every
 * interface), `::ffff:127.0.0.1`.
 */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4FromProc],
    ['/proc/net/tcp6', ipv6FromProc],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== LISTEN) continue;
      const [hexAddress = '', hexPort = ''] = local.split(':');
      if (parseInt(hexPort, 16) === port) addresses.push(decode(hexAddress));
    }
  }
  return addresses;
}

/** Whether `address` (as {@link listeningAddresses} spells it) is reachable only from this machine. */
export function isLoopbackAddress(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

/** This machine's first non-loopback IPv4 address, if it has one. */
export function externalIpv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((nic) => nic && nic.family === 'IPv4' && !nic.internal)?.address;
}

/** Whether a TCP connection to `host:port` is accepted (false when refused or after `timeoutMs`). */
export function acceptsConnections(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `/proc` writes an IPv4 address as one little-endian 32-bit word in hex. */
function ipv4FromProc(hex: string): string {
  return Buffer.from(hex, 'hex').reverse().join('.');
}

/** `/proc` writes an IPv6 address as four little-endian 32-bit words in hex. */
function ipv6FromProc(hex: string): string {
  const bytes = Buffer.alloc(16);
  for (let word = 0; word < 4; word += 1)
    bytes.writeUInt32BE(Buffer.from(hex.slice(word * 8, word * 8 + 8), 'hex').readUInt32LE(0), word * 4);
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff)
    return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::')
    .replace(/:{3,}/, '::');
}
