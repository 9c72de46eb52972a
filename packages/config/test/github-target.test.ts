import { githubSubject, githubTarget, LabsError } from '../src';

describe('githubTarget: the one repository and branch whose workflows may deploy, on both clouds', () => {
  it('accepts owner/name and a branch, main by default, and names the token subject both clouds compare', () => {
    expect(githubTarget('octo-org/labs')).toEqual({ repository: 'octo-org/labs', branch: 'main' });
    const target = githubTarget('o/my.repo_name-2', 'release/v1.2');
    expect(githubSubject(target)).toBe('repo:o/my.repo_name-2:ref:refs/heads/release/v1.2');
  });

  it.each([
    ['octo-org', 'an owner without a name'],
    ['-octo/labs', 'an owner starting with a hyphen'],
    ['octo--org/labs', 'an owner with a double hyphen'],
    [`${'o'.repeat(40)}/labs`, 'an owner over 39 characters'],
    ['octo-org/..', 'a name that is a path step'],
    ['octo-org/labs" || true || "', 'a name that would end the quoted condition'],
    ['octo-org/labs/extra', 'a third path segment'],
  ])('refuses repository %p (%s)', (repository) => {
    expect(() => githubTarget(repository)).toThrow(
      new LabsError(`invalid GitHub repository "${repository}": expected owner/name (for example octo-org/labs)`),
    );
  });

  it.each([
    ['feature/*', 'a wildcard'],
    ['main" || "', 'a quote'],
    ['a..b', 'two dots'],
    ['/main', 'a leading slash'],
    ['main/', 'a trailing slash'],
    ['topic.lock', 'a .lock suffix'],
    ['', 'nothing'],
  ])('refuses branch %p (%s)', (branch) => {
    expect(() => githubTarget('octo-org/labs', branch)).toThrow(
      new LabsError(`invalid GitHub branch "${branch}": expected a branch name (letters, digits, . _ - /), no wildcards`),
    );
  });

  it("takes the repository's numeric id when given, and refuses anything else", () => {
    expect(githubTarget('octo-org/labs', 'main', '123456789')).toEqual({
      repository: 'octo-org/labs',
      branch: 'main',
      repositoryId: '123456789',
    });
    for (const id of ['', '0', '042', '12a', '-1', '1 || true', '1'.repeat(21)]) {
      expect(() => githubTarget('octo-org/labs', 'main', id)).toThrow(
        new LabsError(`invalid GitHub repository id "${id}": expected the repository's numeric id (gh api repos/octo-org/labs --jq .id)`),
      );
    }
  });

  it("refuses a repository and branch whose token subject exceeds Google's 127 bytes, and accepts exactly 127", () => {
    const prefix = 'repo:octo-org/labs:ref:refs/heads/'.length;
    expect(githubSubject(githubTarget('octo-org/labs', 'b'.repeat(127 - prefix)))).toHaveLength(127);
    expect(() => githubTarget('octo-org/labs', 'b'.repeat(128 - prefix))).toThrow(/more than 127 bytes, Google's limit/);
  });
});
