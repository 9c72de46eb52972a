import { LabsError } from '@labs/config';
import { displayNameFor, SINGLE_LABEL_IMPORT_SCHEMA_URI } from './lab-settings';
import { displayNameFilter, ownResource, parentOf, type LabEvent, type LabTarget } from './lab-target';
import type { DatasetApi, VertexDataset } from './vertex-api';

/** The environment's dataset (created by the stack), found by display name and labels. */
export async function findDataset(datasets: DatasetApi, target: LabTarget): Promise<VertexDataset> {
  const found = await datasets.listDatasets({ parent: parentOf(target), filter: displayNameFilter(target.env) });
  const dataset = ownResource(found, target.env, 'dataset');
  if (!dataset) {
    throw new LabsError(
      `no Vertex AI dataset ${displayNameFor(target.env)} labelled for environment ${target.env} in ${parentOf(target)}; deploy it first with: labs up automl-vision --env ${target.env}`,
    );
  }
  return dataset;
}

/** What an import did. */
export interface ImportOutcome {
  readonly dataset: string;
  readonly skipped: boolean;
  readonly items: number;
}

/**
 * Imports `data.csv` into the dataset with the single-label import schema and waits for the operation
 * (8–12 minutes for the clouds set). Skipped when the dataset already holds at least `expectedItems`
 * images, so a second run does not import again.
 */
export async function importImages(
  datasets: DatasetApi,
  dataset: VertexDataset,
  csvUri: string,
  expectedItems: number,
  onEvent: (event: LabEvent) => void = () => undefined,
): Promise<ImportOutcome> {
  const items = Number(dataset.dataItemCount ?? 0);
  if (items >= expectedItems) {
    onEvent({ type: 'step', step: 'import', status: 'skipped', detail: `${dataset.name} already holds ${items} image(s)` });
    return { dataset: dataset.name, skipped: true, items };
  }
  const operation = await datasets.importData({
    name: dataset.name,
    importConfigs: [{ gcsSource: { uris: [csvUri] }, importSchemaUri: SINGLE_LABEL_IMPORT_SCHEMA_URI }],
  });
  onEvent({ type: 'operation', step: 'import', operation: operation.name });
  await operation.wait();
  const after = await datasets.getDataset({ name: dataset.name });
  return { dataset: dataset.name, skipped: false, items: Number(after.dataItemCount ?? 0) };
}
