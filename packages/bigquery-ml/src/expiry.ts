/** A table or model of a dataset, with its expiration. */
export interface DatasetObject {
  readonly kind: 'table' | 'model';
  readonly id: string;
  /** When BigQuery deletes it; undefined when it never expires. */
  readonly expiresAt?: Date;
}

/** The part of BigQuery that moves expirations (the real client is wrapped by `bigQueryDatasetObjects`). */
export interface DatasetObjects {
  /** Every table and model of the dataset. */
  list(): Promise<DatasetObject[]>;
  /** Sets the expiration of one table or model. */
  setExpiration(object: DatasetObject, expiresAt: Date): Promise<void>;
}

/** What {@link moveExpiry} changed. */
export interface ExpiryMove {
  readonly moved: readonly DatasetObject[];
  readonly unchanged: readonly DatasetObject[];
}

/**
 * Moves the expiration of every table and model that already exists in a dataset to the environment's
 * new expiry. A dataset's default table expiration applies only to objects created after it changes, so
 * without this a model trained before `labs extend` would still vanish at the old time. Objects that
 * never expire get the expiry too: nothing outlives its environment.
 */
export async function moveExpiry(objects: DatasetObjects, expiresAt: Date): Promise<ExpiryMove> {
  const moved: DatasetObject[] = [];
  const unchanged: DatasetObject[] = [];
  for (const object of await objects.list()) {
    if (object.expiresAt?.getTime() === expiresAt.getTime()) {
      unchanged.push(object);
      continue;
    }
    await objects.setExpiration(object, expiresAt);
    moved.push(object);
  }
  return { moved, unchanged };
}
