export { TeradataTranslator, type StatementTranslation } from './translate';
export { splitStatements, type ScriptStatement } from './split-statements';
export { formatScript, toJsonRecords } from './format-output';
export { buildSchemaFile, type SchemaFile, type SchemaFileOptions, type SchemaFileTable, type SchemaFileColumn } from './schema-file';
export { transpileWithPolyglotAlone } from './polyglot';
export { roundTripWithoutRewrites } from './round-trip';
export {
  translateWithService,
  workflowRequest,
  parseGcsFolder,
  googleHttpClient,
  type HttpClient,
  type ServiceTranslationOptions,
} from './migration-service';
