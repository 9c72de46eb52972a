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
