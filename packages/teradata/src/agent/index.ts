export { agentConfiguration, agentIdFor, transferConfiguration, type AgentSettings, type MigrationAgentConfig } from './agent-config';
export { agentCredentialsFile, type AgentCredentials } from './credentials-file';
export { agentSystemdUnit, type AgentPaths } from './systemd-unit';
export { agentFiles, AGENT_PATHS, type AgentFiles, type AgentFilesOptions } from './agent-files';
