import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { LabsError } from '@labs/config';
import { bucketNameFor, displayNameFor, IMAGE_METADATA_SCHEMA_URI, LAB_REGION, runnerAccountIdFor } from '@labs/vertex-automl';

const DAY_MS = 86_400_000;

/** An IAM principal from `user:…`/`group:…`/`serviceAccount:…`, or a bare email (taken as `user:`). */
function ownerPrincipal(owner: string): string {
  if (/^(user|group|serviceAccount):[^@\s]+@[^@\s]+$/.test(owner)) return owner;
  if (/^[^@\s:]+@[^@\s]+$/.test(owner)) return `user:${owner}`;
  throw new LabsError(`invalid owner "${owner}": use an email or user:/group:/serviceAccount:<email>`);
}

/** Args of {@link AutomlVision}. */
export interface AutomlVisionArgs {
  /** The GCP project that holds the bucket, the dataset and (at run time) the training pipeline and endpoint. */
  readonly project: string;
  /** Environment name: names the bucket (`<project>-vcm-<env>`), the dataset (`clouds-<env>`) and the runner (`vcm-<env>`). */
  readonly envName: string;
  /** Labels of the bucket and the dataset (`labs-lab`, `labs-env`, `labs-owner`, `labs-expires-at`); `labs run` copies them onto the pipeline, model and endpoint. */
  readonly labels: Record<string, string>;
  /** Time until the environment expires, in milliseconds: objects are deleted this many days (rounded up) after upload. */
  readonly ttlMs: number;
  /** Ephemeral environment: `pulumi destroy` deletes the bucket with its images, and deleted objects are not kept. @default true */
  readonly ephemeral?: boolean;
  /** Region of the bucket and the dataset; training and the endpoint run there too. @default us-central1 (the seed's) */
  readonly region?: string;
  /**
   * The environment's owner as an IAM principal (`user:alice@example.com`, `group:…`, `serviceAccount:…`),
   * allowed to impersonate the runner (`roles/iam.serviceAccountTokenCreator` on that account only).
   * @default nobody may impersonate it
   */
  readonly owner?: string;
}

/**
 * The AutoML Vision lab of one environment, on Vertex AI: the image bucket (the seed's `<project>-vcm`,
 * one per environment), the image dataset the lab imports into, and a runner service account that may
 * use Vertex AI in the project and write this bucket only. The Vertex AI service agent may read the
 * bucket (import reads the images as that agent). The training pipeline, the model and the endpoint are
 * created by `labs run automl-vision` with the same labels, and the endpoint is undeployed before the
 * stack is destroyed. APIs are enabled by the foundation stack, never here.
 */
export class AutomlVision extends pulumi.ComponentResource {
  /** Bucket name, such as `my-project-vcm-alice`. */
  readonly bucketName: pulumi.Output<string>;
  /** Dataset resource name, `projects/<number>/locations/us-central1/datasets/<id>`. */
  readonly datasetName: pulumi.Output<string>;
  /** Email of the runner service account. */
  readonly runnerServiceAccountEmail: pulumi.Output<string>;
  /** The outputs the program exports as stack outputs. */
  readonly outputs: Record<string, pulumi.Output<unknown>>;

  constructor(name: string, args: AutomlVisionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:AutomlVision', name, {}, opts);
    const region = args.region ?? LAB_REGION;
    const ephemeral = args.ephemeral ?? true;
    const project = args.project;

    const bucket = new gcp.storage.Bucket(
      `${name}-bucket`,
      {
        project,
        name: bucketNameFor(project, args.envName),
        location: region.toUpperCase(),
        storageClass: 'STANDARD',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        forceDestroy: ephemeral,
        labels: args.labels,
        lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: Math.max(1, Math.ceil(args.ttlMs / DAY_MS)) } }],
        ...(ephemeral ? { softDeletePolicy: { retentionDurationSeconds: 0 } } : {}),
      },
      { parent: this },
    );

    const dataset = new gcp.vertex.AiDataset(
      `${name}-dataset`,
      { project, region, displayName: displayNameFor(args.envName), metadataSchemaUri: IMAGE_METADATA_SCHEMA_URI, labels: args.labels },
      { parent: this },
    );

    const runner = new gcp.serviceaccount.Account(
      `${name}-runner`,
      {
        project,
        accountId: runnerAccountIdFor(args.envName),
        displayName: `labs automl-vision runner (${args.envName})`,
        description: `Runs the AutoML Vision lab of environment ${args.envName}: writes bucket ${bucketNameFor(project, args.envName)}, uses Vertex AI`,
      },
      { parent: this },
    );
    const member = pulumi.interpolate`serviceAccount:${runner.email}`;

    // Vertex AI has no per-dataset or per-endpoint roles: aiplatform.user is the narrowest predefined
    // role that imports, trains, deploys, predicts and undeploys (no IAM, no other service's data).
    new gcp.projects.IAMMember(`${name}-runner-vertex-user`, { project, role: 'roles/aiplatform.user', member }, { parent: this });
    new gcp.storage.BucketIAMMember(
      `${name}-runner-objects`,
      { bucket: bucket.name, role: 'roles/storage.objectAdmin', member },
      { parent: this },
    );

    // The import reads the images and data.csv as the Vertex AI service agent, which needs read access
    // to the bucket; declaring its identity also creates the agent on a project that has none yet.
    const agent = new gcp.projects.ServiceIdentity(
      `${name}-vertex-agent`,
      { project, service: 'aiplatform.googleapis.com' },
      { parent: this },
    );
    new gcp.storage.BucketIAMMember(
      `${name}-vertex-agent-reader`,
      { bucket: bucket.name, role: 'roles/storage.objectViewer', member: pulumi.interpolate`serviceAccount:${agent.email}` },
      { parent: this },
    );

    if (args.owner !== undefined) {
      new gcp.serviceaccount.IAMMember(
        `${name}-owner-impersonates-runner`,
        { serviceAccountId: runner.name, role: 'roles/iam.serviceAccountTokenCreator', member: ownerPrincipal(args.owner) },
        { parent: this },
      );
    }

    this.bucketName = bucket.name;
    this.datasetName = dataset.name;
    this.runnerServiceAccountEmail = runner.email;
    this.outputs = {
      bucketName: this.bucketName,
      datasetName: this.datasetName,
      runnerServiceAccountEmail: this.runnerServiceAccountEmail,
    };
    this.registerOutputs(this.outputs);
  }
}
