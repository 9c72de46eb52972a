import { createHash } from 'node:crypto';
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { createModelStatement, datasetIdFor, LAB_LOCATION, labSettings, runnerAccountIdFor, type ModelId } from '@labs/bigquery-ml';

/** Args of {@link BqmlClassification}. */
export interface BqmlClassificationArgs {
  /** The GCP project that holds the dataset and runs the jobs. */
  readonly project: string;
  /** Environment name: names the dataset (`ecommerce_<env>`) and the runner account (`bqml-<env>`). */
  readonly envName: string;
  /** Labels of the dataset and training jobs (`labs-lab`, `labs-env`, `labs-owner`, `labs-expires-at`). */
  readonly labels: Record<string, string>;
  /** Default expiration of tables and models in the dataset, in milliseconds (the environment's TTL). */
  readonly defaultTableExpirationMs: number;
  /** Ephemeral environment: `pulumi destroy` deletes the dataset with its models and tables. */
  readonly ephemeral: boolean;
  /** Train both models as BigQuery jobs during deployment. @default false (train with `labs run bqml-classification`) */
  readonly trainOnDeploy?: boolean;
  /** Dataset and job location; the public source data lives in the US multi-region. @default US */
  readonly location?: string;
  /**
   * Cloud KMS key that encrypts the dataset's tables and models (the foundation lets BigQuery use it).
   * @default Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /**
   * Members that may impersonate the runner (`roles/iam.serviceAccountTokenCreator` on it), e.g.
   * `user:alice@example.com`: `labs run` runs the lab as the runner, not with the caller's own rights.
   * @default nobody
   */
  readonly impersonators?: readonly string[];
}

/** The dataset's basic access entries BigQuery gives a new dataset; an explicit access list must repeat them. */
const DEFAULT_DATASET_ACCESS = [
  { role: 'OWNER', specialGroup: 'projectOwners' },
  { role: 'WRITER', specialGroup: 'projectWriters' },
  { role: 'READER', specialGroup: 'projectReaders' },
] as const;

/**
 * The BigQuery ML classification lab of one environment: the `ecommerce_<env>` dataset and a runner
 * service account that may run jobs in the project and edit this dataset only, and that the owner may
 * impersonate. Optionally trains the
 * lab's two `logistic_reg` models on deployment. APIs are enabled by the foundation stack, never here.
 */
export class BqmlClassification extends pulumi.ComponentResource {
  /** Dataset id, such as `ecommerce_alice`. */
  readonly datasetId: pulumi.Output<string>;
  /** Email of the runner service account. */
  readonly runnerServiceAccountEmail: pulumi.Output<string>;
  /** BigQuery job ids of the training jobs (empty unless `trainOnDeploy`). */
  readonly trainingJobIds: pulumi.Output<string[]>;
  /** The outputs the program exports as stack outputs. */
  readonly outputs: Record<string, pulumi.Output<unknown>>;

  constructor(name: string, args: BqmlClassificationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:BqmlClassification', name, {}, opts);
    const location = args.location ?? LAB_LOCATION;
    const datasetId = datasetIdFor(args.envName);

    const runner = new gcp.serviceaccount.Account(
      `${name}-runner`,
      {
        project: args.project,
        accountId: runnerAccountIdFor(args.envName),
        displayName: `labs bqml-classification runner (${args.envName})`,
        description: `Runs the BigQuery ML lab jobs of environment ${args.envName}; edits dataset ${datasetId} only`,
      },
      { parent: this },
    );
    const member = pulumi.interpolate`serviceAccount:${runner.email}`;

    // The runner's write access is an entry of the dataset's own access list, not a DatasetIamMember
    // beside it: every update of the dataset (labels, expiration: every `labs extend`) rewrites that list
    // and would drop a grant made outside it. WRITER is the basic role of roles/bigquery.dataEditor.
    const dataset = new gcp.bigquery.Dataset(
      `${name}-dataset`,
      {
        project: args.project,
        datasetId,
        friendlyName: `ecommerce (${args.envName})`,
        description: 'BigQuery ML classification lab: models that predict who buys on a return visit',
        location,
        defaultTableExpirationMs: args.defaultTableExpirationMs,
        labels: args.labels,
        deleteContentsOnDestroy: args.ephemeral,
        accesses: [...DEFAULT_DATASET_ACCESS, { role: 'WRITER', userByEmail: runner.email }],
        ...(args.kmsKeyName ? { defaultEncryptionConfiguration: { kmsKeyName: args.kmsKeyName } } : {}),
      },
      { parent: this },
    );

    new gcp.projects.IAMMember(
      `${name}-runner-job-user`,
      { project: args.project, role: 'roles/bigquery.jobUser', member },
      { parent: this },
    );
    (args.impersonators ?? []).forEach((impersonator, index) => {
      new gcp.serviceaccount.IAMMember(
        `${name}-runner-impersonator-${index + 1}`,
        { serviceAccountId: runner.name, role: 'roles/iam.serviceAccountTokenCreator', member: impersonator },
        { parent: this },
      );
    });

    const jobs = args.trainOnDeploy ? this.trainingJobs(name, args, location, dataset) : [];
    this.datasetId = dataset.datasetId;
    this.runnerServiceAccountEmail = runner.email;
    this.trainingJobIds = pulumi.all(jobs.map((job) => job.jobId));
    this.outputs = {
      datasetId: this.datasetId,
      runnerServiceAccountEmail: this.runnerServiceAccountEmail,
      trainingJobIds: this.trainingJobIds,
    };
    this.registerOutputs(this.outputs);
  }

  /**
   * One `CREATE OR REPLACE MODEL` job per model. BigQuery job ids are unique in a project for good, so
   * the id carries a hash of the statement and the labels (which hold the expiry): a re-created
   * environment, or a changed statement, gets a new job.
   */
  private trainingJobs(name: string, args: BqmlClassificationArgs, location: string, dataset: gcp.bigquery.Dataset): gcp.bigquery.Job[] {
    const settings = labSettings({ project: args.project, dataset: datasetIdFor(args.envName) });
    const models: ModelId[] = ['model-1', 'model-2'];
    return models.map((model) => {
      const { sql } = createModelStatement(settings, model);
      const digest = createHash('sha256').update(sql).update(JSON.stringify(args.labels)).digest('hex').slice(0, 12);
      return new gcp.bigquery.Job(
        `${name}-train-${model}`,
        {
          project: args.project,
          jobId: `labs_bqml_${args.envName.replace(/-/g, '_')}_train_${model.replace('-', '_')}_${digest}`,
          location,
          labels: args.labels,
          query: { query: sql, useLegacySql: false, createDisposition: '', writeDisposition: '' },
        },
        { parent: this, dependsOn: [dataset] },
      );
    });
  }
}
