import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

/** The APIs the labs use, enabled once per project by the foundation (never per environment). */
export const LAB_APIS = [
  'bigquery.googleapis.com',
  'bigquerydatatransfer.googleapis.com',
  'bigquerymigration.googleapis.com',
  'compute.googleapis.com',
  'storage.googleapis.com',
  'aiplatform.googleapis.com',
  'iam.googleapis.com',
  'iamcredentials.googleapis.com',
  'sts.googleapis.com',
] as const;

/** Args of {@link LabsFoundation}. */
export interface LabsFoundationArgs {
  /** The GCP project. */
  readonly project: string;
  /** Location of the Pulumi state bucket. @default US */
  readonly stateLocation?: string;
  /** Labels of the foundation's resources (no expiry: the foundation is permanent). */
  readonly labels: Record<string, string>;
  /**
   * AWS account allowed to federate into the project (AWS → GCP workload identity federation, OAuth 2.0
   * token exchange): lab code on AWS gets short-lived GCP tokens without any service-account key.
   * @default no AWS federation
   */
  readonly awsAccountId?: string;
}

/**
 * The permanent GCP foundation of one project (stack `labs-foundation`, never reaped): the enabled
 * APIs, the Pulumi state bucket, and optionally the workload identity pool for AWS federation.
 * Environments share all of it.
 */
export class LabsFoundation extends pulumi.ComponentResource {
  /** Name of the Pulumi state bucket (`gs://<name>` is the backend URL). */
  readonly stateBucketName: pulumi.Output<string>;
  /** Full name of the AWS workload identity provider, when configured. */
  readonly awsProviderName?: pulumi.Output<string>;

  constructor(name: string, args: LabsFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('labs:gcp:LabsFoundation', name, {}, opts);
    const services = LAB_APIS.map(
      (service) =>
        new gcp.projects.Service(
          `${name}-${service.split('.')[0]}`,
          { project: args.project, service, disableOnDestroy: false, disableDependentServices: false },
          { parent: this },
        ),
    );
    const stateBucket = new gcp.storage.Bucket(
      `${name}-state`,
      {
        project: args.project,
        name: `${args.project}-labs-state`,
        location: args.stateLocation ?? 'US',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        lifecycleRules: [{ action: { type: 'Delete' }, condition: { numNewerVersions: 20, withState: 'ARCHIVED' } }],
        labels: args.labels,
        forceDestroy: false,
      },
      { parent: this, dependsOn: services, protect: true },
    );
    this.stateBucketName = stateBucket.name;
    if (args.awsAccountId) {
      const pool = new gcp.iam.WorkloadIdentityPool(
        `${name}-aws-pool`,
        {
          project: args.project,
          workloadIdentityPoolId: 'labs-aws',
          displayName: 'labs: AWS federation',
          description: 'Short-lived GCP tokens for lab code running on AWS (no keys)',
        },
        { parent: this, dependsOn: services },
      );
      const provider = new gcp.iam.WorkloadIdentityPoolProvider(
        `${name}-aws-provider`,
        {
          project: args.project,
          workloadIdentityPoolId: pool.workloadIdentityPoolId,
          workloadIdentityPoolProviderId: 'aws',
          displayName: 'AWS account',
          aws: { accountId: args.awsAccountId },
          attributeMapping: {
            'google.subject': 'assertion.arn',
            'attribute.aws_role': 'assertion.arn.extract("assumed-role/{role}/")',
          },
          attributeCondition: `assertion.arn.startsWith("arn:aws:sts::${args.awsAccountId}:assumed-role/labs-")`,
        },
        { parent: this },
      );
      this.awsProviderName = provider.name;
    }
    this.registerOutputs({ stateBucketName: this.stateBucketName, awsProviderName: this.awsProviderName });
  }
}
