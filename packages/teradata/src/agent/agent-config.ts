import { createHash } from 'node:crypto';
import { LabsError } from '@labs/config';

/**
 * The migration agent's configuration file, as `mirroring-agent.jar --initialize` writes it and
 * `--configuration-file=` reads it (fields as the BigQuery Data Transfer Service documents them in
 * "Migrate schema and data from Teradata", section "Configuration file for the migration agent").
 */
export interface MigrationAgentConfig {
  readonly 'agent-id': string;
  readonly 'transfer-configuration': { readonly 'project-id': string; readonly location: string; readonly id: string };
  readonly 'source-type': 'teradata';
  readonly 'console-log': boolean;
  readonly silent: boolean;
  readonly 'teradata-config': {
    readonly connection: { readonly host: string; readonly port: number };
    readonly 'local-processing-space': string;
    readonly 'database-credentials-file-path': string;
    readonly 'max-local-storage': string;
    readonly 'gcs-upload-chunk-size': string;
    readonly 'use-tpt': boolean;
    readonly 'transfer-views': boolean;
    readonly 'max-sessions': number;
    readonly 'spool-mode': 'NoSpool' | 'Spool';
    readonly 'max-parallel-upload': number;
    readonly 'max-parallel-extract-threads': number;
    readonly 'session-charset': string;
    readonly 'max-unload-file-size': string;
  };
}

/** Typed settings the agent configuration is generated from. */
export interface AgentSettings {
  /** Resource name of the transfer config: `projects/<project>/locations/<location>/transferConfigs/<id>`. */
  readonly transferConfigName: string;
  /** Where the agent reads its credentials file (username and Secret Manager secret id, never a password). */
  readonly credentialsFilePath: string;
  /** Extraction folder, before upload to Cloud Storage. */
  readonly localProcessingSpace: string;
  /** Teradata host as the agent reaches it. @default localhost (the agent runs on the source VM) */
  readonly host?: string;
  /** Teradata port. @default 1025 */
  readonly port?: number;
  /**
   * Extract with Teradata Parallel Transporter. @default false: with TPT the agent writes a script holding
   * the Teradata username and password in clear into the extraction folder (its documentation warns of
   * it), which this lab never allows; JDBC FastExport reads the password from Secret Manager into memory.
   */
  readonly useTpt?: false;
  /** Largest local extraction space, `<n>KB|MB|GB|TB`. @default 50GB */
  readonly maxLocalStorage?: string;
  /** Cloud Storage upload chunk size. @default 32MB */
  readonly gcsUploadChunkSize?: string;
  /** Upload threads. @default 4 (the source VM's vCPUs) */
  readonly maxParallelUpload?: number;
  /** FastExport extraction threads. @default 1 */
  readonly maxParallelExtractThreads?: number;
  /** Teradata sessions per extract job; 0 lets Teradata decide. @default 0 */
  readonly maxSessions?: number;
  /** Largest extracted file. @default 2GB */
  readonly maxUnloadFileSize?: string;
}

const TRANSFER_CONFIG_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/transferConfigs\/([^/]+)$/;
const SIZE = /^\d+(KB|MB|GB|TB)$/;

/** Splits a transfer config resource name into the agent's `transfer-configuration` block. */
export function transferConfiguration(name: string): MigrationAgentConfig['transfer-configuration'] {
  const match = TRANSFER_CONFIG_NAME.exec(name);
  if (!match) {
    throw new LabsError(`invalid transfer config name "${name}": expected projects/<project>/locations/<location>/transferConfigs/<id>`);
  }
  return { 'project-id': match[1]!, location: match[2]!, id: match[3]! };
}

/**
 * The agent id `--initialize` would draw at random, derived from the transfer config instead (UUID
 * layout), so regenerating the files for the same transfer keeps the same agent.
 */
export function agentIdFor(transferConfigName: string): string {
  const hex = createHash('sha256').update(transferConfigName).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The agent's configuration file from typed settings: everything `--initialize` asks for interactively,
 * answered, with the agent's prompts off (`silent`) and its log on the console (captured by the journal).
 */
export function agentConfiguration(settings: AgentSettings): MigrationAgentConfig {
  const size = (value: string, field: string): string => {
    if (!SIZE.test(value))
      throw new LabsError(`invalid agent setting ${field} "${value}": use a number and KB, MB, GB or TB, such as 50GB`);
    return value;
  };
  const port = settings.port ?? 1025;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LabsError(`invalid Teradata port ${port}: use 1-65535`);
  return {
    'agent-id': agentIdFor(settings.transferConfigName),
    'transfer-configuration': transferConfiguration(settings.transferConfigName),
    'source-type': 'teradata',
    'console-log': true,
    silent: true,
    'teradata-config': {
      connection: { host: settings.host ?? 'localhost', port },
      'local-processing-space': settings.localProcessingSpace,
      'database-credentials-file-path': settings.credentialsFilePath,
      'max-local-storage': size(settings.maxLocalStorage ?? '50GB', 'maxLocalStorage'),
      'gcs-upload-chunk-size': size(settings.gcsUploadChunkSize ?? '32MB', 'gcsUploadChunkSize'),
      'use-tpt': settings.useTpt ?? false,
      'transfer-views': false,
      'max-sessions': settings.maxSessions ?? 0,
      'spool-mode': 'NoSpool',
      'max-parallel-upload': settings.maxParallelUpload ?? 4,
      'max-parallel-extract-threads': settings.maxParallelExtractThreads ?? 1,
      'session-charset': 'UTF8',
      'max-unload-file-size': size(settings.maxUnloadFileSize ?? '2GB', 'maxUnloadFileSize'),
    },
  };
}
