/**
 * Matroska/EBML primitives: the element ids this package reads or writes, variable-length integers
 * (RFC 8794 §4) and element encoding. Kept allocation-light because the fragmenter runs on every byte.
 */

/** Element ids (with their length-marker bits, as they appear on the wire). */
export const MkvId = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  ReferenceBlock: 0xfb,
  Void: 0xec,
} as const;

/** The size value meaning "unknown size" once decoded (all value bits set). */
export const UNKNOWN_SIZE = -1;

/** Result of decoding a variable-length integer: its value and how many bytes it took. */
export interface Vint {
  readonly value: number;
  readonly length: number;
}

/**
 * Reads an element id at `offset` (the marker bits are kept, as ids are written).
 * Returns undefined when the buffer ends before the id does.
 * @throws Error when the first byte is not a valid id start.
 */
export function readId(buf: Buffer, offset: number): Vint | undefined {
  const first = buf[offset];
  if (first === undefined) return undefined;
  const length = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (length === 0) throw new Error(`invalid EBML element id byte 0x${first.toString(16)} at offset ${offset}`);
  if (offset + length > buf.length) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (buf[offset + i] as number);
  return { value, length };
}

/**
 * Reads an element data size at `offset`. All value bits set decodes to `UNKNOWN_SIZE`.
 * Returns undefined when the buffer ends before the size does.
 * @throws Error on an invalid length marker or a size above 2^53.
 */
export function readSize(buf: Buffer, offset: number): Vint | undefined {
  const first = buf[offset];
  if (first === undefined) return undefined;
  let length = 1;
  let mask = 0x80;
  while (length <= 8 && (first & mask) === 0) {
    length++;
    mask >>= 1;
  }
  if (length > 8) throw new Error(`invalid EBML size byte 0x00 at offset ${offset}`);
  if (offset + length > buf.length) return undefined;
  let value = first & (mask - 1);
  let allOnes = value === mask - 1;
  for (let i = 1; i < length; i++) {
    const byte = buf[offset + i] as number;
    if (byte !== 0xff) allOnes = false;
    value = value * 256 + byte;
  }
  if (allOnes) return { value: UNKNOWN_SIZE, length };
  if (!Number.isSafeInteger(value)) throw new Error(`EBML size ${value} at offset ${offset} is too large`);
  return { value, length };
}

/** Reads a big-endian unsigned integer of `length` bytes (element payloads of uint elements). */
export function readUint(buf: Buffer, offset: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (buf[offset + i] as number);
  return value;
}

/** Encodes an element id (ids already carry their marker bits). */
export function encodeId(id: number): Buffer {
  const length = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  const out = Buffer.allocUnsafe(length);
  out.writeUIntBE(id, 0, length);
  return out;
}

/** Encodes a data size as the shortest vint (never the reserved all-ones value). */
export function encodeSize(size: number): Buffer {
  let length = 1;
  while (length < 8 && size >= 2 ** (7 * length) - 1) length++;
  const out = Buffer.alloc(length);
  let rest = size;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0] = (out[0] as number) | (0x80 >> (length - 1));
  return out;
}

/** The 8-byte "unknown size" marker used for a live Segment. */
export const UNKNOWN_SIZE_BYTES = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** Encodes one element from its id and payload parts. */
export function element(id: number, ...payload: readonly Buffer[]): Buffer {
  const size = payload.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([encodeId(id), encodeSize(size), ...payload]);
}

/** Encodes an unsigned integer element with the fewest bytes. */
export function uintElement(id: number, value: number): Buffer {
  return element(id, uintPayload(value));
}

/** Big-endian bytes of an unsigned integer, as few as possible (at least one). */
export function uintPayload(value: number): Buffer {
  let length = 1;
  while (length < 8 && value >= 2 ** (8 * length)) length++;
  const payload = Buffer.alloc(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    payload[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return payload;
}

/** Encodes a UTF-8/ASCII string element. */
export function stringElement(id: number, value: string): Buffer {
  return element(id, Buffer.from(value, 'utf8'));
}
