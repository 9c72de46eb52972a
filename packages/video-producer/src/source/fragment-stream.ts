import type { Readable } from 'node:stream';
import type { Fragment } from '../mkv/fragment';
import type { MkvFragmenter } from '../mkv/mkv-fragmenter';

/** Yields the fragments `fragmenter` cuts from a Matroska byte stream, then the last one at its end. */
export async function* fragmentStream(input: Readable, fragmenter: MkvFragmenter): AsyncGenerator<Fragment> {
  for await (const chunk of input) yield* fragmenter.push(chunk as Buffer);
  yield* fragmenter.end();
}
