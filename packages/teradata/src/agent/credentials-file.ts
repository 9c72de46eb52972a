import { LabsError } from '@labs/config';

/** What the agent's credentials file holds: the Teradata user and where its password lives. */
export interface AgentCredentials {
  /** Teradata user the agent logs on as. */
  readonly username: string;
  /** Secret Manager version holding the password: `projects/<project>/secrets/<secret>/versions/<n|latest>`. */
  readonly secretResourceId: string;
}

const SECRET_VERSION = /^projects\/[^/\s]+\/secrets\/[A-Za-z0-9_-]{1,255}\/versions\/(latest|[1-9]\d*)$/;
const USERNAME = /^[A-Za-z_$#][A-Za-z0-9_$#]{0,127}$/;

/**
 * The agent's credentials file (`database-credentials-file-path`): two lines, `username=` and
 * `secret_resource_id=`, the form the agent documents for Secret Manager. There is no way to put a
 * password in it: the agent reads the password from Secret Manager at logon, into memory only.
 */
export function agentCredentialsFile(credentials: AgentCredentials): string {
  if (!USERNAME.test(credentials.username)) {
    throw new LabsError(
      `invalid Teradata username "${credentials.username}": use letters, digits, _ $ # (not starting with a digit), at most 128`,
    );
  }
  if (!SECRET_VERSION.test(credentials.secretResourceId)) {
    throw new LabsError(
      `invalid secret resource id "${credentials.secretResourceId}": expected projects/<project>/secrets/<secret>/versions/<latest|number>`,
    );
  }
  return `username=${credentials.username}\nsecret_resource_id=${credentials.secretResourceId}\n`;
}
