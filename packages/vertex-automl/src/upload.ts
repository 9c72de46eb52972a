import { DATA_CSV_OBJECT } from './lab-settings';
import { formatDataCsv, type DataRow } from './data-csv';
import type { LocalImage } from './image-folder';
import type { LabEvent } from './lab-target';
import type { ObjectStore } from './vertex-api';

/** What an upload did. */
export interface UploadOutcome {
  readonly uploaded: number;
  readonly skipped: number;
  readonly bytes: number;
}

/**
 * Uploads local images to the bucket, resumably: an object that is already there with the same size is
 * skipped, so a second run after an interruption uploads only what is missing. Up to `concurrency`
 * uploads at a time.
 */
export async function uploadImages(
  store: ObjectStore,
  uploads: ReadonlyMap<string, LocalImage>,
  onEvent: (event: LabEvent) => void = () => undefined,
  concurrency = 4,
): Promise<UploadOutcome> {
  const existing = await store.list();
  const pending = [...uploads].filter(([object, image]) => {
    const there = existing.get(object) === image.bytes;
    if (there) onEvent({ type: 'upload', object, bytes: image.bytes, skipped: true });
    return !there;
  });
  let bytes = 0;
  const queue = [...pending];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [object, image] = next;
      await store.upload(image.file, object);
      bytes += image.bytes;
      onEvent({ type: 'upload', object, bytes: image.bytes, skipped: false });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  return { uploaded: pending.length, skipped: uploads.size - pending.length, bytes };
}

/** Writes `data.csv` to the bucket; returns its `gs://` URI. */
export async function writeDataCsv(store: ObjectStore, bucket: string, rows: readonly DataRow[]): Promise<string> {
  await store.save(DATA_CSV_OBJECT, formatDataCsv(rows), 'text/csv');
  return `gs://${bucket}/${DATA_CSV_OBJECT}`;
}
