import type { Command } from 'commander';
import { githubTarget, LabsError, type GithubTarget } from '@labs/config';
import { Deployer } from '../cloud/deployer';
import { print, printJson } from '../output';
import { projectConfig } from '../repo';
import { askConsent } from './consent';

interface BootstrapOptions {
  cloud: string;
  destroy?: boolean;
  githubRepo?: string;
  githubBranch?: string;
  githubRepoId?: string;
  yes?: boolean;
  json?: boolean;
}

/** The checked `--github-repo`/`--github-branch`/`--github-repo-id` of a deploy, or none. */
function githubOption(options: BootstrapOptions): GithubTarget | undefined {
  if (options.githubBranch !== undefined && options.githubRepo === undefined) {
    throw new LabsError(`--github-branch "${options.githubBranch}" needs --github-repo owner/name`);
  }
  if (options.githubRepoId !== undefined && options.githubRepo === undefined) {
    throw new LabsError(`--github-repo-id "${options.githubRepoId}" needs --github-repo owner/name`);
  }
  if (options.githubRepo === undefined) return undefined;
  if (options.destroy) throw new LabsError('--github-repo deploys the foundation; it cannot be combined with --destroy');
  if (options.githubRepoId !== undefined && options.cloud === 'aws') {
    throw new LabsError(
      '--github-repo-id is checked by Google only: AWS evaluates no custom claims of GitHub tokens (use it with --cloud gcp)',
    );
  }
  return githubTarget(options.githubRepo, options.githubBranch, options.githubRepoId);
}

/** The consent line of one GitHub deploy identity. */
function githubConsent(cloud: string, github: GithubTarget): string {
  const identity = cloud === 'aws' ? 'the role labs-github-deploy-<region>' : 'the service account labs-ci-deploy';
  const id = github.repositoryId ? ` (repository id ${github.repositoryId})` : '';
  return `GitHub Actions workflows of ${github.repository}${id} on branch ${github.branch} will deploy lab environments without keys, as ${identity}`;
}

/**
 * `labs bootstrap --cloud aws|gcp [--destroy] [--github-repo owner/name [--github-branch main]]`: the
 * permanent foundation stack of one cloud.
 */
export function registerBootstrap(program: Command): void {
  program
    .command('bootstrap')
    .description(
      'deploy (or remove) the permanent foundation stack of one cloud (AWS: network, deployment and expiry roles; GCP: APIs, state bucket, federation) and say which Pulumi backend the GCP environments use',
    )
    .requiredOption('--cloud <cloud>', 'aws or gcp')
    .option('--destroy', 'remove the foundation instead')
    .option(
      '--github-repo <owner/name>',
      'let GitHub Actions workflows of this repository deploy without keys (GCP records it and keeps it on later bootstraps; AWS needs it on every bootstrap)',
    )
    .option('--github-branch <branch>', 'the only branch whose workflows may deploy (default: main)')
    .option(
      '--github-repo-id <id>',
      "GCP only: also require the repository's numeric id (gh api repos/OWNER/NAME --jq .id), so that a repository later created under the same name is refused",
    )
    .option('--yes', 'do not ask for consent')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: BootstrapOptions) => {
      if (options.cloud !== 'aws' && options.cloud !== 'gcp')
        throw new LabsError(`invalid --cloud "${options.cloud}": expected aws or gcp`);
      const github = githubOption(options);
      await askConsent(
        [
          options.destroy
            ? `labs bootstrap: removes the ${options.cloud.toUpperCase()} foundation stack labs-foundation (bring every environment down first)`
            : options.cloud === 'aws'
              ? 'labs bootstrap: deploys labs-foundation on AWS: a VPC with one NAT gateway (~$0.045/h + data), flow logs, the deployment and expiry roles and the scheduler group'
              : 'labs bootstrap: deploys labs-foundation on GCP: enables the lab APIs and creates the Pulumi state bucket <project>-labs-state (storage cost only); from nothing, its own state starts in .labs/ and then moves into that bucket',
          ...(github ? [githubConsent(options.cloud, github)] : []),
        ],
        options,
      );
      const result = await new Deployer(projectConfig()).foundation(options.cloud, Boolean(options.destroy), github);
      if (options.json)
        printJson({
          cloud: options.cloud,
          ok: result.ok,
          message: result.message,
          ...(result.backend ? { backend: result.backend } : {}),
          ...(result.kept ? { kept: result.kept } : {}),
        });
      else {
        print(result.ok ? result.message : `FAILED: ${result.message}`);
        for (const line of result.kept ?? []) print(`  kept: ${line}`);
      }
      if (!result.ok) process.exitCode = 1;
    });
}
