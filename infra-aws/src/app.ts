import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { FOUNDATION_STACK, labsOf, LabsError, stackName, type Environment } from '@labs/config';
import { FoundationStack } from './stacks/foundation-stack';
import { LAB_STACKS } from './stacks';

/** One environment to synthesize. */
export interface EnvironmentTarget {
  readonly labEnvironment: Environment;
  readonly owner: string;
  readonly expiresAt: Date;
}

/** What {@link buildApp} puts in the app. */
export interface BuildAppOptions {
  /** Cloud assembly directory. @default CDK's default (`cdk.out`, or `CDK_OUTDIR` when run by the CLI) */
  readonly outdir?: string;
  /** Include the foundation stack. @default false */
  readonly foundation?: boolean;
  /** Environment stacks to include. @default none */
  readonly environments?: readonly EnvironmentTarget[];
  /** Run the cdk-nag packs (AwsSolutions, NIST 800-53 R5). @default true */
  readonly nag?: boolean;
}

/** The AWS labs that have a stack. */
export function awsLabsWithStacks(): string[] {
  return labsOf('aws')
    .map((lab) => lab.id)
    .filter((id) => LAB_STACKS[id]);
}

/** Builds the CDK app: the foundation and/or environment stacks, with the cdk-nag packs as validations. */
export function buildApp(options: BuildAppOptions): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  if (options.foundation) new FoundationStack(app, FOUNDATION_STACK);
  for (const target of options.environments ?? []) {
    const factory = LAB_STACKS[target.labEnvironment.lab.id];
    if (!factory)
      throw new LabsError(
        `lab "${target.labEnvironment.lab.id}" has no AWS stack; AWS labs with stacks: ${awsLabsWithStacks().join(', ') || 'none'}`,
      );
    factory(app, stackName(target.labEnvironment), target);
  }
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    Validations.of(app).acknowledge({
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'CDK grants write least-privilege policies inline on the one role they serve; no policy is shared between principals, so a managed policy would add nothing.',
    });
  }
  return app;
}
