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
}

/**
 * The BigQuery ML classification lab of one environment: the `ecommerce_<env>` dataset and a runner
 * service account that may run jobs in the project and edit this dataset only. Optionally trains the
 * lab's two `logistic_reg` models on deployment. APIs are enabled by the foundation stack, never here.
 */
export class BqmlClassification extends pulumi.ComponentResource {
  /** Dataset id, such as `ecommerce_alice`. */
  readonly datasetId: pulumi.Output<string>;
  /** Email of the runner service account. */
  readonly runnerServiceAccountEmail: pulumi.Output<string>;
  /** BigQuery job ids of the training jobs (empty unless `trainOnDeploy`). */
  readonly trainingJobIds: pulumi.Output<string[]>;

  constructor(name: string, args: BqmlClassificationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:BqmlClassification', name, {}, opts);
    const location = args.location ?? LAB_LOCATION;
    const datasetId = datasetIdFor(args.envName);

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
      },
      { parent: this },
    );

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

    new gcp.projects.IAMMember(
      `${name}-runner-job-user`,
      { project: args.project, role: 'roles/bigquery.jobUser', member },
      { parent: this },
    );
    new gcp.bigquery.DatasetIamMember(
      `${name}-runner-data-editor`,
      { project: args.project, datasetId: dataset.datasetId, role: 'roles/bigquery.dataEditor', member },
      { parent: this },
    );

    const jobs = args.trainOnDeploy ? this.trainingJobs(name, args, location, dataset) : [];
    this.datasetId = dataset.datasetId;
    this.runnerServiceAccountEmail = runner.email;
    this.trainingJobIds = pulumi.all(jobs.map((job) => job.jobId));
    this.registerOutputs({
      datasetId: this.datasetId,
      runnerServiceAccountEmail: this.runnerServiceAccountEmail,
      trainingJobIds: this.trainingJobIds,
    });
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
