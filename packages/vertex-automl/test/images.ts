import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 4x4 RGB PNG of one colour (a different file per seed). */
export function tinyPng(seed: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: 4 }, () => [seed & 255, (seed >> 8) & 255, 200]).flat()]);
  const pixels = Buffer.concat(Array.from({ length: 4 }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes a labelled folder: `{ cirrus: 20, … }` images per label, named `<label>-<i>.png`. */
export function imageFolder(counts: Record<string, number>, dir = mkdtempSync(join(tmpdir(), 'vcm-images-'))): string {
  let seed = 0;
  for (const [label, count] of Object.entries(counts)) {
    mkdirSync(join(dir, label), { recursive: true });
    for (let i = 0; i < count; i++) writeFileSync(join(dir, label, `${label}-${i}.png`), tinyPng(seed++));
  }
  return dir;
}

/** The clouds set's shape: 20 images for each of the three labels. */
export const CLOUDS = { cirrus: 20, cumulonimbus: 20, cumulus: 20 };
