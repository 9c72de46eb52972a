import { LabsError } from './errors';

/** GitHub Actions' OIDC token issuer (the `iss` of every workflow token), as a host: AWS names its condition keys by it. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';

/** The issuer's URL, as OIDC providers are registered and Google's providers name it. */
export const GITHUB_OIDC_ISSUER_URL = `https://${GITHUB_OIDC_ISSUER}`;

/** The repository and branch whose GitHub Actions workflows may deploy. */
export interface GithubTarget {
  /** `owner/name`. */
  readonly repository: string;
  /** A branch name (`main`), never a pattern. */
  readonly branch: string;
  /**
   * GitHub's numeric id of the repository (the token's `repository_id` claim). A name can be taken over
   * after a rename or deletion; the id cannot. Only Google's conditions can check it (AWS evaluates no
   * custom claims). @default not checked
   */
  readonly repositoryId?: string;
}

/** GitHub owners: 1–39 letters, digits and single inner hyphens; repository names: 1–100 letters, digits, `.`, `_`, `-`. */
const REPOSITORY = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** Branch names as git allows them, without what a pattern or a quoted string could misread (`*`, `"`, `\`, spaces). */
const BRANCH = /^[A-Za-z0-9._/-]{1,200}$/;

/** GitHub's repository ids: positive integers. */
const REPOSITORY_ID = /^[1-9][0-9]{0,19}$/;

/** Google's limit on a mapped `google.subject` (the token's `sub`). */
const MAX_SUBJECT_BYTES = 127;

/**
 * Checks a GitHub repository and branch before they reach a trust condition (AWS's `sub` condition and
 * Google's attribute condition quote them literally) and returns them. The token's subject,
 * `repo:<owner/name>:ref:refs/heads/<branch>`, must fit Google's 127 bytes, so one target serves both clouds.
 */
export function githubTarget(repository: string, branch = 'main', repositoryId?: string): GithubTarget {
  const [, name = ''] = repository.split('/');
  if (!REPOSITORY.test(repository) || name === '.' || name === '..') {
    throw new LabsError(`invalid GitHub repository "${repository}": expected owner/name (for example octo-org/labs)`);
  }
  if (!BRANCH.test(branch) || branch.includes('..') || branch.startsWith('/') || branch.endsWith('/') || branch.endsWith('.lock')) {
    throw new LabsError(`invalid GitHub branch "${branch}": expected a branch name (letters, digits, . _ - /), no wildcards`);
  }
  const subject = githubSubject({ repository, branch });
  if (Buffer.byteLength(subject) > MAX_SUBJECT_BYTES) {
    throw new LabsError(
      `GitHub repository and branch too long: the token subject "${subject}" has more than ${MAX_SUBJECT_BYTES} bytes, Google's limit`,
    );
  }
  if (repositoryId !== undefined && !REPOSITORY_ID.test(repositoryId)) {
    throw new LabsError(
      `invalid GitHub repository id "${repositoryId}": expected the repository's numeric id (gh api repos/${repository} --jq .id)`,
    );
  }
  return repositoryId === undefined ? { repository, branch } : { repository, branch, repositoryId };
}

/** The `sub` claim of a workflow token for a push to the branch. */
export function githubSubject(target: GithubTarget): string {
  return `repo:${target.repository}:ref:refs/heads/${target.branch}`;
}
