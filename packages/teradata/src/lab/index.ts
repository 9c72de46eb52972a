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
} from './names';
export {
  TPCH_DDL_FILE,
  TPCH_QUERIES_FILE,
  TPCH_TABLES,
  ROW_COUNTS_QUERY,
  readLabFile,
  terminatedStatements,
  namedQueries,
  rowCountsFrom,
  type NamedQuery,
} from './material';
export {
  sourceVmStartupScript,
  checkTeradataMedia,
  SOURCE_VM_STEPS,
  type SourceVmScriptOptions,
  type SourceVmStatus,
  type TeradataMedia,
} from './startup-script';
