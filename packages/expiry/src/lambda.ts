import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { STSClient } from '@aws-sdk/client-sts';
import { expire, type ExpiryEvent } from './expirer';

const deploymentRoleArn = process.env.DEPLOYMENT_ROLE_ARN;
if (!deploymentRoleArn) throw new Error('DEPLOYMENT_ROLE_ARN is not set');

/** The foundation's expirer Lambda (bundled by the CDK foundation stack), invoked by each expiry schedule. */
export const handler = (event: ExpiryEvent) =>
  expire(event, {
    cloudFormation: new CloudFormationClient({}),
    sts: new STSClient({}),
    cloudFormationAs: (credentials) => new CloudFormationClient({ credentials }),
    deploymentRoleArn,
    clock: () => new Date(),
    log: (line) => console.log(line),
  });
