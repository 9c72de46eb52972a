import { LabsError } from '@labs/config';

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_OR_TABLE = /^[A-Za-z0-9_]{1,1024}$/;

/** A fully qualified BigQuery table or model: `project.dataset.name`, each part validated. */
export interface TableRef {
  readonly project: string;
  readonly dataset: string;
  readonly name: string;
}

/** Checks a Google Cloud project id (6–30 lowercase letters, digits and hyphens, starting with a letter). */
export function validateProjectId(id: string): string {
  if (!PROJECT_ID.test(id)) {
    throw new LabsError(
      `invalid project id "${id}": use 6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
    );
  }
  return id;
}

/** Checks a dataset, table or model name: letters, digits and underscores only. */
export function validateName(kind: 'dataset' | 'table' | 'model', name: string): string {
  if (!DATASET_OR_TABLE.test(name)) {
    throw new LabsError(`invalid ${kind} name "${name}": use 1-1024 letters, digits and underscores (A-Z, a-z, 0-9, _)`);
  }
  return name;
}

/** Builds a validated table or model reference. */
export function tableRef(project: string, dataset: string, name: string, kind: 'table' | 'model' = 'table'): TableRef {
  return { project: validateProjectId(project), dataset: validateName('dataset', dataset), name: validateName(kind, name) };
}

/** Quotes a validated reference for SQL: `` `project.dataset.name` ``. */
export function quoted(ref: TableRef): string {
  return `\`${validateProjectId(ref.project)}.${validateName('dataset', ref.dataset)}.${validateName('table', ref.name)}\``;
}
