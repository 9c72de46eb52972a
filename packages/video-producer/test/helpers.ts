import { execFileSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { ffmpegArgs, DEFAULT_ENCODING, type EncodingOptions } from '../src';

/** Encodes `seconds` of the test pattern with the producer's own ffmpeg arguments (as fast as possible). */
export function encodeTestPattern(seconds: number, encoding: Partial<EncodingOptions> = {}): Buffer {
  return execFileSync(
    'ffmpeg',
    ffmpegArgs({ kind: 'testsrc' }, { ...DEFAULT_ENCODING, realtime: false, durationMs: seconds * 1000, ...encoding }),
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
}

/** Runs a validator and returns its exit status and output. */
export function run(command: string, args: readonly string[]): { status: number; output: string } {
  try {
    const output = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { status: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Splits a buffer into pieces of the given sizes, cycling through them. */
export function chunks(data: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length] as number;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** A loopback port nothing listens on (bound once by the OS, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
