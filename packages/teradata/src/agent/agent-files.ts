import { agentConfiguration, type AgentSettings, type MigrationAgentConfig } from './agent-config';
import { agentCredentialsFile } from './credentials-file';
import { agentSystemdUnit, type AgentPaths } from './systemd-unit';

/** Where the source VM keeps the agent: files under /etc (read-only to it), work under /var/lib. */
export const AGENT_PATHS: AgentPaths = {
  configFile: '/etc/td2bq-agent/agent-config.json',
  credentialsFile: '/etc/td2bq-agent/credentials',
  workDir: '/var/lib/td2bq-agent',
  classPath: ['/opt/td2bq-agent/terajdbc4.jar', '/opt/td2bq-agent/mirroring-agent.jar'],
  user: 'td2bq-agent',
};

/** What the agent's files are generated from. */
export interface AgentFilesOptions extends Omit<AgentSettings, 'credentialsFilePath' | 'localProcessingSpace'> {
  /** Teradata user the agent logs on as. */
  readonly username: string;
  /** Secret Manager version of that user's password. */
  readonly secretResourceId: string;
}

/** The three files that let the agent run without prompts. */
export interface AgentFiles {
  readonly config: MigrationAgentConfig;
  /** `config` as the file's text. */
  readonly configText: string;
  readonly credentials: string;
  readonly unit: string;
}

/** The agent's configuration, credentials file and systemd unit, for the paths of {@link AGENT_PATHS}. */
export function agentFiles(options: AgentFilesOptions): AgentFiles {
  const { username, secretResourceId, ...settings } = options;
  const config = agentConfiguration({
    ...settings,
    credentialsFilePath: AGENT_PATHS.credentialsFile,
    localProcessingSpace: `${AGENT_PATHS.workDir}/extracted`,
  });
  const { id } = config['transfer-configuration'];
  return {
    config,
    configText: `${JSON.stringify(config, null, 2)}\n`,
    credentials: agentCredentialsFile({ username, secretResourceId }),
    unit: agentSystemdUnit(AGENT_PATHS, `BigQuery Data Transfer Service migration agent (Teradata to BigQuery, transfer ${id})`),
  };
}
