export { TeradataTranslator, type StatementTranslation, type TranslatorOptions } from './translate';
export type { SqlEngineName } from './sql-engine';
export { splitStatements, type ScriptStatement } from './split-statements';
export { formatScript, toJsonRecords } from './format-output';
export { buildSchemaFile, type SchemaFile, type SchemaFileOptions, type SchemaFileTable, type SchemaFileColumn } from './schema-file';
export { transpileWithPolyglotAlone } from './polyglot';
export { GUIDE_EXAMPLES, type GuideExample } from './guide-examples';
export { roundTripWithoutRewrites } from './round-trip';
export {
  translateWithService,
  parseGcsFolder,
  googleHttpClient,
  type HttpClient,
  type ServiceTranslationOptions,
} from './migration-service';
export {
  TERADATA_LAB_ID,
  SOURCE_DATABASE,
  GUEST_ATTRIBUTE_NAMESPACE,
  TERADATA_LAB_LOCATION,
  SCHEMA_FILE_OBJECT,
  MEDIA_PREFIX,
  datasetIdFor,
  resourceBaseFor,
  stagingBucketFor,
  passwordSecretIdFor,
  passwordSecretVersionFor,
  TPCH_DDL_FILE,
  TPCH_QUERIES_FILE,
  TPCH_TABLES,
  ROW_COUNTS_QUERY,
  readLabFile,
  terminatedStatements,
  namedQueries,
  rowCountsFrom,
  sourceVmStartupScript,
  checkTeradataMedia,
  SOURCE_VM_STEPS,
  type NamedQuery,
  type SourceVmScriptOptions,
  type SourceVmStatus,
  type TeradataMedia,
} from './lab';
export {
  agentConfiguration,
  agentIdFor,
  transferConfiguration,
  agentCredentialsFile,
  agentSystemdUnit,
  agentFiles,
  AGENT_PATHS,
  type AgentSettings,
  type MigrationAgentConfig,
  type AgentCredentials,
  type AgentPaths,
  type AgentFiles,
  type AgentFilesOptions,
} from './agent';
