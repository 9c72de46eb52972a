import { readId, readSize, UNKNOWN_SIZE } from './ebml';

/** One child element of a fully buffered master element. */
export interface ChildElement {
  readonly id: number;
  /** Offset of the payload in the buffer. */
  readonly start: number;
  /** Offset just past the payload. */
  readonly end: number;
}

/**
 * Lists the child elements of a complete master-element payload `buf[start, end)`.
 * @throws Error when a child is truncated or has an unknown size.
 */
export function children(buf: Buffer, start = 0, end = buf.length): ChildElement[] {
  const out: ChildElement[] = [];
  let offset = start;
  while (offset < end) {
    const id = readId(buf, offset);
    const size = id && readSize(buf, offset + id.length);
    if (!id || !size || size.value === UNKNOWN_SIZE) throw new Error(`truncated EBML element at offset ${offset}`);
    const payload = offset + id.length + size.length;
    if (payload + size.value > end) throw new Error(`EBML element 0x${id.value.toString(16)} at offset ${offset} overruns its parent`);
    out.push({ id: id.value, start: payload, end: payload + size.value });
    offset = payload + size.value;
  }
  return out;
}
