import type { ObjectStore } from './vertex-api';

/** The part of a `@google-cloud/storage` `Bucket` the store uses. */
export interface StorageBucket {
  getFiles(options: { autoPaginate: true }): Promise<[{ name: string; metadata: { size?: string | number } }[], ...unknown[]]>;
  upload(file: string, options: { destination: string; resumable: boolean }): Promise<unknown>;
  file(name: string): { save(contents: string, options: { contentType: string; resumable: boolean }): Promise<void> };
}

/** The lab's object store over a Cloud Storage bucket. */
export function objectStoreOf(bucket: StorageBucket): ObjectStore {
  return {
    async list() {
      const [files] = await bucket.getFiles({ autoPaginate: true });
      return new Map(files.map((file) => [file.name, Number(file.metadata.size ?? -1)]));
    },
    async upload(file, object) {
      await bucket.upload(file, { destination: object, resumable: true });
    },
    async save(object, contents, contentType) {
      await bucket.file(object).save(contents, { contentType, resumable: false });
    },
  };
}

/**
 * The real bucket with Application Default Credentials. Loaded on demand so that offline commands never
 * load the SDK.
 */
export async function connectBucket(project: string, bucket: string): Promise<ObjectStore> {
  const { Storage } = await import('@google-cloud/storage');
  return objectStoreOf(new Storage({ projectId: project }).bucket(bucket));
}
